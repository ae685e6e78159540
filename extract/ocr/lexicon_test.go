package ocr

import "testing"

// TestSnap: misread titles and header words are taken as the standard
// ones; numbered row labels and figures never are.
func TestSnap(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"一般公共其算财政拨坎", "一般公共预算财政拨款"},
		{"文出", "支出"},
		{"容计", "容计"}, // 合计, 总计 or 小计: left as read
		{"一、一般公共预算财政拨款", "一、一般公共预算财政拨款"},
		{"三、国有资本经营预算财政拨款", "三、国有资本经营预算财政拨款"},
		{"二，政府性基金预算财政拨款", "二，政府性基金预算财政拨款"},
		{"（一）一般公共预算财政拨款", "（一）一般公共预算财政拨款"},
		{"3385.37", "3385.37"},
	} {
		if got := snap(tc.in); got != tc.want {
			t.Errorf("snap(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
