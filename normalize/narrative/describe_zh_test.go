package narrative

import "testing"

// TestDescriptionZH: the narrative and document checks' descriptions as
// the corpus writes them, in the Chinese a reader would write.
func TestDescriptionZH(t *testing.T) {
	for _, tc := range []struct{ en, zh string }{
		{"the text's 人员经费 (amount) equals the table figure", "正文所述“人员经费”的金额应与表中数字一致"},
		{"the stated share of 一般公共预算财政拨款支出 equals its amount over 本年支出合计 9759.38",
			"正文所述“一般公共预算财政拨款支出”的占比应等于其金额除以 本年支出合计 9759.38"},
		{"the stated completion rate of 一般公共预算财政拨款支出 equals final / budget", "正文所述“一般公共预算财政拨款支出”的完成率应等于决算数 ÷ 预算数"},
		{"the stated change rate of 机关运行经费支出 equals change / (this year − change)", "正文所述“机关运行经费支出”的增减率应等于增减额 ÷（本年数 − 增减额）"},
		{"“决算数大于预算数” agrees with the stated final and budget of 社会保障和就业支出",
			"“决算数大于预算数”应与正文所述“社会保障和就业支出”的决算数、预算数相符"},
		{"the heading's year (2023) is the fiscal year 2024", "标题中的年份（2023）应为本报告年度 2024"},
		{"no template placeholder (XX, ××, ＸＸ) is left in the text", "正文不应残留模板占位符（XX, ××, ＸＸ）"},
		{"table T09, listed in the 目录, is in the report", "目录所列 T09 应在报告中"},
		{"table T08 政府性基金预算财政拨款收入支出决算表, printed without data, carries a 本表无数据 note or the text says it is empty",
			"T08 政府性基金预算财政拨款收入支出决算表 为空表，应注明“本表无数据”，或在正文中说明"},
	} {
		if got := DescriptionZH(tc.en); got != tc.zh {
			t.Errorf("DescriptionZH(%q)\n got %q\nwant %q", tc.en, got, tc.zh)
		}
	}
}
