package batch

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/internal/textenc"
)

// recordedPath is how a path is written in reports.source_path, in logs
// and as the state's input key (juesuan_sources.path): always valid UTF-8
// (Parquet strings must be, and the JSON manifest of earlier versions
// would turn each invalid byte into U+FFFD, merging distinct names), and
// reversible. Each byte that is not part of valid UTF-8 becomes \xNN
// (two lowercase hex digits) and a literal backslash becomes \\; every
// other character is kept. A valid UTF-8 path without a backslash, the
// usual case, is recorded as given.
func recordedPath(p string) string {
	if utf8.ValidString(p) && !strings.Contains(p, `\`) {
		return p
	}
	var b strings.Builder
	b.Grow(len(p) + 8)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			textenc.EscapeByte(&b, p[i])
		case r == '\\':
			b.WriteString(`\\`)
		default:
			b.WriteString(p[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unreadableIDPrefix starts the report_id of an input that could not be
// read: there are no bytes to hash, so the ID is the SHA-256 of its
// recorded path. A content hash is 64 hex digits and never has the prefix.
const unreadableIDPrefix = "path-"

// unreadableID is the report_id of an input that could not be read.
func unreadableID(recorded string) string {
	sum := sha256.Sum256([]byte(recorded))
	return unreadableIDPrefix + hex.EncodeToString(sum[:])
}

// unrecord reverses recordedPath, as the README tells a reader to; false
// for a name recordedPath never gives.
func unrecord(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		switch {
		case i+1 < len(s) && s[i+1] == '\\':
			b.WriteByte('\\')
			i++
		case i+3 < len(s) && s[i+1] == 'x':
			var v byte
			for _, c := range []byte(s[i+2 : i+4]) {
				switch {
				case '0' <= c && c <= '9':
					v = v<<4 | (c - '0')
				case 'a' <= c && c <= 'f':
					v = v<<4 | (c - 'a' + 10)
				default:
					return "", false
				}
			}
			b.WriteByte(v)
			i += 3
		default:
			return "", false
		}
	}
	return b.String(), true
}
