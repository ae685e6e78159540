package tables

import (
	"regexp"
	"testing"
)

// The patterns the word tests stand for.
var (
	emptyNoteRe = regexp.MustCompile(`本表无数据|空表|无数据`)
	itemRe      = regexp.MustCompile(`^(项目|科目|科目名称|项目名称|名称|.*科目名称|支出功能分类科目名称|单位名称)$`)
	codeHdrRe   = regexp.MustCompile(`(编码|代码)$`)
	lineNoRe    = regexp.MustCompile(`^(行次|栏次)$`)
	zeroRe      = regexp.MustCompile(`^([-−—–]+|0+(\.0+)?)$`)
)

var wordCases = []string{
	"", "项目", "科目", "科目名称", "项目名称", "名称", "支出功能分类科目名称", "单位名称", "功能科目名称", "a\n科目名称",
	"科目名称\n", "项目 ", "科目编码", "代码", "编码x", "行次", "栏次", "行次栏次", "本表无数据", "空表", "无数据", "（空表）",
	"本表无", "0", "00", "0.00", "0.", ".0", "0.0.0", "-", "−−", "—", "–", "-0", "1.00", "0.01", "--—", "\xff科目名称",
}

func TestWordMatchersSameAsRegexps(t *testing.T) {
	for _, s := range wordCases {
		checkWordMatchers(t, s)
	}
}

func FuzzWordMatchers(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(checkWordMatchers)
}

func checkWordMatchers(t *testing.T, s string) {
	for _, m := range []struct {
		name string
		fn   func(string) bool
		re   *regexp.Regexp
	}{
		{"isEmptyNote", isEmptyNote, emptyNoteRe},
		{"isItemHeader", isItemHeader, itemRe},
		{"isCodeHeader", isCodeHeader, codeHdrRe},
		{"isLineNoHeader", isLineNoHeader, lineNoRe},
		{"isZeroText", isZeroText, zeroRe},
	} {
		if got, want := m.fn(s), m.re.MatchString(s); got != want {
			t.Errorf("%s(%q) = %v, regexp says %v", m.name, s, got, want)
		}
	}
}
