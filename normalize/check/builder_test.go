package check

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// The test builder describes a table compactly and produces both the
// logical table and the line items the normalize package would make of it,
// so that a test can doctor one cell in one place.

type tcol struct{ sec, key, label string }

type trow struct {
	sec, code, item string
	vals            []string // one per column of the row's section; "" blank
}

type tspec struct {
	id, title, unit string
	empty           bool
	cols            []tcol
	rows            []trow
}

func (s tspec) sectionCols(sec string) []tcol {
	var out []tcol
	for _, c := range s.cols {
		if c.sec == sec {
			out = append(out, c)
		}
	}
	return out
}

func buildSpecs(t *testing.T, specs ...tspec) ([]tables.Table, []schema.LineItem) {
	t.Helper()
	var ts []tables.Table
	var items []schema.LineItem
	for _, s := range specs {
		unit := s.unit
		if unit == "" {
			unit = "万元"
		}
		tt := tables.Table{ID: s.id, Title: s.title, Unit: unit, Empty: s.empty, Pages: []int{1}}
		if tt.Title == "" {
			tt.Title = tableNames[s.id]
		}
		for _, c := range s.cols {
			tt.Columns = append(tt.Columns, tables.Column{Section: c.sec, Key: c.key, Label: c.label})
		}
		for i, r := range s.rows {
			cols := s.sectionCols(r.sec)
			if len(cols) != len(r.vals) {
				t.Fatalf("%s row %q: %d values for %d columns", s.id, r.item, len(r.vals), len(cols))
			}
			tr := tables.Row{Page: 1, Section: r.sec, Item: r.item}
			if r.code != "" {
				tr.Code = []string{r.code}
			}
			for j, c := range cols {
				tr.Cells = append(tr.Cells, tables.Cell{Key: c.key, Label: c.label, Text: r.vals[j]})
				it := schema.LineItem{
					TableID: s.id, TableTitle: tt.Title, RowSeq: int32(i + 1), Section: r.sec,
					Item: r.item, ColumnKey: c.key, ColumnLabel: c.label, Unit: unit, Page: 1,
				}
				if r.code != "" {
					code := r.code
					it.Code = &code
					lvl := int32(levelOf(code))
					it.Level = &lvl
					if p := parentOf(code); p != "" {
						it.ParentCode = &p
					}
				}
				if v := r.vals[j]; v != "" {
					d, err := decimal.NewFromString(v)
					if err != nil {
						t.Fatalf("%s row %q: %v", s.id, r.item, err)
					}
					cents, err := schema.Cents(d)
					if err != nil {
						t.Fatal(err)
					}
					it.Amount = &cents
				}
				items = append(items, it)
			}
			tt.Rows = append(tt.Rows, tr)
		}
		ts = append(ts, tt)
	}
	return ts, items
}

// set returns a copy of specs with one cell changed: table id, the row whose
// code or item is rowKey, column key.
func set(t *testing.T, specs []tspec, id, rowKey, col, val string) []tspec {
	t.Helper()
	out := make([]tspec, len(specs))
	copy(out, specs)
	for si, s := range out {
		if s.id != id {
			continue
		}
		rows := make([]trow, len(s.rows))
		copy(rows, s.rows)
		for ri, r := range rows {
			if r.code != rowKey && r.item != rowKey {
				continue
			}
			for ci, c := range s.sectionCols(r.sec) {
				if c.key == col {
					vals := append([]string(nil), r.vals...)
					vals[ci] = val
					rows[ri].vals = vals
					out[si].rows = rows
					return out
				}
			}
		}
	}
	t.Fatalf("no cell %s/%s/%s", id, rowKey, col)
	return nil
}

// without returns specs without the given tables.
func without(specs []tspec, ids ...string) []tspec {
	var out []tspec
outer:
	for _, s := range specs {
		for _, id := range ids {
			if s.id == id {
				continue outer
			}
		}
		out = append(out, s)
	}
	return out
}

var (
	in  = tables.SectionIncome
	exp = tables.SectionExpenditure
	per = tables.SectionPersonnel
	pub = tables.SectionPublic
)

