package narrative

import (
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
	"github.com/shopspring/decimal"
)

func ptr[T any](v T) *T { return &v }

// tableSpec is a table of a test report: its ID, title, columns (key,
// section and header of each) and rows (section, code, label).
type tableSpec struct {
	id, title string
	cols      [][3]string
	rows      [][3]string
}

// testReport builds the tables and line items of a report, every cell 1.00.
func testReport(specs ...tableSpec) ([]tables.Table, []schema.LineItem) {
	var ts []tables.Table
	var items []schema.LineItem
	for _, sp := range specs {
		t := tables.Table{ID: sp.id, Title: sp.title, Empty: len(sp.rows) == 0}
		for _, c := range sp.cols {
			t.Columns = append(t.Columns, tables.Column{Key: c[0], Section: c[1], Label: c[2]})
		}
		ts = append(ts, t)
		for seq, r := range sp.rows {
			for _, c := range sp.cols {
				if c[1] != r[0] {
					continue
				}
				it := schema.LineItem{TableID: sp.id, TableTitle: sp.title, Section: r[0], Item: r[2], ColumnKey: c[0],
					ColumnLabel: c[2], RowSeq: int32(seq + 1), Unit: "万元", Amount: ptr(int64(100))}
				if r[1] != "" {
					code := r[1]
					level := int32((len(code) - 1) / 2)
					it.Code, it.Level = &code, &level
				}
				items = append(items, it)
			}
		}
	}
	return ts, items
}

// finalReport is a final account's tables as the 2020 template prints them.
func finalReport() ([]tables.Table, []schema.LineItem) {
	one := func(key, label string) [][3]string { return [][3]string{{key, "", label}} }
	return testReport(
		tableSpec{"T01", "收入支出决算总表", [][3]string{{"amount", "income", "收入/金额"}, {"amount", "expenditure", "支出/金额"}},
			[][3]string{{"income", "", "一、一般公共预算财政拨款收入"}, {"income", "", "本年收入合计"}, {"income", "", "总计"},
				{"expenditure", "", "一、一般公共服务支出"}, {"expenditure", "", "本年支出合计"}, {"expenditure", "", "总计"}}},
		tableSpec{"T02", "收入决算表", [][3]string{{"total", "", "本年收入合计"}, {"fiscal_appropriation", "", "财政拨款收入"}, {"business", "", "事业收入"}},
			[][3]string{{"", "", "合计"}}},
		tableSpec{"T03", "支出决算表", [][3]string{{"total", "", "本年支出合计"}, {"basic", "", "基本支出"}, {"project", "", "项目支出"}},
			[][3]string{{"", "", "合计"}}},
		tableSpec{"T04", "财政拨款收入支出决算总表", [][3]string{{"amount", "income", "收入/金额"}}, [][3]string{{"income", "", "总计"}}},
		tableSpec{"T05", "一般公共预算财政拨款支出决算表", [][3]string{{"total", "", "本年支出/合计"}, {"basic", "", "本年支出/基本支出"}},
			[][3]string{{"", "", "合计"}, {"", "201", "一般公共服务支出"}, {"", "208", "社会保障和就业支出"}, {"", "20805", "行政事业单位养老支出"},
				{"", "2080501", "行政单位离退休"}, {"", "221", "住房保障支出"}, {"", "22102", "住房改革支出"}, {"", "2210201", "住房公积金"}}},
		tableSpec{"T06", "一般公共预算财政拨款基本支出决算表", [][3]string{{"amount", "personnel", "人员经费/决算数"}, {"amount", "public", "公用经费/决算数"}},
			[][3]string{{"personnel", "", "人员经费合计"}, {"public", "30217", "公务接待费"}, {"public", "30231", "公务用车运行维护费"}, {"public", "", "公用经费合计"}}},
		tableSpec{"T07", "一般公共预算财政拨款“三公”经费支出决算表", [][3]string{{"budget_total", "", "预算数/合计"}, {"final_total", "", "决算数/合计"},
			{"budget_reception", "", "预算数/公务接待费"}, {"final_reception", "", "决算数/公务接待费"},
			{"final_vehicle_purchase", "", "决算数/公务用车购置及运行费/公务用车购置费"},
			{"final_vehicle_operation", "", "决算数/公务用车购置及运行费/公务用车运行费"}}, [][3]string{{"", "", ""}}},
		tableSpec{"T08", "政府性基金预算财政拨款收入支出决算表", [][3]string{{"income", "", "本年收入"}, {"total", "", "本年支出/合计"}},
			[][3]string{{"", "", "合计"}}},
		tableSpec{"T09", "国有资本经营预算财政拨款支出决算表", one("total", "本年支出/合计"), nil},
	)
}

