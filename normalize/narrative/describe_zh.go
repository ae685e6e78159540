package narrative

import (
	"strings"

	"github.com/juesuan/juesuan/internal/phrases"
)

// The Chinese of the narrative and document checks' descriptions, for
// the people-facing outputs (juesuan --lang zh): phrase by phrase, a
// phrase this table lacks staying English. The datasets keep the English.

var zhPhrases = phrases.Rules{
	phrases.R(`^the text's (.*) \(amount\) equals the table figure$`, "正文所述“${1}”的金额应与表中数字一致"),
	phrases.R(`^the text's (.*) \(final\) equals the table figure$`, "正文所述“${1}”的决算数应与表中数字一致"),
	phrases.R(`^the text's (.*) \(budget\) equals the table figure$`, "正文所述“${1}”的预算数应与表中数字一致"),
	phrases.R(`^the text's (.*) \((\w+)\) equals the table figure$`, "正文所述“${1}”（${2}）应与表中数字一致"),
	phrases.R(`^the stated share of (.*) equals its amount over (.*)$`, "正文所述“${1}”的占比应等于其金额除以 ${2}"),
	phrases.R(` \(page (\d+)\)`, "（第 ${1} 页）"),
	phrases.R(`^the shares of a complete list add up to 100%$`, "正文逐项列出的占比合计应为 100%"),
	phrases.R(`^the stated completion rate of (.*) is of a budget stated as 0$`, "正文所述“${1}”的完成率，其预算数为 0"),
	phrases.R(`^the stated completion rate of (.*) equals final / budget$`, "正文所述“${1}”的完成率应等于决算数 ÷ 预算数"),
	phrases.R(`^the stated change of (.*) \((.*)\) equals this year − prior year$`, "正文所述“${1}”的${2}额应等于本年数 − 上年数"),
	phrases.R(`^the stated change rate of (.*) equals change / \(this year − change\)$`, "正文所述“${1}”的增减率应等于增减额 ÷（本年数 − 增减额）"),
	phrases.R(`^the stated change rate of (.*) equals \(this year − prior year\) / prior year$`, "正文所述“${1}”的增减率应等于（本年数 − 上年数）÷ 上年数"),
	phrases.R(`^the change rate's direction word agrees with the change's \((.*) vs (.*)\)$`, "增减率的方向（${2}）应与增减额的方向（${1}）一致"),
	phrases.R(`^“(.*)” agrees with the stated final and budget of (.*)$`, "“${1}”应与正文所述“${2}”的决算数、预算数相符"),
	phrases.R(`^the heading's year \((\d+)\) is the fiscal year (\d+)$`, "标题中的年份（${1}）应为本报告年度 ${2}"),
	phrases.R(`^the year of a dated phrase \(截至…, …年末\) \(in a budget, the year before may be\) \((\d+)\) is the fiscal year (\d+)$`, "日期短语（截至…、…年末）的年份（${1}）应为本报告年度 ${2}（预算中也可为上一年）"),
	phrases.R(`^the year of a dated phrase \(截至…, …年末\) \((\d+)\) is the fiscal year (\d+)$`, "日期短语（截至…、…年末）的年份（${1}）应为本报告年度 ${2}"),
	phrases.R(`^the year of 截至… \(in a budget, the year before may be\) \((\d+)\) is the fiscal year (\d+)$`, "“截至…”的年份（${1}）应为本报告年度 ${2}（预算中也可为上一年）"),
	phrases.R(`^the year of 截至… \((\d+)\) is the fiscal year (\d+)$`, "“截至…”的年份（${1}）应为本报告年度 ${2}"),
	phrases.R(`^the year the sentence opens with \((\d+)\) is the fiscal year (\d+)$`, "句首年份（${1}）应为本报告年度 ${2}"),
	phrases.R(`^(.*) \((\d+)\) is the fiscal year (\d+)$`, "${1}（${2}）应为本报告年度 ${3}"),
	phrases.R(`^the department a heading names \((.*)\) is the report's \((.*)\) or its short form$`, "标题所称部门（${1}）应为本报告部门（${2}）或其简称"),
	phrases.R(`^the figure is printed truncated, not rounded \(a common convention: info, not an error\)$`, "所列数字为截尾而非四舍五入（常见做法，仅作提示，不算错误）"),
	phrases.R(`^the shares were adjusted by a last digit so that they add up to 100% \(largest remainder, a common convention: info, not an error\)$`, "各项占比的末位经过调整，使合计为 100%（最大余数法，常见做法，仅作提示，不算错误）"),
	phrases.R(`^no template placeholder \((.*)\) is left in the text$`, "正文不应残留模板占位符（${1}）"),
	phrases.R(`^no doubled punctuation \((.*)\)$`, "不应有重复的标点（${1}）"),
	phrases.R(`^table (\S+), listed in the 目录, is in the report$`, "目录所列 ${1} 应在报告中"),
	phrases.R(`^table (\S+) (.*), printed without data, carries a 本表无数据 note or the text says it is empty$`, "${1} ${2} 为空表，应注明“本表无数据”，或在正文中说明"),
}

// DescriptionZH is a narrative or document check's description in
// Chinese, as a reader of the reports would put it. A description is
// clauses joined by "; " (the identity, then the convention that explains
// an info): each is put into Chinese on its own.
func DescriptionZH(desc string) string {
	clauses := strings.Split(desc, "; ")
	for i, c := range clauses {
		clauses[i] = zhPhrases.Apply(c)
	}
	return strings.Join(clauses, "；")
}
