package extract

import (
	"math"
	"strings"
)

// TextColumns returns, for a page that sets text in columns side by side
// (a two-column 绩效目标表, a label column beside its text), its text lines
// with each column read to its end before the next: TextLines interleaves
// their lines, and a sentence of one column runs on into the other's. It
// returns nil for a page without such columns, whose TextLines are its
// reading order.
//
// A column region is a run of lines that a vertical gap crosses without
// touching any of their words, with at least two lines on each side of it;
// a line of prose across the page ends it. Pages drawn rotated are read as
// TextLines reads them.
func (p *Page) TextColumns() []string {
	sc := textLinesScratch.Get().(*textLinesBuffers)
	defer textLinesScratch.Put(sc)
	lines := p.textSegments(sc)
	if len(lines) > maxColumnPageLines {
		return nil // not a page of text: a hostile one must not cost its lines times the lookahead
	}
	var out []string
	for i := 0; i < len(lines); {
		end, cuts := columnRun(lines, i)
		if len(cuts) == 0 {
			if out != nil {
				out = append(out, lines[i].text)
			}
			i++
			continue
		}
		if out == nil {
			for _, l := range lines[:i] {
				out = append(out, l.text)
			}
		}
		for col := 0; col <= len(cuts); col++ {
			for _, l := range lines[i:end] {
				var parts []string
				for _, s := range l.segs {
					if columnOf(s.u0, cuts) == col {
						parts = append(parts, s.text)
					}
				}
				if len(parts) > 0 {
					out = append(out, strings.Join(parts, " "))
				}
			}
		}
		i = end
	}
	return out
}

type segment struct {
	u0, u1 float64
	text   string
}

// segLine is a line of text: its segments, and its text with a space
// between them (the segments' texts are slices of it).
type segLine struct {
	segs []segment
	text string
}

// columnGap is the gap, in ems, that parts a line into segments: wider than
// any space between words.
const columnGap = 2.0

// textSegments groups the page's upright glyphs into lines as TextLines
// does, each line cut into segments where a gap wider than columnGap ems
// parts its words; nil for a page drawn in another direction.
func (p *Page) textSegments(sc *textLinesBuffers) []segLine {
	gs := sc.glyphs[:0]
	for i := range p.Glyphs {
		g := &p.Glyphs[i]
		if g.Rotation/90%4 != 0 {
			continue
		}
		gs = append(gs, readingGlyph{u0: g.X0, u1: g.X1, v: g.Baseline, size: g.Size, text: g.Text})
	}
	sc.glyphs = gs
	if len(gs) == 0 || len(gs) < len(p.Glyphs)/2 {
		return nil
	}
	order := sc.order[:0]
	for i := range gs {
		order = append(order, int32(i))
	}
	sc.order = order
	sortStableBy(order, func(i int32) float64 { return gs[i].v })
	var out []segLine
	text := sc.text[:0]
	for start := 0; start < len(order); {
		end := lineEnd(gs, order, start)
		line := order[start:end]
		text = text[:0]
		var l segLine
		var cuts []int // byte offsets in text where a segment starts
		seg := segment{u0: gs[line[0]].u0, u1: gs[line[0]].u1}
		text = append(text, gs[line[0]].text...)
		for k := 1; k < len(line); k++ {
			g, prev := &gs[line[k]], &gs[line[k-1]]
			em := math.Max(g.size, prev.size)
			gap := g.u0 - prev.u1
			switch {
			case gap > columnGap*em:
				l.segs = append(l.segs, seg)
				text = append(text, ' ')
				cuts = append(cuts, len(text))
				seg = segment{u0: g.u0}
			case gap > 0.6*em:
				text = append(text, ' ')
			}
			text = append(text, g.text...)
			seg.u1 = math.Max(seg.u1, g.u1)
		}
		l.segs = append(l.segs, seg)
		l.text = string(text)
		from := 0
		for k := range l.segs {
			to := len(l.text)
			if k < len(cuts) {
				to = cuts[k] - 1 // without the space before the next segment
			}
			l.segs[k].text = l.text[from:to]
			if k < len(cuts) {
				from = cuts[k]
			}
		}
		out = append(out, l)
		start = end
	}
	sc.text = text
	return out
}

