package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/export"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/outdir"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/schema"
)

const exportSynopsis = `juesuan export [--table T05|all] [--format csv|xlsx] [-o FILE|DIR] PDF-or-OUT...

Writes each table as printed (one row per printed row, one column per value
column; a first header row of the labels as printed, a second of the
stable keys), with the department, fiscal_year, unit and report_id of each
row so that several reports combine: every input's rows of a table go in
one sheet. An input is a PDF (converted in memory, nothing written under
OUT) or an OUT folder of juesuan convert (its Parquet read back, no second
conversion).

CSV: UTF-8 with a byte-order mark (Excel reads the Chinese), amounts as
decimals in the printed unit; one table to -o FILE or stdout, several to
-o DIR as T01.csv, T02.csv, …. XLSX: one workbook, a sheet per table,
amounts as numbers with two decimals, header rows frozen; -o FILE.xlsx.
The format follows -o's extension unless --format is given.`

func runExport(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	table := fs.String("table", "all", "the `table` to export: T01..T09 (B01..B13 in a budget), or all")
	format := fs.String("format", "", "`format`: csv or xlsx (by default from -o's extension, else csv)")
	out := fs.String("o", "", "output `path`: a file, or a folder for several CSV tables (by default stdout)")
	inputs, err := parseArgs(fs, args, stdout, exportSynopsis)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return usagef("export: give one or more PDFs or OUT folders")
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
	if f == "xlsx" && (*out == "" || *out == "-") && isTerminal(stdout) {
		return usagef("export: an XLSX workbook is not for the terminal: give -o FILE.xlsx")
	}

	reps, failed := loadForExport(ctx, inputs, stderr)
	sheets := export.Sheets(reps, ids...)
	if len(sheets) == 0 {
		what := "no table"
		if len(ids) > 0 {
			what = "no table " + ids[0]
		}
		return fmt.Errorf("export: %s found in %s", what, strings.Join(inputs, ", "))
	}
	if err := writeExport(f, *out, sheets, stdout); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if failed {
		return errSomeFailed
	}
	return nil
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

// loadForExport shapes every input; an input that cannot be read is named
// on stderr and the others are still exported.
func loadForExport(ctx context.Context, inputs []string, stderr io.Writer) (reps []shape.Report, failed bool) {
	for _, in := range inputs {
		got, err := loadInput(ctx, in)
		if err != nil {
			fmt.Fprintf(stderr, "juesuan: export: %v\n", err)
			failed = true
			continue
		}
		reps = append(reps, got...)
	}
	return reps, failed
}

// loadInput shapes one input: the reports of an OUT folder, or one PDF
// converted in memory.
func loadInput(ctx context.Context, path string) ([]shape.Report, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		rs, err := outdir.Read(path)
		if err != nil {
			return nil, err
		}
		out := make([]shape.Report, 0, len(rs))
		for _, r := range rs {
			if len(r.Items) > 0 {
				out = append(out, shape.FromLineItems(r.Meta, r.Items))
			}
		}
		return out, nil
	}
	res, err := convertOne(ctx, path)
	if err != nil {
		return nil, err
	}
	return []shape.Report{shape.FromConversion(res.Report, res.Tables, res.LineItems)}, nil
}

// convertOne runs the conversion of one PDF in memory; a report that did
// not convert is an error naming why.
func convertOne(ctx context.Context, path string) (*pipeline.Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	res := pipeline.Convert(ctx, data, path, pipeline.WithToolVersion(version))
	if res.Report.Status == schema.StatusFailed {
		return nil, fmt.Errorf("%s: %s", path, deref(res.Report.Error))
	}
	return res, nil
}

// writeExport writes the sheets: CSV to stdout, a file or a folder of
// files; XLSX as one workbook. Files are written whole or not at all.
func writeExport(format, out string, sheets []export.Sheet, stdout io.Writer) error {
	toStdout := out == "" || out == "-"
	if format == "xlsx" {
		var buf bytes.Buffer
		if err := export.WriteXLSX(&buf, sheets); err != nil {
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
			return export.WriteCSV(stdout, sheets[0])
		}
		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, sheets[0]); err != nil {
			return err
		}
		return schema.WriteFileAtomic(out, buf.Bytes())
	}
	if toStdout || strings.EqualFold(filepath.Ext(out), ".csv") {
		return usagef("export: %d tables make %d CSV files: give -o DIR (or --table, or --format xlsx)", len(sheets), len(sheets))
	}
	for _, s := range sheets {
		var buf bytes.Buffer
		if err := export.WriteCSV(&buf, s); err != nil {
			return err
		}
		if err := schema.WriteFileAtomic(filepath.Join(out, s.TableID+".csv"), buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
