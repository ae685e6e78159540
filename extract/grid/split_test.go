package grid

import (
	"regexp"
	"strings"
	"testing"
)

// numericLineRe is what isNumericLine decides, as a regexp.
var numericLineRe = regexp.MustCompile(`^[-−]?[\d,]*\d(\.\d+)?$`)

var numericLineCases = []string{
	"", "0", "12", "1,234", "1,234.56", "-5", "−5", "--5", "-−5", "5.", ".5", "5.5.5", "1,2,3",
	",1", "1,", "12a", "a12", "１２", "-", "−", "1.0x", "1 2", "٣", "12.30", "−1,000.00",
}

func TestIsNumericLineMatchesRegexp(t *testing.T) {
	for _, s := range numericLineCases {
		if got, want := isNumericLine(s), numericLineRe.MatchString(s); got != want {
			t.Errorf("isNumericLine(%q) = %v, regexp says %v", s, got, want)
		}
	}
}

func FuzzIsNumericLine(f *testing.F) {
	for _, s := range numericLineCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isNumericLine(s), numericLineRe.MatchString(s); got != want {
			t.Errorf("isNumericLine(%q) = %v, regexp says %v", s, got, want)
		}
	})
}

func TestIsBlankSameAsTrimSpace(t *testing.T) {
	for _, s := range []string{"", " ", "\t\n\v\f\r", "a", " a ", "\u3000", "\u00a0", "\u0085", "\u2028", "中",
		" \u3000 ", "\xff", " \xff", "\u200b", "\x1c", "\x00"} {
		if got, want := isBlank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("isBlank(%q) = %v, TrimSpace says %v", s, got, want)
		}
	}
}

func FuzzIsBlank(f *testing.F) {
	f.Add(" \u3000")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isBlank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("isBlank(%q) = %v, TrimSpace says %v", s, got, want)
		}
	})
}
