package narrative

import "testing"

func TestDoubledAt(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"本年收入合计9746.50万元。", -1},
		{"占55.10%。。项目支出", len("占55.10%")},
		{"截至2019年12月31日，，本部门", len("截至2019年12月31日")},
		{"4。。。5。。。", -1}, // an unfilled template's ellipsis rows
		{"其中：，基本支出", len("其中")},
		{"1,234.56万元；2,345.00万元", -1},
		{"完成。，下一句", len("完成")},
	} {
		if got := doubledAt(tc.text, 0); got != tc.want {
			t.Errorf("doubledAt(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}
