package textfold

import (
	"strings"
	"testing"
	"unicode"
)

// The six copies of the folding rules as they stood before this package
// (extract/tables matchNorm and cleanText, normalize/check normLabel,
// normalize foldWidth, removeSpaces, compact and CleanLabel, and the
// narrative's removeSpaces), written the plain way, rune by rune. The
// tests below hold every rule of the package to them, so that moving the
// copies here changed no output.

func beforeMatchNorm(s string) string { // extract/tables: titles, headers, keys
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			continue
		case strings.ContainsRune("“”\"'‘’「」『』", r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r == '：':
			r = ':'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func beforeNormLabel(s string) string { // normalize/check: row labels
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r == '：':
			r = ':'
		case r == '．':
			r = '.'
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func beforeFoldRune(r rune) rune { // normalize: numbers, codes, metadata
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r == 0x2212, r == 0xFE63:
		return '-'
	}
	return r
}

func beforeFoldWidth(s string) string { return strings.Map(beforeFoldRune, s) }

func beforeRemoveSpaces(s string) string { // normalize
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func beforeCompact(s string) string { return beforeRemoveSpaces(beforeFoldWidth(s)) } // normalize: metadata

// beforeNarrativeSpaces is the narrative's removeSpaces without its fast
// path, which returned a string without any of the four spaces as it was,
// invalid bytes included; with a space, strings.Map turned them into
// U+FFFD. Fold turns them into U+FFFD always (the narrative reads the text
// of extract, which builds its glyph text rune by rune and holds no
// invalid byte).
func beforeNarrativeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u3000', '\u00a0':
			return -1
		}
		return r
	}, s)
}

// beforeCollapse is extract/tables' cleanText (keep = !wide on both sides)
// and normalize's CleanLabel (keep = ASCII word runes on both sides).
func beforeCollapse(s string, keep func(a, b rune) bool) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if unicode.IsSpace(r) || r == '\u3000' {
			j := i
			for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == '\u3000') {
				j++
			}
			if i > 0 && j < len(rs) && keep(rs[i-1], rs[j]) {
				b.WriteByte(' ')
			}
			i = j - 1
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func beforeIsWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) ||
		strings.ContainsRune("“”‘’…—", r)
}

func beforeASCIIWord(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// sameAsBefore compares every rule with its copy of before.
func sameAsBefore(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		name      string
		got, want string
	}{
		{"Key", Key(s), beforeMatchNorm(s)},
		{"LabelKey", LabelKey(s), beforeNormLabel(s)},
		{"Compact", Compact(s), beforeCompact(s)},
		{"Fold Width", Fold(s, Width), beforeFoldWidth(s)},
		{"Fold Spaces", Fold(s, Spaces), beforeRemoveSpaces(s)},
		{"Fold LayoutSpaces", Fold(s, LayoutSpaces), beforeNarrativeSpaces(s)},
		{"CleanText", CleanText(s), beforeCollapse(s, func(a, b rune) bool { return !beforeIsWide(a) && !beforeIsWide(b) })},
		{"CleanLabel", CleanLabel(s), beforeCollapse(s, func(a, b rune) bool { return beforeASCIIWord(a) && beforeASCIIWord(b) })},
	} {
		if c.got != c.want {
			t.Errorf("%s(%q) = %q, before it was %q", c.name, s, c.got, c.want)
		}
	}
}

func TestSameAsBefore(t *testing.T) {
	for _, s := range readCases(t) {
		sameAsBefore(t, s)
	}
}

// FuzzSameAsBefore: every rule gives what its copy gave, for any input.
func FuzzSameAsBefore(f *testing.F) {
	for _, s := range readCases(f) {
		f.Add(s)
	}
	f.Fuzz(sameAsBefore)
}
