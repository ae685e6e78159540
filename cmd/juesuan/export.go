package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/export"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/outdir"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/quality"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/schema"
)

const exportSynopsis = `juesuan export [--table T05|all] [--format csv|xlsx] [--header keys|labels|both] [--ocr auto|never|always] [--lang zh|en] [-q] [--fail-on-checks] [-o FILE|DIR] PDF-or-FOLDER...

Writes each table as printed (one row per printed row, rows without
figures included; one column per value column, in print order; a
two-sided table's sections side by side as printed), with the
department, fiscal_year, unit and report_id of each row so that several
reports combine: every input's rows of a table go in one sheet. An input
is a PDF (converted in memory, nothing written), a folder of PDFs (every
*.pdf in it, recursively) or an OUT folder of juesuan convert (its
Parquet read back, no second conversion).

Every workbook has a quality sheet first (quality.csv beside the CSV
tables): for each report its status, every column of its reports row,
each table's pages and state (with data, printed without data and
whether its 本表无数据 note is printed, missing), and each failed check
with its page and sentence. stderr has one line for each input that is
partial or failed, adds no table, lacks a table or has failed checks.
Exit status as convert's: 0 every input converted, 1 one did not (or,
with --fail-on-checks, a check failed), 2 bad usage.

CSV: UTF-8 with a byte-order mark (Excel reads the Chinese), amounts as
decimals in the printed unit; by default two header rows (the labels as
printed, then the keys), --header keys or labels for one (DuckDB, pandas
and csvkit then type the columns); one table to -o FILE or stdout,
several to -o DIR as T01.csv, T02.csv, …. XLSX: one workbook, a sheet
per table, amounts as numbers shown #,##0.00, is_total a boolean, header
rows frozen, a code or figure that could not be read kept as printed in
a yellow cell with a comment; -o FILE.xlsx. The format follows -o's
extension unless --format is given.`

func runExport(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	table := fs.String("table", "all", "the `table` to export: T01..T09 (B01..B13 in a budget), or all")
	format := fs.String("format", "", "`format`: csv or xlsx (by default from -o's extension, else csv)")
	out := fs.String("o", "", "output `path`: a file, or a folder for several CSV tables (by default stdout)")
	header := fs.String("header", "both", "CSV header `rows`: keys (one row of stable keys, for DuckDB, pandas, csvkit), labels (one row as printed), or both")
	failOnChecks := fs.Bool("fail-on-checks", false, "exit 1 when any accounting check fails, even if every input converted")
	quiet := quietFlag(fs, "print only the inputs that are partial or failed, not those whose checks failed")
	lg := langFlag(fs)
	var ocrMode ocrFlag
	ocrMode.register(fs)
	inputs, err := parseArgs(fs, args, stdout, exportSynopsis)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usagef("export: give one or more PDFs, folders of PDFs or OUT folders")
	}
	var ids []string
	if t := strings.ToUpper(*table); t != "ALL" {
		if !isTableID(t) {
			return usagef("export: --table must be one of T01..T09, B01..B13 or all, not %q", *table)
		}
		ids = []string{t}
	}
	f, err := exportFormat(*format, *out)
	if err != nil {
		return err
	}
	ocrOpt, err := ocrMode.option("export")
	if err != nil {
		return err
	}
	hdr, err := export.ParseHeader(*header)
	if err != nil {
		return usagef("export: %v", err)
	}
	l, err := lg.get()
	if err != nil {
		return usagef("export: %v", err)
	}
	if f == "xlsx" && (*out == "" || *out == "-") && isTerminal(stdout) {
		return usagef("export: an XLSX workbook is not for the terminal: give -o FILE.xlsx")
	}

	reports, failed := loadForExport(ctx, inputs, stderr, ocrOpt)
	// In the order an OUT folder gives: the same sheets from the PDFs and
	// from their OUT folder, whatever the order the PDFs were named in.
	slices.SortStableFunc(reports, func(a, b loaded) int { return outdir.Compare(a.rep.Meta, b.rep.Meta) })
	reps := make([]shape.Report, len(reports))
	qs := make([]quality.Report, len(reports))
	checksFailed := 0
	for i, x := range reports {
		reps[i] = x.rep
		qs[i] = quality.Of(x.rep, quality.Localize(x.checks, l))
		checksFailed += len(qs[i].Failed)
		failed = failed || x.rep.Meta.Status != schema.StatusOK
	}
	reportQuality(stderr, qs, l, *quiet)
	sheets := export.Sheets(reps, ids...)
	if len(sheets) == 0 && failed && len(reports) == 0 {
		return errSomeFailed // every input could not be read, each named above
	}
	if len(sheets) == 0 {
		return fmt.Errorf("export: %s", nothingToExport(ids, qs, inputs))
	}
	if err := writeExport(f, *out, sheets, export.QualitySheet(qs, l), hdr, stdout); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	switch {
	case failed:
		return errSomeFailed
	case *failOnChecks && checksFailed > 0:
		return errChecksFailed{checksFailed}
	}
	return nil
}

