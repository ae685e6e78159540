package normalize

import (
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// Page text below is copied from the real corpus (pdftotext -layout) or
// shaped after it.
func TestDetectMeta(t *testing.T) {
	tests := []struct {
		name  string
		pages [][]string
		ts    []tables.Table
		want  Meta
	}{
		{
			name: "final, cover title wraps (r02)",
			pages: [][]string{
				{"上海市普陀区规划和自然", "    资源局", " 2024 年度部门决算"},
				{"             目   录", "第一部分 上海市普陀区规划和自然资源局概况"},
				{"五、一般公共预算财政拨款支出决算表", "                                                  单位：万元"},
			},
			want: Meta{"上海市普陀区规划和自然资源局", 2024, schema.KindFinal, UnitWanYuan},
		},
		{
			name: "final, year inside the wrapped title (r03)",
			pages: [][]string{
				{"中共上海市普陀区委", "社会工作部 2024 年度", "   部门决算"},
			},
			want: Meta{"中共上海市普陀区委社会工作部", 2024, schema.KindFinal, ""},
		},
		{
			name: "budget, labelled department beats the place in the title (r06)",
			pages: [][]string{
				{"上海市普陀区2026年区级部门预算", "    预算主管部门：上海市普陀区司法局", "                        目 录"},
				{"上海市普陀区司法局2025年度部门决算情况：……"},
				{"编制部门：上海市普陀区司法局                                     单位:万元"},
			},
			want: Meta{"上海市普陀区司法局", 2026, schema.KindBudget, UnitWanYuan},
		},
		{
			name: "budget, year first (r38)",
			pages: [][]string{
				{"  2017 年度江苏省高级人民法院部门预算公开", "               目   录", "第二部分 江苏省高级人民法院 2017 年度部门预算表"},
			},
			want: Meta{"江苏省高级人民法院", 2017, schema.KindBudget, ""},
		},
		{
			name: "budget, year first and a date below (r39)",
			pages: [][]string{
				{"2018 年度江苏省高级", " 人民法院预算公开", "  2018 年 2 月 24 日"},
			},
			want: Meta{"江苏省高级人民法院", 2018, schema.KindBudget, ""},
		},
		{
			name: "tables only, no year on the first page (r22)",
			pages: [][]string{
				{"                                                收支预算总表", "公开表一",
					"部门：                  江苏省人大常委会办公厅                                      单位：万元",
					"一、财政拨款                         18,330.37 一、一般公共服务支出"},
				{"                        2019年政府采购预算表"},
			},
			want: Meta{"江苏省人大常委会办公厅", 2019, schema.KindBudget, UnitWanYuan},
		},
		{
			name: "cover is an image: part heading gives the year, no department (r36)",
			pages: [][]string{
				{"- 1 -"},
				{"第二部分   2019 年度部门预算表", "  省政协是我省最广泛的爱国统一战线组织"},
			},
			want: Meta{"", 2019, schema.KindBudget, ""},
		},
		{
			name: "department from the part heading, Chinese year",
			pages: [][]string{
				{"部门决算公开"},
				{"第二部分 上海市规划和自然资源局 二〇二四年度部门决算表"},
			},
			want: Meta{"上海市规划和自然资源局", 2024, schema.KindFinal, ""},
		},
		{
			name:  "department and year from the tables, kind from their titles",
			pages: [][]string{{""}},
			ts: []tables.Table{
				{ID: tables.T01, Title: "收入支出决算总表", Year: "2020", Unit: "万元"},
				{ID: tables.T05, Title: "一般公共预算财政拨款支出决算表", Department: "部门：济源市行政服务中心", Year: "2020 年度", Unit: "元"},
				{ID: tables.T06, Title: "一般公共预算财政拨款基本支出决算表", Unit: "万元"},
			},
			want: Meta{"济源市行政服务中心", 2020, schema.KindFinal, UnitWanYuan},
		},
		{
			name:  "year alone on a cover line is no page number",
			pages: [][]string{{"某某区民政局", "2023", "年度部门决算", "- 1 -"}},
			want:  Meta{"某某区民政局", 2023, schema.KindFinal, ""},
		},
		{
			name: "budget narrative about last year's 决算 does not decide",
			pages: [][]string{
				{"- 1 -"},
				{"第二部分 2025年度部门预算表"},
				{"2024年度部门决算显示，……", "2025年度部门预算收入……", "2025年部门预算支出……"},
			},
			want: Meta{"", 2025, schema.KindBudget, ""},
		},
		{
			name:  "nothing to go on",
			pages: [][]string{{"目录"}, {"一、主要职能"}},
			want:  Meta{"", 0, schema.KindUnknown, ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectMeta(tt.pages, tt.ts); got != tt.want {
				t.Errorf("DetectMeta = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseUnit(t *testing.T) {
	tests := []struct{ in, want string }{
		{"万元", UnitWanYuan},
		{"元", UnitYuan},
		{"单位：万元", UnitWanYuan},
		{"单位:元", UnitYuan},
		{"金额单位：万元", UnitWanYuan},
		{"单位：万 元", UnitWanYuan},
		{"单 位 ： 元", UnitYuan},
		{"部门：某局    单位：万元", UnitWanYuan},
		{"金额单位：人民币元", UnitYuan},
		{"单位（万元）", UnitWanYuan},
		{"", ""},
		{"千元", ""},
		{"单位：亿元", ""},
		{"公元", ""},
	}
	for _, tt := range tests {
		if got := ParseUnit(tt.in); got != tt.want {
			t.Errorf("ParseUnit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDocumentUnit(t *testing.T) {
	tests := []struct {
		units []string
		want  string
	}{
		{nil, ""},
		{[]string{"", ""}, ""},
		{[]string{"万元", "元", "万元"}, UnitWanYuan},
		{[]string{"元", "", "万元", "元"}, UnitYuan},
		{[]string{"元", "万元", "万元", "元"}, UnitYuan}, // tie: the unit printed first
		{[]string{"", "单位：万元"}, UnitWanYuan},
	}
	for _, tt := range tests {
		ts := make([]tables.Table, len(tt.units))
		for i, u := range tt.units {
			ts[i].Unit = u
		}
		if got := DocumentUnit(ts); got != tt.want {
			t.Errorf("DocumentUnit(%q) = %q, want %q", tt.units, got, tt.want)
		}
	}
}

func TestTableUnit(t *testing.T) {
	tests := []struct{ printed, document, want string }{
		{"单位：元", UnitWanYuan, UnitYuan}, // the table's own unit first
		{"", UnitWanYuan, UnitWanYuan},
		{"金额单位：万元", "", UnitWanYuan},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := TableUnit(tables.Table{Unit: tt.printed}, tt.document); got != tt.want {
			t.Errorf("TableUnit(%q, %q) = %q, want %q", tt.printed, tt.document, got, tt.want)
		}
	}
}
