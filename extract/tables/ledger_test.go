package tables

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

func TestFigureTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"754.75", "754.75"},
		{"0.00", "0.00"},
		{"-12.50 −3.00", "-12.50|−3.00"},
		{"1,234,567.89", "1,234,567.89"},
		{"1,234", "1,234"},
		{"12.5% 3%", "12.5%|3%"},
		{"(12.00)", "12.00"},
		{"合计754.75", "754.75"},
		{"（万元）2024年", ""},
		{"2010301 201 12 1 -", ""}, // codes, 栏次, a dash
		{"2024.12.31", ""},
		{"12345 .67", ""}, // a wrapped whole number and its decimals: neither alone
		{"1.办公费", ""},
	} {
		var got []string
		figureTokens(tc.in, func(s string) { got = append(got, s) })
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("figureTokens(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

// loadFixture reads a fixture's pages, skipping the test without it.
func loadFixture(t *testing.T, name string) []*extract.Page {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join(fixturesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return loadReal(t, abs)
}

// tableOf returns the table with id, failing the test without it.
func tableOf(t *testing.T, ts []Table, id string) Table {
	t.Helper()
	for _, tb := range ts {
		if tb.ID == id {
			return tb
		}
	}
	t.Fatalf("no table %s", id)
	return Table{}
}

// figureRows returns the first and last rows of g holding a figure.
func figureRows(g *grid.Grid) (first, last int) {
	first, last = -1, -1
	for r := 0; r < g.Rows(); r++ {
		for _, c := range g.RowCells(r) {
			n := 0
			figureTokens(c.Text, func(string) { n++ })
			if n > 0 && c.Row == r {
				if first < 0 {
					first = r
				}
				last = r
			}
		}
	}
	return first, last
}

// cellWith finds the cell of g above row before whose text is s.
func cellWith(g *grid.Grid, before int, s string) *grid.Cell {
	for _, c := range g.Cells {
		if c.Row < before && textfold.Key(c.Text) == s {
			return c
		}
	}
	return nil
}

// TestLedgerCatchesDamage damages the text layer of a fixture as a
// damaged file would print it, and the table must account for the loss:
// a header word gone (the column's figures are homeless), one column's
// figures moved half a column right (each cut by a rule), a row printed
// again at the head of the next page. Undamaged, every figure is placed.
func TestLedgerCatchesDamage(t *testing.T) {
	pages := loadFixture(t, "sample.pdf")
	t05 := tableOf(t, mustFind(t, pages), T05)
	if len(t05.Ledger.Unplaced) > 0 || t05.Ledger.Printed == 0 {
		t.Fatalf("undamaged T05: %d printed, unplaced %v", t05.Ledger.Printed, t05.Ledger.Unplaced)
	}
	page := pages[t05.Pages[0]-1]
	g := grid.Analyze(page).Grids[0]
	first, _ := figureRows(g)
	total := cellWith(g, first, "合计")
	if total == nil {
		t.Fatal("no 合计 header on the T05 page")
	}

	t.Run("header word removed", func(t *testing.T) {
		damaged := withGlyphs(pages, page.Number, func(gs []extract.Glyph) []extract.Glyph {
			var kept []extract.Glyph
			for _, gl := range gs {
				if !inside(gl, total) {
					kept = append(kept, gl)
				}
			}
			return kept
		})
		wantUnplaced(t, tableOf(t, mustFind(t, damaged), T05), whyOutside)
	})
	t.Run("header word garbled", func(t *testing.T) {
		// A flipped byte in the header's string: codes the font lacks,
		// which decode to nothing.
		damaged := withGlyphs(pages, page.Number, func(gs []extract.Glyph) []extract.Glyph {
			out := append([]extract.Glyph(nil), gs...)
			for i := range out {
				if inside(out[i], total) {
					out[i].Text = " "
				}
			}
			return out
		})
		wantUnplaced(t, tableOf(t, mustFind(t, damaged), T05), whyOutside)
	})
	t.Run("one column's figures shifted", func(t *testing.T) {
		x0, x1 := total.X0, total.X1
		damaged := withGlyphs(pages, page.Number, func(gs []extract.Glyph) []extract.Glyph {
			out := append([]extract.Glyph(nil), gs...)
			for i := range out {
				gl := &out[i]
				if cx := (gl.X0 + gl.X1) / 2; cx > x0 && cx < x1 && gl.Y0 > g.Ys[first] {
					gl.X0, gl.X1 = gl.X0+(x1-x0)/3, gl.X1+(x1-x0)/3
				}
			}
			return out
		})
		wantUnplaced(t, tableOf(t, mustFind(t, damaged), T05), whySplit)
	})

	t.Run("row printed again across a page break", func(t *testing.T) {
		pages := loadFixture(t, "sh2024_lo_split.pdf")
		var split Table
		for _, tb := range mustFind(t, pages) {
			if len(tb.Pages) > 1 && tb.Pages[1] == tb.Pages[0]+1 {
				split = tb
				break
			}
		}
		if split.ID == "" {
			t.Fatal("no table split over two pages")
		}
		n := split.Pages[0]
		prev, next := pages[n-1], pages[n]
		pg := grid.Analyze(prev).Grids[len(grid.Analyze(prev).Grids)-1]
		ng := grid.Analyze(next).Grids[0]
		_, last := figureRows(pg)
		top, _ := figureRows(ng)
		damaged := append([]*extract.Page(nil), pages...)
		damaged[n] = insertRow(next, prev, pg.Ys[last], pg.Ys[last+1], ng.Ys[top], ng.X0, ng.X1)
		got := tableOf(t, mustFind(t, damaged), split.ID)
		wantUnplaced(t, got, whyRepeat)
	})
}

func mustFind(t *testing.T, pages []*extract.Page) []Table {
	t.Helper()
	ts, errs := Find(pages)
	for _, err := range errs {
		t.Log(err)
	}
	return ts
}

func wantUnplaced(t *testing.T, tb Table, why string) {
	t.Helper()
	n := 0
	for _, u := range tb.Ledger.Unplaced {
		if u.Why == why {
			n++
		}
	}
	if n == 0 {
		t.Errorf("%s: no figure %s; ledger %d printed, unplaced %v", tb.ID, why, tb.Ledger.Printed, tb.Ledger.Unplaced)
	}
	t.Logf("%s", tb.Ledger.Error(3))
}

func inside(gl extract.Glyph, c *grid.Cell) bool {
	cx, cy := (gl.X0+gl.X1)/2, (gl.Y0+gl.Y1)/2
	return cx > c.X0 && cx < c.X1 && cy > c.Y0 && cy < c.Y1
}

// withGlyphs returns pages with page n's glyphs changed by edit.
func withGlyphs(pages []*extract.Page, n int, edit func([]extract.Glyph) []extract.Glyph) []*extract.Page {
	out := append([]*extract.Page(nil), pages...)
	p := *pages[n-1]
	p.Glyphs = edit(p.Glyphs)
	out[n-1] = &p
	return out
}

// insertRow returns page with the row [y0, y1) of from printed again at
// cut: what lies below cut moves down by the row's height, the rules
// crossing cut grow, and the row's glyphs and a rule under it are added.
func insertRow(page, from *extract.Page, y0, y1, cut, x0, x1 float64) *extract.Page {
	h := y1 - y0
	p := *page
	p.Glyphs, p.Lines = nil, nil
	for _, gl := range page.Glyphs {
		if gl.Y0 >= cut-1 {
			gl.Y0, gl.Y1, gl.Baseline = gl.Y0+h, gl.Y1+h, gl.Baseline+h
		}
		p.Glyphs = append(p.Glyphs, gl)
	}
	for _, gl := range from.Glyphs {
		if cy := (gl.Y0 + gl.Y1) / 2; cy > y0 && cy < y1 {
			d := cut - y0
			gl.Y0, gl.Y1, gl.Baseline = gl.Y0+d, gl.Y1+d, gl.Baseline+d
			p.Glyphs = append(p.Glyphs, gl)
		}
	}
	for _, s := range page.Lines {
		switch {
		case s.Y0 > cut+1:
			s.Y0, s.Y1 = s.Y0+h, s.Y1+h
		case s.Y1 > cut+1:
			s.Y1 += h
		}
		p.Lines = append(p.Lines, s)
	}
	p.Lines = append(p.Lines, extract.Segment{X0: x0, Y0: cut + h, X1: x1, Y1: cut + h, Width: 0.5})
	return &p
}