// reportQuality writes one line on stderr per report a reader should know
// about: partial or failed, no table, a missing table or failed checks.
// With quiet, only the partial and failed ones (the exit status's).
func reportQuality(w io.Writer, qs []quality.Report, l lang.Lang, quiet bool) {
	words := quality.In(l)
	for _, q := range qs {
		if !q.Troubled() || quiet && q.Meta.Status == schema.StatusOK {
			continue
		}
		line := q.Meta.SourcePath + ": " + q.Status(words)
		if q.Meta.Error != nil {
			line += ": " + *q.Meta.Error
		}
		fmt.Fprintf(w, "juesuan: export: %s\n", line)
	}
}

// nothingToExport says why no sheet has rows: the table asked for is
// printed without data, or missing, or no table was found at all.
func nothingToExport(ids []string, qs []quality.Report, inputs []string) string {
	in := strings.Join(inputs, ", ")
	if len(ids) == 0 {
		return "no table with rows found in " + in
	}
	for _, q := range qs {
		for _, t := range q.Tables {
			if t.ID == ids[0] && t.State == quality.StateEmpty {
				return fmt.Sprintf("%s is printed without data (本表无数据) in %s: no rows to export", ids[0], in)
			}
		}
	}
	return fmt.Sprintf("no table %s found in %s", ids[0], in)
}

// exportFormat is --format, or the format -o's extension names, else csv.
func exportFormat(format, out string) (string, error) {
	switch strings.ToLower(format) {
	case "csv", "xlsx":
		return strings.ToLower(format), nil
	case "":
		if strings.EqualFold(filepath.Ext(out), ".xlsx") {
			return "xlsx", nil
		}
		return "csv", nil
	}
	return "", usagef("export: --format must be csv or xlsx, not %q", format)
}

// loaded is one report to export, with its checks.
type loaded struct {
	rep    shape.Report
	checks []schema.Check
}

// loadForExport shapes every input: the reports of an OUT folder, the PDFs
// of a folder of PDFs, a PDF. An input that cannot be read is named on
// stderr and the others are still exported; a PDF that did not convert
// is a failed report, listed in the quality sheet.
func loadForExport(ctx context.Context, inputs []string, stderr io.Writer, opts ...juesuan.Option) (reps []loaded, failed bool) {
	var pdfs []string
	flush := func() {
		reps = append(reps, convertAll(ctx, pdfs, opts...)...)
		pdfs = nil
	}
	for _, in := range inputs {
		fi, err := os.Stat(in)
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "juesuan: export: %v\n", err)
			failed = true
		case fi.IsDir() && outdir.Is(in):
			flush()
			got, err := loadOut(in)
			if err != nil {
				fmt.Fprintf(stderr, "juesuan: export: %v\n", err)
				failed = true
			}
			reps = append(reps, got...)
		case fi.IsDir():
			found, err := pdfsIn(in)
			if err != nil {
				fmt.Fprintf(stderr, "juesuan: export: %v\n", err)
				failed = true
			}
			if len(found) == 0 && err == nil {
				fmt.Fprintf(stderr, "juesuan: export: warning: %s holds no PDF and is not an OUT folder of juesuan convert\n", in)
			}
			pdfs = append(pdfs, found...)
		default:
			pdfs = append(pdfs, in)
		}
	}
	flush()
	return reps, failed
}