// maxColumnLines bounds a column region: a page is not longer, and a
// hostile one must not cost the square of its lines. maxColumnPageLines
// and maxColumnGaps bound a page and a region's gaps: text set in columns
// has a few of each.
const (
	maxColumnLines     = 200
	maxColumnPageLines = 2000
	maxColumnGaps      = 32
)

// span is a gap between words, [lo, hi].
type span struct{ lo, hi float64 }

// columnRun finds the column region starting at line i: its end and the
// cuts between its columns, none when line i starts no region.
func columnRun(lines []segLine, i int) (end int, cuts []float64) {
	free := gapsOf(lines[i])
	lo, hi := lines[i].segs[0].u0, lines[i].segs[len(lines[i].segs)-1].u1
	best, bestEnd := []span(nil), i
	for j := i; j < len(lines) && j-i < maxColumnLines; j++ {
		if j > i {
			free = intersect(free, gapsOf(lines[j]))
			lo = math.Min(lo, lines[j].segs[0].u0)
			hi = math.Max(hi, lines[j].segs[len(lines[j].segs)-1].u1)
		}
		if j > i && !hasFinite(free) || len(free) > maxColumnGaps {
			break // a line crossed every gap: no column runs past it; or a table's grid of gaps
		}
		inner := within(free, lo, hi)
		if len(inner) > 0 && balanced(lines[i:j+1], inner) {
			best, bestEnd = inner, j+1
		}
	}
	for _, s := range best {
		cuts = append(cuts, (s.lo+s.hi)/2)
	}
	return bestEnd, cuts
}

func hasFinite(gaps []span) bool {
	for _, g := range gaps {
		if !math.IsInf(g.lo, 0) && !math.IsInf(g.hi, 0) {
			return true
		}
	}
	return false
}

// gapsOf is where a line has no word: before, between and after its
// segments.
func gapsOf(l segLine) []span {
	out := []span{{math.Inf(-1), l.segs[0].u0}}
	for k := 1; k < len(l.segs); k++ {
		out = append(out, span{l.segs[k-1].u1, l.segs[k].u0})
	}
	return append(out, span{l.segs[len(l.segs)-1].u1, math.Inf(1)})
}

func intersect(a, b []span) []span {
	var out []span
	for _, x := range a {
		for _, y := range b {
			if lo, hi := math.Max(x.lo, y.lo), math.Min(x.hi, y.hi); lo < hi {
				out = append(out, span{lo, hi})
			}
		}
	}
	return out
}

// within keeps the gaps strictly inside [lo, hi]: the run's words lie on
// both sides of each.
func within(gaps []span, lo, hi float64) []span {
	var out []span
	for _, g := range gaps {
		if g.lo > lo && g.hi < hi {
			out = append(out, g)
		}
	}
	return out
}

// balanced tells a run with at least two lines holding words on each side
// of its first cut: fewer is a line set apart (单位：万元 beside a title),
// not a column.
func balanced(run []segLine, gaps []span) bool {
	cut := (gaps[0].lo + gaps[0].hi) / 2
	left, right := 0, 0
	for _, l := range run {
		hasL, hasR := false, false
		for _, s := range l.segs {
			if s.u1 <= cut {
				hasL = true
			} else {
				hasR = true
			}
		}
		if hasL {
			left++
		}
		if hasR {
			right++
		}
	}
	return left >= 2 && right >= 2
}

// columnOf tells the column of a segment starting at u.
func columnOf(u float64, cuts []float64) int {
	k := 0
	for k < len(cuts) && u > cuts[k] {
		k++
	}
	return k
}
