package tables

import "strings"

// Word tests on header and note text, run on every cell: each says exactly
// what the regexp named in its comment says (words_test.go checks them
// against it), without running a regexp.

// isEmptyNote is emptyNoteRe: 本表无数据|空表|无数据, anywhere in s.
func isEmptyNote(s string) bool {
	return strings.Contains(s, "无数据") || strings.Contains(s, "空表") // 本表无数据 holds 无数据
}

// isCodeHeader is codeHdrRe: (编码|代码)$
func isCodeHeader(s string) bool {
	return strings.HasSuffix(s, "编码") || strings.HasSuffix(s, "代码")
}

// isLineNoHeader is lineNoRe: ^(行次|栏次)$
func isLineNoHeader(s string) bool { return s == "行次" || s == "栏次" }

// isItemHeader is itemRe:
// ^(项目|科目|科目名称|项目名称|名称|.*科目名称|支出功能分类科目名称|单位名称)$
// where .* is any text without a line break.
func isItemHeader(s string) bool {
	switch s {
	case "项目", "科目", "名称", "项目名称", "单位名称":
		return true
	}
	// 科目名称 and 支出功能分类科目名称 are cases of .*科目名称.
	head, ok := strings.CutSuffix(s, "科目名称")
	return ok && !strings.Contains(head, "\n")
}
