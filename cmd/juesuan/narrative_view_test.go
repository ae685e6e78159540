package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
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
	text, _, err = runCmd(t, "inspect", "--table", "T04", narrativeFixture)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "  vs     T04 “总计”") || strings.Contains(text, "D.year") {
		t.Errorf("inspect --table T04 does not show just the narrative checks against T04:\n%s", text[strings.Index(text, "STATUS"):])
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
	// GROUP BY report_id, code: a budget and a final per 项.
	type pair struct{ budget, final *int64 }
	byCode := map[string]*pair{}
	for _, s := range sts {
		if s.Code == nil || len(*s.Code) != 7 {
			continue
		}
		p := byCode[*s.Code]
		if p == nil {
			p = &pair{}
			byCode[*s.Code] = p
		}
		switch s.Metric {
		case "budget":
			p.budget = s.Value
		case "final":
			p.final = s.Value
		}
	}
	for code, p := range byCode {
		li, ok := t05[code]
		if !ok || p.budget == nil || p.final == nil || li.Amount == nil {
			t.Errorf("code %s: budget %v, final %v, T05 row %v", code, p.budget, p.final, ok)
			continue
		}
		// The tables print 元, the text 万元: final_stated = amount_yuan / 10000, to the cent.
		if want := (*li.AmountYuan + 5000) / 10000; *p.final != want {
			t.Errorf("code %s: final stated %d cents of 万元, T05 %d cents of 元", code, *p.final, *li.AmountYuan)
		}
	}
	if len(byCode) < 3 {
		t.Errorf("%d 项 codes with a budget and a final joined to T05", len(byCode))
	}
	if n, err := countStateFiles(filepath.Join(out, batch.StateName), "statements/fiscal_year=2020/%"); err != nil || n == 0 {
		t.Errorf("the state does not list the statements file (%v)", err)
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

// countStateFiles counts the files of OUT's state (juesuan.db) whose path
// is LIKE pattern, as a user would with the sqlite3 shell.
func countStateFiles(db, pattern string) (int, error) {
	conn, err := sql.Open("sqlite", "file:"+db+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int
	err = conn.QueryRow(`SELECT count(*) FROM juesuan_files WHERE path LIKE ?`, pattern).Scan(&n)
	return n, err
}
