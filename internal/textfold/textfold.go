// Package textfold holds the rules that fold printed text before it is
// compared: white space, full-width forms, brackets, quotes. Reports print
// the same words letter-spaced or not, with full-width or ASCII brackets,
// with curly, straight or no quotes; every comparison of printed text (a
// table title, a column header, a row label, the metadata of a cover, a
// subject of the narrative) folds both sides first.
//
// Each rule is written once, here. Callers combine the rules they need
// (Fold with a Rule set) or call the named combination of their purpose
// (Key, LabelKey, Compact, CleanText, CleanLabel); where two purposes
// differ, the difference is a named rule, not a second copy.
//
// Fold returns its argument itself, without copying, when no rule changes
// it, and Collapse when it holds no white space: most cell texts (amounts,
// codes, plain labels) cost no copy. Otherwise both read an invalid UTF-8
// byte as U+FFFD, as strings.Map does.
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rule is one folding rule; rules combine with |.
type Rule uint8

const (
	// Spaces drops every white-space rune (unicode.IsSpace, U+3000
	// IDEOGRAPHIC SPACE included): letter-spaced titles, padding, line
	// breaks inside a cell.
	Spaces Rule = 1 << iota
	// LayoutSpaces drops only the spaces a text layer puts between spread
	// glyphs: ' ', '\t', U+3000 and U+00A0. It is the narrative's choice:
	// it reads whole lines of prose, where a line or paragraph separator
	// (U+2028, U+2029, U+0085) that NFKC leaves in the text still marks a
	// break.
	LayoutSpaces
	// Quotes drops quotation marks (“ ” " ' ‘ ’ 「 」 『 』): “三公”经费 is
	// printed with curly, straight, corner or no quotes.
	Quotes
	// Brackets folds the full-width brackets and colon （ ） ： to ASCII:
	// 单位：万元 and 单位:万元, （一） and (一) are the same.
	Brackets
	// Digits folds the full-width digits ０-９ and full stop ． to ASCII,
	// so that the numbering of a label (１．, 2.) compares equal.
	Digits
	// Width folds every full-width ASCII variant (U+FF01–U+FF5E: ０-９,
	// Ａ-Ｚ, ，．－（）…) to ASCII, U+3000 to ' ' and the typographic minus
	// signs − (U+2212) and ﹣ (U+FE63) to '-': the reading of numbers,
	// codes and metadata, where a full-width form means nothing.
	Width
)

// maxSpace is the highest rune unicode.IsSpace accepts (U+3000); a test
// holds the unicode tables to it.
const maxSpace = '\u3000'

// IsSpace reports white space as the Spaces rule has it: unicode.IsSpace,
// which includes U+3000.
func IsSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return r <= maxSpace && unicode.IsSpace(r)
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// isLayoutSpace reports the spaces of the LayoutSpaces rule.
func isLayoutSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0'
}

// isQuote reports the quotation marks of the Quotes rule.
func isQuote(r rune) bool {
	switch r {
	case '“', '”', '"', '\'', '‘', '’', '「', '」', '『', '』':
		return true
	}
	return false
}

// apply returns what rules make of r: the folded rune, or -1 when it is
// dropped. Width folds before the drops look at the rune, so that with
// Width|Spaces U+3000 goes whichever rule names it.
func (rules Rule) apply(r rune) rune {
	if rules&Width != 0 {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		case r == 0x2212, r == 0xFE63: // − minus sign, ﹣ small hyphen-minus
			r = '-'
		}
	}
	switch {
	case rules&Spaces != 0 && IsSpace(r),
		rules&LayoutSpaces != 0 && isLayoutSpace(r),
		rules&Quotes != 0 && isQuote(r):
		return -1
	}
	if rules&Brackets != 0 {
		switch r {
		case '（':
			return '('
		case '）':
			return ')'
		case '：':
			return ':'
		}
	}
	if rules&Digits != 0 {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．':
			return '.'
		}
	}
	return r
}

// FoldRune is what rules make of one rune: the folded rune, or -1 when a
// rule drops it.
func FoldRune(r rune, rules Rule) rune { return rules.apply(r) }

