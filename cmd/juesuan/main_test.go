package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

var corpus = filepath.Join("..", "..", "..", "shared", "corpus", "real")

func needCorpus(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("real corpus not found at", corpus)
	}
}

// shortCorpus are the real reports that the tests converting the whole
// corpus read under -short (make check), one of each kind the batch
// meets: finals with every table (r02, r03) and a template with
// placeholders (r05), Shanghai budgets of a department and of a unit (r17,
// partial), Jiangsu budgets with their text (r19, partial), tables only
// (r22) and the procurement table (r40). go test without -short (make
// test, CI) reads every report.
var shortCorpus = []string{
	"r02_putuo_planning_2024_final.pdf", "r03_putuo_socialwork_2024_final.pdf", "r05_shanghai_template_2024_final.pdf",
	"r08_putuo_wanli_2023_budget_dept.pdf", "r17_putuo_welfarehome_2024_budget_unit.pdf",
	"r19_js_npc_2017_budget.pdf", "r22_js_npc_2019_budget_tables.pdf", "r40_js_highcourt_2019_budget.pdf",
}

// corpusDir is the folder of real reports a corpus-wide test converts:
// the corpus, or under -short a folder of links to shortCorpus.
func corpusDir(t *testing.T) string {
	t.Helper()
	needCorpus(t)
	if !testing.Short() {
		return corpus
	}
	dir := t.TempDir()
	for _, name := range shortCorpus {
		src, err := filepath.Abs(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(src, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), err
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"version"}, 0},
		{[]string{"--help"}, 0},
		{[]string{"convert", "--help"}, 0},
		{[]string{}, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"convert"}, 2},
		{[]string{"convert", "--bogus", "x.pdf"}, 2},
		{[]string{"convert", "-j", "0", "x.pdf"}, 2},
		{[]string{"convert", "--log-level", "loud", "x.pdf"}, 2},
		{[]string{"convert", "--max-file-size", "12parsecs", "x.pdf"}, 2},
		{[]string{"convert", "--max-file-size", "-1MB", "x.pdf"}, 2},
		{[]string{"inspect"}, 2},
		{[]string{"inspect", "--format", "xml", "a.pdf"}, 2},
		{[]string{"inspect", "--table", "T10", "a.pdf"}, 2},
		{[]string{"version", "extra"}, 2},
		{[]string{"compact", "--help"}, 0},
		{[]string{"compact", "a", "b"}, 2},
		{[]string{"compact", "--part-size", "0", dir}, 2},
		{[]string{"compact", "--part-size", "big", dir}, 2},
		{[]string{"convert", "--part-size", "0", "x.pdf"}, 2},
		{[]string{"compact", filepath.Join(dir, "no-such-out")}, 1},
		{[]string{"convert", "-o", filepath.Join(dir, "out"), filepath.Join(dir, "missing.pdf")}, 1},
	} {
		_, _, err := runCmd(t, tc.args...)
		if got := exitCode(err); got != tc.want {
			t.Errorf("juesuan %s: exit %d (%v), want %d", strings.Join(tc.args, " "), got, err, tc.want)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, err := runCmd(t, "version")
	if err != nil || !strings.HasPrefix(out, "juesuan "+version) {
		t.Errorf("version printed %q, %v", out, err)
	}
}

// badInputs writes one file of every kind of bad input a scrape produces.
func badInputs(t *testing.T, dir string) map[string]string {
	t.Helper()
	real, err := os.ReadFile(filepath.Join(corpus, "r03_putuo_socialwork_2024_final.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"empty.pdf":     nil,
		"html.pdf":      []byte("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"),
		"garbage.pdf":   bytes.Repeat([]byte{0x00, 0xff, 0x13}, 400),
		"truncated.pdf": real[:len(real)*6/10],
		"headonly.pdf":  []byte("%PDF-1.7\n%âãÏÓ\n"),
	}
	// Each must say what is wrong in words a user can act on.
	want := map[string]string{
		"empty.pdf":     "empty",
		"html.pdf":      "HTML",
		"garbage.pdf":   "not a PDF",
		"truncated.pdf": "",
		"headonly.pdf":  "",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Committed bad inputs (user password, scan, narrative …) when present.
	committed, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "bad", "*.pdf"))
	for _, p := range committed {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := "committed-" + filepath.Base(p)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		want[name] = ""
	}
	return want
}

// readReports returns the report rows under out by report_id.
func readReports(t *testing.T, out string) map[string]schema.Report {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "reports", "*", "*.parquet"))
	reps := map[string]schema.Report{}
	for _, f := range files {
		rows, err := parquet.ReadFile[schema.Report](f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range rows {
			reps[r.ReportID] = r
		}
	}
	return reps
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func fileID(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return juesuan.ReportID(data)
}

// snapshot lists every file under out with its modification time, but
// the lock file, which each run rewrites with its own pid.
func snapshot(t *testing.T, out string) map[string]time.Time {
	t.Helper()
	files := map[string]time.Time{}
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		rel, _ := filepath.Rel(out, p)
		if err == nil && !info.IsDir() && info.Name() != batch.LockName && !isLakeFile(rel) {
			files[p] = info.ModTime()
		}
		return nil
	})
	return files
}

