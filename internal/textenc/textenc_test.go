package textenc

import (
	"testing"
	"unicode/utf8"
)

func TestValid(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"宋体 already UTF-8", "宋体 already UTF-8"},
		{"\xcb\xce\xcc\xe5", "宋体"},                                   // GBK
		{"font /\xcb\xce\xcc\xe5 is missing", "font /宋体 is missing"}, // GBK inside ASCII
		{"表格 \xb1\xed\xb8\xf1", "表格 表格"},                             // UTF-8 and GBK mixed
		{"\x81\x30\x81\x30", "\u0080"},                               // a four-byte GB18030 sequence
		{"\xff\xfe", `\xff\xfe`},                                     // no encoding
		{"a\xcb", `a\xcb`},                                           // a lead byte cut short
		{"\xaa\xa1", `\xaa\xa1`},                                     // GBK user-defined area: private use
		{`back\slash \xff`, `back\slash \xff`},                       // valid: untouched
	} {
		got := Valid(tc.in)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("Valid(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzValid(f *testing.F) {
	f.Add("\xcb\xce\xcc\xe5\xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got := Valid(s); !utf8.ValidString(got) {
			t.Fatalf("Valid(%q) = %q: not UTF-8", s, got)
		}
	})
}
