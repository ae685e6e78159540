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
		// Budgets.
		{B01, SectionIncome, []string{"本年收入", "预算数"}, "amount"},
		{B01, SectionExpenditure, []string{"本年支出", "预算数"}, "amount"},
		{B01, SectionExpenditure, []string{"本年支出", "预算数", "基本支出", "人员经费"}, "personnel"},
		{B02, "", []string{"收入预算", "财政拨款收入"}, "fiscal_appropriation"},
		{B02, "", []string{"收入预算", "事业单位经营收入"}, "operating"},
		{B03, "", []string{"单位预留机动经费"}, "reserve"},
		{B03, "", []string{"结转下年资金"}, "carry_out"},
		{B04, SectionIncome, []string{"财政拨款收入", "预算数"}, "amount"},
		{B04, SectionExpenditure, []string{"财政拨款支出", "一般公共预算"}, "general_budget"},
		{B06, "", []string{"基本支出"}, "amount"},
		{B06, "", []string{"一般公共预算基本支出", "人员经费"}, "personnel"},
		{B09, "", []string{"三公经费预算数", "合计"}, "three_public_total"},
		{B09, "", []string{"合计"}, "total"},
		{B09, "", []string{"三公经费", "小计"}, "three_public_total"},
		{B09, "", []string{"三公经费", "公务用车购置及运行维护费", "小计"}, "vehicle_total"},
		{B09, "", []string{"三公经费", "公务用车购置及运行费", "运行费"}, "vehicle_operation"},
		{B09, "", []string{"三公经费", "公务用车购置及运行维护费", "公务用车购置费"}, "vehicle_purchase"},
		{B09, "", []string{"机关运行经费预算数"}, "agency_operation"},
		{B09, "", []string{"培训费"}, "training"},
		{B12, "", []string{"机关运行经费支出"}, "amount"},
		{B13, "", []string{"总计"}, "total"},
	} {
		if got := columnKey(tc.id, tc.section, tc.path); got != tc.want {
			t.Errorf("columnKey(%s, %q, %q) = %q, want %q", tc.id, tc.section, tc.path, got, tc.want)
		}
	}
}