// TestBatchOfRealAndBadFiles is the nightly job's contract: the real corpus
// plus every kind of bad input, run twice, exits 1 both times, rewrites
// nothing the second time, and leaves only Parquet files and the manifest.
func TestBatchOfRealAndBadFiles(t *testing.T) {
	realDir := corpusDir(t)
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	want := badInputs(t, in)
	args := []string{"convert", "-o", out, "-j", "2", realDir, in}

	stdout, stderr, err := runCmd(t, args...)
	if !errors.Is(err, errSomeFailed) || exitCode(err) != 1 {
		t.Fatalf("first run: %v\nstderr: %s", err, stderr)
	}
	if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic:") {
		t.Errorf("a panic trace reached the user:\n%s", stderr)
	}
	if !strings.Contains(stdout, "reports (") {
		t.Errorf("no summary line on stdout: %q", stdout)
	}
	reps := readReports(t, out)
	realFiles, _ := filepath.Glob(filepath.Join(realDir, "*.pdf"))
	ids := map[string]bool{}
	for _, p := range append(realFiles, mustGlob(t, filepath.Join(in, "*.pdf"))...) {
		ids[fileID(t, p)] = true
	}
	if len(reps) != len(ids) {
		t.Errorf("%d report rows, want one per distinct file content: %d", len(reps), len(ids))
	}
	for name, words := range want {
		r, ok := reps[fileID(t, filepath.Join(in, name))]
		if !ok {
			t.Errorf("%s: no report row", name)
			continue
		}
		if r.Status == schema.StatusOK {
			continue // a truncated file whose tables all survived
		}
		if r.Error == nil || *r.Error == "" {
			t.Errorf("%s: status %s without an error", name, r.Status)
			continue
		}
		if words != "" && !strings.Contains(*r.Error, words) {
			t.Errorf("%s: error %q does not mention %q", name, *r.Error, words)
		}
		t.Logf("%s: %s: %s", name, r.Status, *r.Error)
	}
	for _, final := range []string{"r02_putuo_planning_2024_final.pdf", "r03_putuo_socialwork_2024_final.pdf"} {
		if r := reps[fileID(t, filepath.Join(corpus, final))]; r.Status != schema.StatusOK || r.Tables != 9 || r.FiscalYear == nil || *r.FiscalYear != 2024 {
			t.Errorf("%s: %+v", final, r)
		}
	}

	before := snapshot(t, out)
	time.Sleep(20 * time.Millisecond)
	_, stderr, err = runCmd(t, args...)
	if exitCode(err) != 1 {
		t.Errorf("second run exit %d (%v), want 1 again", exitCode(err), err)
	}
	after := snapshot(t, out)
	for p, mt := range after {
		if old, ok := before[p]; !ok || !old.Equal(mt) {
			t.Errorf("second run wrote %s", p)
		}
	}
	var extra []string
	for p := range after {
		rel, _ := filepath.Rel(out, p)
		if rel != batch.StateName && rel != batch.LockName && !strings.HasSuffix(rel, ".parquet") && !isLakeFile(rel) {
			extra = append(extra, rel)
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("OUT holds more than Parquet files, the state, the lock file and the Iceberg tables: %v", extra)
	}
	lakeAgrees(t, out)
}

// isLakeFile reports whether a path relative to OUT is one of the Iceberg
// tables' (their catalog, a metadata folder's files).
func isLakeFile(rel string) bool {
	rel = filepath.ToSlash(rel)
	return strings.HasPrefix(rel, lake.DBName) || strings.Contains(rel, "/metadata/")
}

