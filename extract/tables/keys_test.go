package tables

import "testing"

func TestColumnKey(t *testing.T) {
	for _, tc := range []struct {
		id, section string
		path        []string
		want        string
	}{
		{T05, "", []string{"本年支出", "合计"}, "total"},
		{T05, "", []string{"本年支出", "小计"}, "total"}, // the 2020 template
		{T05, "", []string{"本年支出", "基本支出"}, "basic"},
		{T08, "", []string{"本年支出", "小计"}, "total"},
		{T02, "", []string{"本年收入", "小计"}, "total"},
		{T04, SectionExpenditure, []string{"一般公共预算财政拨款", "小计"}, "general_budget"},
		{T04, SectionExpenditure, []string{"合计"}, "total"},
		{T03, "", []string{"小计"}, "subtotal"},
		{T03, "", []string{"其他", "小计"}, "subtotal"},
		{T01, SectionIncome, []string{"金额"}, "amount"},
		{T07, "", []string{"决算数", "公务用车购置及运行费", "小计"}, "final_vehicle_total"},
	} {
		if got := columnKey(tc.id, tc.section, tc.path); got != tc.want {
			t.Errorf("columnKey(%s, %q, %q) = %q, want %q", tc.id, tc.section, tc.path, got, tc.want)
		}
	}
}
