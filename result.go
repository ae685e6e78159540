package juesuan

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// Result is everything one PDF yields: the rows of the four datasets
// (Report, LineItems, Checks, Statements), the logical tables they were
// read from, and what a reader needs to check them against the PDF.
type Result struct {
	// Report is the reports row: metadata, status (ok, partial, failed)
	// and, unless ok, the error in words a user can act on.
	Report schema.Report
	// Tables are the logical tables found, the first printing of each
	// (T01…T09, or B01…B13 in a budget), each with its figure ledger.
	Tables []tables.Table
	// LineItems are the line_items rows: one per value cell, sorted.
	LineItems []schema.LineItem
	// Checks are the checks rows: the accounting identities, then (read by
	// OCR) the one-digit readings, then the checks of the report's text.
	Checks []schema.Check
	// CheckCells lists, for each failed check, the printed cells it read
	// (an identity's total and parts; the figure a sentence states):
	// CheckCells[i] belongs to Checks[i], nil for the other checks.
	CheckCells [][]check.CellRef
	// Statements are the figures the report's text states (情况说明).
	Statements []schema.Statement
	// Warnings are problems of the file that did not change what was read.
	Warnings []string
	// Err is why a failed report failed, for errors.Is: wrapping
	// pdfraw.ErrTooLarge (the memory limit: a larger one may succeed),
	// context.Canceled or context.DeadlineExceeded (stopped), or the
	// pdfraw sentinels (not a PDF, password...). Nil unless failed.
	Err error
}

// FigureLedger accounts for the figures printed in a report's tables:
// how many, and each that landed in no cell of the line items or in two.
// A report is partial when any is unplaced (reports.figures_printed and
// figures_unplaced count them).
type FigureLedger struct {
	Printed  int
	Unplaced []UnplacedFigure
}

// UnplacedFigure is a figure of table TableID that is not in exactly one
// cell, with where it is printed and why.
type UnplacedFigure struct {
	TableID string
	tables.Unplaced
}

// Ledger is the figure ledger of the tables of the Result, or of those
// whose ID is among ids.
func (r *Result) Ledger(ids ...string) FigureLedger {
	return ledgerOf(r.Tables, ids)
}

func ledgerOf(ts []tables.Table, ids []string) FigureLedger {
	var l FigureLedger
	for _, t := range ts {
		if len(ids) > 0 && !slices.Contains(ids, t.ID) {
			continue
		}
		l.Printed += t.Ledger.Printed
		for _, u := range t.Ledger.Unplaced {
			l.Unplaced = append(l.Unplaced, UnplacedFigure{t.ID, u})
		}
	}
	return l
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

// newLedger gives a report row its ledger columns, all zero, and the
// source of its text: every report has them, failed ones included.
func newLedger(r *schema.Report) {
	var printed, unplaced int32
	src := schema.TextSourceText
	r.FiguresPrinted, r.FiguresUnplaced, r.TextSource = &printed, &unplaced, &src
}
