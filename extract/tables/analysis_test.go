package tables

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
)

// TestAnalysisFindsAsFindContext: one Analysis searched with both sets of
// titles, in either order, finds what a FindContext of each kind finds,
// errors included, on the fixtures (finals and budgets) and on a final
// account and budgets of the corpus (one of them its tables only).
func TestAnalysisFindsAsFindContext(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(fixturesDir, "*.pdf"))
	for _, name := range []string{"r02_putuo_planning_2024_final.pdf", "r06_putuo_justice_2026_budget_dept.pdf",
		"r19_js_npc_2017_budget.pdf", "r22_js_npc_2019_budget_tables.pdf"} {
		paths = append(paths, filepath.Join(corpusDir, name))
	}
	ctx := context.Background()
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			abs, err := filepath.Abs(path)
			if err != nil {
				t.Fatal(err)
			}
			pages := loadReal(t, abs)
			want := map[Kind][]Table{}
			wantErrs := map[Kind][]error{}
			for _, k := range []Kind{Final, Budget} {
				ts, errs, err := FindContext(ctx, pages, WithKind(k))
				if err != nil {
					t.Fatal(err)
				}
				want[k], wantErrs[k] = ts, errs
			}
			for _, order := range [][]Kind{{Final, Budget}, {Budget, Final}} {
				a, err := Analyze(ctx, pages, WithKind(order[0]))
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range append(order, order[0]) { // and the first again, after the other
					ts, errs := a.FindKind(k)
					if !reflect.DeepEqual(ts, want[k]) || !reflect.DeepEqual(errs, wantErrs[k]) {
						t.Errorf("analysed for %v, FindKind(%v) after %v: %d tables, errors %v; FindContext: %d tables, errors %v",
							order[0], k, order, len(ts), errs, len(want[k]), wantErrs[k])
					}
				}
			}
		})
	}
}