// goodReport is a small final account in which every identity holds.
func goodReport() []tspec {
	t01 := tspec{id: tables.T01,
		cols: []tcol{{in, "amount", "决算数"}, {exp, "amount", "决算数"}},
		rows: []trow{
			{in, "", "一、一般公共预算财政拨款收入", []string{"100.00"}},
			{in, "", "二、政府性基金预算财政拨款收入", []string{"10.00"}},
			{in, "", "三、国有资本经营预算财政拨款收入", []string{""}},
			{in, "", "四、上级补助收入", []string{""}},
			{in, "", "五、事业收入", []string{"5.00"}},
			{in, "", "六、经营收入", []string{""}},
			{in, "", "七、附属单位上缴收入", []string{""}},
			{in, "", "八、其他收入", []string{""}},
			{in, "", "本年收入合计", []string{"115.00"}},
			{in, "", "使用非财政拨款结余", []string{""}},
			{in, "", "年初结转和结余", []string{"20.00"}},
			{in, "", "总计", []string{"135.00"}},
			{exp, "", "一、一般公共服务支出", []string{"50.00"}},
			{exp, "", "二、外交支出", []string{""}},
			{exp, "", "八、社会保障和就业支出", []string{"50.00"}},
			{exp, "", "二十三、其他支出", []string{"10.00"}},
			{exp, "", "本年支出合计", []string{"110.00"}},
			{exp, "", "结余分配", []string{""}},
			{exp, "", "年末结转和结余", []string{"25.00"}},
			{exp, "", "总计", []string{"135.00"}},
		}}
	t02 := tspec{id: tables.T02,
		cols: []tcol{{"", "total", "本年收入合计"}, {"", "fiscal_appropriation", "财政拨款收入"}, {"", "superior_subsidy", "上级补助收入"},
			{"", "business", "事业收入"}, {"", "operating", "经营收入"}, {"", "affiliated_remittance", "附属单位上缴收入"}, {"", "other", "其他收入"}},
		rows: []trow{
			{"", "", "合计", []string{"115.00", "110.00", "", "5.00", "", "", ""}},
			{"", "201", "一般公共服务支出", []string{"55.00", "50.00", "", "5.00", "", "", ""}},
			{"", "20101", "人大事务", []string{"55.00", "50.00", "", "5.00", "", "", ""}},
			{"", "2010101", "行政运行", []string{"55.00", "50.00", "", "5.00", "", "", ""}},
			{"", "208", "社会保障和就业支出", []string{"50.00", "50.00", "", "", "", "", ""}},
			{"", "20805", "行政事业单位养老支出", []string{"50.00", "50.00", "", "", "", "", ""}},
			{"", "2080505", "机关事业单位基本养老保险缴费支出", []string{"30.00", "30.00", "", "", "", "", ""}},
			{"", "2080506", "机关事业单位职业年金缴费支出", []string{"20.00", "20.00", "", "", "", "", ""}},
			{"", "229", "其他支出", []string{"10.00", "10.00", "", "", "", "", ""}},
			{"", "22904", "其他政府性基金及对应专项债务收入安排的支出", []string{"10.00", "10.00", "", "", "", "", ""}},
			{"", "2290402", "其他地方自行试点项目收益专项债券收入安排的支出", []string{"10.00", "10.00", "", "", "", "", ""}},
		}}
	t03 := tspec{id: tables.T03,
		cols: []tcol{{"", "total", "本年支出合计"}, {"", "basic", "基本支出"}, {"", "project", "项目支出"},
			{"", "remit_to_superior", "上缴上级支出"}, {"", "operating", "经营支出"}, {"", "subsidy_to_affiliated", "对附属单位补助支出"}},
		rows: []trow{
			{"", "", "合计", []string{"110.00", "80.00", "30.00", "", "", ""}},
			{"", "201", "一般公共服务支出", []string{"50.00", "30.00", "20.00", "", "", ""}},
			{"", "20101", "人大事务", []string{"50.00", "30.00", "20.00", "", "", ""}},
			{"", "2010101", "行政运行", []string{"50.00", "30.00", "20.00", "", "", ""}},
			{"", "208", "社会保障和就业支出", []string{"50.00", "50.00", "0.00", "", "", ""}},
			{"", "20805", "行政事业单位养老支出", []string{"50.00", "50.00", "0.00", "", "", ""}},
			{"", "2080505", "机关事业单位基本养老保险缴费支出", []string{"30.00", "30.00", "0.00", "", "", ""}},
			{"", "2080506", "机关事业单位职业年金缴费支出", []string{"20.00", "20.00", "0.00", "", "", ""}},
			{"", "229", "其他支出", []string{"10.00", "", "10.00", "", "", ""}},
			{"", "22904", "其他政府性基金及对应专项债务收入安排的支出", []string{"10.00", "", "10.00", "", "", ""}},
			{"", "2290402", "其他地方自行试点项目收益专项债券收入安排的支出", []string{"10.00", "", "10.00", "", "", ""}},
		}}
	t04 := tspec{id: tables.T04,
		cols: []tcol{{in, "amount", "决算数"}, {exp, "total", "合计"}, {exp, "general_budget", "一般公共预算财政拨款"},
			{exp, "gov_fund", "政府性基金预算财政拨款"}, {exp, "state_capital", "国有资本经营预算财政拨款"}},
		rows: []trow{
			{in, "", "一、一般公共预算财政拨款", []string{"100.00"}},
			{in, "", "二、政府性基金预算财政拨款", []string{"10.00"}},
			{in, "", "三、国有资本经营预算财政拨款", []string{""}},
			{in, "", "本年收入合计", []string{"110.00"}},
			{in, "", "年初财政拨款结转和结余", []string{"5.00"}},
			{in, "", "一、一般公共预算财政拨款", []string{"5.00"}},
			{in, "", "二、政府性基金预算财政拨款", []string{""}},
			{in, "", "三、国有资本经营预算财政拨款", []string{""}},
			{in, "", "总计", []string{"115.00"}},
			{exp, "", "一、一般公共服务支出", []string{"50.00", "50.00", "", ""}},
			{exp, "", "八、社会保障和就业支出", []string{"50.00", "50.00", "", ""}},
			{exp, "", "二十三、其他支出", []string{"10.00", "", "10.00", ""}},
			{exp, "", "本年支出合计", []string{"110.00", "100.00", "10.00", ""}},
			{exp, "", "年末财政拨款结转和结余", []string{"5.00", "5.00", "", ""}},
			{exp, "", "总计", []string{"115.00", "105.00", "10.00", ""}},
		}}
	t05 := tspec{id: tables.T05,
		cols: []tcol{{"", "total", "合计"}, {"", "basic", "基本支出"}, {"", "project", "项目支出"}},
		rows: []trow{
			{"", "201", "一般公共服务支出", []string{"50.00", "30.00", "20.00"}},
			{"", "20101", "人大事务", []string{"50.00", "30.00", "20.00"}},
			{"", "2010101", "行政运行", []string{"50.00", "30.00", "20.00"}},
			{"", "208", "社会保障和就业支出", []string{"50.00", "50.00", "0.00"}},
			{"", "20805", "行政事业单位养老支出", []string{"50.00", "50.00", "0.00"}},
			{"", "2080505", "机关事业单位基本养老保险缴费支出", []string{"30.00", "30.00", "0.00"}},
			{"", "2080506", "机关事业单位职业年金缴费支出", []string{"20.00", "20.00", "0.00"}},
			{"", "", "合计", []string{"100.00", "80.00", "20.00"}},
		}}
	t06 := tspec{id: tables.T06,
		cols: []tcol{{per, "amount", "决算数"}, {pub, "amount", "决算数"}},
		rows: []trow{
			{per, "301", "工资福利支出", []string{"60.00"}},
			{per, "30101", "基本工资", []string{"40.00"}},
			{per, "30102", "津贴补贴", []string{"20.00"}},
			{per, "303", "对个人和家庭的补助", []string{"10.00"}},
			{per, "30302", "退休费", []string{"10.00"}},
			{pub, "302", "商品和服务支出", []string{"8.00"}},
			{pub, "30201", "办公费", []string{"5.00"}},
			{pub, "30231", "公务用车运行维护费", []string{"3.00"}},
			{pub, "310", "资本性支出", []string{"2.00"}},
			{pub, "31002", "办公设备购置", []string{"2.00"}},
			{per, "", "人员经费合计", []string{"70.00"}},
			{pub, "", "公用经费合计", []string{"10.00"}},
		}}
	var t07cols []tcol
	for _, p := range []struct{ key, label string }{{"budget", "预算数"}, {"final", "决算数"}} {
		t07cols = append(t07cols,
			tcol{"", p.key + "_total", "合计/" + p.label},
			tcol{"", p.key + "_abroad", "因公出国（境）费/" + p.label},
			tcol{"", p.key + "_vehicle_total", "公务用车购置及运行维护费/小计/" + p.label},
			tcol{"", p.key + "_vehicle_purchase", "公务用车购置及运行维护费/公务用车购置费/" + p.label},
			tcol{"", p.key + "_vehicle_operation", "公务用车购置及运行维护费/公务用车运行维护费/" + p.label},
			tcol{"", p.key + "_reception", "公务接待费/" + p.label})
	}
	t07 := tspec{id: tables.T07, cols: t07cols, rows: []trow{
		{"", "", "", []string{"5.00", "1.00", "3.00", "0.00", "3.00", "1.00", "4.50", "0.50", "3.00", "0.00", "3.00", "1.00"}},
	}}
	t08 := tspec{id: tables.T08,
		cols: []tcol{{"", "carry_in", "年初结转和结余"}, {"", "income", "本年收入"}, {"", "total", "本年支出/合计"},
			{"", "basic", "本年支出/基本支出"}, {"", "project", "本年支出/项目支出"}, {"", "carry_out", "年末结转和结余"}},
		rows: []trow{
			{"", "", "合计", []string{"", "10.00", "10.00", "", "10.00", ""}},
			{"", "229", "其他支出", []string{"", "10.00", "10.00", "", "10.00", ""}},
			{"", "22904", "其他政府性基金及对应专项债务收入安排的支出", []string{"", "10.00", "10.00", "", "10.00", ""}},
			{"", "2290402", "其他地方自行试点项目收益专项债券收入安排的支出", []string{"", "10.00", "10.00", "", "10.00", ""}},
		}}
	t09 := tspec{id: tables.T09, empty: true,
		cols: []tcol{{"", "carry_in", "年初结转和结余"}, {"", "income", "本年收入"}, {"", "total", "本年支出/合计"},
			{"", "basic", "本年支出/基本支出"}, {"", "project", "本年支出/项目支出"}, {"", "carry_out", "年末结转和结余"}}}
	return []tspec{t01, t02, t03, t04, t05, t06, t07, t08, t09}
}

func decimalMust(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil {
		panic(err)
	}
	return d
}