// Fold applies rules to every rune of s. It returns s itself when no rule
// changes it: the common case, which costs no copy.
func Fold(s string, rules Rule) string {
	i := rules.firstChange(s)
	if i == len(s) {
		return s
	}
	b := make([]byte, i, len(s)+2) // +2: an invalid byte becomes 3 bytes
	copy(b, s[:i])
	for _, r := range s[i:] { // an invalid byte reads as utf8.RuneError
		if r = rules.apply(r); r >= 0 {
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// firstChange returns the byte offset of the first rune rules drop or
// change (an invalid byte included: it becomes U+FFFD), or len(s).
func (rules Rule) firstChange(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiChanges[rules&allRules][c] {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x4E00 && r <= 0x9FFF { // CJK ideographs: no rule touches them
			i += size
			continue
		}
		if r == utf8.RuneError && size == 1 || rules.apply(r) != r {
			return i
		}
		i += size
	}
	return len(s)
}

// allRules is every Rule: Rule values index asciiChanges up to it.
const allRules = Width<<1 - 1

// asciiChanges[rules][c] reports whether rules change the ASCII byte c:
// the byte scan of firstChange, as cheap as a hand-written one.
var asciiChanges = func() (t [allRules + 1][utf8.RuneSelf]bool) {
	for rules := range t {
		for c := range t[rules] {
			t[rules][c] = Rule(rules).apply(rune(c)) != rune(c)
		}
	}
	return t
}()

// Key is the matching key of printed table text (titles, column headers,
// row labels, notes): no white space, no quotes, （）： as ASCII.
func Key(s string) string { return Fold(s, Spaces|Quotes|Brackets) }

// LabelKey is the key the checks match row labels by: no white space,
// （）： and the full-width digits and full stop as ASCII, so that "本年收入
// 合计" and "本年收入合计", "（一）" and "(一)" compare equal. Unlike Key it
// keeps quotes: no label the checks look for is quoted.
func LabelKey(s string) string { return Fold(s, Spaces|Brackets|Digits) }

// Compact is the form metadata and figures are read in: every full-width
// form folded (Width), then no white space, so that "2024 年度部门决算" and
// "２０２４年度部门决算" read the same.
func Compact(s string) string { return Fold(s, Width|Spaces) }

// Keep decides whether a run of white space between two printed runes
// becomes one space (true) or goes (false).
type Keep func(before, after rune) bool

// Collapse removes line breaks, padding and letter-spacing from printed
// text: it trims s, and drops every inner run of white space, or writes one
// space for it where keep says so.
func Collapse(s string, keep Keep) string {
	if !hasSpaceOrInvalid(s) {
		return s // most texts: no white space, nothing to copy
	}
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if !IsSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && IsSpace(rs[j]) {
			j++
		}
		// rs[i-1] and rs[j] exist: the string is trimmed.
		if keep(rs[i-1], rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// hasSpaceOrInvalid reports whether Collapse would look at s: it holds
// white space, or an invalid byte (which the rune conversion turns into
// U+FFFD).
func hasSpaceOrInvalid(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || IsSpace(r) {
			return true
		}
		i += size
	}
	return false
}

// CleanText is the text of a table cell: a space stays (as one) only
// between two narrow runes, "Other  expenses" → "Other expenses", while
// spaces next to a CJK character or full-width form are line-break or
// padding spaces and go.
func CleanText(s string) string { return Collapse(s, BetweenNarrow) }

// CleanLabel is a row label as the line items carry it: a space stays (as
// one) only between two ASCII letters or digits ("PPP 项目" → "PPP项目",
// "Other expenses" stays). Stricter than CleanText: a label's punctuation
// is printed without spaces.
func CleanLabel(s string) string { return Collapse(s, BetweenASCIIWords) }

// BetweenNarrow keeps a space whose neighbours are both narrow (not IsWide).
func BetweenNarrow(before, after rune) bool { return !IsWide(before) && !IsWide(after) }

// BetweenASCIIWords keeps a space between two ASCII letters or digits.
func BetweenASCIIWords(before, after rune) bool {
	return isASCIIWordRune(before) && isASCIIWordRune(after)
}

func isASCIIWordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// IsWide reports a rune printed in a CJK text's full width: Han, CJK
// punctuation, full-width forms and the typographic quotes, ellipsis and
// dash Chinese text uses.
func IsWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) ||
		strings.ContainsRune("“”‘’…—", r)
}
