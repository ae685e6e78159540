package extract

import (
	"math"
	"sort"
	"strings"
)

// readingGlyph is a glyph in its line's reading frame: u runs along the
// line in reading order, v across lines in reading order.
type readingGlyph struct {
	u0, u1, v, size float64
	text            string
}

// TextLines returns the page's text as lines in reading order (glyphs
// grouped by baseline, left to right, words separated by a space where the
// gap is wider than 0.6 em), for metadata and title detection.
//
// Only glyphs of the page's dominant writing direction are included; for a
// page whose content is drawn rotated (Rotation 90/180/270 without
// /Rotate) the lines are read in that direction, so titles are found
// either way.
func (p *Page) TextLines() []string {
	var count [4]int
	for i := range p.Glyphs {
		count[p.Glyphs[i].Rotation/90%4]++
	}
	dom := 0
	for r := 1; r < 4; r++ {
		if count[r] > count[dom] {
			dom = r
		}
	}
	gs := make([]readingGlyph, 0, count[dom])
	for i := range p.Glyphs {
		g := &p.Glyphs[i]
		if g.Rotation/90%4 != dom {
			continue
		}
		rg := readingGlyph{size: g.Size, text: g.Text}
		switch dom {
		case 0: // left to right, lines downwards
			rg.u0, rg.u1, rg.v = g.X0, g.X1, g.Baseline
		case 1: // top to bottom, lines leftwards
			rg.u0, rg.u1, rg.v = g.Y0, g.Y1, -g.Baseline
		case 2: // right to left, lines upwards
			rg.u0, rg.u1, rg.v = -g.X1, -g.X0, -g.Baseline
		case 3: // bottom to top, lines rightwards
			rg.u0, rg.u1, rg.v = -g.Y1, -g.Y0, g.Baseline
		}
		gs = append(gs, rg)
	}
	sort.SliceStable(gs, func(a, b int) bool { return gs[a].v < gs[b].v })

	// A glyph joins the current line when its baseline is within 30% of
	// the larger of its size and the line's first glyph's size.
	var lines []string
	var sb strings.Builder
	for start := 0; start < len(gs); {
		end := start + 1
		for end < len(gs) && math.Abs(gs[end].v-gs[start].v) <= 0.3*math.Max(gs[start].size, gs[end].size) {
			end++
		}
		line := gs[start:end]
		sort.SliceStable(line, func(a, b int) bool { return line[a].u0 < line[b].u0 })
		sb.Reset()
		for k := range line {
			if k > 0 && line[k].u0-line[k-1].u1 > 0.6*math.Max(line[k].size, line[k-1].size) {
				sb.WriteByte(' ')
			}
			sb.WriteString(line[k].text)
		}
		lines = append(lines, sb.String())
		start = end
	}
	return lines
}
