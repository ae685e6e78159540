package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// runBin runs the juesuan binary itself (this test binary as main): its
// stdout, stderr and exit status, as a shell sees them.
func runBin(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := command(args...)
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// TestExportSaysWhatIsWrong: export tells on stderr, one line each, of the
// inputs a reader must know about, and exits as convert does.
func TestExportSaysWhatIsWrong(t *testing.T) {
	narrative := filepath.Join(fixtures, "sh2024_chromium_narrative.pdf") // 11 checks fail, T09 missing
	sample := filepath.Join(fixtures, "sample.pdf")                       // all well
	empty := filepath.Join(fixtures, "bad", "empty.pdf")                  // not a PDF: fails
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		lines []string // each on a stderr line of its own
	}{
		{"clean", []string{sample}, 0, nil},
		{"checks fail", []string{narrative}, 0, []string{narrative + ": ok · 11 checks failed · T09 missing"}},
		{"fail on checks", []string{"--fail-on-checks", narrative}, 1, []string{"11 checks failed · T09 missing", "juesuan: 11 accounting checks failed (--fail-on-checks)"}},
		{"quiet", []string{"-q", narrative, sample}, 0, nil},
		{"failed input", []string{narrative, empty, sample}, 1, []string{narrative + ": ok", empty + ": failed: "}},
		{"chinese", []string{"--lang", "zh", narrative}, 0, []string{narrative + ": 正常 · 11 项校验未通过 · 缺 T09"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".xlsx")
			_, stderr, code := runBin(t, []string{"LANG=C"}, append([]string{"export", "-o", out}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if stderr == "" {
				lines = nil
			}
			if len(lines) != len(tc.lines) {
				t.Errorf("stderr has %d lines, want %d:\n%s", len(lines), len(tc.lines), stderr)
			}
			for _, want := range tc.lines {
				if !strings.Contains(stderr, "juesuan: export: ") || !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if _, err := os.Stat(out); err != nil {
				t.Errorf("no workbook written: %v", err)
			}
		})
	}
}

// TestExportQualitySheet: the workbook's first sheet is the report's
// quality: its row, its tables (missing and empty ones too, with the
// 本表无数据 note) and its failed checks with page and sentence.
func TestExportQualitySheet(t *testing.T) {
	narrative := filepath.Join(fixtures, "sh2024_chromium_narrative.pdf")
	out := filepath.Join(t.TempDir(), "q.xlsx")
	if _, stderr, code := runBin(t, []string{"LANG=en_US.UTF-8"}, "export", "-o", out, narrative); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) < 2 || names[0] != "quality" {
		t.Fatalf("sheets %v, want quality first", names)
	}
	rows, err := f.GetRows("quality")
	if err != nil {
		t.Fatal(err)
	}
	keys := rows[1]
	col := func(k string) int { return column(t, keys, k) }
	facts := map[string][]string{} // kind/subject → row
	failedChecks := 0
	for _, r := range rows[2:] {
		r = append(r, make([]string, len(keys)-len(r))...)
		facts[r[col("kind")]+"/"+r[col("subject")]] = r
		if r[col("kind")] == "check" {
			failedChecks++
			if r[col("description")] == "" || r[col("location")] == "" {
				t.Errorf("a failed check without its description or location: %v", r)
			}
		}
	}
	for _, tc := range []struct{ fact, value string }{
		{"report/summary", "ok · 11 checks failed · T09 missing"},
		{"report/source_path", narrative},
		{"report/department", "上海市普陀区城市更新管理局"},
		{"report/fiscal_year", "2024"},
		{"report/status", "ok"},
		{"report/checks_failed", "11"},
		{"table/T09", "missing"},
		{"table/T01", "data, "},
	} {
		r, ok := facts[tc.fact]
		if !ok || !strings.HasPrefix(r[col("value")], tc.value) {
			t.Errorf("%s: %v, want value %q", tc.fact, r, tc.value)
		}
	}
	if failedChecks != 11 {
		t.Errorf("%d failed checks listed, want 11", failedChecks)
	}
	// A narrative check names its page and quotes its sentence.
	var quoted bool
	for _, r := range rows[2:] {
		if len(r) > col("location") && strings.HasPrefix(r[col("subject")], "N.") && r[col("page")] != "" && strings.Contains(r[col("location")], "“") {
			quoted = true
		}
	}
	if !quoted {
		t.Error("no narrative check with its page and sentence")
	}
}

// TestExportEmptyTablesNoted: a table printed without data has no sheet
// of its own but a line in the quality sheet saying whether its
// 本表无数据 note was printed, the same from the PDF and from OUT.
func TestExportEmptyTablesNoted(t *testing.T) {
	sample := filepath.Join(fixtures, "sample.pdf")
	dir := t.TempDir()
	if _, stderr, code := runBin(t, nil, "export", "--lang", "en", "-o", dir+"/", sample); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "quality.csv"))
	if err != nil {
		t.Fatal(err)
	}
	_, keys, rows := readCSV(t, data)
	for _, id := range []string{"T08", "T09"} {
		found := false
		for _, r := range rows {
			if r[column(t, keys, "subject")] == id {
				found = true
				if r[column(t, keys, "value")] != "printed without data (本表无数据 note printed)" || r[column(t, keys, "page")] == "" {
					t.Errorf("%s: %v", id, r)
				}
			}
		}
		if !found {
			t.Errorf("%s not in quality.csv", id)
		}
		if _, err := os.Stat(filepath.Join(dir, id+".csv")); err == nil {
			t.Errorf("%s.csv written for a table without data", id)
		}
	}
}

