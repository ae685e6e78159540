package tables

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
)

// compact renders a table as short strings for table-driven comparisons.
func compact(t Table) []string {
	head := fmt.Sprintf("%s %s pages=%v unit=%s marker=%s dept=%s year=%s empty=%v", t.ID, t.Title, t.Pages, t.Unit, t.Marker, t.Department, t.Year, t.Empty)
	var cols []string
	for _, c := range t.Columns {
		s := c.Key + "=" + c.Label
		if c.Section != "" {
			s = c.Section + "." + s
		}
		cols = append(cols, s)
	}
	out := []string{head, "cols " + strings.Join(cols, " ")}
	for _, r := range t.Rows {
		var vals []string
		for _, c := range r.Cells {
			vals = append(vals, c.Text)
		}
		out = append(out, fmt.Sprintf("p%d %s|%s|%s|%s|%s", r.Page, r.Section, r.LineNo, strings.Join(r.Code, "/"), r.Item, strings.Join(vals, ",")))
	}
	return out
}

func pagesOf(ps ...*page) []*extract.Page {
	var out []*extract.Page
	for _, p := range ps {
		out = append(out, p.p)
	}
	return out
}

var t02Widths = []float64{60, 140, 70, 70, 70}

func TestFind(t *testing.T) {
	tests := []struct {
		name  string
		pages []*page
		want  [][]string
	}{
		{
			name: "T02 over three pages, blank page between, repeated header, 栏次 row, broken header words",
			pages: []*page{
				newPage(1).text("目录", 100, 60).text("二、收入决算表……………………2", 100, 80),
				newPage(2).text("公开02表", 700, 40).text("收入决算表", 380, 50).
					text("部门：上海市XX局", 60, 70).text("2020年度", 380, 70).text("单位：万元", 700, 70).
					table(60, 80, t02Widths, 20, [][]string{
						{"项目", "<", "本年收入合\n计", "财政拨款\n收入", "附属单位\n上缴收入"},
						{"科目编码", "科目名称", "^", "^", "^"},
						{"栏次", "<", "1", "2", "3"},
						{"", "合计", "30.00", "20.00", "10.00"},
						{"208", "社会保障和就业支出", "30.00", "20.00", "10.00"},
					}),
				newPage(3),
				newPage(4).text("上海市XX局2020年度部门决算表", 300, 50).table(60, 80, t02Widths, 20, [][]string{
					{"20805", "行政事业单位养老支出", "30.00", "20.00", "10.00"},
				}),
				newPage(5).table(75, 80, t02Widths, 20, [][]string{ // other margin
					{"项目", "<", "本年收入合\n计", "财政拨款\n收入", "附属单位\n上缴收入"},
					{"科目编码", "科目名称", "^", "^", "^"},
					{"2080505", "机关事业单位基本养老保险缴\n费支出", "30.00", "20.00", "10.00"},
				}),
			},
			want: [][]string{{
				"T02 收入决算表 pages=[2 4 5] unit=万元 marker=公开02表 dept=上海市XX局 year=2020 empty=false",
				"cols total=本年收入合计 fiscal_appropriation=财政拨款收入 affiliated_remittance=附属单位上缴收入",
				"p2 |||合计|30.00,20.00,10.00",
				"p2 ||208|社会保障和就业支出|30.00,20.00,10.00",
				"p4 ||20805|行政事业单位养老支出|30.00,20.00,10.00",
				"p5 ||2080505|机关事业单位基本养老保险缴费支出|30.00,20.00,10.00",
			}},
		},
		{
			name: "an unknown table with the same columns does not continue the open one",
			pages: []*page{
				newPage(2).text("收入决算表", 380, 50).table(60, 80, t02Widths, 20, [][]string{
					{"科目编码", "科目名称", "合计", "财政拨款收入", "其他收入"},
					{"208", "社会保障和就业支出", "3.00", "2.00", "1.00"},
				}),
				newPage(3).text("项目收入明细表", 380, 50).table(60, 80, t02Widths, 20, [][]string{
					{"208", "社会保障和就业支出", "3.00", "2.00", "1.00"},
				}),
			},
			want: [][]string{{
				"T02 收入决算表 pages=[2] unit= marker= dept= year= empty=false",
				"cols total=合计 fiscal_appropriation=财政拨款收入 other=其他收入",
				"p2 ||208|社会保障和就业支出|3.00,2.00,1.00",
			}},
		},
		{
			name: "T01 two-sided with blank income side",
			pages: []*page{newPage(7).text("收入支出决算总表", 300, 50).text("单位：元", 600, 70).
				table(60, 80, []float64{160, 60, 160, 60}, 18, [][]string{
					{"收入", "<", "支出", "<"},
					{"项目", "决算数", "项目", "决算数"},
					{"一、财政拨款收入", "5.00", "一、一般公共服务支出", "3.00"},
					{"", "", "二、外交支出", ""},
					{"本年收入合计", "5.00", "本年支出合计", "3.00"},
				})},
			want: [][]string{{
				"T01 收入支出决算总表 pages=[7] unit=元 marker= dept= year= empty=false",
				"cols income.amount=收入/决算数 expenditure.amount=支出/决算数",
				"p7 income|||一、财政拨款收入|5.00",
				"p7 income|||本年收入合计|5.00",
				"p7 expenditure|||一、一般公共服务支出|3.00",
				"p7 expenditure|||二、外交支出|",
				"p7 expenditure|||本年支出合计|3.00",
			}},
		},
		{
			name: "T06 three blocks, totals kept",
			pages: []*page{newPage(3).text("一般公共预算财政拨款基本支出决算表", 250, 50).
				table(40, 80, []float64{40, 90, 50, 40, 90, 50, 40, 90, 50}, 18, [][]string{
					{"人员经费", "<", "<", "公用经费", "<", "<", "<", "<", "<"},
					{"科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"},
					{"301", "工资福利支出", "9.00", "302", "商品和服务支出", "2.00", "310", "资本性支出", "1.00"},
					{"人员经费合计", "<", "9.00", "公用经费合计", "<", "<", "<", "<", "3.00"},
				})},
			want: [][]string{{
				"T06 一般公共预算财政拨款基本支出决算表 pages=[3] unit= marker= dept= year= empty=false",
				"cols personnel.amount=人员经费/决算数 public.amount=公用经费/决算数",
				"p3 personnel||301|工资福利支出|9.00",
				"p3 personnel|||人员经费合计|9.00",
				"p3 public||302|商品和服务支出|2.00",
				"p3 public||310|资本性支出|1.00",
				"p3 public|||公用经费合计|3.00",
			}},
		},
		{
			name: "two small tables on one page; split 类款项 code; 行次",
			pages: []*page{newPage(9).
				text("政府性基金预算财政拨款支出决算表", 300, 50).
				table(60, 60, []float64{30, 30, 30, 150, 40, 70}, 18, [][]string{
					{"科目编码", "<", "<", "科目名称", "行次", "本年支出"},
					{"类", "款", "项", "^", "^", "^"},
					{"208", "", "", "社会保障和就业支出", "1", "4.00"},
					{"", "05", "06", "机关事业单位职业年金缴费支出", "2", "4.00"},
				}).
				text("国有资本经营预算财政拨款支出决算表", 300, 200).
				table(60, 210, []float64{60, 140, 70}, 18, [][]string{
					{"科目编码", "科目名称", "合计"},
				}).text("本表无数据", 60, 245)},
			want: [][]string{
				{
					"T08 政府性基金预算财政拨款支出决算表 pages=[9] unit= marker= dept= year= empty=false",
					"cols expenditure=本年支出",
					"p9 |1|208//|社会保障和就业支出|4.00",
					"p9 |2|/05/06|机关事业单位职业年金缴费支出|4.00",
				},
				{
					"T09 国有资本经营预算财政拨款支出决算表 pages=[9] unit= marker= dept= year= empty=true",
					"cols total=合计",
				},
			},
		},
		{
			name: "T07 two-level header",
			pages: []*page{newPage(11).text("（一般公共预算）财政拨款“三公”经费支出决算表", 250, 50).
				table(40, 80, []float64{80, 80, 80, 80, 80, 80, 80, 80}, 20, [][]string{
					{"预算数", "<", "<", "<", "决算数", "<", "<", "<"},
					{"合计", "因公出国（境）费", "公务用车购置及运行费", "<", "合计", "因公出国（境）费", "公务用车购置及运行费", "<"},
					{"^", "^", "购置费", "运行费", "^", "^", "购置费", "运行费"},
					{"1.00", "0.00", "0.50", "0.50", "0.90", "0.00", "0.40", "0.50"},
				})},
			want: [][]string{{
				"T07 （一般公共预算）财政拨款“三公”经费支出决算表 pages=[11] unit= marker= dept= year= empty=false",
				"cols budget_total=预算数/合计 budget_abroad=预算数/因公出国（境）费 budget_vehicle_purchase=预算数/公务用车购置及运行费/购置费 budget_vehicle_operation=预算数/公务用车购置及运行费/运行费 final_total=决算数/合计 final_abroad=决算数/因公出国（境）费 final_vehicle_purchase=决算数/公务用车购置及运行费/购置费 final_vehicle_operation=决算数/公务用车购置及运行费/运行费",
				"p11 ||||1.00,0.00,0.50,0.50,0.90,0.00,0.40,0.50",
			}},
		},
		{
			name: "narrative heading and budget table are not tables; title with only 本表无数据 is",
			pages: []*page{
				newPage(2).text("三、收入决算表", 60, 50).text("本年度收入合计100万元，比上年增加。", 60, 70),
				newPage(3).text("收入预算表", 300, 50).table(60, 80, t02Widths, 20, [][]string{
					{"科目编码", "科目名称", "合计", "财政拨款", "其他"},
					{"201", "一般公共服务支出", "1.00", "1.00", ""},
				}),
				newPage(4).text("政府性基金预算财政拨款收入支出决算表", 300, 50).text("单位：万元", 600, 65).text("（本表无数据）", 300, 90),
			},
			want: [][]string{{
				"T08 政府性基金预算财政拨款收入支出决算表 pages=[4] unit=万元 marker= dept= year= empty=true",
				"cols ",
			}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := Find(pagesOf(tc.pages...))
			for _, err := range errs {
				t.Error(err)
			}
			var gotC [][]string
			for _, tb := range got {
				gotC = append(gotC, compact(tb))
			}
			if !reflect.DeepEqual(gotC, tc.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(flat(gotC), "\n"), strings.Join(flat(tc.want), "\n"))
			}
		})
	}
}

