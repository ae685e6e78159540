// Package pdfraw turns any PDF a reader can open into one that
// github.com/ledongthuc/pdf reads completely. TEMPORARY: owned by the pdfraw
// helper, who replaces this file.
package pdfraw

// Prepare returns data unchanged for now.
func Prepare(data []byte) ([]byte, error) { return data, nil }
