package tables

import (
	"regexp"
	"testing"
)

// The patterns the hand-written matchers stand for.
var (
	decimalRe   = regexp.MustCompile(`^[-−]?(\d{1,3}(,\d{3})+|\d+)\.\d+$`)
	thousandsRe = regexp.MustCompile(`^[-−]?\d{1,3}(,\d{3})+$`)
	colNumRe    = regexp.MustCompile(`^\d{1,2}$`)
	colNumWord  = regexp.MustCompile(`^(栏次|行次|栏号)$`)
)

var numberCases = []string{
	"", "0", "1", "12", "123", "1234", "1,234", "12,345,678", "1234,567", ",123", "1,23", "1,2345", "1,234,",
	"1.5", "1,234.56", "1234.56", ".5", "5.", "1.2.3", "-1.00", "−1,000.00", "--1.0", "-", "−", "1,234.5a",
	"12,34.5", "00", "99", "100", "栏次", "行次", "栏号", "栏次 ", "一、", "(一)", "(1)", "2010101", "201 01 01",
	"１２", "1\u00a0234", "+1.0", "1,000,000.000",
}

func TestNumberMatchersSameAsRegexps(t *testing.T) {
	for _, s := range numberCases {
		checkNumberMatchers(t, s)
	}
}

func FuzzNumberMatchers(f *testing.F) {
	for _, s := range numberCases {
		f.Add(s)
	}
	f.Fuzz(checkNumberMatchers)
}

func checkNumberMatchers(t *testing.T, s string) {
	if got, want := isDecimal(s), decimalRe.MatchString(s); got != want {
		t.Errorf("isDecimal(%q) = %v, regexp says %v", s, got, want)
	}
	if got, want := isThousands(s), thousandsRe.MatchString(s); got != want {
		t.Errorf("isThousands(%q) = %v, regexp says %v", s, got, want)
	}
	if got, want := isColumnNumber(s), colNumRe.MatchString(s); got != want {
		t.Errorf("isColumnNumber(%q) = %v, regexp says %v", s, got, want)
	}
	if got, want := isColumnNumberWord(s), colNumWord.MatchString(s); got != want {
		t.Errorf("isColumnNumberWord(%q) = %v, regexp says %v", s, got, want)
	}
	want := decimalRe.MatchString(s) || codeRe.MatchString(s) || thousandsRe.MatchString(s) || enumRe.MatchString(s)
	if got := isDataText(s); got != want {
		t.Errorf("isDataText(%q) = %v, regexps say %v", s, got, want)
	}
}
