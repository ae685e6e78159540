package narrative

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// FuzzAnalyze feeds arbitrary text to the narrative stage, one page split
// into lines: it must not panic, every check it emits has its page, and
// every figure fits the statements dataset.
func FuzzAnalyze(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "figures.txt")); err == nil {
		f.Add(string(b))
	}
	f.Add("第三部分 某局2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n某局2024年度收入支出总计9859.38万元。。")
	f.Add("（一）\n决算数大于预算数。截至2023年12月31日，，XX")
	f.Fuzz(func(t *testing.T, text string) {
		a := Analyze(Input{Pages: [][]string{strings.Split(text, "\n")}, Department: "某局", FiscalYear: 2024})
		for _, c := range a.Checks {
			if c.Page == nil {
				t.Fatalf("%s without a page", c.CheckID)
			}
			switch c.Status {
			case schema.CheckPass, schema.CheckFail, schema.CheckInfo: // info: a figure the text rounds down or off
			default:
				t.Fatalf("%s status %q", c.CheckID, c.Status)
			}
		}
		rows := a.Statements("x", nil, nil)
		if len(rows) != len(a.Figures) {
			t.Fatalf("%d rows for %d figures", len(rows), len(a.Figures))
		}
	})
}
