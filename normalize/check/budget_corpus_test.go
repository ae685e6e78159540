package check

import (
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// budgetPrintingErrors are the budget identities of the corpus that fail,
// each confirmed on the page image, by file and check_id.
var budgetPrintingErrors = map[string]struct {
	fails int
	why   string
}{
	// p.11/14: 2040601 行政运行 prints 项目支出 64,840,547.00 (the 款's
	// figure) instead of 0.00, in B03 and B05: the row sum and the 款 sum
	// of 20406 fail in each. (Its 合计 基本支出 printed 22,118,861 is that
	// figure rounded to whole 元, within the tolerance of a whole figure.)
	"r07_putuo_justice_2026_budget_unit.pdf": {4, "B03/B05 行政运行 项目支出 misprinted"},
}

// TestBudgetCorpusIdentities runs the budget checks over every budget of
// the corpus: at least 99% of the identities evaluated pass, and the
// failures are the printing errors listed above, no more.
func TestBudgetCorpusIdentities(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "real")
	files, _ := filepath.Glob(filepath.Join(dir, "*budget*.pdf"))
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	var evaluated, failed int
	for _, path := range files {
		name := filepath.Base(path)
		cs := budgetChecks(t, path)
		fails := 0
		for _, c := range cs {
			switch c.Status {
			case schema.CheckPass:
				evaluated++
			case schema.CheckFail:
				evaluated++
				fails++
				if _, ok := budgetPrintingErrors[name]; !ok {
					t.Errorf("%s: %s @ %s: %s", name, c.CheckID, c.Location, c.Description)
				}
			}
		}
		failed += fails
		if want := budgetPrintingErrors[name].fails; fails != want && want > 0 {
			t.Errorf("%s: %d checks fail, want %d (%s)", name, fails, want, budgetPrintingErrors[name].why)
		}
	}
	t.Logf("%d budgets: %d identities evaluated, %d fail", len(files), evaluated, failed)
	if evaluated == 0 || float64(failed) > 0.01*float64(evaluated) {
		t.Errorf("%d of %d budget identities fail, more than 1%%", failed, evaluated)
	}
}

// budgetChecks runs extraction, normalization and the checks on one budget.
func budgetChecks(t *testing.T, path string) []schema.Check {
	t.Helper()
	pages, lines := corpusPages(t, path)
	ts, _ := tables.Find(pages, tables.WithKind(tables.Budget))
	if len(ts) == 0 {
		return nil // a budget's text part, its tables published apart
	}
	meta := normalize.DetectMeta(lines, ts)
	items, _ := normalize.LineItems("x", meta, ts)
	cs := Run("x", nil, ts, items)
	return cs
}
