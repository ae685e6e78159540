package grid

import (
	"math"
	"sort"
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
// sorted left to right.
func baselineGroups(gs []extract.Glyph) [][]extract.Glyph {
	if len(gs) == 0 {
		return nil
	}
	sorted := append([]extract.Glyph(nil), gs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Baseline < sorted[j].Baseline })
	var groups [][]extract.Glyph
	cur := []extract.Glyph{sorted[0]}
	ref := sorted[0].Baseline
	for _, g := range sorted[1:] {
		tol := math.Max(1, 0.45*math.Max(g.Size, cur[0].Size))
		if g.Baseline-ref <= tol {
			cur = append(cur, g)
			continue
		}
		groups = append(groups, cur)
		cur = []extract.Glyph{g}
		ref = g.Baseline
	}
	groups = append(groups, cur)
	for _, grp := range groups {
		sort.SliceStable(grp, func(i, j int) bool { return grp[i].X0 < grp[j].X0 })
	}
	return groups
}

// joinGlyphs turns one baseline's glyphs into text: a space between ASCII
// words where the gap (or a space glyph) says so, none between CJK characters.
func joinGlyphs(gs []extract.Glyph) string {
	var b strings.Builder
	prevEnd := math.Inf(-1)
	var prev rune
	pendingSpace := false
	for _, g := range gs {
		t := g.Text
		if strings.TrimSpace(t) == "" {
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

// JoinLines joins a cell's text lines: wrapped CJK labels without a
// separator, ASCII words with one space.
func JoinLines(lines []string) string {
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

func cellLines(gs []extract.Glyph) []string {
	var out []string
	for _, grp := range baselineGroups(gs) {
		if s := strings.TrimSpace(joinGlyphs(grp)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

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
			if tl, ok := makeLine(grp[start:i]); ok {
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
	tl.Glyphs = append([]extract.Glyph(nil), gs...)
	return tl, true
}
