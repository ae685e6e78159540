// Package pipeline converts one PDF into the rows of the three datasets:
// bytes → extract (glyphs, lines) → tables (logical tables) → normalize
// (line items) → check (identities) → rows for schema.
package pipeline

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// Result is everything one PDF yields.
type Result struct {
	Report    schema.Report
	Tables    []tables.Table
	LineItems []schema.LineItem
	Checks    []schema.Check
	// Statements are the figures the report's text states (情况说明).
	Statements []schema.Statement
	Warnings   []string
	// Err is why a failed report failed, for errors.Is: wrapping
	// pdfraw.ErrTooLarge (the memory limit: a larger one may succeed),
	// context.Canceled or context.DeadlineExceeded (stopped), or the
	// pdfraw sentinels (not a PDF, password...). Nil unless failed.
	Err error
}

// ReportID is the lowercase hex SHA-256 of a file's bytes.
func ReportID(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Failed is the result for a file that could not be converted at all.
func Failed(reportID, sourcePath, toolVersion string, err error) *Result {
	msg := err.Error()
	res := &Result{Report: schema.Report{
		ReportID:    reportID,
		SourcePath:  sourcePath,
		DocKind:     schema.KindUnknown,
		Status:      schema.StatusFailed,
		Error:       &msg,
		ToolVersion: toolVersion,
	}, Err: err}
	newLedger(&res.Report)
	return res
}

// nameReport copies the report's department and source path into its
// checks rows, so that a query of failed checks needs no join.
func nameReport(cs []schema.Check, rep schema.Report) {
	for i := range cs {
		cs[i].Department, cs[i].SourcePath = rep.Department, rep.SourcePath
	}
}
