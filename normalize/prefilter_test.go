package normalize

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// prefilterSeeds are lines around the edges of the label and colon forms.
var prefilterSeeds = []string{
	"部门：上海市规划局", "部门:上海市规划局", "部门 ：x", "部门\u3000：x", "部门\t:\tx",
	"编制单位：上海市", "预算单位: 某局", "单位名称：某局", "部门名称 ： 某局", "预算主管部门：某局",
	"金额单位：万元", "单位：万元", "2024年度部门决算", "部门决算 第一部分", "",
	"编制部门：某局 金额单位：万元", "名称：x", "部门\u2003：x", "部门\v:x", "部门\xff：x",
	"　部门：某局", "主管部门（盖章）：某局", "部门：", "：部门", "部门部门:",
}

// TestDeptLabelPrefilter: the cheap test never rejects a line that deptLabel
// matches, and does reject the common lines without a label.
func TestDeptLabelPrefilter(t *testing.T) {
	for _, s := range prefilterSeeds {
		if deptLabel.MatchString(foldWidth(s)) && !mayHaveDeptLabel(s) {
			t.Errorf("mayHaveDeptLabel(%q) = false, but deptLabel matches", s)
		}
	}
	for _, s := range []string{"金额单位：万元", "单位：万元", "2024年度部门决算", ""} {
		if mayHaveDeptLabel(s) {
			t.Errorf("mayHaveDeptLabel(%q) = true, want the line rejected", s)
		}
	}
}

// FuzzDeptLabelPrefilter: no line that deptLabel matches is rejected.
func FuzzDeptLabelPrefilter(f *testing.F) {
	for _, s := range prefilterSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if deptLabel.MatchString(foldWidth(s)) && !mayHaveDeptLabel(s) {
			t.Fatalf("mayHaveDeptLabel(%q) = false, but deptLabel matches", s)
		}
	})
}

// FuzzCleanLabelFastPath: the no-copy path of CleanLabel gives what the
// general path gives.
func FuzzCleanLabelFastPath(f *testing.F) {
	for _, s := range append(prefilterSeeds, "PPP 项目", "Other  expenses", " a ", "\xff") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isCleanLabel(s) {
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("isCleanLabel(%q) accepted invalid UTF-8", s)
		}
		if got := cleanLabel(s); got != s {
			t.Fatalf("cleanLabel(%q) = %q, but the fast path returns it unchanged", s, got)
		}
	})
}

// TestMaxWhiteSpace holds the fast paths' assumption: no rune above
// maxWhiteSpace is white space.
func TestMaxWhiteSpace(t *testing.T) {
	for _, r := range unicode.White_Space.R16 {
		if rune(r.Hi) > maxWhiteSpace {
			t.Errorf("white space up to %U, above maxWhiteSpace", r.Hi)
		}
	}
	for _, r := range unicode.White_Space.R32 {
		if rune(r.Hi) > maxWhiteSpace {
			t.Errorf("white space up to %U, above maxWhiteSpace", r.Hi)
		}
	}
	if !unicode.IsSpace(maxWhiteSpace) {
		t.Errorf("%U is not white space", maxWhiteSpace)
	}
}

// compactSeeds exercise compact's fast path and each way out of it.
var compactSeeds = append([]string{
	"2024 年度部门决算", "2024年度部门决算", "ＡＢＣ１２３", "a\u3000b", "x\u00a0y", "x\u0085y",
	"−1", "\ufe631", "\xff", "ok\xffok", "\ufffd", "a\tb\nc\vd\fe\rf", "\u2003\u2028\u202f", "纯中文无空格",
}, prefilterSeeds...)

// TestCompact: compact is removeSpaces(foldWidth(s)), in one pass.
func TestCompact(t *testing.T) {
	for _, s := range compactSeeds {
		if got, want := compact(s), removeSpaces(foldWidth(s)); got != want {
			t.Errorf("compact(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzCompact: compact is removeSpaces(foldWidth(s)) for any input.
func FuzzCompact(f *testing.F) {
	for _, s := range compactSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := compact(s), removeSpaces(foldWidth(s)); got != want {
			t.Fatalf("compact(%q) = %q, want %q", s, got, want)
		}
	})
}
