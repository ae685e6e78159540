package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	if isCleanLabel(s) {
		return s // most labels: no white space, nothing to copy
	}
	return cleanLabel(s)
}

// cleanLabel is CleanLabel without the fast path.
func cleanLabel(s string) string {
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

// isCleanLabel reports whether CleanLabel would return s unchanged: valid
// UTF-8 (ranging would turn a bad byte into U+FFFD) without white space.
func isCleanLabel(s string) bool {
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if unicode.IsSpace(r) {
				return false
			}
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		case r > maxWhiteSpace:
			// CJK and the rest: no white space up there.
		case unicode.IsSpace(r):
			return false
		}
	}
	return true
}

// maxWhiteSpace is the highest rune unicode.IsSpace accepts (U+3000
// IDEOGRAPHIC SPACE); a test holds the unicode tables to it.
const maxWhiteSpace = '\u3000'

// removeSpaces drops every white-space rune (letter-spaced numbers and codes).
func removeSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
