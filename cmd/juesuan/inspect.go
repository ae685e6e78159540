package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/quality"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

const inspectSynopsis = `juesuan inspect [--table T02] [--format text|csv|json|html] [--checks all|failed|none] [--ocr auto|never|always] [--lang zh|en] [-o FILE] FILE.pdf

Prints the logical tables reconstructed from one PDF (all pages of a split
table joined), for a person to compare by eye with the PDF, and the
accounting checks that did not pass. --format html writes one
self-contained page (juesuan inspect --format html FILE.pdf > report.html):
the report's metadata, every table with its pages, the failed checks
marked in the cells they read, and the expenditure by 类 as a chart.`

func runInspect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	table := fs.String("table", "", "only this `table` (T01..T09, or B01..B13 in a budget)")
	format := fs.String("format", "text", "output `format`: text, csv, json or html")
	checks := fs.String("checks", "failed", "`which` checks to print after the tables (text format): all, failed or none")
	out := fs.String("o", "", "write to this `file` (written whole or not at all) instead of stdout")
	lg := langFlag(fs)
	var ocrMode ocrFlag
	ocrMode.register(fs)
	var lf logFlags
	lf.register(fs)
	files, err := parseArgs(fs, args, stdout, inspectSynopsis)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usagef("inspect: give exactly one FILE.pdf")
	}
	switch *format {
	case "text", "csv", "json", "html":
	default:
		return usagef("inspect: --format must be text, csv, json or html, not %q", *format)
	}
	switch *checks {
	case "all", "failed", "none":
	default:
		return usagef("inspect: --checks must be all, failed or none, not %q", *checks)
	}
	id := strings.ToUpper(*table)
	if id != "" && !isTableID(id) {
		return usagef("inspect: --table must be one of T01..T09 (final accounts) or B01..B13 (budgets), not %q", *table)
	}
	l, err := lg.get()
	if err != nil {
		return usagef("inspect: %v", err)
	}
	log, err := lf.newLogger(stderr, isTerminal(stderr))
	if err != nil {
		return err
	}

	data, err := os.ReadFile(files[0])
	if err != nil {
		return fmt.Errorf("inspect: %w", err)
	}
	ocrOpt, err := ocrMode.option("inspect")
	if err != nil {
		return err
	}
	res := juesuan.Convert(ctx, data, juesuan.WithSourcePath(files[0]), juesuan.WithToolVersion(version), ocrOpt)
	rep := res.Report
	for _, w := range res.Warnings {
		log.Warn().Str("path", files[0]).Msg(w)
	}
	shown, ledger := res.Tables, res.Ledger()
	if id != "" {
		shown, ledger = nil, res.Ledger(id)
		for _, t := range res.Tables {
			if t.ID == id {
				shown = append(shown, t)
			}
		}
	}

	w := stdout
	var buf bytes.Buffer
	if *out != "" && *out != "-" {
		w = &buf
	}
	switch *format {
	case "json":
		err = writeJSON(w, shape.FromConversion(rep, shown, res.LineItems), res.Checks)
	case "csv":
		err = writeCSV(w, rep, shown)
	case "html":
		err = writeHTML(w, res, shown, l)
	default:
		if l == lang.ZH {
			var text bytes.Buffer
			err = writeText(&text, rep, shown, ledger, quality.Localize(res.Checks, l), id, *checks, l)
			io.WriteString(w, localizeHeadings(text.String()))
		} else {
			err = writeText(w, rep, shown, ledger, quality.Localize(res.Checks, l), id, *checks, l)
		}
	}
	if err != nil {
		return fmt.Errorf("inspect: %w", err)
	}
	if w == &buf {
		if err := schema.WriteFileAtomic(*out, buf.Bytes()); err != nil {
			return fmt.Errorf("inspect: %w", err)
		}
	}
	if rep.Status == schema.StatusFailed {
		return fmt.Errorf("inspect: %s: %s", files[0], deref(rep.Error))
	}
	if id != "" && len(shown) == 0 {
		return fmt.Errorf("inspect: %s: no table %s found", files[0], id)
	}
	return nil
}

