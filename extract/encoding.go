package extract

import (
	"encoding/hex"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

var (
	aglOnce sync.Once
	aglMap  map[string]rune
)

// glyphNameToRune maps a glyph name of a /Differences array to Unicode:
// the AGL subset, single letters, uniXXXX (one or more UTF-16 units) and
// uXXXX[XX]. Suffixes after "." (e.g. "one.tnum") are ignored.
func glyphNameToRune(name string) (string, bool) {
	aglOnce.Do(func() {
		f := strings.Fields(aglSubset)
		aglMap = make(map[string]rune, len(f)/2)
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseUint(f[i+1], 16, 32)
			if err == nil {
				aglMap[f[i]] = rune(v)
			}
		}
	})
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if len(name) == 1 {
		c := name[0]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return name, true
		}
	}
	if r, ok := aglMap[name]; ok {
		return string(r), true
	}
	if strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0 {
		units := make([]uint16, 0, (len(name)-3)/4)
		for i := 3; i < len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 16)
			if err != nil {
				return "", false
			}
			units = append(units, uint16(v))
		}
		return string(utf16.Decode(units)), true
	}
	if strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7 {
		v, err := strconv.ParseUint(name[1:], 16, 32)
		if err == nil && v <= 0x10FFFF {
			return string(rune(v)), true
		}
	}
	return "", false
}

// standardEncoding is Adobe StandardEncoding for the printable ASCII range
// (it differs from ASCII only at 0x27 and 0x60); the rare upper half is
// left unmapped.
var standardEncoding = func() [256]rune {
	var t [256]rune
	for i := range t {
		t[i] = noRune
	}
	for c := 0x20; c < 0x7F; c++ {
		t[c] = rune(c)
	}
	t[0x27] = '\u2019'
	t[0x60] = '\u2018'
	return t
}()

// baseEncoding returns the table of a named base encoding.
func baseEncoding(name string) *[256]rune {
	switch name {
	case "WinAnsiEncoding":
		return &winAnsiEncoding
	case "MacRomanEncoding":
		return &macRomanEncoding
	case "StandardEncoding":
		return &standardEncoding
	case "PDFDocEncoding":
		return &pdfDocEncoding
	}
	return nil
}

// decodePDFText decodes a text string of the document (e.g. /Info
// entries): UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding.
func decodePDFText(s string) string {
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		b := s[2:]
		u := make([]uint16, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	if len(s) >= 3 && s[:3] == "\xEF\xBB\xBF" {
		return s[3:]
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if r := pdfDocEncoding[s[i]]; r != noRune {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// decodeInfoText decodes a document information string. Besides the
// standard encodings it recovers two habits of Chinese producers: raw GBK
// bytes without a byte-order mark, and PScript's "<BDADCBD5…>" (GBK bytes
// written as hex digits inside a literal string).
func decodeInfoText(s string) string {
	if len(s) > 2 && s[0] == '<' && s[len(s)-1] == '>' && len(s)%2 == 0 {
		if b, err := hex.DecodeString(s[1 : len(s)-1]); err == nil {
			s = string(b)
		}
	}
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF || utf8.ValidString(s) && isASCII(s) {
		return decodePDFText(s)
	}
	if g, err := simplifiedchinese.GBK.NewDecoder().String(s); err == nil && plausibleGBK(g) {
		return g
	}
	return decodePDFText(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// plausibleGBK reports whether GBK-decoded text contains only printable
// ASCII, CJK ideographs and CJK/full-width punctuation.
func plausibleGBK(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7F,
			r >= 0x4E00 && r <= 0x9FFF,
			r >= 0x3000 && r <= 0x303F,
			r >= 0xFF00 && r <= 0xFFEF,
			r >= 0x2010 && r <= 0x2027:
		default:
			return false
		}
	}
	return true
}
