package check

import (
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// oldT01 is a T01 in the style of earlier templates: one 财政拨款收入 line
// with a "其中" breakdown, 用事业基金弥补收支差额 instead of 使用非财政拨款结余,
// and an unnumbered breakdown under 年末结转和结余 that must not be added.
func oldT01(incomeTotal string) tspec {
	return tspec{id: tables.T01,
		cols: []tcol{{in, "amount", "决算数"}, {exp, "amount", "决算数"}},
		rows: []trow{
			{in, "", "一、财政拨款收入", []string{"100.00"}},
			{in, "", "其中：政府性基金预算财政拨款", []string{"10.00"}},
			{in, "", "二、上级补助收入", []string{""}},
			{in, "", "三、事业收入", []string{"5.00"}},
			{in, "", "本年收入合计", []string{incomeTotal}},
			{in, "", "用事业基金弥补收支差额", []string{"1.00"}},
			{in, "", "上年结转", []string{"20.00"}},
			{in, "", "总计", []string{"126.00"}},
			{exp, "", "一、一般公共服务支出", []string{"50.00"}},
			{exp, "", "二、文化体育与传媒支出", []string{"60.00"}},
			{exp, "", "本年支出合计", []string{"110.00"}},
			{exp, "", "结余分配", []string{""}},
			{exp, "", "年末结转和结余", []string{"16.00"}},
			{exp, "", "基本支出结转", []string{"6.00"}},
			{exp, "", "项目支出结转和结余", []string{"10.00"}},
			{exp, "", "总计", []string{"126.00"}},
		}}
}

func oldT03() tspec {
	return tspec{id: tables.T03,
		cols: []tcol{{"", "total", "本年支出合计"}, {"", "basic", "基本支出"}, {"", "project", "项目支出"}},
		rows: []trow{
			{"", "", "合计", []string{"110.00", "60.00", "50.00"}},
			{"", "201", "一般公共服务支出", []string{"50.00", "50.00", ""}},
			{"", "207", "文化旅游体育与传媒支出", []string{"60.00", "10.00", "50.00"}},
		}}
}

func TestOlderTemplateT01(t *testing.T) {
	for _, tc := range []struct {
		name        string
		incomeTotal string
		fails       []string
	}{
		{"consistent", "105.00", nil},
		{"income total off", "106.00", []string{"T01.income_total", "T01.income_grand_total"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := runSpecs(t, []tspec{oldT01(tc.incomeTotal), oldT03()}, WithExpectedTables(tables.T01, tables.T03))
			var fails []string
			seen := map[string]bool{}
			for _, c := range cs {
				seen[c.CheckID] = true
				if c.Status == schema.CheckFail {
					fails = append(fails, c.CheckID)
				}
			}
			if len(fails) != len(tc.fails) {
				t.Errorf("fails %v, want %v\n%s", fails, tc.fails, dump(cs))
			}
			for i := range fails {
				if i < len(tc.fails) && fails[i] != tc.fails[i] {
					t.Errorf("fails %v, want %v", fails, tc.fails)
				}
			}
			for _, id := range []string{"T01.income_total", "T01.income_grand_total", "T01.expenditure_grand_total", "T01.balance", "X.T01_T03_class"} {
				if !seen[id] {
					t.Errorf("no %s row\n%s", id, dump(cs))
				}
			}
		})
	}
}

func TestT02SplitFiscalColumnSkipsComparison(t *testing.T) {
	good := goodReport()
	for i := range good {
		if good[i].id == tables.T02 {
			good[i].cols[1].label = "一般公共预算财政拨款收入"
		}
	}
	for _, c := range runSpecs(t, good) {
		if c.CheckID == "X.T02_T04_fiscal_income" {
			if c.Status != schema.CheckSkipped || c.Expected != nil {
				t.Errorf("got %+v", c)
			}
			return
		}
	}
	t.Fatal("no X.T02_T04_fiscal_income row")
}

func TestClassAboveItemsWithoutKuan(t *testing.T) {
	t05 := tspec{id: tables.T05,
		cols: []tcol{{"", "total", "合计"}, {"", "basic", "基本支出"}, {"", "project", "项目支出"}},
		rows: []trow{
			{"", "", "合计", []string{"50.00", "30.00", "20.00"}},
			{"", "201", "一般公共服务支出", []string{"50.00", "30.00", "20.00"}},
			{"", "2010101", "行政运行", []string{"30.00", "30.00", ""}},
			{"", "2010102", "一般行政管理事务", []string{"21.00", "", "21.00"}},
		}}
	cs := runSpecs(t, []tspec{t05}, WithExpectedTables(tables.T05))
	var fails []string
	for _, c := range cs {
		if c.Status == schema.CheckFail {
			fails = append(fails, c.CheckID+" @ "+c.Location)
		}
	}
	// 2010102 is off by 1.00 (project column, then total column); the
	// row sums hold.
	want := []string{
		`T05.class_sum @ T05 row 2 "201 一般公共服务支出" column 合计 (page 1)`,
		`T05.class_sum @ T05 row 2 "201 一般公共服务支出" column 项目支出 (page 1)`,
	}
	if len(fails) != len(want) || fails[0] != want[0] || fails[1] != want[1] {
		t.Errorf("fails %q, want %q", fails, want)
	}
}

func TestTablesWithoutItemsAreSkipped(t *testing.T) {
	ts, _ := buildSpecs(t, goodReport()...)
	cs := Run("r", nil, ts, nil)
	p, f, s, i := Summary(cs)
	if f != 0 || i != 0 || p != 9 || s == 0 {
		t.Errorf("got %d pass %d fail %d skipped %d info\n%s", p, f, s, i, dump(cs))
	}
	for _, c := range cs {
		if c.Status == schema.CheckSkipped && c.Expected != nil {
			t.Errorf("skipped row with a value: %+v", c)
		}
	}
}

func TestNothingAtAll(t *testing.T) {
	cs := Run("r", nil, nil, nil)
	p, f, s, _ := Summary(cs)
	if p != 0 || f != 9 || s != len(cs)-9 {
		t.Errorf("got %d pass %d fail %d skipped of %d", p, f, s, len(cs))
	}
}

func TestDuplicateTableFirstWins(t *testing.T) {
	good := goodReport()
	var dup tspec
	for _, s := range good {
		if s.id == tables.T05 {
			dup = s
		}
	}
	dup = set(t, []tspec{dup}, tables.T05, "合计", "total", "999.00")[0]
	dup.rows = append(dup.rows, trow{"", "999", "多出来的类", []string{"1.00", "1.00", ""}})
	ts, items := buildSpecs(t, append(good, dup)...)
	// The second T05 is printed on page 2: its items carry that page.
	ts[len(ts)-1].Pages = []int{2}
	for i := range items {
		if i >= len(items)-len(dup.rows)*3 {
			items[i].Page = 2
		}
	}
	cs := Run("r", nil, ts, items)
	if _, f, s, i := Summary(cs); f+s+i != 0 {
		t.Errorf("a second T05 changed the checks:\n%s", dump(cs))
	}
}
