// Package textenc makes text from a PDF or a file system valid UTF-8 for
// the datasets: Parquet strings must be UTF-8 (DuckDB refuses a whole glob
// over one invalid string), and producers write Chinese names as raw GBK.
package textenc

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Valid returns s as valid UTF-8: s itself when it is (the usual case,
// without allocating); else each run of bytes that is not UTF-8 is
// decoded as GB18030 (a superset of GBK and GB2312) character by
// character where the bytes are such characters, and every other byte is
// written \xNN (two lowercase hex digits), as source_path writes the bytes
// of a file name. A GB18030 sequence that decodes to a private-use
// character is escaped too: real text never holds one.
func Valid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	dec := simplifiedchinese.GB18030.NewDecoder()
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || size > 1 {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		if n := gbLength(s[i:]); n > 0 {
			if t, err := dec.String(s[i : i+n]); err == nil && plainRune(t) {
				b.WriteString(t)
				i += n
				continue
			}
		}
		EscapeByte(&b, s[i])
		i++
	}
	return b.String()
}

// gbLength is the length of the GB18030 multi-byte sequence s starts
// with (two or four bytes), or 0.
func gbLength(s string) int {
	if len(s) < 2 || s[0] < 0x81 || s[0] > 0xfe {
		return 0
	}
	switch c := s[1]; {
	case c >= 0x40 && c <= 0xfe && c != 0x7f:
		return 2
	case c >= 0x30 && c <= 0x39 && len(s) >= 4 && s[2] >= 0x81 && s[2] <= 0xfe && s[3] >= 0x30 && s[3] <= 0x39:
		return 4
	}
	return 0
}

// plainRune reports whether t is one character that is neither the
// replacement character nor private use.
func plainRune(t string) bool {
	r, size := utf8.DecodeRuneInString(t)
	return size == len(t) && r != utf8.RuneError && !(r >= 0xe000 && r <= 0xf8ff)
}

// EscapeByte writes c as \xNN (two lowercase hex digits): how a byte that
// is not UTF-8 is written in every string column, file names included.
func EscapeByte(b *strings.Builder, c byte) {
	const hexDigits = "0123456789abcdef"
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}
