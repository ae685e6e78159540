package extract

import "testing"

func TestNormalizeGlyphText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a", "a"},
		{"０", "0"}, {"９", "9"}, {"Ａ", "A"}, {"ｚ", "z"}, // full-width digits and letters
		{"．", "."}, {"－", "-"}, {"％", "%"}, {"＋", "+"}, // number-forming signs
		{"（", "（"}, {"）", "）"}, {"：", "："}, {"，", "，"}, {"、", "、"}, // CJK punctuation kept
		{"“", "“"}, {"”", "”"}, {"「", "「"}, {"」", "」"}, {"《", "《"}, {"…", "…"},
		{"\u3000", " "},                                            // ideographic space
		{"⻔", "门"}, {"⻋", "车"}, {"⻘", "青"}, {"⺠", "民"}, {"⻝", "食"}, // radicals supplement
		{"⼀", "一"}, {"⼈", "人"}, {"⾦", "金"}, // Kangxi radicals via NFKC
		{"\uF9B2", "零"},      // CJK compatibility ideograph via NFKC
		{"ﬁ", "fi"},          // ligature
		{"\uFFFD", "\uFFFD"}, // kept for the caller to drop and count
		{"a\uFFFDb", "ab"},   // inside multi-rune text: dropped
		{"\x01", "\uFFFD"},   // only control characters: nothing printable
		{"收入（一般公共预算）", "收入（一般公共预算）"},
	}
	for _, c := range cases {
		if got := normalizeGlyphText(c.in); got != c.want {
			t.Errorf("normalizeGlyphText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestGlyphNameToRune(t *testing.T) {
	cases := []struct {
		name, want string
		ok         bool
	}{
		{"A", "A", true}, {"zero", "0", true}, {"space", " ", true}, {"quoteright", "’", true},
		{"uni4E00", "一", true}, {"uniD840DC00", "\U00020000", true}, {"u1F600", "😀", true},
		{"one.tnum", "1", true}, {"Euro", "€", true}, {"g123", "", false}, {"uniXYZW", "", false},
	}
	for _, c := range cases {
		got, ok := glyphNameToRune(c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("glyphNameToRune(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestParseCMap(t *testing.T) {
	cm := parseCMap([]byte(`begincmap
2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
1 beginbfrange <00FE> <0101> <30FF> endbfrange
1 beginbfrange <0010> <0011> [<0041> <D83DDE00>] endbfrange
1 beginbfchar <0020> <00660069> endbfchar
endcmap`), nil)
	want := map[uint32]string{
		0xFE: "\u30FF", 0xFF: "\u3100", 0x100: "\u3101", 0x101: "\u3102", // carry into the upper byte
		0x10: "A", 0x11: "😀", 0x20: "fi",
	}
	for code, w := range want {
		if got := cm.uni[code]; got != w {
			t.Errorf("code %#x: %q, want %q", code, got, w)
		}
	}
	if n := codeLength(cm.spaces, []byte{0x41, 0x42}); n != 1 {
		t.Errorf("ASCII code length %d", n)
	}
	if n := codeLength(cm.spaces, []byte{0xB2, 0xE2}); n != 2 {
		t.Errorf("GBK code length %d", n)
	}
	// The destination carries across its last byte.
	c2 := parseCMap([]byte(`1 beginbfrange <01> <03> <00FF> endbfrange`), nil)
	if c2.uni[2] != "\u0100" || c2.uni[3] != "\u0101" {
		t.Errorf("carry: %q %q", c2.uni[2], c2.uni[3])
	}
}

func TestDecodeInfoText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Microsoft\xae Word 2010", "Microsoft® Word 2010"}, // PDFDocEncoding
		{"\xfe\xff\x6d\x4b\x8b\xd5", "测试"},                  // UTF-16BE with BOM
		{"\xb2\xe2\xca\xd4.xls", "测试.xls"},                  // raw GBK
		{"<B2E2CAD4>", "测试"},                                // PScript hex GBK
		{"WPS Office", "WPS Office"},
		{"", ""},
	}
	for _, c := range cases {
		if got := decodeInfoText(c.in); got != c.want {
			t.Errorf("decodeInfoText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
