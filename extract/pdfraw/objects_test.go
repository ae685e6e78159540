package pdfraw

import "testing"

func TestParserObjects(t *testing.T) {
	// Each input is written back as want: strings as hex, names re-escaped,
	// numbers as their token text unless the library could not read it.
	cases := []struct{ in, want string }{
		{"<< /A 1 /B (x) /A 2 >>", "<</B <78>/A 2>>"},
		{"[1 2 R 3 0 R -0.5 +7 .5 4.]", "[1 2 R 3 0 R -0.5 +7 .5 4.]"},
		{"(a\\(b\\)c\\\\\\n\\101\\q)", "<61286229635C0A4171>"},
		{"(line\r\nbreak)", "<6C696E650A627265616B>"},
		{"<48 65 6C 6c 6>", "<48656C6C60>"},
		{"/Name#20With#2FSlash", "/Name#20With#2FSlash"},
		{"/A#", "/A#23"},
		{"[1.2.3 --4 1e5]", "[1.2 4 100000]"},
		{"[12345678901234567890]", "[12345678901234567000.0]"},
		{"<< /K [true false null] /D << /E /F >> >>", "<</K [true false null]/D <</E /F>>>>"},
		{"[1 0 obj]", "[1 0]"},
		{"<< /A 1 endobj", "<</A 1>>"},
		{"[ /a { } ]", "[/a]"},
	}
	for _, tc := range cases {
		p := &parser{data: []byte(tc.in)}
		o, err := p.object()
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		w := &writer{}
		w.value(o)
		if string(w.buf) != tc.want {
			t.Errorf("%q -> %q, want %q", tc.in, w.buf, tc.want)
		}
	}
}
