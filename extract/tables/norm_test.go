package tables

import (
	"strings"
	"testing"
	"unicode"
)

// matchNormReference is matchNorm as first written (a copy rune by rune):
// the fast path must give the same string for every input.
func matchNormReference(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			continue
		case strings.ContainsRune("“”\"'‘’「」『』", r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r == '：':
			r = ':'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestMatchNormSameAsReference(t *testing.T) {
	inputs := []string{
		"", "1,234.56", "-12.00", "合计", "收 入 决 算 表", "（一般公共预算）", "单位：万元",
		"“三公”经费", "'a' \"b\"", "「x」『y』", "a\u3000b", "tab\there", "nl\n", "\u0085x\u00a0y",
		"bad\xffbyte", "\xe5\x86", "\ufffd", "ok\ufffdok", "２０２４年度", "科目编码", "(1)",
	}
	for _, s := range inputs {
		if got, want := matchNorm(s), matchNormReference(s); got != want {
			t.Errorf("matchNorm(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzMatchNorm(f *testing.F) {
	for _, s := range []string{"收 入：（1）", "“x”", "1,000.00", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := matchNorm(s), matchNormReference(s); got != want {
			t.Errorf("matchNorm(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestTitlePrefiltersKeepEveryTitle checks match's shortcuts against the
// patterns of each title set: every accepted title holds the set's word, 算
// and 表 (mayBeTitle) and ends in one of its ends (hasTitleEnd).
func TestTitlePrefiltersKeepEveryTitle(t *testing.T) {
	for _, ts := range []*titleSet{finalTitles, budgetTitles} {
		for _, p := range ts.patterns {
			lit := p.re.String()
			for _, r := range string(ts.word) + "算表" {
				if !strings.ContainsRune(lit, r) {
					t.Errorf("pattern %s of %s lacks %q: mayBeTitle would drop its titles", lit, p.id, r)
				}
			}
			ends := false
			for _, e := range ts.ends {
				ends = ends || strings.HasSuffix(lit, e+"$")
			}
			if !ends {
				t.Errorf("pattern %s of %s does not end in one of %q: hasTitleEnd would drop its titles", lit, p.id, ts.ends)
			}
		}
	}
}

var titleStepCases = []string{
	"", "目录.........3", "a..b", "…", "·", "··", "．．", "--", "---", "__", "___", "公开01表收入决算表", "收入决算表公开表三",
	"附表3支出决算表", "支出决算表表3", "表3支出决算表", "表一", "决算表一", "1.收入决算表", "一、收入", "(一)收入", "(1)收入",
	"12、x", "(x)", "收入决算表", "表", "3", "\xff表", "公开表", "公开3", "附表",
}

func TestTitleStepsSameAsRegexps(t *testing.T) {
	for _, s := range titleStepCases {
		checkTitleSteps(t, s)
	}
}

func FuzzTitleSteps(f *testing.F) {
	for _, s := range titleStepCases {
		f.Add(s)
	}
	f.Fuzz(checkTitleSteps)
}

func checkTitleSteps(t *testing.T, s string) {
	if got, want := isTOC(s), tocRe.MatchString(s); got != want {
		t.Errorf("isTOC(%q) = %v, regexp says %v", s, got, want)
	}
	if got, want := stripMarkers(s), markerRe.ReplaceAllString(s, ""); got != want {
		t.Errorf("stripMarkers(%q) = %q, regexp gives %q", s, got, want)
	}
	if got, want := stripNumbering(s), numberingRe.ReplaceAllString(s, ""); got != want {
		t.Errorf("stripNumbering(%q) = %q, regexp gives %q", s, got, want)
	}
}

// cleanTextReference is cleanText as first written.
func cleanTextReference(s string) string {
	rs := []rune(strings.TrimSpace(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if unicode.IsSpace(r) || r == '\u3000' {
			j := i
			for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == '\u3000') {
				j++
			}
			if i > 0 && j < len(rs) && !isWide(rs[i-1]) && !isWide(rs[j]) {
				b.WriteByte(' ')
			}
			i = j - 1
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "科目 名称", " a  b ", "\xff", "合计", "1,234.00", "a\u3000b", "\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cleanText(s), cleanTextReference(s); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", s, got, want)
		}
	})
}
