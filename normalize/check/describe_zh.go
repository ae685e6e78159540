package check

import "github.com/juesuan/juesuan/internal/phrases"

// The Chinese of the checks' descriptions, for the people-facing outputs
// (juesuan --lang zh): the descriptions are composed in English around
// the labels as printed, and translate phrase by phrase. A phrase this
// table lacks stays English, so a new wording degrades, never breaks.
// The datasets keep the English description.

// zhPhrases are applied in order: longer, more specific phrases first.
var zhPhrases = phrases.Rules{
	phrases.R(` — skipped: table (\S+) \(([^)]*)\) is missing from the report$`, "——未核对：报告中缺少 ${1}（${2}）"),
	phrases.R(` — skipped: (.*)$`, "——未核对：${1}"),
	phrases.R(`^the report contains table (\S+) (.*) \(with data or marked as having none\): not found$`, "报告应含 ${1} ${2}（有数据或注明本表无数据）：未找到"),
	phrases.R(`^the report contains table (\S+) (.*) \(with data or marked as having none\)$`, "报告应含 ${1} ${2}（有数据或注明本表无数据）"),
	phrases.R(`^each (\S+) expenditure class equals the (\S+) 类 row of that class`, "${1} 各支出类应等于 ${2} 中对应的类"),
	phrases.R(`^each (\S+) row equals the sum of its (\S+) rows`, "每个${1}应等于其所属各${2}之和"),
	phrases.R(`^(\S+) class (.*?) \(column (.*?)\) equals (\S+) 类 (.*?) \(column (.*?)\)$`, "${1} 的“${2}”（${3} 列）应等于 ${4} 的类 ${5}（${6} 列）"),
	phrases.R(` \(not printed, 0\)`, "（未印出，按 0 计）"),
	phrases.R(` compared with `, " 对照 "),
	phrases.R(` \((\S+) also covers project spending, so a difference is information, not an error\)`, "（${1} 还含项目支出，差额仅作提示，不算错误）"),
	phrases.R(` \(expenditure column, or income line\)`, "（支出列，或收入行）"),
	phrases.R(` in the (.*?) column equals `, "（${1} 列）应等于 "),
	phrases.R(` equals the sum of its (\d+) numbered rows \(`, " 应等于其下 ${1} 个分项之和（"),
	phrases.R(` equals the sum of its (\d+) lines \(`, " 应等于其 ${1} 项之和（"),
	phrases.R(` equals the sum of its (\d+) (\S+) rows \(`, " 应等于其下 ${1} 个${2}之和（"),
	phrases.R(` equals the sum of the (\d+) rows above it \(`, " 应等于上方 ${1} 行之和（"),
	phrases.R(` equals the sum of the (\d+) (\S+) rows of its block \(`, " 应等于本栏 ${1} 个${2}之和（"),
	phrases.R(` equals the sum of the (\d+) (\S+) rows \(`, " 应等于 ${1} 个${2}之和（"),
	phrases.R(` equals the sum of the (\d+) (\S+) lines \(`, " 应等于 ${1} 个${2}之和（"),
	phrases.R(` equals the sum of the (\d+) kinds of purchase \(`, " 应等于 ${1} 类采购之和（"),
	phrases.R(` equals the sum of the income sources \(`, " 应等于各收入来源之和（"),
	phrases.R(` equals the sum of its parts`, " 应等于各分项之和"),
	phrases.R(` equals the sum of the (\S+) rows`, " 应等于各${1}之和"),
	phrases.R(` \+ … \((\d+) rows\)\)`, " + …，共 ${1} 行）"),
	phrases.R(` \(\+ (.*?) where printed\)`, "（印有时再加 ${1}）"),
	phrases.R(`\), column (.*)$`, "），列：${1}"),
	phrases.R(`, column (.*)$`, "，列：${1}"),
	phrases.R(` \(column (.*?) vs (.*?)\)$`, "（${1} 列对 ${2} 列）"),
	phrases.R(` \(column (.*?)\)`, "（${1} 列）"),
	phrases.R(` equals `, " 应等于 "),
	phrases.R(`^(.+?): `, "${1}："),
	phrases.R(`(之和（.*)\)$`, "${1}）"),
}

// DescriptionZH is a check's description (of the identities this package
// evaluates) in Chinese, as a reader of the reports would put it.
func DescriptionZH(desc string) string { return zhPhrases.Apply(desc) }
