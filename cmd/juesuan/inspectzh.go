package main

import (
	"regexp"
	"strings"
)

// zhHeadings puts the English headings of inspect's text (written by
// extract/tables and normalize/check, whose output other programs read
// in English) into Chinese, line by line: only the words of a heading,
// never a figure, key or label.
var zhHeadings = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`^pages: (\S+)   unit: `), "页码：${1}   单位："},
	{regexp.MustCompile(`   marker: `), "   表号："},
	{regexp.MustCompile(`   department: (.*)   year: `), "   部门：${1}   年度："},
	{regexp.MustCompile(`   EMPTY$`), "   空表（本表无数据）"},
	{regexp.MustCompile(`^columns:$`), "列（键 = 印出的表头）："},
	{regexp.MustCompile(`^(\d+) checks: (\d+) pass, (\d+) fail, (\d+) skipped, (\d+) info$`), "共 ${1} 项校验：通过 ${2}，未通过 ${3}，跳过 ${4}，提示 ${5}"},
	{regexp.MustCompile(`^(\d+) checks: all (\d+) pass$`), "共 ${1} 项校验，全部通过"},
	// The checks' header keeps its columns' widths: each word is padded
	// to the English word's terminal width.
	{regexp.MustCompile(`^STATUS  CHECK`), "状态    校验 "},
	{regexp.MustCompile(`EXPECTED  ACTUAL  DIFF`), "应为      实为    差额"},
	{regexp.MustCompile(`  TOL   LOCATION$`), "  容差  位置"},
}

// localizeHeadings rewrites text's headings into Chinese.
func localizeHeadings(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		for _, h := range zhHeadings {
			l = h.re.ReplaceAllString(l, h.repl)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
