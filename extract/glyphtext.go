package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normalizeGlyphText normalizes the text of one glyph (computed once per
// font code, so it is not on the per-glyph path).
//
// Policy, decided for Chinese final-account reports:
//   - Full-width ASCII digits and letters (０-９, Ａ-Ｚ, ａ-ｚ) and the
//     number-forming signs ＋ － ． ％ become ASCII, so amounts and codes
//     parse the same whatever the typing mode.
//   - Every other CJK punctuation and full-width form is kept as printed:
//     （）：；，、“”「」《》【】… appear in table titles and column headers
//     and their full-width form is part of those keys. NFKC is therefore
//     NOT applied to U+3000–U+303F (except the ideographic space),
//     U+FE30–U+FE4F, U+FF00–U+FFEF, and General Punctuation U+2010–U+205E
//     (NFKC would turn … into "..." and ‥ into "..").
//   - Kangxi radicals (U+2F00 block) and CJK compatibility ideographs
//     become standard ideographs via NFKC; the CJK Radicals Supplement
//     (U+2E80 block, which NFKC leaves alone except ⺟ and ⻳) is mapped by
//     radicalSupplement to the ideograph producers meant (⻔→门, ⻋→车).
//   - Everything else gets NFKC (ligatures ﬁ→fi, ideographic space → " ").
//   - U+FFFD is returned as is; the interpreter drops and counts it.
func normalizeGlyphText(s string) string {
	if s == "\uFFFD" {
		return s
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < 0x20 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '\uFFFD':
			// dropped inside multi-rune text
		case r < 0x20:
			// control characters from broken ToUnicode maps
		case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A,
			r == 0xFF0B, r == 0xFF0D, r == 0xFF0E, r == 0xFF05:
			sb.WriteRune(r - 0xFF00 + 0x20)
		case r == 0x3000:
			sb.WriteByte(' ')
		case r >= 0x3001 && r <= 0x303F, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFFEF,
			r >= 0x2010 && r <= 0x205E:
			sb.WriteRune(r)
		case r >= 0x2E80 && r <= 0x2EFF:
			if m, ok := radicalSupplement[r]; ok {
				sb.WriteRune(m)
			} else {
				sb.WriteRune(r)
			}
		default:
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], r)
			sb.Write(norm.NFKC.Bytes(buf[:n]))
		}
	}
	if sb.Len() == 0 {
		return "\uFFFD"
	}
	return sb.String()
}

// radicalSupplement maps CJK Radicals Supplement characters that are
// look-alikes of a standard ideograph (as emitted by producers whose fonts
// map radicals first) to that ideograph. Radicals that only exist as
// components with no stand-alone ideograph are left out.
var radicalSupplement = map[rune]rune{
	0x2E81: '厂', 0x2E83: '乚', 0x2E85: '亻', 0x2E86: '冂', 0x2E89: '刂',
	0x2E8A: '卜', 0x2E8B: '㔾', 0x2E8E: '兀', 0x2E8F: '尣', 0x2E90: '尢',
	0x2E92: '巳', 0x2E93: '幺', 0x2E94: '彑', 0x2E96: '忄', 0x2E97: '㣺',
	0x2E98: '扌', 0x2E99: '攵', 0x2E9B: '旡', 0x2E9C: '日', 0x2E9D: '月',
	0x2E9E: '歺', 0x2E9F: '母', 0x2EA0: '民', 0x2EA1: '氵', 0x2EA2: '氺',
	0x2EA3: '灬', 0x2EA4: '爫', 0x2EA6: '丬', 0x2EA8: '犭', 0x2EA9: '王',
	0x2EAA: '疋', 0x2EAB: '罒', 0x2EAC: '示', 0x2EAD: '礻', 0x2EAE: '竹',
	0x2EAF: '糹', 0x2EB0: '纟', 0x2EB1: '罓', 0x2EB2: '罒', 0x2EB3: '㓁',
	0x2EB7: '羊', 0x2EB9: '耂', 0x2EBA: '肀', 0x2EBB: '聿', 0x2EBC: '月',
	0x2EBD: '臼', 0x2EBE: '艹', 0x2EBF: '艹', 0x2EC0: '艹', 0x2EC1: '虎',
	0x2EC2: '衤', 0x2EC3: '覀', 0x2EC4: '西', 0x2EC5: '见', 0x2EC6: '角',
	0x2EC8: '讠', 0x2EC9: '贝', 0x2ECB: '车', 0x2ECC: '辶', 0x2ECD: '辶',
	0x2ECE: '辶', 0x2ECF: '阝', 0x2ED0: '钅', 0x2ED1: '長', 0x2ED2: '镸',
	0x2ED3: '长', 0x2ED4: '门', 0x2ED6: '阝', 0x2ED7: '雨', 0x2ED8: '青',
	0x2ED9: '韦', 0x2EDA: '页', 0x2EDB: '风', 0x2EDC: '飞', 0x2EDD: '食',
	0x2EDF: '飠', 0x2EE0: '饣', 0x2EE2: '马', 0x2EE3: '骨', 0x2EE4: '鬼',
	0x2EE5: '鱼', 0x2EE6: '鸟', 0x2EE7: '卤', 0x2EE8: '麦', 0x2EE9: '黄',
	0x2EEA: '黾', 0x2EEB: '斉', 0x2EEC: '齐', 0x2EED: '歯', 0x2EEE: '齿',
	0x2EEF: '竜', 0x2EF0: '龙', 0x2EF1: '龜', 0x2EF2: '亀', 0x2EF3: '龟',
}
