package narrative

import (
	"testing"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestShareIntervals(t *testing.T) {
	for _, tc := range []struct {
		part, base, stated string
		ok                 bool
	}{
		{"9746.50", "9759.38", "99.87", true},
		{"9746.50", "9759.38", "99.86", false}, // truncated, not rounded (r02 page 21)
		{"29.42", "307.82", "9.56", true},
		{"29.42", "307.82", "9.55", false}, // r03 page 18
		{"10.82", "307.82", "3.52", true},  // 3.5150…: either rounding is right
		{"0.39", "2.85", "13.68", true},
		{"0.39", "2.85", "13.75", true}, // 0.385/2.855 … 0.395/2.845: 13.49–13.88
		{"0.39", "2.85", "14.00", false},
	} {
		got, ok := printed(dec(tc.part), 2).percentOf(printed(dec(tc.base), 2))
		if !ok {
			t.Fatalf("%s/%s: no rate", tc.part, tc.base)
		}
		if admits := got.admits(printed(dec(tc.stated), 2)); admits != tc.ok {
			t.Errorf("%s/%s = [%s, %s]: admits %s = %v, want %v", tc.part, tc.base, got.lo.StringFixed(4), got.hi.StringFixed(4), tc.stated, admits, tc.ok)
		}
	}
	if _, ok := printed(dec("1"), 2).percentOf(printed(dec("0.00"), 2)); ok {
		t.Error("a rate of a base that may be 0 must not be computed")
	}
}

func TestAmountsAgreeOnlyWhenEqual(t *testing.T) {
	a := printed(dec("236.64"), 2)
	if a.admits(printed(dec("236.63"), 2)) {
		t.Error("236.63 admitted for 236.64")
	}
	if !a.admits(printed(dec("236.64"), 2)) {
		t.Error("236.64 not admitted for itself")
	}
	yuan := printed(dec("4319276.37"), 2).scale(dec("0.0001")) // 元 read in 万元
	if !yuan.admits(printed(dec("431.93"), 2)) || yuan.admits(printed(dec("431.92"), 2)) {
		t.Error("4319276.37 元 must read as 431.93 万元 only")
	}
}
