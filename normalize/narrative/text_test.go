package narrative

import (
	"reflect"
	"testing"
)

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages [][]string
		skip  map[int]bool
		want  []Sentence
	}{
		{
			name: "a sentence broken mid-number across a page break",
			pages: [][]string{
				{"一、收入支出决算总体情况说明", "上海市某局 2024 年度收入支出总计"},
				{"9859.38 万元。与 2023 年度相比，增长 13.95。", "- 2 -"},
			},
			want: []Sentence{
				{Page: 1, Section: "一", Heading: 2, Text: "一、收入支出决算总体情况说明"},
				{Page: 1, Section: "一", Text: "上海市某局2024年度收入支出总计9859.38万元。"},
				{Page: 2, Section: "一", Text: "与2023年度相比，增长13.95。"},
			},
		},
		{
			name: "a numbered heading alone on its line, its words on the next",
			pages: [][]string{{"七、财政拨款“三公”经费支出决算情况说明", "（一）", "“三公”经费财政拨款支出决算总体情况说明。", "“三公”经费财政拨款支出",
				"年初预算为2.85万元。"}},
			want: []Sentence{
				{Page: 1, Section: "七", Heading: 2, Text: "七、财政拨款“三公”经费支出决算情况说明"},
				{Page: 1, Section: "七（一）", Heading: 3, Text: "（一）“三公”经费财政拨款支出决算总体情况说明"},
				{Page: 1, Section: "七（一）", Text: "“三公”经费财政拨款支出年初预算为2.85万元。"},
			},
		},
		{
			name:  "table pages are left out; a wrapped part heading is joined",
			pages: [][]string{{"收入支出决算总表", "总计 100.00"}, {"第三部分 某局2024年度部门决算", "情况说明", "一、收入决算情况说明"}},
			skip:  map[int]bool{1: true},
			want: []Sentence{
				{Page: 2, Heading: 1, Text: "第三部分某局2024年度部门决算情况说明"},
				{Page: 2, Section: "一", Heading: 2, Text: "一、收入决算情况说明"},
			},
		},
		{
			name:  "a part heading wrapped after the department, on the last table's page",
			pages: [][]string{{"合计 1.00", "第三部分 江苏省人大常委会办公厅", "2017 年度部门预算情况说明", "一、收支预算总表情况说明"}},
			skip:  map[int]bool{1: true},
			want: []Sentence{
				{Page: 1, Heading: 1, Text: "第三部分江苏省人大常委会办公厅2017年度部门预算情况说明"},
				{Page: 1, Section: "一", Heading: 2, Text: "一、收支预算总表情况说明"},
			},
		},
		{
			name:  "a numbered item starts a sentence; prose starting with 一、 and a comma is no heading",
			pages: [][]string{{"（三）具体情况", "其中：", "1、社会保障和就业支出（类）行政事业单位养老支出（款）", "行政单位离退休（项）。年初预算为", "54.53万元。", "一、二、三类项目合计，共3个。"}},
			want: []Sentence{
				{Page: 1, Section: "（三）", Heading: 3, Text: "（三）具体情况"},
				{Page: 1, Section: "（三）", Text: "其中："},
				{Page: 1, Section: "（三）", Text: "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。"},
				{Page: 1, Section: "（三）", Text: "年初预算为54.53万元。"},
				{Page: 1, Section: "（三）", Text: "一、二、三类项目合计，共3个。"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Read(tc.pages, func(p int) bool { return tc.skip[p] })
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Read:\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestExplanationTail(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  int // lines kept
	}{
		{"table only", []string{"十二、政府采购支出预算表", "合计 1.00"}, 0},
		{"text starts below the table", []string{"合计 1.00", "第三部分 省检察院 2017 年度部门预算情况说明", "一、收支预算总表情况说明"}, 2},
		{"wrapped part heading", []string{"合计 1.00", "第三部分 省检察院 2017 年度部门预算", "情况说明", "一、…"}, 3},
		{"wrapped after the department", []string{"合计 1.00", "第三部分 江苏省人大常委会办公厅", "2017 年度部门预算情况说明", "一、…"}, 3},
		{"another part below a table", []string{"合计 1.00", "第四部分 名词解释"}, 0},
	} {
		if got := len(explanationTail(tc.lines)); got != tc.want {
			t.Errorf("%s: kept %d lines, want %d", tc.name, got, tc.want)
		}
	}
}
