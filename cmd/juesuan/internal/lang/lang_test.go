package lang

import "testing"

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{nil, EN},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, ZH},
		{map[string]string{"LANG": "C.UTF-8"}, EN},
	} {
		if got := FromEnv(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.env, got, tc.want)
		}
	}
	for in, want := range map[string]Lang{"zh": ZH, "ZH-cn": ZH, "en": EN, "en_US": EN} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %s, %v", in, got, err)
		}
	}
	if _, err := Parse("fr"); err == nil {
		t.Error("Parse(fr): no error")
	}
}
