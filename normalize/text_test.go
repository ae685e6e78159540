package normalize

import "testing"

func TestCleanLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"因 公 出 国 （ 境 ） 费 用", "因公出国（境）费用"},
		{"  机关事业单位基本养老保险缴\n费支出 ", "机关事业单位基本养老保险缴费支出"},
		{"一、一般公共预算财政拨款收入", "一、一般公共预算财政拨款收入"},
		{"PPP 项目", "PPP项目"},
		{"Other   expenses", "Other expenses"},
		{"Other\nexpenses", "Other expenses"},
		{"2024 年度", "2024年度"},
		{"上海市 XX 局", "上海市XX局"},
		{"\u3000合\u3000\u3000计\u3000", "合计"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := CleanLabel(tt.in); got != tt.want {
			t.Errorf("CleanLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
