package grid

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract"
)

// TextLine is a run of glyphs on one baseline, split where the gap between
// neighbours is wide (so "单位：万元" at the right margin is its own line).
type TextLine struct {
	Text           string
	X0, Y0, X1, Y1 float64
	Baseline       float64
	Size           float64
	Glyphs         []extract.Glyph
}

// IsWide reports whether r is an East Asian wide character (ideographs, kana,
// full-width punctuation): such text is joined without spaces.
func IsWide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—':
		return true
	}
	return false
}

// baselineGroups clusters glyphs into lines by baseline, top to bottom, each
// sorted left to right. The groups are sub-slices of one sorted copy of gs
// (capacity capped, so appending to one cannot overwrite the next).
func baselineGroups(gs []extract.Glyph) [][]extract.Glyph {
	if len(gs) == 0 {
		return nil
	}
	return groupSorted(stableSorted(gs, baselineOf))
}

// baselineGroupsView is baselineGroups for callers that only read the
// groups: when gs is already in reading order (the usual case for a cell's
// glyphs, taken in content-stream order) the groups are sub-slices of gs
// itself, not of a copy.
func baselineGroupsView(gs []extract.Glyph) [][]extract.Glyph {
	if len(gs) == 0 {
		return nil
	}
	if !inOrder(gs, baselineOf) {
		return baselineGroups(gs)
	}
	groups := splitBaselines(gs)
	for _, grp := range groups {
		if !inOrder(grp, x0Of) {
			return baselineGroups(gs)
		}
	}
	return groups
}

// groupSorted splits glyphs sorted by baseline into lines and sorts each
// line by x, in place.
func groupSorted(sorted []extract.Glyph) [][]extract.Glyph {
	groups := splitBaselines(sorted)
	for _, grp := range groups {
		stableSortInPlace(grp, x0Of)
	}
	return groups
}

// splitBaselines cuts glyphs sorted by baseline where the baseline moves by
// more than 45% of the font size; the groups' capacity is capped so that
// appending to one cannot overwrite the next.
func splitBaselines(sorted []extract.Glyph) [][]extract.Glyph {
	n := 1
	for i, start, ref := 1, 0, sorted[0].Baseline; i < len(sorted); i++ {
		if g := sorted[i]; !(g.Baseline-ref <= math.Max(1, 0.45*math.Max(g.Size, sorted[start].Size))) {
			n++
			start, ref = i, g.Baseline
		}
	}
	groups := make([][]extract.Glyph, 0, n)
	start, ref := 0, sorted[0].Baseline
	for i := 1; i < len(sorted); i++ {
		g := sorted[i]
		tol := math.Max(1, 0.45*math.Max(g.Size, sorted[start].Size))
		if g.Baseline-ref <= tol {
			continue
		}
		groups = append(groups, sorted[start:i:i])
		start, ref = i, g.Baseline
	}
	return append(groups, sorted[start:len(sorted):len(sorted)])
}

