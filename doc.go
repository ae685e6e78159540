// Package juesuan converts one Chinese government final-account report
// (部门决算) or budget report (部门预算), a PDF, into the rows of the four
// datasets of the juesuan command: reports, line_items, checks and
// statements (see the README). It is what `juesuan convert`, `inspect` and
// `export` run, for a Go program that wants the same result without the
// command: a scraper, a research pipeline, a web service.
//
//	res := juesuan.Convert(ctx, pdfBytes, juesuan.WithSourcePath("r.pdf"))
//	if res.Report.Status == schema.StatusFailed {
//		return res.Err
//	}
//	for _, it := range res.LineItems { … }
//
// # What a Result holds
//
// Convert (or ConvertReader) reads the PDF once: its text (or, with
// WithOCR, the scan's), the report's kind, department, year and unit, its
// logical tables, the line items of their cells, the accounting identities
// that tie them (checks), and the figures the report's text states
// (statements, with the checks of the text against the tables). A Result
// holds all of it:
//
//   - Report: the reports row: metadata, status, error, the counts of
//     tables, failed checks and the figure ledger's figures;
//   - Tables: the logical tables as printed (tables.Table: columns, rows,
//     cell texts, pages), the first printing of each;
//   - LineItems, Checks, Statements: the dataset rows;
//   - CheckCells: the cells each failed check read, for pointing at them;
//   - Ledger (a method): every figure printed in the tables, and each one
//     that landed in no cell or in two;
//   - Warnings: problems of the file that changed nothing read.
//
// Every figure is exact (integer hundredths of the printed unit, never a
// float): a number is what the PDF printed, or null where a cell could not
// be read.
//
// # How errors are reported
//
// Convert returns no error: each file yields a Result, as in a batch a
// broken file is one failed report among the others. Report.Status says
// how far to trust it:
//
//   - schema.StatusOK: every table found was read whole;
//   - schema.StatusPartial: something was read and something is missing or
//     doubtful (a damaged page, a cell that could not be parsed, a figure
//     in no cell, a table printed twice): Report.Error names each problem
//     and where to look;
//   - schema.StatusFailed: nothing was read; Report.Error says why in
//     words a user can act on ("not a PDF: download it again …"), and Err
//     is the same error for errors.Is: it wraps pdfraw.ErrTooLarge when the
//     memory limit was reached (a larger WithMemoryLimit may succeed),
//     context.Canceled or context.DeadlineExceeded when ctx ended it, or
//     the pdfraw sentinels (ErrNotPDF, ErrEmpty, ErrPasswordRequired,
//     ErrDamaged).
//
// A failed accounting identity is not an error of the conversion: it is a
// checks row with status fail (the report printed figures that do not add
// up), counted in Report.ChecksFailed.
//
// # Examples
//
// ExampleConvert converts fixtures/sample.pdf and prints its T05,
// ExampleConvert_lineItems iterates over the line items,
// ExampleConvert_failedChecks lists the failed checks with the cells they
// read, ExampleResult_Ledger counts the figures of the tables, and
// ExampleConvertReader shows the memory limit on a reader (file
// example_test.go; `go doc -http` shows them with their output, and
// `go test` runs them).
//
// # Limits
//
// One conversion uses at most the memory limit (WithMemoryLimit, default
// 512 MB): a decompression bomb fails quickly, never taking the memory.
// It stops within milliseconds when ctx is done, and starts no goroutine.
package juesuan
