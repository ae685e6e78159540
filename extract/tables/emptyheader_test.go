package tables

import (
	"reflect"
	"strings"
	"testing"
)

// TestCorpusEmptyHeaderCell: the Jiangsu 收入预算总表 of 2017-2018 prints
// 项目名称 | (empty) | 金额 over funds and their lines; every printed row
// keeps its label, read from the rows themselves, over one or two pages
// (checked against the page images: r23 p11, r19 p9-10, r38 p12-13).
func TestCorpusEmptyHeaderCell(t *testing.T) {
	labels := []string{"收入总计", "一般公共预算资金 小计", "公共财政拨款(补助)资金", "专项收入", "政府性基金 小计",
		"财政专户管理资金 小计", "专户管理教育收费", "其他非税收入", "其他资金 小计", "事业收入", "经营收入", "其他收入",
		"债务资金(银行贷款)", "上年结转和结余资金 小计", "其中：动用上年结转和结余资金"}
	for _, tc := range []struct {
		file    string
		pages   []int
		amounts map[string]string
	}{
		{"r23_js_procuratorate_2017_budget.pdf", []int{11}, map[string]string{
			"收入总计": "17,996.68", "一般公共预算资金 小计": "17,981.68", "公共财政拨款(补助)资金": "17,981.68",
			"其他资金 小计": "15.00", "其他收入": "15.00"}},
		{"r19_js_npc_2017_budget.pdf", []int{9, 10}, map[string]string{
			"收入总计": "13,649.07", "一般公共预算资金 小计": "13,649.07", "公共财政拨款(补助)资金": "13,649.07"}},
		{"r38_js_highcourt_2017_budget.pdf", []int{12, 13}, map[string]string{
			"收入总计": "28,849.38", "一般公共预算资金 小计": "28,849.38", "公共财政拨款(补助)资金": "28,849.38"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b02 *Table
			for _, tb := range findReal(t, tc.file, WithKind(Budget)) {
				if tb.ID == B02 {
					b02 = &tb
					break
				}
			}
			if b02 == nil {
				t.Fatal("no B02")
			}
			if !reflect.DeepEqual(b02.Pages, tc.pages) {
				t.Errorf("pages %v, want %v", b02.Pages, tc.pages)
			}
			var got []string
			for _, r := range b02.Rows {
				got = append(got, r.Item)
				if want := tc.amounts[r.Item]; len(r.Cells) != 1 || r.Cells[0].Text != want {
					t.Errorf("%s: cells %v, want %q", r.Item, r.Cells, want)
				}
			}
			if !reflect.DeepEqual(got, labels) {
				t.Errorf("rows\n%q\nwant\n%q", got, labels)
			}
		})
	}
}

// TestFindEmptyHeaderCells: a header cell left empty over words makes a
// label column (its words join the row's label), over figures a value
// column of its own: no printed cell is dropped.
func TestFindEmptyHeaderCells(t *testing.T) {
	got, errs := Find(pagesOf(newPage(1).text("一般公共预算财政拨款支出决算表", 300, 50).text("单位：万元", 680, 70).
		table(60, 80, []float64{60, 90, 90, 70, 70}, 20, [][]string{
			{"科目编码", "科目名称", "", "合计", ""},
			{"", "合计", "", "30.00", "1.00"},
			{"201", "一般公共服务支出", "小计", "30.00", "1.00"},
		})))
	for _, err := range errs {
		t.Error(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d tables", len(got))
	}
	want := []string{
		"cols total=合计 col_2=",
		"p1 |||合计|30.00,1.00",
		"p1 ||201|一般公共服务支出 小计|30.00,1.00",
	}
	if c := compact(got[0])[1:]; !reflect.DeepEqual(c, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(c, "\n"), strings.Join(want, "\n"))
	}
}
