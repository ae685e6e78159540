package extract

import (
	"strings"
	"testing"
)

// placed lays out text lines as glyphs: each line a baseline and runs of
// text starting at an x, one 10 pt glyph per rune.
func placed(lines ...[]any) *Page {
	p := &Page{}
	for i, l := range lines {
		y := float64(100 + 14*i)
		for k := 0; k+1 < len(l); k += 2 {
			x := l[k].(float64)
			for _, r := range l[k+1].(string) {
				p.Glyphs = append(p.Glyphs, Glyph{Text: string(r), X0: x, X1: x + 10, Baseline: y, Size: 10})
				x += 10
			}
		}
	}
	return p
}

func TestTextColumns(t *testing.T) {
	for _, tc := range []struct {
		name string
		page *Page
		want []string
	}{
		{"prose has no columns", placed(
			[]any{50.0, "一、收入支出决算总体情况说明"},
			[]any{50.0, "本年收入合计100.00万元，其中财政拨款收入90.00万元。"},
			[]any{50.0, "主要原因是人员经费增加。"},
		), nil},
		{"two columns interleaved", placed(
			[]any{300.0, "根据需求，拓展各类"},
			[]any{50.0, "根据需求，拓展生活圈，不断满足"},
			[]any{20.0, "项目", 300.0, "生活圈，不断满足"},
			[]any{50.0, "居民需求。为文化中心提供"},
			[]any{20.0, "目标", 300.0, "居民需求"},
			[]any{50.0, "保洁服务，推进工作。"},
			[]any{300.0, "。为文化中心提供服务。"},
		), []string{"项目", "目标", "根据需求，拓展生活圈，不断满足", "居民需求。为文化中心提供", "保洁服务，推进工作。",
			"根据需求，拓展各类", "生活圈，不断满足", "居民需求", "。为文化中心提供服务。"}},
		{"a line set apart is not a column", placed(
			[]any{50.0, "收入支出决算总表", 400.0, "单位：万元"},
			[]any{50.0, "本年收入合计100.00万元，其中财政拨款收入90.00万元，事业收入10.00万元。"},
		), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.page.TextColumns()
			want := tc.want
			if (got == nil) != (want == nil) || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("TextColumns =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestTextColumnsHostile: a page of many lines of many words is not
// examined for columns at the cost of their product.
func TestTextColumnsHostile(t *testing.T) {
	var lines [][]any
	for i := 0; i < 3000; i++ {
		var l []any
		for k := 0; k < 50; k++ {
			l = append(l, float64(30*k), "字")
		}
		lines = append(lines, l)
	}
	if got := placed(lines...).TextColumns(); got != nil {
		t.Errorf("a page of 3000 lines gave %d lines, want nil", len(got))
	}
	lines = lines[:300]
	_ = placed(lines...).TextColumns() // 300 lines of 50 columns: bounded by maxColumnGaps
}
