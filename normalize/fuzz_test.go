package normalize

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzAmount: any cell text either parses to an exact decimal that prints
// back to the same figure, or is rejected; never a panic.
func FuzzAmount(f *testing.F) {
	for _, s := range []string{"", "1,234.50", "（12.30）", "－", "9746.50", "１２３．４５", "12 .50", "-0.01", "1e5", "12,34", "５０%", "(1,000)", "--"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok, err := Amount(s)
		if err != nil && ok {
			t.Fatalf("Amount(%q): ok with error %v", s, err)
		}
		if !ok {
			return
		}
		again, err := decimal.NewFromString(d.String())
		if err != nil || !again.Equal(d) {
			t.Fatalf("Amount(%q) = %s does not round-trip", s, d)
		}
	})
}

// FuzzCode: whatever the printed parts, a code read without error is all
// digits with a level and a parent one level up.
func FuzzCode(f *testing.F) {
	f.Add("201", "06", "01", "行政运行")
	f.Add("2080505", "", "", "")
	f.Add("30207邮电费", "", "", "")
	f.Add("", "06", "01", "")
	f.Fuzz(func(t *testing.T, a, b, c, item string) {
		for _, economic := range []bool{false, true} {
			r := CodeReader{Economic: economic}
			info, _, err := r.Read([]string{a, b, c}, item)
			if err != nil || info.Code == "" {
				continue
			}
			if strings.Trim(info.Code, "0123456789") != "" {
				t.Fatalf("code %q has non-digits", info.Code)
			}
			if info.Level > 1 && !strings.HasPrefix(info.Code, info.Parent) {
				t.Fatalf("code %q parent %q", info.Code, info.Parent)
			}
		}
	})
}
