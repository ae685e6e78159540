package normalize

import "testing"

func TestIsTotalLabel(t *testing.T) {
	for _, tc := range []struct {
		label string
		want  bool
	}{
		{"合计", true},
		{"合    计", true},
		{"总计", true},
		{"本年收入合计", true},
		{"本年支出合计", true},
		{"人员经费合计", true},
		{"公用经费合计", true},
		{"收入总计", true},
		{"小计", true},
		{"年初结转和结余", false},
		{"一、一般公共服务支出", false},
		{"合计数说明", false},
		{"", false},
	} {
		if got := IsTotalLabel(tc.label); got != tc.want {
			t.Errorf("IsTotalLabel(%q) = %v, want %v", tc.label, got, tc.want)
		}
	}
}
