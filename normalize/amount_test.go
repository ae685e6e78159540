package normalize

import (
	"errors"
	"testing"
)

func TestAmount(t *testing.T) {
	tests := []struct {
		in     string
		want   string // decimal string; "" for null
		hasErr bool
	}{
		{"", "", false},
		{"   ", "", false},
		{"\u3000", "", false},
		{"1234.50", "1234.5", false},
		{"1,234.50", "1234.5", false},
		{"1，234．50", "1234.5", false},
		{"１２３４．５０", "1234.5", false},
		{"12,345,678.09", "12345678.09", false},
		{"1 234.50", "1234.5", false},
		{"12 .50", "12.5", false},
		{"9 7 4 6 . 5 0", "9746.5", false},
		{"0.00", "0", false},
		{"0", "0", false},
		{"-", "0", false},
		{"—", "0", false},
		{"－", "0", false},
		{"--", "0", false},
		{"——", "0", false},
		{" - ", "0", false},
		{"-12.30", "-12.3", false},
		{"－12.30", "-12.3", false},
		{"\u221212.30", "-12.3", false},
		{"+5", "5", false},
		{"﹣5", "-5", false},
		{"﹣", "0", false},
		{"(12.30)", "-12.3", false},
		{"（12.30）", "-12.3", false},
		{"(1,234.00)", "-1234", false},
		{".50", "0.5", false},
		{"0.123456789012345678", "0.123456789012345678", false},
		// errors: never a silent null
		{"12.5%", "", true},
		{"12.5％", "", true},
		{"合计", "", true},
		{"12,34", "", true},
		{"1,2345.00", "", true},
		{"12.3.4", "", true},
		{"1.2e5", "", true},
		{"(-12)", "", true},
		{"(12", "", true},
		{"-.", "", true},
		{",", "", true},
		{"12-", "", true},
		{"12 元", "", true},
		{"- 12 -", "", true},
	}
	for _, tt := range tests {
		d, ok, err := Amount(tt.in)
		if tt.hasErr {
			if err == nil {
				t.Errorf("Amount(%q) = %v, %v, want error", tt.in, d, ok)
			} else if !errors.Is(err, ErrNotAmount) {
				t.Errorf("Amount(%q) error %v does not wrap ErrNotAmount", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Amount(%q) error: %v", tt.in, err)
			continue
		}
		if tt.want == "" {
			if ok {
				t.Errorf("Amount(%q) = %v, want null", tt.in, d)
			}
			continue
		}
		if !ok || d.String() != tt.want {
			t.Errorf("Amount(%q) = %v, %v, want %s", tt.in, d, ok, tt.want)
		}
	}
}
