package tables

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// amount parses a printed amount; blank is zero.
func amount(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" || s == "-" || s == "—" {
		return decimal.Zero
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Errorf("amount %q: %v", s, err)
		return decimal.Zero
	}
	return d
}

// within reports |a-b| <= 0.01 per summand.
func within(a, b decimal.Decimal, summands int) bool {
	return a.Sub(b).Abs().LessThanOrEqual(decimal.New(1, -2).Mul(decimal.NewFromInt(int64(summands))))
}

// identityStats checks, for a function-classified table, that the first
// column is the sum of the others in each row and that 类 = Σ款 = Σ项 and
// 合计 = Σ类 in every column. Returns checks done and failures described.
func identityStats(t *testing.T, tb Table) (checks int, fails []string) {
	codeOf := func(r Row) string { return strings.Join(r.Code, "") }
	for _, r := range tb.Rows {
		if len(r.Cells) < 2 {
			continue
		}
		sum := decimal.Zero
		for _, c := range r.Cells[1:] {
			sum = sum.Add(amount(t, c.Text))
		}
		checks++
		if total := amount(t, r.Cells[0].Text); !within(total, sum, len(r.Cells)-1) {
			fails = append(fails, fmt.Sprintf("%s row %s %s: %s != Σ %s", tb.ID, codeOf(r), r.Item, total, sum))
		}
	}
	for col := range tb.Columns {
		parentSum := map[string]decimal.Decimal{}
		parentN := map[string]int{}
		var grand decimal.Decimal
		grandN := 0
		var total *Row
		for i, r := range tb.Rows {
			code := codeOf(r)
			v := amount(t, r.Cells[col].Text)
			switch len(code) {
			case 3:
				grand = grand.Add(v)
				grandN++
			case 5, 7:
				p := code[:len(code)-2]
				parentSum[p] = parentSum[p].Add(v)
				parentN[p]++
			case 0:
				if strings.Contains(r.Item, "合计") || strings.Contains(r.Item, "总计") {
					total = &tb.Rows[i]
				}
			}
		}
		for _, r := range tb.Rows {
			code := codeOf(r)
			if n, ok := parentN[code]; ok {
				checks++
				if v := amount(t, r.Cells[col].Text); !within(v, parentSum[code], n) {
					fails = append(fails, fmt.Sprintf("%s %s %s col %s: %s != Σ children %s", tb.ID, code, r.Item, tb.Columns[col].Key, v, parentSum[code]))
				}
			}
		}
		if total != nil && grandN > 0 {
			checks++
			if v := amount(t, total.Cells[col].Text); !within(v, grand, grandN) {
				fails = append(fails, fmt.Sprintf("%s 合计 col %s: %s != Σ类 %s", tb.ID, tb.Columns[col].Key, v, grand))
			}
		}
	}
	return checks, fails
}

// TestRealIdentities: in every real final-account report, T02/T03/T05 row
// sums and the 类/款/项 hierarchy hold within rounding for >= 99% of checks.
func TestRealIdentities(t *testing.T) {
	for _, tc := range realTruth {
		if tc.kind != Final {
			continue // budgets: normalize/check's corpus test
		}
		t.Run(tc.pdf, func(t *testing.T) {
			tables := findReal(t, tc.pdf)
			seen := map[string]bool{}
			for _, tb := range tables {
				if tb.ID != T02 && tb.ID != T03 && tb.ID != T05 {
					continue
				}
				seen[tb.ID] = true
				checks, fails := identityStats(t, tb)
				t.Logf("%s: %d checks, %d failed", tb.ID, checks, len(fails))
				if checks == 0 {
					t.Errorf("%s: no identity could be checked", tb.ID)
				}
				if float64(len(fails)) > 0.01*float64(checks) {
					for _, f := range fails {
						t.Error(f)
					}
				}
			}
			for _, id := range []string{T02, T03, T05} {
				if !seen[id] {
					t.Errorf("%s not found", id)
				}
			}
		})
	}
}
