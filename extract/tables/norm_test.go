package tables

import (
	"strings"
	"testing"
)

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
