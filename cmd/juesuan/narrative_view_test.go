package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

var narrativeFixture = filepath.Join("..", "..", "fixtures", "y2020_chromium_narrative.pdf")

// TestInspectNarrative: inspect prints each failed narrative check with the
// sentence and the table figure it contradicts.
func TestInspectNarrative(t *testing.T) {
	text, _, err := runCmd(t, "inspect", "--checks", "failed", narrativeFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"the text against the tables and itself (failed):",
		"  text   “2020年度财政拨款收入、支出决算总计各531.93万元。”  states 531.93",
		"  vs     T04 “总计” 收入/金额 = 4319276.37 元 (page 13)  expects 431.93",
		"  page 3 四 (sentence below)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("inspect output lacks %q", want)
		}
	}
}

// TestConvertStatements: convert writes the statements dataset beside the
// others, and the narrative checks carry their page.
func TestConvertStatements(t *testing.T) {
	out := t.TempDir()
	if _, _, err := runCmd(t, "convert", "--quiet", "-o", out, narrativeFixture); err != nil {
		t.Fatalf("convert: %v (failed checks do not fail a conversion)", err)
	}
	paths, _ := filepath.Glob(filepath.Join(out, schema.DatasetStatements, "fiscal_year=2020", "*.parquet"))
	if len(paths) != 1 {
		t.Fatalf("statements files: %v", paths)
	}
	sts := readParquet[schema.Statement](t, paths[0])
	matched := 0
	for _, s := range sts {
		if s.TableID != nil {
			matched++
		}
	}
	if len(sts) < 50 || matched < 30 {
		t.Errorf("%d statements, %d matched to a table cell", len(sts), matched)
	}
	// The README's DuckDB query, budget vs final per 项 code: statements
	// joined to T05 line items on (report_id, code).
	lpaths, _ := filepath.Glob(filepath.Join(out, schema.DatasetLineItems, "fiscal_year=2020", "*.parquet"))
	t05 := map[string]schema.LineItem{}
	for _, li := range readParquet[schema.LineItem](t, lpaths[0]) {
		if li.TableID == "T05" && li.Code != nil && li.ColumnKey == "total" {
			t05[*li.Code] = li
		}
	}
	joined := 0
	for _, s := range sts {
		if s.Code == nil || len(*s.Code) != 7 || s.Metric != "budget" {
			continue
		}
		li, ok := t05[*s.Code]
		if !ok {
			t.Errorf("statement code %s (%s) is no T05 row", *s.Code, s.Subject)
			continue
		}
		joined++
		if !strings.HasSuffix(s.Subject, li.Item+"（项）") {
			t.Errorf("code %s: statement about %s, T05 row %s", *s.Code, s.Subject, li.Item)
		}
	}
	if joined < 3 {
		t.Errorf("%d budgets per 项 code joined to T05", joined)
	}
	manifest, err := os.ReadFile(filepath.Join(out, "juesuan-manifest.json"))
	if err != nil || !strings.Contains(string(manifest), "statements/fiscal_year=2020/") {
		t.Errorf("the manifest does not list the statements file (%v)", err)
	}
	cpaths, _ := filepath.Glob(filepath.Join(out, schema.DatasetChecks, "fiscal_year=2020", "*.parquet"))
	if len(cpaths) != 1 {
		t.Fatalf("checks files: %v", cpaths)
	}
	for _, c := range readParquet[schema.Check](t, cpaths[0]) {
		narrative := strings.HasPrefix(c.CheckID, "N.") || strings.HasPrefix(c.CheckID, "D.")
		if narrative != (c.Page != nil) {
			t.Errorf("%s: page %v (narrative checks have one, table identities none)", c.CheckID, c.Page)
		}
	}
}

func readParquet[T any](t *testing.T, path string) []T {
	t.Helper()
	rows, err := parquet.ReadFile[T](path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
