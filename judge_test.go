package juesuan

import "testing"

func TestOneDigitAway(t *testing.T) {
	for _, tc := range []struct {
		v, d    int64
		dropped int
		want    int64
		ok      bool
	}{
		{91252, -40000, 0, 51252, true},        // 912.52 → 512.52
		{51252, 40000, 0, 91252, true},         // 512.52 → 912.52
		{208030500, 20000, 2, 208050500, true}, // 2080305 → 2080505 (printed without decimals)
		{40736, 3, 0, 40739, true},             // last decimal 6 → 9
		{40736, 13, 0, 0, false},               // two digits
		{51252, 50000, 0, 0, false},            // 5 → 10
		{91252, -90000, 0, 0, false},           // leading digit to 0
		{-1200, -300, 0, -1500, true},          // negative figure
		{5000, 100000, 0, 0, false},            // a digit the figure does not have
		{123400, 10000, 2, 133400, true},       // 1234 → 1334 (printed without decimals)
		{123400, 10, 2, 0, false},              // a decimal not printed
	} {
		got, ok := oneDigitAway(tc.v, tc.d, tc.dropped)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("oneDigitAway(%d, %d, %d) = %d, %v; want %d, %v", tc.v, tc.d, tc.dropped, got, ok, tc.want, tc.ok)
		}
	}
}
