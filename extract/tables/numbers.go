package tables

import (
	"strings"
	"unicode/utf8"
)

// Hand-written matchers for the number shapes that every grid cell is
// tested against; each says exactly what the regexp named in its comment
// says (numbers_test.go checks them against it), without running a regexp.

// isDecimal is decimalRe: ^[-−]?(\d{1,3}(,\d{3})+|\d+)\.\d+$
func isDecimal(s string) bool {
	intPart, frac, ok := strings.Cut(trimSign(s), ".")
	return ok && allDigits(frac) && (allDigits(intPart) || isGrouped(intPart))
}

// isThousands is thousandsRe: ^[-−]?\d{1,3}(,\d{3})+$
func isThousands(s string) bool { return isGrouped(trimSign(s)) }

// isColumnNumber is colNumRe: ^\d{1,2}$
func isColumnNumber(s string) bool { return len(s) >= 1 && len(s) <= 2 && allDigits(s) }

// isColumnNumberWord is colNumWord: ^(栏次|行次|栏号)$
func isColumnNumberWord(s string) bool { return s == "栏次" || s == "行次" || s == "栏号" }

// trimSign drops one leading - or − (U+2212).
func trimSign(s string) string {
	if strings.HasPrefix(s, "-") {
		return s[1:]
	}
	return strings.TrimPrefix(s, "−")
}

// allDigits reports a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isGrouped is \d{1,3}(,\d{3})+ : digits grouped by thousands, with at
// least one comma.
func isGrouped(s string) bool {
	head, rest, ok := strings.Cut(s, ",")
	if !ok || len(head) > 3 || !allDigits(head) {
		return false
	}
	for {
		group, more, ok := strings.Cut(rest, ",")
		if len(group) != 3 || !allDigits(group) {
			return false
		}
		if !ok {
			return true
		}
		rest = more
	}
}

// isDataText is the cell test of isDataRow: decimalRe, codeRe, thousandsRe
// or enumRe matches t. Each pattern fixes the first character (a digit or
// minus sign for the numbers, 一…十 or an opening bracket for enumRe), so
// only the patterns that can match are tried.
func isDataText(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case r >= '0' && r <= '9', r == '-', r == '−':
		return isDecimal(t) || codeRe.MatchString(t) || isThousands(t)
	case r == '(' || strings.ContainsRune("一二三四五六七八九十", r):
		return enumRe.MatchString(t)
	}
	return false
}

// isZeroText is zeroRe: ^([-−—–]+|0+(\.0+)?)$ (a dash run or a zero).
func isZeroText(s string) bool {
	if s == "" {
		return false
	}
	dashes := true
	for _, r := range s {
		if r != '-' && r != '−' && r != '—' && r != '–' {
			dashes = false
			break
		}
	}
	if dashes {
		return true
	}
	whole, frac, ok := strings.Cut(s, ".")
	return allZeros(whole) && (!ok || allZeros(frac))
}

// allZeros reports a non-empty run of '0'.
func allZeros(s string) bool {
	return s != "" && strings.Trim(s, "0") == ""
}
