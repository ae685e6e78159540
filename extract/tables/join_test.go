package tables

import (
	"reflect"
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
		b := &builder{
			t:        Table{ID: T02, Department: "郑州市住房保障和房地产管理局", Year: "2020", Marker: "公开02表", Unit: "万元"},
			lastPage: 3,
			groups:   [][]Row{{row("", "", "合计"), row("", "201", "一般公共服务支出"), row("", "20101", "人大事务"), row("", "2010101", "行政运行")}},
		}
		b.noteKeys(0, b.groups[0])
		return b
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
	// T07: one unlabelled data row, no closing row.
	single := func() *builder {
		return &builder{t: Table{ID: T07, Marker: "公开07表", Year: "2020"}, lastPage: 17,
			groups: [][]Row{{{Page: 17, Code: []string{}, Cells: []Cell{{Key: "total", Text: "12.00"}}}}}}
	}
	// Split codes printing 款 and 项 without their 类 (03 01 under 201, then
	// under 208): the same digits are another subject.
	split := func() *builder {
		b := &builder{t: Table{ID: T03}, lastPage: 5, groups: [][]Row{{
			{Code: []string{"201", "", ""}, Item: "一般公共服务支出"}, {Code: []string{"", "03", "01"}, Item: "行政运行"}}}}
		b.noteKeys(0, b.groups[0])
		return b
	}
	blank := map[int]bool{4: true, 5: true, 18: true, 19: true, 20: true}
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
		{"after two blank pages", codeTable(), printing{page: 6, rows: [][]Row{{row("", "20102", "政协事务")}}}, ""},
		{"a printed page between", codeTable(), printing{page: 7, rows: [][]Row{{row("", "20102", "政协事务")}}}, "not on the page after"},
		{"a code printed again", codeTable(), printing{page: 4, rows: [][]Row{{row("", "20102", "政协事务"), row("", "2010101", "行政运行")}}}, "code 2010101 again"},
		{"合计 printed again", codeTable(), printing{page: 4, rows: [][]Row{{row("", "20102", "政协事务"), row("", "", "合 计")}}}, "合 计 row again"},
		{"split codes without their 类 go on", split(), printing{page: 6, rows: [][]Row{{
			{Code: []string{"208", "", ""}, Item: "社会保障和就业支出"}, {Code: []string{"", "03", "01"}, Item: "行政运行"}}}}, ""},
		{"T07's row printed again", single(), printing{page: 18, rows: [][]Row{{{Code: []string{}, Cells: []Cell{{Key: "total", Text: "12.00"}}}}}}, "single row"},
		{"T07 of last year after three blank pages", single(), printing{page: 21, year: "2019", rows: [][]Row{{{Code: []string{}}}}}, "年度 is 2019"},
		{"a year in the title only", single(), printing{page: 18, titleYear: "2019", rows: [][]Row{nil}}, "年度 is 2019"},
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
			got := tc.b.whyNotContinued(tc.p, func(p int) bool { return blank[p] })
			switch {
			case tc.want == "" && got != "":
				t.Errorf("refused: %s", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("reason %q, want one naming %q", got, tc.want)
			}
		})
	}
}

// TestFindRepeatedTitle: pages that print the title, marker, 部门/年度/单位
// line, header and 栏次 row again are one table when they continue it, ruled
// or not, and a second printing otherwise.
func TestFindRepeatedTitle(t *testing.T) {
	header := [][]string{
		{"项目", "<", "本年收入合计", "财政拨款收入", "其他收入"},
		{"科目编码", "科目名称", "^", "^", "^"},
		{"栏次", "<", "1", "2", "3"},
	}
	// printed draws one page of T02 (ruled or not) under its title block.
	printed := func(n int, dept string, ruled bool, rows ...[]string) *page {
		pg := newPage(n).text("公开02表", 700, 40).text("收入决算表", 380, 50).
			text("部门："+dept, 60, 70).text("2020 年度", 380, 70).text("金额单位：万元", 680, 70)
		all := append(append([][]string{}, header...), rows...)
		if ruled {
			return pg.table(60, 80, t02Widths, 20, all)
		}
		return pg.plain(60, 80, t02Widths, 20, all)
	}
	const dept, unit = "新乡市生态环境局", "新乡市生态环境局机关服务中心"
	head := func(pages string) string {
		return "T02 收入决算表 pages=" + pages + " unit=万元 marker=公开02表 dept=" + dept + " year=2020 empty=false"
	}
	cols := "cols total=本年收入合计 fiscal_appropriation=财政拨款收入 other=其他收入"
	for _, ruled := range []bool{true, false} {
		name := map[bool]string{true: "ruled", false: "borderless"}[ruled]
		t.Run(name+"/continued over three pages", func(t *testing.T) {
			got, errs := Find(pagesOf(
				printed(3, dept, ruled, []string{"", "合计", "60.00", "50.00", "10.00"}, []string{"201", "一般公共服务支出", "20.00", "20.00", ""}),
				printed(4, dept, ruled, []string{"208", "社会保障和就业支出", "30.00", "25.00", "5.00"}),
				printed(5, dept, ruled, []string{"210", "卫生健康支出", "10.00", "5.00", "5.00"}),
			))
			for _, err := range errs {
				t.Error(err)
			}
			if len(got) != 1 {
				t.Fatalf("got %d tables, want 1: %v", len(got), got)
			}
			want := []string{head("[3 4 5]"), cols,
				"p3 |||合计|60.00,50.00,10.00",
				"p3 ||201|一般公共服务支出|20.00,20.00,",
				"p4 ||208|社会保障和就业支出|30.00,25.00,5.00",
				"p5 ||210|卫生健康支出|10.00,5.00,5.00"}
			if c := compact(got[0]); !reflect.DeepEqual(c, want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(c, "\n"), strings.Join(want, "\n"))
			}
		})
		t.Run(name+"/a unit's printing on the next page", func(t *testing.T) {
			got, _ := Find(pagesOf(
				printed(3, dept, ruled, []string{"", "合计", "20.00", "20.00", ""}, []string{"201", "一般公共服务支出", "20.00", "20.00", ""}),
				printed(4, unit, ruled, []string{"", "合计", "8.00", "8.00", ""}, []string{"201", "一般公共服务支出", "8.00", "8.00", ""}),
			))
			if len(got) != 2 {
				t.Fatalf("got %d tables, want 2", len(got))
			}
			if got[0].NotJoined != "" || !strings.Contains(got[1].NotJoined, "部门") || got[1].Department != unit {
				t.Errorf("first %q (not joined: %q), second %q (not joined: %q)", got[0].Department, got[0].NotJoined, got[1].Department, got[1].NotJoined)
			}
		})
	}
}
