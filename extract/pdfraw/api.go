// Package pdfraw turns any PDF a reader can open into one that
// github.com/ledongthuc/pdf reads completely.
//
// The library only accepts a clean classic file (1.0-1.7 header, correct
// xref, Flate/ASCII85 filters, 128-bit-or-less encryption) and re-decodes an
// object stream at every lookup. Prepare returns such files unchanged and
// rewrites every other one: it repairs the cross-reference data, expands
// object streams, decrypts (empty user password), decodes the filters the
// library lacks and writes a plain uncompressed-xref PDF.
package pdfraw

import (
	"errors"
)

// Sentinel errors; Prepare wraps them with context (match with errors.Is).
var (
	ErrEmpty            = errors.New("the file is empty")
	ErrNotPDF           = errors.New("not a PDF file")
	ErrPasswordRequired = errors.New("the PDF is protected by a user password; juesuan cannot read it without the password")
	ErrDamaged          = errors.New("the PDF is damaged beyond repair: no page tree found")
)

// Info describes what Prepare did.
type Info struct {
	Rewritten  bool     // the output differs from the input
	Repaired   bool     // the cross-reference data was rebuilt by scanning the file
	Truncated  bool     // the file ends early (missing %%EOF, stream cut short)
	Encryption string   // e.g. "AES-256 R6", "RC4 40-bit R2"; "" if not encrypted
	Filters    []string // stream filters decoded during the rewrite, sorted
	Warnings   []string // recoverable problems, for logs
}

// DefaultMaxStreamSize caps one decoded stream, so a decompression bomb fails
// instead of exhausting memory.
const DefaultMaxStreamSize = 256 << 20

type config struct {
	maxStream    int64
	forceRewrite bool
}

// Option configures Prepare.
type Option func(*config)

// WithMaxStreamSize sets the cap on one decoded stream (bytes).
func WithMaxStreamSize(n int64) Option { return func(c *config) { c.maxStream = n } }

// WithForceRewrite rewrites even a file the library could read as is.
func WithForceRewrite() Option { return func(c *config) { c.forceRewrite = true } }
