package normalize

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/internal/textfold"
)

// ErrNotAmount is wrapped by every error of Amount: the cell holds something
// other than a figure (text, a percentage, a malformed number).
var ErrNotAmount = errors.New("not an amount")

// isAmountSyntax reports whether t, folded and without spaces, is a plain or
// thousands-grouped number: `^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?$`
// (the regexp FuzzAmountSyntax checks it against; a hand scan is several
// times quicker, and every value cell goes through it). Groups must be
// exactly three digits: "12,34" is more likely two figures run together
// than one figure.
func isAmountSyntax(t string) bool {
	i, n := 0, len(t)
	if i < n && (t[i] == '+' || t[i] == '-') {
		i++
	}
	start := i
	for i < n && isDigitByte(t[i]) {
		i++
	}
	if i < n && t[i] == ',' {
		if lead := i - start; lead < 1 || lead > 3 {
			return false
		}
		for i < n && t[i] == ',' {
			if i+4 > n || !isDigitByte(t[i+1]) || !isDigitByte(t[i+2]) || !isDigitByte(t[i+3]) {
				return false
			}
			i += 4
		}
		if i < n && isDigitByte(t[i]) {
			return false // a group of more than three digits
		}
	}
	if i < n && t[i] == '.' {
		i++
		frac := i
		for i < n && isDigitByte(t[i]) {
			i++
		}
		if i == frac {
			return false
		}
	}
	return i == n
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// dashRunes are the marks templates print for an explicit zero.
const dashRunes = "-—–―─━‐‑‒﹣"

// Amount parses one printed amount cell exactly.
//
// A blank cell gives ok == false (null). A cell that is only dashes ("-",
// "—", "－", "--") is an explicit zero. Thousands separators (also
// full-width), full-width digits and signs, spaces inside the figure (from
// letter-spaced text), a leading sign and accounting parentheses for negatives
// ("(12.30)", "（12.30）") are accepted. Anything else — a percentage, text,
// a malformed figure — is an error wrapping ErrNotAmount, never a null.
func Amount(s string) (d decimal.Decimal, ok bool, err error) {
	t := textfold.Compact(s)
	if t == "" {
		return decimal.Decimal{}, false, nil
	}
	if strings.Trim(t, dashRunes) == "" {
		return decimal.Zero, true, nil
	}
	if strings.ContainsRune(t, '%') {
		return decimal.Decimal{}, false, fmt.Errorf("%q is a percentage: %w", s, ErrNotAmount)
	}
	negative := false
	if strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		negative = true
		t = t[1 : len(t)-1]
		if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
			return decimal.Decimal{}, false, fmt.Errorf("%q has both parentheses and a sign: %w", s, ErrNotAmount)
		}
	}
	if !isAmountSyntax(t) || strings.Trim(t, "+-.,") == "" {
		return decimal.Decimal{}, false, fmt.Errorf("%q: %w", s, ErrNotAmount)
	}
	d, err = decimal.NewFromString(strings.ReplaceAll(t, ",", ""))
	if err != nil {
		return decimal.Decimal{}, false, fmt.Errorf("%q: %w: %v", s, ErrNotAmount, err)
	}
	if negative {
		d = d.Neg()
	}
	return d, true, nil
}
