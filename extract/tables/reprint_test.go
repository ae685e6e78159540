package tables

import (
	"strings"
	"testing"
)

// TestFindSecondPrintings: a table without a closing row (T07, one data row)
// printed twice, by a copy of its page or by last year's table after this
// year's, is two printings, the second named; blank pages inside a table
// keep it whole.
func TestFindSecondPrintings(t *testing.T) {
	header := [][]string{
		{"预算数", "<", "<", "决算数", "<", "<"},
		{"合计", "因公出国（境）费", "公务接待费", "合计", "因公出国（境）费", "公务接待费"},
	}
	widths := []float64{90, 110, 90, 90, 110, 90}
	t07 := func(n int, year, title string, row []string) *page {
		return newPage(n).text("公开07表", 700, 40).text(title, 300, 50).
			text("部门：新乡市生态环境局", 60, 70).text(year, 380, 70).text("金额单位：万元", 680, 70).
			table(60, 80, widths, 20, append(append([][]string{}, header...), row))
	}
	const title = "一般公共预算财政拨款“三公”经费支出决算表"
	row := []string{"12.00", "2.00", "10.00", "11.00", "1.00", "10.00"}
	lastYear := []string{"9.00", "1.00", "8.00", "8.50", "0.50", "8.00"}
	for _, tc := range []struct {
		name  string
		pages []*page
		why   string // a word of the second printing's reason, "" for one table
		rows  int    // rows of the first printing
	}{
		{"a copy of its page", []*page{t07(17, "2020 年", title, row), t07(18, "2020 年", title, row)}, "single row", 1},
		{"last year's after this year's", []*page{t07(17, "2020 年", title, row), t07(18, "2019 年", title, lastYear)}, "年度 is 2019", 1},
		{"二〇一九年度 after 2020年度", []*page{t07(17, "2020年度", title, row), t07(18, "二〇一九年度", title, lastYear)}, "年度 is 2019", 1},
		{"the year in the title", []*page{t07(17, "", "2020年"+title, row), t07(18, "", "2019年"+title, lastYear)}, "年度 is 2019", 1},
		{"the marker again under no title", []*page{t07(17, "2020 年", title, row),
			newPage(18).text("公开08表", 700, 40).text("政府性基金预算财政拨款收入支出决算表", 300, 50).table(60, 80, []float64{60, 140, 70, 70, 70}, 20, [][]string{
				{"项目", "<", "年初结转和结余", "本年收入", "年末结转和结余"}, {"科目编码", "科目名称", "^", "^", "^"}, {"", "合计", "1.00", "2.00", "3.00"}}),
			newPage(19).text("公开07表", 700, 40).table(60, 80, widths, 20, append(append([][]string{}, header...), lastYear))}, "marker 公开07表 of table T07 again", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Find(pagesOf(tc.pages...))
			var printings []Table
			for _, tb := range got {
				if tb.ID == T07 {
					printings = append(printings, tb)
				}
			}
			if len(printings) != 2 {
				t.Fatalf("got %d printings of T07, want 2: %v", len(printings), got)
			}
			if !strings.Contains(printings[1].NotJoined, tc.why) {
				t.Errorf("second printing: %q, want a reason naming %q", printings[1].NotJoined, tc.why)
			}
			if len(printings[0].Rows) != tc.rows || printings[0].Rows[0].Cells[0].Text != "12.00" {
				t.Errorf("first printing changed: %v", printings[0].Rows)
			}
		})
	}
	t.Run("blank pages inside a table", func(t *testing.T) {
		for _, blanks := range []int{1, 2, 3} {
			// T02 split by blank pages holding only a page number or a running head.
			hdr := [][]string{{"项目", "<", "本年收入合计", "财政拨款收入"}, {"科目编码", "科目名称", "^", "^"}}
			t02 := func(n int, rows ...[]string) *page {
				return newPage(n).text("公开02表", 700, 40).text("收入决算表", 380, 50).
					text("部门：新乡市生态环境局", 60, 70).text("2020 年度", 380, 70).text("金额单位：万元", 680, 70).
					table(60, 80, []float64{60, 140, 70, 70}, 20, append(append([][]string{}, hdr...), rows...))
			}
			pages := []*page{t02(3, []string{"", "合计", "30.00", "30.00"}, []string{"201", "一般公共服务支出", "20.00", "20.00"})}
			for i := 0; i < blanks; i++ {
				p := newPage(4 + i)
				switch i {
				case 1:
					p.text("- 5 -", 400, 560)
				case 2:
					p.text("新乡市生态环境局2020年度部门决算", 300, 30)
				}
				pages = append(pages, p)
			}
			pages = append(pages, t02(4+blanks, []string{"208", "社会保障和就业支出", "10.00", "10.00"}))
			got, errs := Find(pagesOf(pages...))
			for _, err := range errs {
				t.Error(err)
			}
			if len(got) != 1 || len(got[0].Rows) != 3 {
				t.Errorf("%d blank pages: got %d tables (%v), want one of 3 rows", blanks, len(got), got)
			}
		}
	})
}
