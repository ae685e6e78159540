package normalize

import (
	"regexp"
	"testing"
)

// amountPattern is the specification isAmountSyntax implements by hand.
var amountPattern = regexp.MustCompile(`^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?$`)

var amountSyntaxSeeds = []string{
	"", "+", "-", ".", ".5", "5.", "1", "12", "123", "1234", "1,234", "12,345.67", "123,456,789",
	"1234,567", "12,34", "1,2345", "1,234,5678", "1,,234", ",123", "1,234.", "+1,234.00", "-.5",
	"1.2.3", "1e5", "１２", "12a", "1,234,567.891", "0,000", "+-1", "9746.50", "\xff1",
}

// TestAmountSyntax: the hand scan accepts exactly what the pattern accepts.
func TestAmountSyntax(t *testing.T) {
	for _, s := range amountSyntaxSeeds {
		if got, want := isAmountSyntax(s), amountPattern.MatchString(s); got != want {
			t.Errorf("isAmountSyntax(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}

// FuzzAmountSyntax: the same on any input.
func FuzzAmountSyntax(f *testing.F) {
	for _, s := range amountSyntaxSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isAmountSyntax(s), amountPattern.MatchString(s); got != want {
			t.Fatalf("isAmountSyntax(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}
