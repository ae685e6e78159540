package grid

import (
	"math"
	"regexp"
	"strings"

	"github.com/juesuan/juesuan/extract"
)

// Some generators draw the column rules but not every row rule (Word and
// WPS tables with "inside horizontal borders" off): several records then
// share one ruled row. Where a cell of a row holds two or more numeric
// lines, the row is split above each numeric baseline after the first; a
// wrapped label line stays with the record above it (labels and amounts are
// top-aligned in such tables).

var numericLineRe = regexp.MustCompile(`^[-−]?[\d,]*\d(\.\d+)?$`)

// missingRowRules returns the horizontal rules to add to g, or nil.
func missingRowRules(g *Grid) []rule {
	var out []rule
	for r := 0; r < g.Rows(); r++ {
		var anchors []float64 // numeric baselines, with their glyph tops
		tops := map[int]float64{}
		split := false
		for _, c := range g.RowCells(r) {
			if c.Row != r || c.RowSpan != 1 {
				continue
			}
			numeric := 0
			for _, grp := range baselineGroups(c.Glyphs) {
				t := strings.ReplaceAll(joinGlyphs(grp), " ", "")
				if !numericLineRe.MatchString(t) {
					continue
				}
				numeric++
				top := math.Inf(1)
				for _, gl := range grp {
					top = math.Min(top, gl.Y0)
				}
				i := nearAnchor(anchors, grp[0].Baseline, 0.5*math.Max(grp[0].Size, 4))
				if i < 0 {
					anchors = append(anchors, grp[0].Baseline)
					i = len(anchors) - 1
					tops[i] = top
				} else if top < tops[i] {
					tops[i] = top
				}
			}
			if numeric >= 2 {
				split = true
			}
		}
		if !split {
			continue
		}
		for i, b := range anchors {
			y := tops[i] - 0.5
			if y <= g.Ys[r]+1 || y >= g.Ys[r+1]-1 || b == minOf(anchors) {
				continue
			}
			out = append(out, rule{Pos: y, A: g.X0, B: g.X1})
		}
	}
	return out
}

func nearAnchor(anchors []float64, b, tol float64) int {
	for i, a := range anchors {
		if math.Abs(a-b) <= tol {
			return i
		}
	}
	return -1
}

func minOf(xs []float64) float64 {
	m := math.Inf(1)
	for _, x := range xs {
		m = math.Min(m, x)
	}
	return m
}

// assignGlyphs puts each glyph whose centre lies in g into its cell and
// returns the others.
func assignGlyphs(g *Grid, gs []extract.Glyph) (rest []extract.Glyph) {
	for _, gl := range gs {
		cx, cy := (gl.X0+gl.X1)/2, (gl.Y0+gl.Y1)/2
		if g.Contains(cx, cy) {
			if r, c := g.RowOf(cy), g.ColOf(cx); r >= 0 && c >= 0 {
				cell := g.At(r, c)
				cell.Glyphs = append(cell.Glyphs, gl)
				continue
			}
		}
		rest = append(rest, gl)
	}
	return rest
}
