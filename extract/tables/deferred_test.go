package tables

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/grid"
)

// TestFindSameAsOnFullLayouts: Find, which leaves out the text lines of
// pages that can hold neither a grid nor a title, finds exactly what
// FindInLayouts finds on fully analysed pages, over the real corpus and the
// fixtures (the synthetic text-table continuation is TestFindWithoutRulings).
// And one Analysis searched with the budget titles, then with its own
// (final) ones, finds what Find of each kind finds, errors included.
func TestFindSameAsOnFullLayouts(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.pdf"))
	fixtures, _ := filepath.Glob(filepath.Join(fixturesDir, "*.pdf"))
	paths = append(paths, fixtures...)
	if len(paths) == 0 {
		t.Skip("no corpus or fixture PDFs")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			abs, err := filepath.Abs(path)
			if err != nil {
				t.Fatal(err)
			}
			pages := loadReal(t, abs)
			got, gotErrs := Find(pages)
			layouts := make([]*grid.Layout, 0, len(pages))
			for _, p := range pages {
				layouts = append(layouts, grid.Analyze(p))
			}
			want, wantErrs := FindInLayouts(layouts)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Find and FindInLayouts(grid.Analyze) differ")
			}
			if !reflect.DeepEqual(errorTexts(gotErrs), errorTexts(wantErrs)) {
				t.Errorf("errors differ: %v vs %v", gotErrs, wantErrs)
			}

			a, err := Analyze(context.Background(), pages)
			if err != nil {
				t.Fatal(err)
			}
			budget, budgetErrs := Find(pages, WithKind(Budget))
			for _, k := range []Kind{Budget, Final} {
				want, wantErrs := got, gotErrs
				if k == Budget {
					want, wantErrs = budget, budgetErrs
				}
				if ts, errs := a.FindKind(k); !reflect.DeepEqual(ts, want) || !reflect.DeepEqual(errs, wantErrs) {
					t.Errorf("Analysis.FindKind(%v): %d tables, errors %v; Find: %d tables, errors %v", k, len(ts), errs, len(want), wantErrs)
				}
			}
		})
	}
}

func errorTexts(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// TestGlyphsMaySpellTitle: the page test agrees with mayBeTitle on the
// page's text, for both title sets.
func TestGlyphsMaySpellTitle(t *testing.T) {
	for _, ts := range []*titleSet{finalTitles, budgetTitles} {
		for _, text := range []string{"", "收入决算表", "收入预算表", "决算", "表决算", "决 算 表", "算表", "预 算 表"} {
			var gs []extract.Glyph
			for _, r := range text {
				gs = append(gs, extract.Glyph{Text: string(r)})
			}
			if got, want := ts.glyphsMaySpellTitle(gs), ts.mayBeTitle(text); got != want {
				t.Errorf("%c: glyphsMaySpellTitle(%q) = %v, want %v", ts.word, text, got, want)
			}
		}
	}
}
