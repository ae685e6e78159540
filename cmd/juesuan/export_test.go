package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readCSV reads an exported CSV: it must start with a byte-order mark and
// hold the printed labels, the keys, then the rows.
func readCSV(t *testing.T, data []byte) (labels, keys []string, rows [][]string) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Fatalf("CSV without a byte-order mark: %.40q", data)
	}
	recs, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 2 {
		t.Fatalf("%d CSV lines, want two header rows at least", len(recs))
	}
	return recs[0], recs[1], recs[2:]
}

func column(t *testing.T, keys []string, key string) int {
	t.Helper()
	for i, k := range keys {
		if k == key {
			return i
		}
	}
	t.Fatalf("no column %s in %v", key, keys)
	return -1
}

// TestExportPDFToXLSXOpensInLibreOffice is the "done when": one
// command from a PDF to an Excel file of one table, which LibreOffice
// opens to the same figures as the CSV export.
func TestExportPDFToXLSXOpensInLibreOffice(t *testing.T) {
	t.Parallel() // LibreOffice runs as a process of its own, with its own profile
	pdf := filepath.Join(fixtures, "sample.pdf")
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "t05.xlsx")
	if _, _, err := runCmd(t, "export", "--table", "T05", "-o", xlsx, pdf); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(xlsx); err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("no XLSX (zip) written: %v", err)
	}
	csvOut, _, err := runCmd(t, "export", "--table", "T05", "--format", "csv", pdf)
	if err != nil {
		t.Fatal(err)
	}
	labels, keys, rows := readCSV(t, []byte(csvOut))
	if labels[column(t, keys, "basic")] != "基本支出" || len(rows) < 5 {
		t.Fatalf("T05 export: labels %v, %d rows", labels, len(rows))
	}
	total := column(t, keys, "total")
	if rows[0][column(t, keys, "code")] != "208" || rows[0][total] != "2145.33" {
		t.Errorf("first row %v, want 208 at 2145.33 as printed", rows[0])
	}

	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed: the XLSX is not opened")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// UTF-8 (76), cells saved as shown (the true after 0,false), every
	// sheet to its own file (-1): the quality sheet comes first.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", dir, xlsx)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	sheets := mustGlob(t, filepath.Join(dir, "t05-*.csv"))
	if len(sheets) != 2 || !strings.Contains(sheets[0], "-T05") && !strings.Contains(sheets[1], "-T05") {
		t.Fatalf("LibreOffice finds sheets %v, want quality and T05", sheets)
	}
	got, err := os.ReadFile(mustGlob(t, filepath.Join(dir, "t05-T05*.csv"))[0])
	if err != nil {
		t.Fatal(err)
	}
	// Shown as #,##0.00: the CSV's figures with thousands separators.
	want := strings.TrimPrefix(csvOut, "\ufeff")
	gotRecs, _ := csv.NewReader(strings.NewReader(string(got))).ReadAll()
	wantRecs, _ := csv.NewReader(strings.NewReader(want)).ReadAll()
	if len(gotRecs) != len(wantRecs) {
		t.Fatalf("LibreOffice reads %d rows, the CSV has %d", len(gotRecs), len(wantRecs))
	}
	for i := range wantRecs {
		for j := range wantRecs[i] {
			g := gotRecs[i][j]
			if i >= 2 && j < len(keys) && keys[j] != "code" {
				g = strings.ReplaceAll(g, ",", "")
			}
			if i >= 2 && keys[j] == "is_total" {
				g = strings.ToLower(g)
			}
			if g != wantRecs[i][j] {
				t.Errorf("row %d, %s: LibreOffice reads %q, the CSV has %q", i+1, keys[j], gotRecs[i][j], wantRecs[i][j])
			}
		}
	}
}

// TestExportFromOutIsTheConversion: exporting the datasets of an OUT
// folder gives what exporting the PDF gives (columns in print order, the
// quality sheet included), and converts nothing again.
func TestExportFromOutIsTheConversion(t *testing.T) {
	pdf := filepath.Join(fixtures, "sample.pdf")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if _, _, err := runCmd(t, "convert", "-o", out, pdf); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	fromOut, fromPDF := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, _, err := runCmd(t, "export", "-o", fromOut, out); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "export", "-o", fromPDF, pdf); err != nil {
		t.Fatal(err)
	}
	// T08 and T09 are printed without data in the sample: no rows, no
	// file, but a line each in quality.csv.
	names := mustGlob(t, filepath.Join(fromPDF, "*.csv"))
	if len(names) != 8 || len(mustGlob(t, filepath.Join(fromOut, "*.csv"))) != 8 {
		t.Errorf("%d CSV files from the PDF, want the 7 tables with rows and quality.csv, and as many from OUT", len(names))
	}
	for _, p := range names {
		name := filepath.Base(p)
		a, err := os.ReadFile(filepath.Join(fromOut, name))
		if err != nil {
			t.Errorf("%s: not exported from OUT: %v", name, err)
			continue
		}
		b, _ := os.ReadFile(p)
		if !bytes.Equal(a, b) { // T07 too: its columns in print order from OUT as well
			t.Errorf("%s differs between OUT and PDF:\n%s\n---\n%s", name, a, b)
		}
	}
	if after := snapshot(t, out); len(after) != len(before) {
		t.Errorf("export wrote into OUT: %d files before, %d after", len(before), len(after))
	}
}

// TestExportCombinesReports: two reports' T05 go in one sheet, each row
// naming its report.
func TestExportCombinesReports(t *testing.T) {
	a, b := filepath.Join(fixtures, "sample.pdf"), filepath.Join(fixtures, "y2020_lo_yuan.pdf")
	stdout, _, err := runCmd(t, "export", "--table", "t05", a, b)
	if err != nil {
		t.Fatal(err)
	}
	_, keys, rows := readCSV(t, []byte(stdout))
	ids, units := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		ids[r[column(t, keys, "report_id")]] = true
		units[r[column(t, keys, "unit")]] = true
		if r[column(t, keys, "department")] == "" || r[column(t, keys, "fiscal_year")] == "" {
			t.Errorf("a row without its department or year: %v", r)
		}
	}
	if len(ids) != 2 || !units["元"] || !units["万元"] {
		t.Errorf("report_ids %v, units %v: want both reports, in their own units", ids, units)
	}
}

func TestExportUsage(t *testing.T) {
	pdf := filepath.Join(fixtures, "sample.pdf")
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", pdf}, "-o DIR"}, // nine CSV tables to stdout
		{[]string{"export", "-o", filepath.Join(dir, "all.csv"), pdf}, "-o DIR"},
		{[]string{"export", "--format", "ods", pdf}, "csv or xlsx"},
		{[]string{"export"}, "PDFs or OUT"},
	} {
		_, _, err := runCmd(t, tc.args...)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want usage error mentioning %q", tc.args, err, tc.want)
		}
	}
	// One table into a folder that does not exist yet.
	if _, _, err := runCmd(t, "export", "--table", "T05", "-o", filepath.Join(dir, "new")+"/", pdf); err != nil {
		t.Errorf("export into a new folder: %v", err)
	} else if _, err := os.Stat(filepath.Join(dir, "new", "T05.csv")); err != nil {
		t.Errorf("export into a new folder: %v", err)
	}
	if _, _, err := runCmd(t, "export", "-o", dir, filepath.Join(fixtures, "bad", "empty.pdf")); exitCode(err) != 1 {
		t.Errorf("exporting an empty PDF: %v, want exit 1", err)
	}
}