func TestResolve(t *testing.T) {
	ts, items := finalReport()
	ix := newIndex(items, ts, false)
	for _, tc := range []struct {
		subject, metric string
		table, code     string
		key             string // "" when the figure names no cell
	}{
		{"收入支出总计", MetricAmount, "T01", "", "amount"},
		{"收入、支出决算总计", MetricAmount, "T01", "", "amount"},
		{"收入合计", MetricAmount, "T01", "", "amount"},
		{"本年支出合计", MetricAmount, "T01", "", "amount"},
		{"财政拨款收入", MetricAmount, "T02", "", "fiscal_appropriation"},
		{"事业收入", MetricAmount, "T02", "", "business"},
		{"基本支出", MetricAmount, "T03", "", "basic"},
		{"财政拨款收入、支出决算总计", MetricAmount, "T04", "", "amount"},
		{"一般公共预算财政拨款支出", MetricFinal, "T05", "", "total"},
		{"一般公共预算财政拨款支出", MetricBudget, "", "", ""}, // T05 prints no budget
		{"一般公共预算财政拨款基本支出", MetricAmount, "T05", "", "basic"},
		{"社会保障和就业支出（类）", MetricAmount, "T05", "208", "total"},
		{"社会保障和就业（类）支出", MetricAmount, "T05", "208", "total"},
		{"社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）", MetricFinal, "T05", "2080501", "total"},
		{"住房保障支出（类）住房保障支出（款）住房公积金（项）", MetricFinal, "T05", "2210201", "total"}, // 款 misnamed
		{"住房保障支出（类）住房改革支出（款）购房补贴（项）", MetricFinal, "", "", ""},                 // no such 项
		{"人员经费", MetricAmount, "T06", "", "amount"},
		{"公用经费", MetricAmount, "T06", "", "amount"},
		{"“三公”经费财政拨款支出", MetricBudget, "T07", "", "budget_total"},
		{"“三公”经费财政拨款", MetricFinal, "T07", "", "final_total"},
		{"公务接待费支出", MetricAmount, "T07", "", "final_reception"},
		{"公务用车运行维护支出", MetricAmount, "T07", "", "final_vehicle_operation"},
		{"政府性基金预算财政拨款支出", MetricAmount, "T08", "", "total"},
		{"国有资本经营预算财政拨款支出", MetricAmount, "T09", "", "total"}, // printed without data: 0
		{"公务用车运行支出", MetricAmount, "T07", "", "final_vehicle_operation"},
		{"公务用车购置费", MetricFinal, "T07", "", "final_vehicle_purchase"},
		{"财政拨款收、支总计均为", MetricAmount, "T04", "", "amount"},
		{"收、支总计分别为", MetricAmount, "T01", "", "amount"},
		{"本年收入", MetricAmount, "T01", "", "amount"},
		{"（二）公务接待费", MetricAmount, "T07", "", "final_reception"},
		{"财政拨款基本支出", MetricAmount, "T05", "", "basic"},
		{"一般公共服务支出", MetricAmount, "T01", "", "amount"}, // unqualified: the least qualified table
		{"机关运行经费支出", MetricAmount, "", "", ""},
		{"收入支出总计", MetricChange, "", "", ""},
	} {
		c, ok := ix.resolve(Figure{Subject: tc.subject, Metric: tc.metric, Unit: "万元", Value: decimal.NewFromInt(1)})
		if ok != (tc.key != "") || ok && (c.Table != tc.table || c.Key != tc.key || c.Code != tc.code) {
			t.Errorf("resolve(%s, %s) = %s/%s/%s %v, want %s/%s/%s", tc.subject, tc.metric, c.Table, c.Code, c.Key, ok, tc.table, tc.code, tc.key)
		}
	}
}

func TestResolvePreferred(t *testing.T) {
	ts, items := finalReport()
	ix := newIndex(items, ts, false)
	c, ok := ix.resolveIn(Figure{Subject: "一般公共服务支出", Metric: MetricAmount, Unit: "万元"}, "T05")
	if !ok || c.Table != "T05" || c.Code != "201" {
		t.Errorf("a 类 in T05's list = %s %s %v, want T05 201", c.Table, c.Code, ok)
	}
}

func TestResolveBudget(t *testing.T) {
	ts, items := testReport(
		tableSpec{"B02", "2025年部门收入预算总表", [][3]string{{"total", "", "收入预算/合计"}, {"fiscal_appropriation", "", "收入预算/财政拨款收入"}},
			[][3]string{{"", "201", "一般公共服务支出"}, {"", "", "合计"}}},
		tableSpec{"B05", "2025年部门一般公共预算支出功能分类预算表", [][3]string{{"total", "", "一般公共预算支出/合计"}, {"basic", "", "一般公共预算支出/基本支出"}},
			[][3]string{{"", "201", "一般公共服务支出"}, {"", "20105", "统计信息事务"}, {"", "2010507", "专项普查活动"}, {"", "", "合计"}}},
		tableSpec{"B09", "2025年部门“三公”经费和机关运行经费预算表", [][3]string{{"three_public_total", "", "“三公”经费预算数/合计"},
			{"vehicle_total", "", "“三公”经费预算数/公务用车购置及运行费/小计"},
			{"vehicle_purchase", "", "“三公”经费预算数/公务用车购置及运行费/购置费"},
			{"vehicle_operation", "", "“三公”经费预算数/公务用车购置及运行费/运行费"}}, [][3]string{{"", "", ""}}},
	)
	ix := newIndex(items, ts, true)
	for _, tc := range []struct{ subject, metric, table, code, key string }{
		{"收入预算", MetricAmount, "B02", "", "total"},
		{"财政拨款收入", MetricAmount, "B02", "", "fiscal_appropriation"},
		{"“三公”经费", MetricBudget, "B09", "", "three_public_total"},
		{"公务用车购置费", MetricAmount, "B09", "", "vehicle_purchase"},
		{"公务用车运行费", MetricAmount, "B09", "", "vehicle_operation"},
		{"公务用车购置及运行费", MetricAmount, "B09", "", "vehicle_total"},
		{"一般公共预算基本支出", MetricAmount, "B05", "", "basic"},
		{"“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”科目", MetricAmount, "B05", "2010507", "total"},
		{"公务接待费", MetricAmount, "", "", ""},
	} {
		c, ok := ix.resolve(Figure{Subject: tc.subject, Metric: tc.metric, Unit: "万元"})
		if ok != (tc.key != "") || ok && (c.Table != tc.table || c.Key != tc.key || c.Code != tc.code) {
			t.Errorf("resolve(%s, %s) = %s/%s/%s %v, want %s/%s/%s", tc.subject, tc.metric, c.Table, c.Code, c.Key, ok, tc.table, tc.code, tc.key)
		}
	}
}
