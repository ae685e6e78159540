package normalize

import (
	"testing"

	"github.com/juesuan/juesuan/internal/textfold"
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
		if deptLabel.MatchString(textfold.Fold(s, textfold.Width)) && !mayHaveDeptLabel(s) {
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
		if deptLabel.MatchString(textfold.Fold(s, textfold.Width)) && !mayHaveDeptLabel(s) {
			t.Fatalf("mayHaveDeptLabel(%q) = false, but deptLabel matches", s)
		}
	})
}
