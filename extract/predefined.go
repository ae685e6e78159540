package extract

import (
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// predefinedCMap describes a predefined (named) CMap of a Type0 font well
// enough to split strings into codes and, when the font has no ToUnicode
// map, to recover the text from the code itself. CIDs are not derived (the
// Adobe tables are large): widths fall back to /DW, except that ASCII
// codes take the width of CIDs 1–95, where every Adobe CJK collection
// keeps its proportional Latin glyphs.
type predefinedCMap struct {
	spaces []codespaceRange
	text   func(code uint32, n int) string // nil: no text without ToUnicode
}

func cs(n int, lo, hi uint32) codespaceRange {
	r := codespaceRange{n: n}
	for k := 0; k < n; k++ {
		shift := uint(8 * (n - 1 - k))
		r.lo[k], r.hi[k] = byte(lo>>shift), byte(hi>>shift)
	}
	return r
}

var (
	twoByte   = []codespaceRange{cs(2, 0x0000, 0xFFFF)}
	utf16Like = []codespaceRange{cs(2, 0x0000, 0xD7FF), cs(4, 0xD800DC00, 0xDBFFDFFF), cs(2, 0xE000, 0xFFFF)}
	eucGB     = []codespaceRange{cs(1, 0x00, 0x80), cs(2, 0x8140, 0xFEFE)}
	gb18030   = []codespaceRange{cs(1, 0x00, 0x80), cs(2, 0x8140, 0xFEFE), cs(4, 0x81308130, 0xFE39FE39)}
	big5      = []codespaceRange{cs(1, 0x00, 0x80), cs(2, 0xA140, 0xFEFE)}
)

func utf16Text(code uint32, n int) string {
	if n == 4 {
		return string(utf16.Decode([]uint16{uint16(code >> 16), uint16(code)}))
	}
	return string(rune(code))
}

func multiByteText(enc encoding.Encoding) func(uint32, int) string {
	return func(code uint32, n int) string {
		var b [4]byte
		for k := 0; k < n; k++ {
			b[k] = byte(code >> uint(8*(n-1-k)))
		}
		s, err := enc.NewDecoder().Bytes(b[:n])
		if err != nil || len(s) == 0 {
			return "\uFFFD"
		}
		return string(s)
	}
}

// lookupPredefinedCMap returns the description of a named CMap; unknown
// names are read as two-byte codes.
func lookupPredefinedCMap(name string) predefinedCMap {
	base := strings.TrimSuffix(strings.TrimSuffix(name, "-H"), "-V")
	switch {
	case base == "Identity":
		return predefinedCMap{spaces: twoByte}
	case strings.HasPrefix(base, "Uni") && strings.HasSuffix(base, "-UCS2"):
		return predefinedCMap{spaces: twoByte, text: utf16Text}
	case strings.HasPrefix(base, "Uni") && strings.HasSuffix(base, "-UTF16"):
		return predefinedCMap{spaces: utf16Like, text: utf16Text}
	case base == "GBK-EUC", base == "GB-EUC", base == "GBpc-EUC", base == "GBT-EUC", base == "GBTpc-EUC":
		return predefinedCMap{spaces: eucGB, text: multiByteText(simplifiedchinese.GBK)}
	case base == "GBK2K", base == "GBKp-EUC":
		return predefinedCMap{spaces: gb18030, text: multiByteText(simplifiedchinese.GB18030)}
	case base == "B5pc", base == "ETen-B5", base == "HKscs-B5", base == "ETenms-B5":
		return predefinedCMap{spaces: big5, text: multiByteText(traditionalchinese.Big5)}
	}
	return predefinedCMap{spaces: twoByte}
}