// loadOut shapes the reports of an OUT folder, those without a table
// included (their quality says so).
func loadOut(dir string) ([]loaded, error) {
	rs, err := outdir.Read(dir)
	if err != nil {
		return nil, err
	}
	out := make([]loaded, 0, len(rs))
	for _, r := range rs {
		out = append(out, loaded{shape.FromLineItems(r.Meta, r.Items), r.Checks})
	}
	return out, nil
}

// convertAll converts PDFs in memory, one per CPU at once, in the order
// given.
func convertAll(ctx context.Context, paths []string, opts ...juesuan.Option) []loaded {
	out := make([]loaded, len(paths))
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res := convertOne(ctx, p, opts...)
			out[i] = loaded{shape.FromConversion(res.Report, res.Tables, res.LineItems), res.Checks}
		}()
	}
	wg.Wait()
	return out
}

// pdfsIn lists the PDFs (*.pdf, any case) under dir, recursively, hidden
// folders left out, in name order.
func pdfsIn(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf") {
			found = append(found, p)
		}
		return nil
	})
	if err != nil {
		return found, fmt.Errorf("reading folder %s: %w", dir, err)
	}
	return found, nil
}

// convertOne runs the conversion of one PDF in memory; a file that
// cannot be read is a failed report naming why, as in convert.
func convertOne(ctx context.Context, path string, opts ...juesuan.Option) *juesuan.Result {
	data, err := os.ReadFile(path)
	if err != nil {
		return juesuan.Failed("", path, version, fmt.Errorf("reading the file: %w", err))
	}
	return juesuan.Convert(ctx, data, append([]juesuan.Option{juesuan.WithSourcePath(path), juesuan.WithToolVersion(version)}, opts...)...)
}

// writeExport writes the sheets: CSV to stdout, a file or a folder of
// files (quality.csv beside the tables); XLSX as one workbook, the quality
// sheet first. Files are written whole or not at all, a folder's as a set.
func writeExport(format, out string, sheets []export.Sheet, q export.Sheet, hdr export.Header, stdout io.Writer) error {
	toStdout := out == "" || out == "-"
	if format == "xlsx" {
		var buf bytes.Buffer
		if err := export.WriteXLSX(&buf, append([]export.Sheet{q}, sheets...)); err != nil {
			return err
		}
		if toStdout {
			_, err := stdout.Write(buf.Bytes())
			return err
		}
		return schema.WriteFileAtomic(out, buf.Bytes())
	}
	asDir := isDir(out) || strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator))
	if len(sheets) == 1 && !asDir {
		if toStdout {
			return export.WriteCSV(stdout, sheets[0], hdr)
		}
		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, sheets[0], hdr); err != nil {
			return err
		}
		return schema.WriteFileAtomic(out, buf.Bytes())
	}
	if toStdout || strings.EqualFold(filepath.Ext(out), ".csv") {
		return usagef("export: %d tables make %d CSV files: give -o DIR (or --table, or --format xlsx)", len(sheets), len(sheets))
	}
	// One set: every file is written and synced before any takes its
	// name, so a full disk leaves the folder as it was, not T01-T04 of
	// this export beside T05-T09 of an earlier one.
	var files []schema.File
	for _, s := range append(sheets, q) {
		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, s, hdr); err != nil {
			return err
		}
		files = append(files, schema.File{Path: filepath.Join(out, s.TableID+".csv"), Data: buf.Bytes()})
	}
	return schema.ReplaceFiles(files...)
}

// hasPDF reports whether dir holds a PDF, in any folder below it but the
// hidden ones; it stops at the first.
func hasPDF(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && p != dir && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".pdf"):
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
