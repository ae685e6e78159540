package check

import (
	"testing"
	"unicode"
)

// FuzzNormLabelFastPath: labels normLabel returns without folding are the
// ones folding leaves unchanged.
func FuzzNormLabelFastPath(f *testing.F) {
	for _, s := range []string{"本年收入合计", "本年收入 合计", "（一）", "１２", "其中：", "a\u3000b", "\xff", "\u2003", "合计"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := foldLabel(s); (got == s) != !needsNorm(s) {
			t.Fatalf("needsNorm(%q) = %v, but folding gives %q", s, needsNorm(s), got)
		}
	})
}

// TestMaxWhiteSpace holds needsNorm's assumption: no rune above
// maxWhiteSpace is white space.
func TestMaxWhiteSpace(t *testing.T) {
	for _, r := range unicode.White_Space.R16 {
		if rune(r.Hi) > maxWhiteSpace {
			t.Errorf("white space up to %U, above maxWhiteSpace", r.Hi)
		}
	}
	for _, r := range unicode.White_Space.R32 {
		if rune(r.Hi) > maxWhiteSpace {
			t.Errorf("white space up to %U, above maxWhiteSpace", r.Hi)
		}
	}
}
