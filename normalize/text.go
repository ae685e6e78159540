package normalize

import (
	"strings"
	"unicode"
)

// foldWidth maps full-width ASCII variants (０-９, ，, ．, －, （, ） …) and the
// ideographic space to their ASCII forms, and the typographic minus signs to
// '-'. It is applied to numbers and codes only: labels keep their printed
// full-width punctuation.
func foldWidth(s string) string { return strings.Map(foldRune, s) }

// foldRune is foldWidth for one rune.
func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r == 0x2212, r == 0xFE63: // − minus sign, ﹣ small hyphen-minus
		return '-'
	}
	return r
}

// isASCIIWordRune reports whether r belongs to an ASCII word (letters and
// digits): the only places where a printed space carries meaning in a label.
func isASCIIWordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// CleanLabel removes line breaks, padding and letter-spacing from a printed
// row label: every run of white space is dropped, except that one space is
// kept between two ASCII words ("PPP 项目" loses it, "Other expenses" keeps
// it). Leading enumerations such as "一、" are kept as printed.
func CleanLabel(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		// rs[i-1] and rs[j] exist: the string is trimmed.
		if isASCIIWordRune(rs[i-1]) && isASCIIWordRune(rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// removeSpaces drops every white-space rune (letter-spaced numbers and codes).
func removeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
