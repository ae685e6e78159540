package grid

import (
	"math"
	"strings"

	"github.com/juesuan/juesuan/extract"
)

// Some generators draw the column rules but not every row rule (Word and
// WPS tables with "inside horizontal borders" off): several records then
// share one ruled row. Where a cell of a row holds two or more numeric
// lines, the row is split above each numeric baseline after the first; a
// wrapped label line stays with the record above it (labels and amounts are
// top-aligned in such tables).

// missingRowRules returns the horizontal rules to add to g, or nil. lines
// holds the baselines of each of g's cells (by index into g.Cells).
func missingRowRules(g *Grid, lines [][]baselineLine) []rule {
	var out []rule
	var anchors, tops []float64 // numeric baselines, with their glyph tops
	for r := 0; r < g.Rows(); r++ {
		anchors, tops = anchors[:0], tops[:0]
		split := false
		last := -1
		for col := 0; col < g.Cols(); col++ { // the cells of row r, as RowCells gives them
			ci := g.at[r][col]
			if ci == last {
				continue
			}
			last = ci
			if c := g.Cells[ci]; c.Row != r || c.RowSpan != 1 {
				continue
			}
			numeric := 0
			for _, l := range lines[ci] {
				if !isNumericLine(strings.ReplaceAll(l.text, " ", "")) {
					continue
				}
				numeric++
				i := nearAnchor(anchors, l.baseline, 0.5*math.Max(l.size, 4))
				if i < 0 {
					anchors = append(anchors, l.baseline)
					tops = append(tops, l.top)
				} else if l.top < tops[i] {
					tops[i] = l.top
				}
			}
			if numeric >= 2 {
				split = true
			}
		}
		if !split {
			continue
		}
		lowest := minOf(anchors)
		for i, b := range anchors {
			y := tops[i] - 0.5
			if y <= g.Ys[r]+1 || y >= g.Ys[r+1]-1 || b == lowest {
				continue
			}
			out = append(out, rule{Pos: y, A: g.X0, B: g.X1})
		}
	}
	return out
}

// isNumericLine reports whether s matches numericLineRe (an optional minus,
// digits and commas ending in a digit, optional decimals), without running
// the regexp: most cell lines are amounts.
func isNumericLine(s string) bool {
	if strings.HasPrefix(s, "-") {
		s = s[1:]
	} else if strings.HasPrefix(s, "−") {
		s = s[len("−"):]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if intPart == "" || !isASCIIDigit(intPart[len(intPart)-1]) {
		return false
	}
	for i := 0; i < len(intPart); i++ {
		if c := intPart[i]; !isASCIIDigit(c) && c != ',' {
			return false
		}
	}
	if !hasFrac {
		return true
	}
	if frac == "" {
		return false
	}
	for i := 0; i < len(frac); i++ {
		if !isASCIIDigit(frac[i]) {
			return false
		}
	}
	return true
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

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
// returns the others. It counts first so that every cell's glyphs (and the
// rest) are allocated once, at their final size.
func assignGlyphs(g *Grid, gs []extract.Glyph) (rest []extract.Glyph) {
	where := make([]int32, len(gs)) // index into g.Cells, or -1
	counts := make([]int32, len(g.Cells))
	nrest := 0
	for i := range gs {
		gl := &gs[i]
		where[i] = -1
		cx, cy := (gl.X0+gl.X1)/2, (gl.Y0+gl.Y1)/2
		if g.Contains(cx, cy) {
			if r, c := g.RowOf(cy), g.ColOf(cx); r >= 0 && c >= 0 {
				ci := g.at[r][c]
				where[i] = int32(ci)
				counts[ci]++
				continue
			}
		}
		nrest++
	}
	// One backing array for all cells (a fresh grid's cells hold none yet),
	// each cell a capped window of it that the loop below fills.
	backing := make([]extract.Glyph, len(gs)-nrest)
	off := 0
	for ci, n := range counts {
		if n > 0 {
			g.Cells[ci].Glyphs = backing[off : off : off+int(n)]
			off += int(n)
		}
	}
	if nrest > 0 {
		rest = make([]extract.Glyph, 0, nrest)
	}
	for i, ci := range where {
		if ci < 0 {
			rest = append(rest, gs[i])
			continue
		}
		cell := g.Cells[ci]
		cell.Glyphs = append(cell.Glyphs, gs[i])
	}
	return rest
}
