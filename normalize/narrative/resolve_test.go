package narrative

import (
	"testing"

	"github.com/juesuan/juesuan/schema"
	"github.com/shopspring/decimal"
)

// lineItems builds one row of line items per spec: table, section, code,
// item, then the column keys (every cell 1.00).
func lineItems(rows ...[]string) []schema.LineItem {
	var out []schema.LineItem
	for seq, r := range rows {
		for _, key := range r[4:] {
			it := schema.LineItem{TableID: r[0], Section: r[1], Item: r[3], ColumnKey: key, RowSeq: int32(seq + 1),
				Unit: "万元", Amount: ptr(int64(100))}
			if r[2] != "" {
				code := r[2]
				level := int32((len(code) - 1) / 2)
				it.Code, it.Level = &code, &level
			}
			out = append(out, it)
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func TestResolve(t *testing.T) {
	ix := newIndex(lineItems(
		[]string{"T01", "income", "", "本年收入合计", "amount"},
		[]string{"T01", "income", "", "总计", "amount"},
		[]string{"T01", "expenditure", "", "本年支出合计", "amount"},
		[]string{"T02", "", "", "合计", "total", "fiscal_appropriation", "business"},
		[]string{"T03", "", "", "合计", "total", "basic", "project"},
		[]string{"T04", "income", "", "总计", "amount"},
		[]string{"T05", "", "208", "社会保障和就业支出", "total"},
		[]string{"T05", "", "20805", "行政事业单位养老支出", "total"},
		[]string{"T05", "", "2080501", "行政单位离退休", "total"},
		[]string{"T05", "", "221", "住房保障支出", "total"},
		[]string{"T05", "", "22102", "住房改革支出", "total"},
		[]string{"T05", "", "2210201", "住房公积金", "total"},
		[]string{"T05", "", "", "合计", "total", "basic"},
		[]string{"T06", "personnel", "", "人员经费合计", "amount"},
		[]string{"T06", "public", "", "公用经费合计", "amount"},
		[]string{"T07", "", "", "", "budget_total", "final_total", "budget_reception", "final_reception", "final_vehicle_operation"},
		[]string{"T08", "", "", "合计", "income", "total"},
	), []string{"T09"})
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
		{"机关运行经费支出", MetricAmount, "", "", ""},
		{"收入支出总计", MetricChange, "", "", ""},
	} {
		c, ok := ix.resolve(Figure{Subject: tc.subject, Metric: tc.metric, Unit: "万元", Value: decimal.NewFromInt(1)})
		if ok != (tc.key != "") || ok && (c.Table != tc.table || c.Key != tc.key || c.Code != tc.code) {
			t.Errorf("resolve(%s, %s) = %s/%s/%s %v, want %s/%s/%s", tc.subject, tc.metric, c.Table, c.Code, c.Key, ok, tc.table, tc.code, tc.key)
		}
	}
}