// lakeAgrees checks that each dataset's Iceberg table lists exactly the
// Parquet files of its Hive folders in OUT.
func lakeAgrees(t *testing.T, out string) {
	t.Helper()
	l, err := lake.Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, ds := range schema.Datasets {
		listed, err := l.Files(context.Background(), ds)
		if err != nil {
			t.Fatal(err)
		}
		onDisk, _ := filepath.Glob(filepath.Join(out, ds, "*", "*.parquet"))
		for _, f := range onDisk {
			rel, _ := filepath.Rel(out, f)
			if !listed[filepath.ToSlash(rel)] {
				t.Errorf("%s is in OUT, not in the Iceberg table", rel)
			}
			delete(listed, filepath.ToSlash(rel))
		}
		for rel := range listed {
			t.Errorf("the Iceberg table %s lists %s, not in OUT", ds, rel)
		}
	}
}

func TestInspectFormats(t *testing.T) {
	needCorpus(t)
	file := filepath.Join(corpus, "r02_putuo_planning_2024_final.pdf")
	text, _, err := runCmd(t, "inspect", "--table", "T02", file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"T02", "收入决算表", "2080505", "机关事业单位基本养老保险缴费支出", "446.11"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q", want)
		}
	}
	js, _, err := runCmd(t, "inspect", "--format", "json", file)
	if err != nil {
		t.Fatal(err)
	}
	// The Parquet column names, and parsed figures beside the printed text.
	var doc struct {
		Report struct {
			ReportID   string `json:"report_id"`
			Department string `json:"department"`
		} `json:"report"`
		Tables []struct {
			TableID string `json:"table_id"`
			Rows    []struct {
				Code       *string `json:"code"`
				Level      *int    `json:"level"`
				ParentCode *string `json:"parent_code"`
				IsTotal    bool    `json:"is_total"`
				Cells      []struct {
					Text       string   `json:"text"`
					Amount     *float64 `json:"amount"`
					AmountYuan *float64 `json:"amount_yuan"`
				} `json:"cells"`
			} `json:"rows"`
		} `json:"tables"`
		Checks []struct {
			CheckID    string   `json:"check_id"`
			Expected   *float64 `json:"expected"`
			SourcePath string   `json:"source_path"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil || len(doc.Tables) != 9 {
		t.Fatalf("json: %d tables, %v", len(doc.Tables), err)
	}
	if doc.Report.ReportID != fileID(t, file) || doc.Report.Department == "" || len(doc.Checks) == 0 || doc.Checks[0].SourcePath != file {
		t.Errorf("json report %+v, %d checks: want report_id, department and checks naming the file", doc.Report, len(doc.Checks))
	}
	found := false
	for _, tb := range doc.Tables {
		for _, r := range tb.Rows {
			if tb.TableID == "T02" && r.Code != nil && *r.Code == "2080505" {
				found = true
				c := r.Cells[0]
				if *r.Level != 3 || *r.ParentCode != "20805" || r.IsTotal || c.Text != "446.11" || *c.Amount != 446.11 || *c.AmountYuan != 4461100 {
					t.Errorf("T02 2080505 in json: level %v parent %v cell %+v", *r.Level, *r.ParentCode, c)
				}
			}
		}
	}
	if !found {
		t.Error("json lacks T02 row 2080505")
	}
	csv, _, err := runCmd(t, "inspect", "--format", "csv", "--table", "T01", file)
	if err != nil || !strings.HasPrefix(csv, "table_id,") || !strings.Contains(csv, "9859.38") ||
		!strings.Contains(strings.SplitN(csv, "\n", 2)[0], ",department,fiscal_year,unit,report_id") ||
		!strings.Contains(csv, ",2024,万元,"+fileID(t, file)) {
		t.Errorf("csv output: %v\n%.300s", err, csv)
	}
	budget, _, err := runCmd(t, "inspect", "--table", "b04", filepath.Join(corpus, "r19_js_npc_2017_budget.pdf"))
	if err != nil || !strings.Contains(budget, "B04") || !strings.Contains(budget, "财政拨款收支预算总表") {
		t.Errorf("inspecting a budget report: %v\n%.300s", err, budget)
	}
}
