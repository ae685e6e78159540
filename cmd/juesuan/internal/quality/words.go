package quality

import (
	"fmt"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/normalize/narrative"
	"github.com/juesuan/juesuan/schema"
)

// Lang words the summaries in one language.
type Lang struct{ lang.Lang }

// In is the wording of l.
func In(l lang.Lang) Lang { return Lang{l} }

// Status names a report or check status; a status this juesuan does not
// know (written by a newer one) is shown as it is.
func (l Lang) Status(s string) string {
	zh := map[string]string{
		schema.StatusOK: "正常", schema.StatusPartial: "部分读出", schema.StatusFailed: "失败",
		schema.CheckPass: "通过", schema.CheckFail: "未通过", schema.CheckSkipped: "跳过", schema.CheckInfo: "提示",
	}
	if l.Lang == lang.ZH {
		if w, ok := zh[s]; ok {
			return w
		}
	}
	return s
}

// ChecksFailed is "13 checks failed".
func (l Lang) ChecksFailed(n int) string {
	if l.Lang == lang.ZH {
		return fmt.Sprintf("%d 项校验未通过", n)
	}
	if n == 1 {
		return "1 check failed"
	}
	return fmt.Sprintf("%d checks failed", n)
}

// Missing is "T03 missing".
func (l Lang) Missing(ids []string) string {
	return l.T("缺 "+strings.Join(ids, "、"), strings.Join(ids, ", ")+" missing")
}

// NoTable is said of a report from which no table was read.
func (l Lang) NoTable() string { return l.T("未找到表格", "no table found") }

// NoFigure is said of a report whose tables hold no figure (a template).
func (l Lang) NoFigure() string { return l.T("各表均无数据", "no table holds a figure") }

// State names a table state, with its note.
func (l Lang) State(t Table) string {
	switch t.State {
	case StateData:
		return l.T(fmt.Sprintf("有数据，%d 行", t.Rows), fmt.Sprintf("data, %d rows", t.Rows))
	case StateEmpty:
		switch t.Note {
		case "printed":
			return l.T("空表（印有“本表无数据”等说明）", "printed without data (本表无数据 note printed)")
		case "absent":
			return l.T("空表（未说明本表无数据）", "printed without data (no 本表无数据 note)")
		}
		if t.Rows > 0 {
			return l.T(fmt.Sprintf("空表，%d 行无数字", t.Rows), fmt.Sprintf("printed without data, %d rows without figures", t.Rows))
		}
		return l.T("空表", "printed without data")
	case StateMissing:
		return l.T("缺失", "missing")
	}
	return t.State
}

// Localize returns the checks with their descriptions in l: Chinese from
// the tables of the packages that write them (normalize/check for the
// identities, normalize/narrative for N.* and D.*); the checks given are
// not changed.
func Localize(cs []schema.Check, l lang.Lang) []schema.Check {
	if l != lang.ZH {
		return cs
	}
	out := slices.Clone(cs)
	for i := range out {
		if strings.HasPrefix(out[i].CheckID, "N.") || strings.HasPrefix(out[i].CheckID, "D.") {
			out[i].Description = narrative.DescriptionZH(out[i].Description)
		} else {
			out[i].Description = check.DescriptionZH(out[i].Description)
		}
	}
	return out
}
