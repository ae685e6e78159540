package extract

import (
	"math"
	"slices"
	"sync"
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
	sc := textLinesScratch.Get().(*textLinesBuffers)
	defer textLinesScratch.Put(sc)
	gs := sc.glyphs[:0]
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
	sc.glyphs = gs
	order := sc.order[:0]
	for i := range gs {
		order = append(order, int32(i))
	}
	sc.order = order
	sortStableBy(order, func(i int32) float64 { return gs[i].v })

	// A glyph joins the current line when its baseline is within 30% of
	// the larger of its size and the line's first glyph's size. The lines
	// are built into one buffer and cut from one string: a page's text
	// costs one allocation, not one per line.
	text, ends := sc.text[:0], sc.ends[:0]
	for start := 0; start < len(order); {
		end := lineEnd(gs, order, start)
		line := order[start:end]
		for k, i := range line {
			if k > 0 {
				prev := &gs[line[k-1]]
				if gs[i].u0-prev.u1 > 0.6*math.Max(gs[i].size, prev.size) {
					text = append(text, ' ')
				}
			}
			text = append(text, gs[i].text...)
		}
		ends = append(ends, len(text))
		start = end
	}
	sc.text, sc.ends = text, ends
	if len(ends) == 0 {
		return nil
	}
	all := string(text)
	lines := make([]string, len(ends))
	from := 0
	for k, e := range ends {
		lines[k] = all[from:e]
		from = e
	}
	return lines
}

// lineEnd returns the end of the line of order (sorted by baseline) that
// starts at start, and sorts the line's glyphs along it: a glyph joins the
// line when its baseline is within 30% of the larger of its size and the
// line's first glyph's size.
func lineEnd(gs []readingGlyph, order []int32, start int) int {
	first := &gs[order[start]]
	end := start + 1
	for end < len(order) && math.Abs(gs[order[end]].v-first.v) <= 0.3*math.Max(first.size, gs[order[end]].size) {
		end++
	}
	sortStableBy(order[start:end], func(i int32) float64 { return gs[i].u0 })
	return end
}

// textLinesBuffers are TextLines' working buffers, recycled across pages.
type textLinesBuffers struct {
	glyphs []readingGlyph
	order  []int32
	text   []byte
	ends   []int
}

var textLinesScratch = sync.Pool{New: func() any { return new(textLinesBuffers) }}

// sortStableBy sorts the glyph indices idx in place, stably, by key,
// exactly as sort.SliceStable with "<" on the key sorted the glyphs
// themselves (same algorithm, same comparisons, so even NaN keys land where
// they did), but faster: an already sorted run (the usual line, in content
// order) is left alone, and only small indices move.
func sortStableBy(idx []int32, key func(int32) float64) {
	sorted := true
	for k, i := range idx {
		v := key(i)
		if v != v || k > 0 && v < key(idx[k-1]) { // NaN: leave it to the sort
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	// slices.SortStableFunc is sort.SliceStable's algorithm (insertion
	// sort blocks, then symMerge): the same comparison outcomes give the
	// same permutation.
	slices.SortStableFunc(idx, func(a, b int32) int { return less(key(a), key(b)) })
}

// less is a three-way comparison with exactly the outcomes of "<" both
// ways (unlike cmp.Compare, which orders NaN).
func less(a, b float64) int {
	switch {
	case a < b:
		return -1
	case b < a:
		return 1
	}
	return 0
}