// TestExportFolderOfPDFs: export DIR reads every PDF in the folder; a
// report that adds no table is named on stderr; a folder without PDFs is
// warned about.
func TestExportFolderOfPDFs(t *testing.T) {
	needCorpus(t)
	pdfs := mustGlob(t, filepath.Join(corpus, "*.pdf"))
	out := filepath.Join(t.TempDir(), "all.xlsx")
	_, stderr, code := runBin(t, []string{"LANG=C"}, "export", "-o", out, corpus)
	if code != 1 { // r17 is partial
		t.Errorf("exit %d, want 1 (a partial report); stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"r17_putuo_welfarehome_2024_budget_unit.pdf: partial", "r21_js_npc_2019_budget.pdf: ok · no table found"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("quality")
	if err != nil || len(rows) < 3 {
		t.Fatalf("quality sheet: %d rows, %v", len(rows), err)
	}
	sources := map[string]bool{}
	for _, r := range rows[2:] {
		sources[r[column(t, rows[1], "source_path")]] = true
	}
	if len(sources) != len(pdfs) {
		t.Errorf("quality sheet names %d reports, the folder holds %d PDFs", len(sources), len(pdfs))
	}

	empty := t.TempDir()
	_, stderr, code = runBin(t, nil, "export", "-o", filepath.Join(t.TempDir(), "x.xlsx"), empty)
	if code != 1 || !strings.Contains(stderr, "warning: "+empty+" holds no PDF") {
		t.Errorf("a folder without PDFs: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestExportHeader: --header keys gives one header row of keys, so that
// DuckDB, pandas and csvkit type the columns; labels one row of labels.
func TestExportHeader(t *testing.T) {
	sample := filepath.Join(fixtures, "sample.pdf")
	for _, tc := range []struct{ header, first, second string }{
		{"keys", "code,item,total,basic,project", "208,"},
		{"labels", "科目编码,项目,合计,基本支出,项目支出", "208,"},
		{"both", "科目编码,项目,合计,基本支出,项目支出", "code,item,total"},
	} {
		stdout, stderr, code := runBin(t, nil, "export", "--table", "T05", "--header", tc.header, sample)
		if code != 0 {
			t.Fatalf("--header %s: exit %d: %s", tc.header, code, stderr)
		}
		lines := strings.Split(strings.TrimPrefix(stdout, "\ufeff"), "\n")
		if !strings.HasPrefix(lines[0], tc.first) || !strings.HasPrefix(lines[1], tc.second) {
			t.Errorf("--header %s: starts\n%s\n%s", tc.header, lines[0], lines[1])
		}
		if tc.header == "keys" {
			// Below the one header row every amount is a number or blank:
			// what a reader's type inference needs to make it a number.
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(stdout, "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"total", "basic", "project", "row_seq", "page", "fiscal_year"} {
				i := column(t, recs[0], k)
				for _, r := range recs[1:] {
					if _, err := strconv.ParseFloat(r[i], 64); err != nil && r[i] != "" {
						t.Errorf("--header keys: %s %q is not a number", k, r[i])
					}
				}
			}
		}
	}
	if _, stderr, code := runBin(t, nil, "export", "--header", "key", sample); code != 2 || !strings.Contains(stderr, "keys, labels or both") {
		t.Errorf("--header key: exit %d: %s", code, stderr)
	}
}

// TestExportKeepsUnreadCode: a code that could not be read (r17 prints
// 7 11 02 for 210 11 02) keeps what was printed, in a marked cell with a
// comment; the report is partial, exit 1.
func TestExportKeepsUnreadCode(t *testing.T) {
	needCorpus(t)
	pdf := filepath.Join(corpus, "r17_putuo_welfarehome_2024_budget_unit.pdf")
	stdout, _, code := runBin(t, nil, "export", "--table", "B03", "--header", "keys", pdf)
	if code != 1 || !strings.Contains(stdout, "\n7 11 02,事业单位医疗,") {
		t.Errorf("CSV: exit %d, want 1 and the code as printed:\n%.400s", code, stdout)
	}
	book := filepath.Join(t.TempDir(), "r17.xlsx")
	runBin(t, nil, "export", "--table", "B03", "-o", book, pdf)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[1]
	rows, _ := f.GetRows(sheet)
	var cell string
	for i, r := range rows {
		if len(r) > 0 && r[0] == "7 11 02" {
			cell = "A" + strconv.Itoa(i+1)
		}
	}
	if cell == "" {
		t.Fatal("the code as printed is not in the workbook")
	}
	style, _ := f.GetCellStyle(sheet, cell)
	if s, err := f.GetStyle(style); err != nil || s.Fill.Type != "pattern" || len(s.Fill.Color) == 0 {
		t.Errorf("%s is not marked: %+v (%v)", cell, s, err)
	}
	comments, _ := f.GetComments(sheet)
	if len(comments) != 1 || comments[0].Cell != cell || !strings.Contains(comments[0].Paragraph[0].Text, "could not be read") {
		t.Errorf("comments %+v, want one on %s", comments, cell)
	}
}

// TestExportTwoSidedAsPrinted: T06's personnel and public blocks side by
// side, the two totals on one line, labels unique.
func TestExportTwoSidedAsPrinted(t *testing.T) {
	stdout, stderr, code := runBin(t, nil, "export", "--table", "T06", filepath.Join(fixtures, "sample.pdf"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	labels, keys, rows := readCSV(t, []byte(stdout))
	seen := map[string]bool{}
	for _, l := range labels {
		if seen[l] {
			t.Errorf("label %q printed twice: %v", l, labels)
		}
		seen[l] = true
	}
	if !seen["人员经费/决算数"] || !seen["公用经费/决算数"] {
		t.Errorf("labels %v, want 人员经费/决算数 and 公用经费/决算数", labels)
	}
	last := rows[len(rows)-1]
	if last[column(t, keys, "personnel.item")] != "人员经费合计" || last[column(t, keys, "public.item")] != "公用经费合计" {
		t.Errorf("last line %v, want both totals side by side", last)
	}
	if rows[0][column(t, keys, "personnel.code")] == "" || rows[0][column(t, keys, "public.code")] == "" {
		t.Errorf("first line %v, want a row of each block", rows[0])
	}
}

// TestExportCorpusFromOutIsTheConversion: the corpus exported from its
// PDFs and from its OUT folder gives the same table files, columns in
// print order, byte for byte: only a code that could not be read differs
// (kept as printed from the PDF, null in the datasets).
func TestExportCorpusFromOutIsTheConversion(t *testing.T) {
	t.Parallel() // juesuan runs as a process of its own
	corpus := corpusDir(t)
	dir := t.TempDir()
	out, fromPDF, fromOut := filepath.Join(dir, "out"), filepath.Join(dir, "pdf")+"/", filepath.Join(dir, "fromout")+"/"
	runBin(t, nil, "convert", "-q", "-o", out, corpus)
	runBin(t, nil, "export", "-q", "-o", fromPDF, corpus)
	runBin(t, nil, "export", "-q", "-o", fromOut, out)
	names := mustGlob(t, filepath.Join(fromPDF, "*.csv"))
	if len(names) < 15 {
		t.Fatalf("%d files exported", len(names))
	}
	for _, p := range names {
		name := filepath.Base(p)
		if name == "quality.csv" {
			continue // from OUT an empty budget table's page is unknown
		}
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(fromOut, name))
		if err != nil {
			t.Errorf("%s not exported from OUT", name)
			continue
		}
		la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
		if len(la) != len(lb) {
			t.Errorf("%s: %d lines from the PDFs, %d from OUT", name, len(la), len(lb))
			continue
		}
		for i := range la {
			if la[i] != lb[i] && !(strings.HasPrefix(la[i], "7 11 02,") && "7 11 02"+lb[i] == la[i]) {
				t.Errorf("%s line %d:\n PDF %.200s\n OUT %.200s", name, i+1, la[i], lb[i])
			}
		}
	}
}

// TestExportRowsWithoutFigures: a template printed without a single
// figure (r05) keeps its printed rows, every amount blank, and its
// quality says that no table holds a figure; a table printed without
// rows (T07-T09) has no file, listed the same way.
func TestExportRowsWithoutFigures(t *testing.T) {
	needCorpus(t)
	pdf := filepath.Join(corpus, "r05_shanghai_template_2024_final.pdf")
	dir := t.TempDir() + "/"
	_, stderr, code := runBin(t, []string{"LANG=C"}, "export", "--header", "keys", "-o", dir, pdf)
	if code != 0 || !strings.Contains(stderr, "no table holds a figure") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "T01.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\ufeff"))).ReadAll()
	if len(recs) < 20 {
		t.Fatalf("T01: %d lines, want the template's rows", len(recs))
	}
	for _, r := range recs[1:] {
		if v := r[column(t, recs[0], "income.amount")]; v != "" {
			t.Errorf("a figure %q in a template without figures", v)
		}
	}
	q, _ := os.ReadFile(filepath.Join(dir, "quality.csv"))
	for _, want := range []string{",T01,\"printed without data, 40 rows without figures\"", ",T08,printed without data"} {
		if !strings.Contains(string(q), want) {
			t.Errorf("quality.csv lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "T08.csv")); err == nil {
		t.Error("T08.csv written for a table printed without rows")
	}
}

// TestHTMLInChinese: --lang zh writes the page's own words in Chinese,
// its check descriptions too.
func TestHTMLInChinese(t *testing.T) {
	page, stderr, code := runBin(t, nil, "inspect", "--format", "html", "--lang", "zh", filepath.Join(fixtures, "sh2024_chromium_narrative.pdf"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`<html lang="zh-CN">`, `<dd class="status-warn">正常 · 11 项校验未通过 · 缺 T09</dd>`,
		"未通过及提示的校验", "正文所述“人员经费”的金额应与表中数字一致", "报告中未找到此表。"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