func isTableID(id string) bool {
	if len(id) != 3 {
		return false
	}
	if id[0] == 'B' { // budgets: B01..B13
		return (id[1] == '0' && id[2] >= '1' && id[2] <= '9') || (id[1] == '1' && id[2] >= '0' && id[2] <= '3')
	}
	return id[0] == 'T' && id[1] == '0' && id[2] >= '1' && id[2] <= '9'
}

func writeText(w io.Writer, rep schema.Report, ts []tables.Table, ledger juesuan.FigureLedger, cs []schema.Check, only, which string, l lang.Lang) error {
	if l == lang.ZH {
		fmt.Fprintf(w, "报告编号 %s\n", rep.ReportID)
		fmt.Fprintf(w, "来源文件 %s（%d 页）\n", rep.SourcePath, rep.Pages)
		fmt.Fprintf(w, "识别结果 %s %s，%s，单位 %s，%d 张表，状态 %s\n",
			deref(rep.Department), yearText(rep.FiscalYear), map[string]string{"final": "决算", "budget": "预算"}[rep.DocKind], deref(rep.Unit), rep.Tables,
			quality.In(l).Status(rep.Status))
		if rep.Error != nil {
			fmt.Fprintf(w, "问题     %s\n", *rep.Error)
		}
	} else {
		fmt.Fprintf(w, "report   %s\n", rep.ReportID)
		fmt.Fprintf(w, "source   %s (%d pages)\n", rep.SourcePath, rep.Pages)
		fmt.Fprintf(w, "found    %s %s, %s, unit %s, %d tables, status %s\n",
			deref(rep.Department), yearText(rep.FiscalYear), rep.DocKind, deref(rep.Unit), rep.Tables, rep.Status)
		if rep.Error != nil {
			fmt.Fprintf(w, "problem  %s\n", *rep.Error)
		}
	}
	writeLedger(w, ledger)
	for _, t := range ts {
		fmt.Fprintln(w)
		if err := tables.Render(w, t); err != nil {
			return err
		}
	}
	if which == "none" || len(cs) == 0 {
		return nil
	}
	if only != "" {
		var mine []schema.Check
		for _, c := range cs {
			if strings.Contains(c.CheckID, only) || namesTable(c, only) { // T02.row_sum, X.T01_T02_income, N.amount … vs T02
				mine = append(mine, c)
			}
		}
		cs = mine
	}
	fmt.Fprintln(w)
	pass, fail, skipped, info := check.Summary(cs)
	if which == "failed" && fail+skipped+info == 0 {
		_, err := fmt.Fprintf(w, "%d checks: all %d pass\n", len(cs), pass)
		return err
	}
	if err := check.Render(w, shortenNarrative(cs), which == "failed"); err != nil {
		return err
	}
	return writeNarrativeFailures(w, cs, l)
}

// writeCSV prints one line per value cell, the shape of line_items before
// normalization: what was printed, where, and in which report.
func writeCSV(w io.Writer, rep schema.Report, ts []tables.Table) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"table_id", "table_title", "page", "row_seq", "section", "line_no", "code", "item", "column_key", "column_label", "text",
		"department", "fiscal_year", "unit", "report_id", "column_seq"})
	dept, year, docUnit := "", "", ""
	if rep.Department != nil {
		dept = *rep.Department
	}
	if rep.FiscalYear != nil {
		year = fmt.Sprint(*rep.FiscalYear)
	}
	if rep.Unit != nil {
		docUnit = *rep.Unit
	}
	for _, t := range ts {
		unit := normalize.TableUnit(t, docUnit)
		for i, r := range t.Rows {
			for _, c := range r.Cells {
				cw.Write([]string{t.ID, t.Title, fmt.Sprint(r.Page), fmt.Sprint(i + 1), r.Section, r.LineNo,
					strings.Join(r.Code, " "), r.Item, c.Key, c.Label, c.Text, dept, year, unit, rep.ReportID,
					columnSeq(normalize.ColumnSeq(t.Columns, r.Section, c.Key))})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// columnSeq writes a column_seq, "" for none.
func columnSeq(seq int32) string {
	if seq == 0 {
		return ""
	}
	return fmt.Sprint(seq)
}

func yearText(y *int32) string {
	if y == nil {
		return "year ?"
	}
	return fmt.Sprintf("%d", *y)
}

func deref(s *string) string {
	if s == nil {
		return "?"
	}
	return *s
}
