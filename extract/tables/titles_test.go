package tables

import "testing"

func TestMatchTitle(t *testing.T) {
	tests := []struct {
		line string
		want string // "" = not a title
	}{
		{"收入支出决算总表", T01},
		{"收 入 决 算 表", T02},
		{"支出决算表", T03},
		{"财政拨款收入支出决算总表", T04},
		{"一般公共预算财政拨款支出决算表", T05},
		{"一般公共预算财政拨款基本支出决算表", T06},
		{"财政拨款“三公”经费支出决算表", T07},
		{"（一般公共预算）财政拨款\"三公\"经费支出决算表", T07},
		{"政府性基金预算财政拨款收入支出决算表", T08},
		{"国有资本经营预算财政拨款支出决算表", T09},
		{"国有资本经营预算财政拨款收入支出决算表", T09},
		{"公开01表 收入支出决算总表", T01},
		{"收入决算表（公开 02 表）", T02},
		{"公开表三 支出决算表", T03},
		{"上海市XX局2024年度收入决算表", T02},
		{"一、收入支出决算总表", T01},
		// table of contents and narrative are not titles
		{"一、收入支出决算总表……………………5", ""},
		{"二、收入决算表.........6", ""},
		{"二、关于2024年度收入支出决算总体情况说明", ""},
		{"上海市规划和自然资源局2024年度部门决算表", ""},
		// budget tables must not be read as final accounts
		{"收入预算表", ""},
		{"收支预算总表", ""},
		{"财政拨款收支预算总表", ""},
		{"一般公共预算支出预算表", ""},
		{"项目支出决算表", ""},
	}
	for _, tc := range tests {
		got, ok := matchTitle(tc.line)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("matchTitle(%q) = %q, %v; want %q", tc.line, got, ok, tc.want)
		}
	}
}

func TestMetaFrom(t *testing.T) {
	tests := []struct {
		lines                    []string
		unit, dept, year, marker string
	}{
		{[]string{"公开02表", "部门：上海市XX局    2020 年度", "金额单位：元"}, "元", "上海市XX局", "2020", "公开02表"},
		// The year printed on the unit's baseline, apart from the 部门 part.
		{[]string{"公开06表", "部门：济源市城市管理局", "2020 年度  金额单位：万元"}, "万元", "济源市城市管理局", "2020", "公开06表"},
		{[]string{"2020年度"}, "", "", "2020", ""},
		// The document heading's year is not table metadata.
		{[]string{"上海市XX局2024年度部门决算表", "单位：万元"}, "万元", "", "", ""},
	}
	for _, tc := range tests {
		unit, dept, year, marker := metaFrom(tc.lines)
		if unit != tc.unit || dept != tc.dept || year != tc.year || marker != tc.marker {
			t.Errorf("metaFrom(%q) = %q %q %q %q, want %q %q %q %q", tc.lines, unit, dept, year, marker, tc.unit, tc.dept, tc.year, tc.marker)
		}
	}
}

func TestMatchBudgetTitle(t *testing.T) {
	tests := []struct {
		line string
		want string // "" = not a title
	}{
		// Shanghai 2023-2026, department and unit budgets
		{"2026年部门财务收支预算总表", B01},
		{"2026年部门收入预算总表", B02},
		{"2026年部门支出预算总表", B03},
		{"2026年部门财政拨款收支预算总表", B04},
		{"2026年部门一般公共预算支出功能分类预算表", B05},
		{"2026年部门一般公共预算基本支出部门预算经济分类预算表", B06},
		{"2026年部门政府性基金预算支出功能分类预算表", B07},
		{"2026年部门国有资本经营预算支出功能分类预算表", B08},
		{"2026年部门“三公”经费和机关运行经费预算表", B09},
		{"部门“三公”经费和机关运行经费预算表", B09},
		{"2025年预算单位财务收支预算总表", B01},
		{"2025年单位“三公”经费和机关运行经费预算表", B09},
		// Jiangsu 2017-2019
		{"收支预算总表", B01},
		{"收入预算总表", B02},
		{"支出预算总表", B03},
		{"财政拨款收支预算总表", B04},
		{"财政拨款支出预算表（功能科目）", B10},
		{"财政拨款基本支出预算表（经济科目）", B11},
		{"一般公共预算支出预算表（功能科目）", B05},
		{"一般公共预算基本支出预算表（经济科目）", B06},
		{"“三公”经费、会议费、培训费支出预算表", B09},
		{"一般公共预算“三公”经费、会议费、培训费支出预算表", B09},
		{"财政拨款政府性基金支出预算表", B07},
		{"政府性基金预算财政拨款支出预算表", B07},
		{"一般公共预算机关运行经费支出预算表", B12},
		{"2019年政府采购预算表", B13},
		{"“三公”经费、会议费、培训费支出预算表（一般公共预算）", B09},
		{"政府采购支出预算表", B13},
		{"公开 04 表：财政拨款收支预算总表", B04},
		{"二、2017 年度江苏省高级人民法院部门收入预算总表", B02},
		{"一、2018 年度江苏省高级人民法院收支预算总表", B01},
		{"四、2018 年度江苏省高级人民法院财政拨款收支预算总表", B04},
		{"2026年部门一般公共预算基本支出部门预算经济分类预算表", B06},
		// table of contents, narrative headings and final accounts are not
		{"1. 2026年部门财务收支预算总表 ……………………", ""},
		{"四、财政拨款收支预算总表情况说明", ""},
		{"第二部分 2018年度部门预算表", ""},
		{"收入支出决算总表", ""},
		{"一般公共预算财政拨款支出决算表", ""},
	}
	for _, tc := range tests {
		got, ok := budgetTitles.match(tc.line)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("budgetTitles.match(%q) = %q, %v; want %q", tc.line, got, ok, tc.want)
		}
	}
}
