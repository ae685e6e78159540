package tables

import (
	"strconv"
	"strings"
	"testing"
)

func TestWhyNotContinued(t *testing.T) {
	row := func(lineNo, code, item string) Row {
		r := Row{LineNo: lineNo, Item: item, Code: []string{}}
		if code != "" {
			r.Code = []string{code}
		}
		return r
	}
	// A code table that prints its 合计 first (the 2020 template's T02),
	// read so far on pages 2-3.
	codeTable := func() *builder {
		return &builder{
			t:        Table{ID: T02, Department: "郑州市住房保障和房地产管理局", Year: "2020", Marker: "公开02表", Unit: "万元"},
			lastPage: 3,
			groups:   [][]Row{{row("", "", "合计"), row("", "201", "一般公共服务支出"), row("", "20101", "人大事务"), row("", "2010101", "行政运行")}},
		}
	}
	// T01 page 1: income 行次 1-19, expenditure 行次 30-48.
	twoSided := func(closed bool) *builder {
		b := &builder{t: Table{ID: T01, Marker: "公开01表"}, lastPage: 1, groups: make([][]Row, 2)}
		for n := 1; n <= 19; n++ {
			b.groups[0] = append(b.groups[0], row(strconv.Itoa(n), "", ""))
			b.groups[1] = append(b.groups[1], row(strconv.Itoa(n+29), "", ""))
		}
		if closed {
			b.groups[1] = append(b.groups[1], row("58", "", "总 计"))
		}
		return b
	}
	tests := []struct {
		name string
		b    *builder
		p    printing
		want string // "" continues; else a word of the reason
	}{
		{"next page, codes go on", codeTable(),
			printing{page: 4, dept: "郑州市住房保障和房地产管理局", year: "2020", marker: "公开02表", unit: "万元",
				rows: [][]Row{{row("", "2010102", "一般行政管理事务"), row("", "208", "社会保障和就业支出")}}}, ""},
		{"after a blank page", codeTable(), printing{page: 5, rows: [][]Row{{row("", "20102", "政协事务")}}}, ""},
		{"header only", codeTable(), printing{page: 4, rows: [][]Row{nil}}, ""},
		{"three pages on", codeTable(), printing{page: 6, rows: [][]Row{{row("", "20102", "政协事务")}}}, "not on the page after"},
		{"same page", codeTable(), printing{page: 3, rows: [][]Row{{row("", "20102", "政协事务")}}}, "not on the page after"},
		{"another department", codeTable(),
			printing{page: 4, dept: "郑州市住房保障和房地产管理局机关服务中心", rows: [][]Row{{row("", "20102", "政协事务")}}}, "部门"},
		{"another year", codeTable(), printing{page: 4, year: "2019", rows: [][]Row{{row("", "20102", "政协事务")}}}, "年度"},
		{"letter-spaced 部门 is the same", codeTable(),
			printing{page: 4, dept: "郑州市住房保障和房地产管理局 ", rows: [][]Row{{row("", "20102", "政协事务")}}}, ""},
		{"its own 合计", codeTable(), printing{page: 4, rows: [][]Row{{row("", "", "合计"), row("", "205", "教育支出")}}}, "its own 合计"},
		{"codes start again", codeTable(), printing{page: 4, rows: [][]Row{{row("", "201", "一般公共服务支出")}}}, "codes start again at 201"},
		{"行次 go on", twoSided(false), printing{page: 2, rows: [][]Row{{row("20", "", "")}, {row("49", "", "")}}}, ""},
		{"行次 start again", twoSided(false), printing{page: 2, rows: [][]Row{{row("1", "", "一、一般公共预算财政拨款收入")}, {row("30", "", "")}}}, "行次 start again at 1"},
		{"closed by 总计", twoSided(true), printing{page: 2, rows: [][]Row{{row("20", "", "")}, {row("49", "", "")}}}, "closing row 总 计"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.b.whyNotContinued(tc.p)
			switch {
			case tc.want == "" && got != "":
				t.Errorf("refused: %s", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("reason %q, want one naming %q", got, tc.want)
			}
		})
	}
}