func TestFindVariants(t *testing.T) {
	tests := []struct {
		name  string
		pages []*page
		want  []string
	}{
		{
			name: "title wrapped on two lines",
			pages: []*page{newPage(1).text("（一般公共预算）财政拨款“三公”经费", 300, 40).text("支出决算表", 340, 52).
				table(40, 80, []float64{80, 80}, 20, [][]string{
					{"预算数", "决算数"},
					{"1.00", "0.50"},
				})},
			want: []string{"T07 （一般公共预算）财政拨款“三公”经费支出决算表 pages=[1] unit= marker= dept= year= empty=false",
				"cols budget_total=预算数 final_total=决算数", "p1 ||||1.00,0.50"},
		},
		{
			name: "title in the first merged row of the grid (spreadsheet export)",
			pages: []*page{newPage(1).
				table(40, 80, []float64{60, 140, 80}, 20, [][]string{
					{"支出决算表", "<", "<"},
					{"部门：某局", "", "单位：元"},
					{"科目编码", "科目名称", "本年支出合计"},
					{"201", "一般公共服务支出", "3.00"},
				})},
			want: []string{"T03 支出决算表 pages=[1] unit=元 marker= dept=某局 year= empty=false",
				"cols total=本年支出合计", "p1 ||201|一般公共服务支出|3.00"},
		},
		{
			name: "two-sided table without rulings",
			pages: []*page{newPage(1).text("收入支出决算总表", 300, 40).text("单位：万元", 500, 60).
				plain(40, 80, []float64{160, 60, 160, 60}, 16, [][]string{
					{"收入", "<", "支出", "<"},
					{"项目", "决算数", "项目", "决算数"},
					{"一、财政拨款收入", "5.00", "一、一般公共服务支出", "3.00"},
					{"", "", "二、外交支出", "2.00"},
					{"本年收入合计", "5.00", "本年支出合计", "5.00"},
				})},
			want: []string{"T01 收入支出决算总表 pages=[1] unit=万元 marker= dept= year= empty=false",
				"cols income.amount=收入/决算数 expenditure.amount=支出/决算数",
				"p1 income|||一、财政拨款收入|5.00",
				"p1 income|||本年收入合计|5.00",
				"p1 expenditure|||一、一般公共服务支出|3.00",
				"p1 expenditure|||二、外交支出|2.00",
				"p1 expenditure|||本年支出合计|5.00"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := Find(pagesOf(tc.pages...))
			for _, err := range errs {
				t.Error(err)
			}
			if len(got) != 1 {
				t.Fatalf("got %d tables, want 1", len(got))
			}
			if c := compact(got[0]); !reflect.DeepEqual(c, tc.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(c, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestFindWithoutRulings(t *testing.T) {
	pages := []*page{
		newPage(4).text("收入决算表", 380, 50).text("单位：万元", 700, 65).
			plain(60, 80, t02Widths, 16, [][]string{
				{"科目编码", "科目名称", "本年收入合", "财政拨款", "其他收入"},
				{"", "", "计", "收入", ""},
				{"栏次", "", "1", "2", "3"},
				{"", "合计", "1,230.00", "1,000.00", "230.00"},
				{"208", "社会保障和就业支出", "30.00", "30.00", ""},
			}).
			// a wrapped label: second line set tighter than the row pitch
			text("2080505", 62, 80+5*16+10).text("机关事业单位基本养老保险缴", 122, 80+5*16+10).
			text("30.00", 328-textWidth("30.00"), 80+5*16+10).text("30.00", 398-textWidth("30.00"), 80+5*16+10).
			text("费支出", 122, 80+5*16+10+10).
			text("注：本表反映部门本年度取得的各项收入情况。", 60, 300),
		newPage(5).plain(60, 80, t02Widths, 16, [][]string{
			{"210", "卫生健康支出", "1,200.00", "970.00", "230.00"},
		}).text("5", 400, 560),
	}
	got, errs := Find(pagesOf(pages...))
	for _, err := range errs {
		t.Error(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d tables, want 1", len(got))
	}
	want := []string{
		"T02 收入决算表 pages=[4 5] unit=万元 marker= dept= year= empty=false",
		"cols total=本年收入合计 fiscal_appropriation=财政拨款收入 other=其他收入",
		"p4 |||合计|1,230.00,1,000.00,230.00",
		"p4 ||208|社会保障和就业支出|30.00,30.00,",
		"p4 ||2080505|机关事业单位基本养老保险缴费支出|30.00,30.00,",
		"p5 ||210|卫生健康支出|1,200.00,970.00,230.00",
	}
	if c := compact(got[0]); !reflect.DeepEqual(c, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(c, "\n"), strings.Join(want, "\n"))
	}
}

func flat(x [][]string) []string {
	var out []string
	for _, t := range x {
		out = append(out, t...)
		out = append(out, "--")
	}
	return out
}

// TestBorderlessPrint reads a table printed by Chromium without any rule
// (testdata/borderless_chromium.html, printed with
// `chromium --headless --no-pdf-header-footer --print-to-pdf`): cells are
// vertically centred, so wrapped labels straddle their amounts.
func TestBorderlessPrint(t *testing.T) {
	gotC := findCompact(t, "borderless_chromium.pdf")
	want := [][]string{
		{
			"T02 收入决算表 pages=[1] unit=万元 marker= dept= year= empty=false",
			"cols total=本年收入合计 fiscal_appropriation=财政拨款收入 business=事业收入 affiliated_remittance=附属单位上缴收入",
			"p1 |||合计|1,230.00,1,000.00,230.00,",
			"p1 ||208|社会保障和就业支出|30.00,30.00,,",
			"p1 ||2080505|机关事业单位基本养老保险缴费支出|30.00,30.00,,",
			"p1 ||210|卫生健康支出|1,200.00,970.00,230.00,",
		},
		{
			"T01 收入支出决算总表 pages=[2] unit=万元 marker= dept= year= empty=false",
			"cols income.amount=收入/决算数 expenditure.amount=支出/决算数",
			"p2 income|||一、一般公共预算财政拨款收入|9,746.50",
			"p2 income|||二、政府性基金预算财政拨款收入|",
			"p2 income|||本年收入合计|9,746.50",
			"p2 income|||使用非财政拨款结余|",
			"p2 expenditure|||一、一般公共服务支出|",
			"p2 expenditure|||二、外交支出|12.00",
			"p2 expenditure|||三、国防支出|",
			"p2 expenditure|||本年支出合计|12.00",
			"p2 expenditure|||结余分配|",
		},
	}
	if !reflect.DeepEqual(gotC, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(flat(gotC), "\n"), strings.Join(flat(want), "\n"))
	}
}

// TestBorderlessPrintTopAligned: the same HTML converted by LibreOffice
// (soffice --convert-to pdf:writer_web_pdf_Export), which drops the first
// title and top-aligns cells: a wrapped income label sits beside a one-line
// expenditure label.
func TestBorderlessPrintTopAligned(t *testing.T) {
	got := findCompact(t, "borderless_lo.pdf")
	want := [][]string{{
		"T01 收入支出决算总表 pages=[2] unit=万元 marker= dept= year= empty=false",
		"cols income.amount=收入/决算数 expenditure.amount=支出/决算数",
		"p2 income|||一、一般公共预算财政拨款收入|9,746.50",
		"p2 income|||二、政府性基金预算财政拨款收入|",
		"p2 income|||本年收入合计|9,746.50",
		"p2 income|||使用非财政拨款结余|",
		"p2 expenditure|||一、一般公共服务支出|",
		"p2 expenditure|||二、外交支出|12.00",
		"p2 expenditure|||三、国防支出|",
		"p2 expenditure|||本年支出合计|12.00",
		"p2 expenditure|||结余分配|",
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(flat(got), "\n"), strings.Join(flat(want), "\n"))
	}
}

// findCompact runs Find on a PDF of testdata and returns compact tables.
func findCompact(t *testing.T, name string) [][]string {
	t.Helper()
	doc, err := extract.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var pages []*extract.Page
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	got, errs := Find(pages)
	for _, err := range errs {
		t.Error(err)
	}
	var out [][]string
	for _, tb := range got {
		out = append(out, compact(tb))
	}
	return out
}
