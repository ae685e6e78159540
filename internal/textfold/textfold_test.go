package textfold

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite testdata/fold.golden")

// readCases reads testdata/cases.txt: one Go-quoted string a line (so that
// spaces, invalid bytes and control characters are visible), # comments.
func readCases(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "cases.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var cases []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, err := strconv.Unquote(line)
		if err != nil {
			tb.Fatalf("cases.txt:%d: %v", n, err)
		}
		cases = append(cases, s)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return cases
}

// TestGolden writes what every rule makes of every case and compares it
// with testdata/fold.golden (go test -run Golden -update rewrites it).
func TestGolden(t *testing.T) {
	var b strings.Builder
	for _, s := range readCases(t) {
		fmt.Fprintf(&b, "%q\n", s)
		for _, r := range []struct {
			name string
			f    func(string) string
		}{
			{"Key", Key},
			{"LabelKey", LabelKey},
			{"Compact", Compact},
			{"Width", func(s string) string { return Fold(s, Width) }},
			{"Spaces", func(s string) string { return Fold(s, Spaces) }},
			{"LayoutSpaces", func(s string) string { return Fold(s, LayoutSpaces) }},
			{"Quotes", func(s string) string { return Fold(s, Quotes) }},
			{"Brackets", func(s string) string { return Fold(s, Brackets) }},
			{"Digits", func(s string) string { return Fold(s, Digits) }},
			{"CleanText", CleanText},
			{"CleanLabel", CleanLabel},
		} {
			fmt.Fprintf(&b, "\t%-12s %q\n", r.name, r.f(s))
		}
	}
	path := filepath.Join("testdata", "fold.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("folds differ from %s (go test ./internal/textfold -run Golden -update, then read the diff):\n%s", path, b.String())
	}
}

// TestUnchangedIsSame: a string no rule changes comes back as itself, not
// as a copy (the fast path every caller counts on).
func TestUnchangedIsSame(t *testing.T) {
	for _, s := range []string{"", "1,234.56", "合计", "一般公共服务支出", "(一)", "PPP"} {
		if got := Key(s); got != s {
			t.Errorf("Key(%q) = %q", s, got)
		}
		if n := testing.AllocsPerRun(10, func() { Key(s); LabelKey(s); Compact(s); CleanText(s); CleanLabel(s) }); n != 0 {
			t.Errorf("%q: %v allocations, want none", s, n)
		}
	}
}

// TestMaxSpace holds IsSpace's shortcut: no rune above maxSpace is white
// space.
func TestMaxSpace(t *testing.T) {
	for _, r := range unicode.White_Space.R16 {
		if rune(r.Hi) > maxSpace {
			t.Errorf("white space up to %U, above maxSpace", r.Hi)
		}
	}
	for _, r := range unicode.White_Space.R32 {
		if rune(r.Hi) > maxSpace {
			t.Errorf("white space up to %U, above maxSpace", r.Hi)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if IsSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("IsSpace(%U) = %v, unicode.IsSpace says %v", r, IsSpace(r), unicode.IsSpace(r))
		}
	}
}
