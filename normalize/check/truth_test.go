package check

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// truthChecks runs the checks on hand-verified tables (the truth files of
// package tables), normalized by package normalize.
func truthChecks(t *testing.T, path string) []schema.Check {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ts []tables.Table
	if err := json.Unmarshal(data, &ts); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	meta := normalize.Meta{Unit: normalize.DocumentUnit(ts), DocKind: schema.KindFinal, FiscalYear: 2024}
	items, errs := normalize.LineItems("truth", meta, ts)
	for _, e := range errs {
		t.Logf("normalize %s: %v", path, e)
	}
	year := int32(2024)
	return Run("truth", &year, ts, items)
}

// TestRealTruth runs the checks on the two real 2024 final accounts of the
// corpus, as transcribed and verified in package tables. Both add up: every
// check passes, including the one-cent differences their printers left
// (e.g. r02 T01 九、卫生健康支出 236.63 against T03 210 236.64), which are
// within the rounding tolerance. The golden files record every row.
func TestRealTruth(t *testing.T) {
	for _, tc := range []struct {
		name string
		// roundings are check rows expected to pass with a non-zero diff.
		roundings []string
		budget    bool
	}{
		{name: "r02", roundings: []string{
			`X.T01_T03_class @ T01 row 21 "九、卫生健康支出" column 支出/决算数 (page 7) vs T03 row 9 "210 卫生健康支出" column 本年支出合计 (page 10)`,
			`X.T01_T03_class @ T01 row 23 "十一、城乡社区支出" column 支出/决算数 (page 7) vs T03 row 13 "212 城乡社区支出" column 本年支出合计 (page 11)`,
			`T06.personnel_total @ T06 row 28 "人员经费合计" column 决算数 (page 16)`,
		}},
		{name: "r03"},
		// Budgets: a Shanghai department budget and a Jiangsu 公开表.
		{name: "r06", budget: true},
		{name: "r22", budget: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := filepath.Join("..", "..", "extract", "tables", "testdata", tc.name+".truth.json")
			if _, err := os.Stat(src); err != nil {
				t.Skipf("no truth file: %v", err)
			}
			cs := truthChecks(t, src)
			var b bytes.Buffer
			if err := Render(&b, cs, false); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.name+".checks.txt")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(want, b.Bytes()) {
				t.Errorf("checks differ from %s; got:\n%s", golden, b.String())
			}
			listed := IDs()
			if tc.budget {
				listed = BudgetIDs()
			}
			for _, c := range cs {
				if !slices.Contains(listed, c.CheckID) {
					t.Errorf("Run produced %s, not listed by IDs or BudgetIDs", c.CheckID)
				}
			}
			rounded := map[string]bool{}
			for _, c := range cs {
				if c.Status != schema.CheckPass {
					t.Errorf("%s %s @ %s: %s", c.Status, c.CheckID, c.Location, c.Description)
				}
				if c.Diff != nil && *c.Diff != 0 {
					rounded[c.CheckID+" @ "+c.Location] = true
				}
			}
			for _, r := range tc.roundings {
				if !rounded[r] {
					t.Errorf("no passing row with a rounding difference: %s", r)
				}
			}
		})
	}
}