// joinGlyphs turns one baseline's glyphs into text: a space between ASCII
// words where the gap (or a space glyph) says so, none between CJK characters.
func joinGlyphs(gs []extract.Glyph) string {
	var b strings.Builder
	n := 0
	for i := range gs {
		n += len(gs[i].Text) // exact unless a space goes between words
	}
	b.Grow(n)
	prevEnd := math.Inf(-1)
	var prev rune
	pendingSpace := false
	for _, g := range gs {
		t := g.Text
		if isBlank(t) {
			pendingSpace = true
			continue
		}
		first, _ := utf8.DecodeRuneInString(t)
		if b.Len() > 0 {
			gap := g.X0 - prevEnd
			size := g.Size
			if size <= 0 {
				size = 10
			}
			if (pendingSpace || gap > 0.3*size) && !IsWide(prev) && !IsWide(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
		prev, _ = utf8.DecodeLastRuneInString(t)
		prevEnd = g.X1
		pendingSpace = false
	}
	return b.String()
}

// isBlank reports strings.TrimSpace(t) == "" without trimming: every rune
// is white space (an invalid byte is not).
func isBlank(t string) bool {
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= utf8.RuneSelf {
			for _, r := range t[i:] {
				if !unicode.IsSpace(r) {
					return false
				}
			}
			return true
		} else if c != ' ' && (c < '\t' || c > '\r') {
			return false
		}
	}
	return true
}

// JoinLines joins a cell's text lines: wrapped CJK labels without a
// separator, ASCII words with one space.
func JoinLines(lines []string) string {
	if len(lines) == 1 { // most cells: no copy needed
		return strings.TrimSpace(lines[0])
	}
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if !IsWide(prev) && !IsWide(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// baselineLine is one baseline of a cell's glyphs: its text as joinGlyphs
// gives it (untrimmed) and the geometry missingRowRules places rules by.
// Analyze reads each cell's baselines once for both uses.
type baselineLine struct {
	text     string
	baseline float64 // of the leftmost glyph
	size     float64 // of the leftmost glyph
	top      float64 // smallest Y0 of the line's glyphs
}

func baselineLines(gs []extract.Glyph) []baselineLine {
	if len(gs) == 0 {
		return nil
	}
	line := func(grp []extract.Glyph) baselineLine {
		top := math.Inf(1)
		for _, gl := range grp {
			top = math.Min(top, gl.Y0)
		}
		return baselineLine{text: joinGlyphs(grp), baseline: grp[0].Baseline, size: grp[0].Size, top: top}
	}
	// Most cells hold one line already in reading order: no grouping needed.
	if oneLineInOrder(gs) {
		return []baselineLine{line(gs)}
	}
	groups := baselineGroupsView(gs)
	out := make([]baselineLine, len(groups))
	for i, grp := range groups {
		out[i] = line(grp)
	}
	return out
}

// oneLineInOrder reports whether baselineGroups would return gs itself as
// its only group: sorted by baseline, all within the first glyph's
// tolerance, and sorted by x (no NaN anywhere, see inOrder).
func oneLineInOrder(gs []extract.Glyph) bool {
	if !inOrder(gs, baselineOf) || !inOrder(gs, x0Of) {
		return false
	}
	ref := gs[0].Baseline
	for i := 1; i < len(gs); i++ {
		if !(gs[i].Baseline-ref <= math.Max(1, 0.45*math.Max(gs[i].Size, gs[0].Size))) {
			return false
		}
	}
	return true
}

// linesText is a cell's Lines: the non-blank baselines, trimmed (nil when
// there are none).
func linesText(bl []baselineLine) []string {
	var out []string
	for _, l := range bl {
		if s := strings.TrimSpace(l.text); s != "" {
			if out == nil {
				out = make([]string, 0, len(bl))
			}
			out = append(out, s)
		}
	}
	return out
}

func cellLines(gs []extract.Glyph) []string { return linesText(baselineLines(gs)) }

// Lines groups free glyphs into text lines, top to bottom, splitting a
// baseline where the gap exceeds three character widths.
func Lines(gs []extract.Glyph) []TextLine {
	var out []TextLine
	for _, grp := range baselineGroups(gs) {
		start := 0
		for i := 1; i <= len(grp); i++ {
			if i < len(grp) {
				size := math.Max(grp[i].Size, 6)
				if grp[i].X0-grp[i-1].X1 <= 3*size {
					continue
				}
			}
			if tl, ok := makeLine(grp[start:i:i]); ok {
				out = append(out, tl)
			}
			start = i
		}
	}
	return out
}

func makeLine(gs []extract.Glyph) (TextLine, bool) {
	text := strings.TrimSpace(joinGlyphs(gs))
	if text == "" {
		return TextLine{}, false
	}
	tl := TextLine{Text: text, X0: math.Inf(1), Y0: math.Inf(1), X1: math.Inf(-1), Y1: math.Inf(-1)}
	for _, g := range gs {
		tl.X0, tl.X1 = math.Min(tl.X0, g.X0), math.Max(tl.X1, g.X1)
		tl.Y0, tl.Y1 = math.Min(tl.Y0, g.Y0), math.Max(tl.Y1, g.Y1)
		tl.Size = math.Max(tl.Size, g.Size)
	}
	tl.Baseline = gs[0].Baseline
	// gs is a capped sub-slice of baselineGroups' private sorted copy, not
	// shared with any other line: keep it rather than copy it again.
	tl.Glyphs = gs
	return tl, true
}
