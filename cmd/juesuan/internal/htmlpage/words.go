package htmlpage

import "github.com/juesuan/juesuan/cmd/juesuan/internal/lang"

// words are the page's own words: {Chinese, English}.
var words = map[string][2]string{
	"status":       {"状态", "status"},
	"problem":      {"问题", "problem"},
	"kind":         {"类别", "kind"},
	"unit":         {"单位", "unit"},
	"pages":        {"页数", "pages"},
	"tables":       {"表数", "tables"},
	"checks":       {"校验", "checks"},
	"source":       {"来源文件", "source"},
	"report_id":    {"报告编号", "report_id"},
	"chart":        {"支出结构（按功能分类“类”：基本支出与项目支出）", "支出结构 (expenditure by 类: basic and project)"},
	"problems":     {"未通过及提示的校验", "Checks that did not pass"},
	"all passed":   {"全部校验通过。", "Every check passed."},
	"at":           {"位置", "at"},
	"expected":     {"应为", "expected"},
	"actual":       {"实为", "actual"},
	"diff":         {"差额", "diff"},
	"cells":        {"涉及单元格", "cells"},
	"page":         {"第", "pages"},
	"page after":   {"页", ""},
	"empty":        {"本表无数据（表格印出但无数字）", "printed without data (本表无数据)"},
	"missing":      {"报告中未找到此表。", "not found in this report."},
	"see check":    {"查看校验", "see the check"},
	"contents":     {"目录", "contents"},
	"code":         {"科目编码", "科目编码"},
	"item":         {"项目", "项目"},
	"line_no":      {"行次", "行次"},
	"kind final":   {"决算", "final account (决算)"},
	"kind budget":  {"预算", "budget (预算)"},
	"kind unknown": {"未知", "unknown"},
}

func word(l lang.Lang, key string) string {
	w, ok := words[key]
	if !ok {
		return key
	}
	return l.T(w[0], w[1])
}
