package narrative

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseGolden reads testdata/figures.txt (printed lines of one page of
// both templates' wordings) and compares every figure Parse finds with
// testdata/figures.golden.
func TestParseGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "figures.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	sentences := Read([][]string{lines}, nil)
	figs := Parse(sentences, "上海市某局")
	var out strings.Builder
	last := -1
	for _, f := range figs {
		if f.Sentence != last {
			last = f.Sentence
			out.WriteString(sentences[last].Section + " " + sentences[last].Text + "\n")
		}
		out.WriteString("  " + f.String() + "\n")
	}
	golden(t, "figures.golden", out.String())
}

func TestSubjectOf(t *testing.T) {
	for _, tc := range []struct{ clause, want string }{
		{"上海市某局2024年度收入支出总计", "收入支出总计"},
		{"收入支出总计增加", "收入支出总计"},
		{"2020年度收入、支出决算总计各", "收入、支出决算总计"},
		{"“三公”经费财政拨款支出年初预算为", "“三公”经费财政拨款支出"},
		{"公务用车购置及运行维护费支出决算为", "公务用车购置及运行维护费"},
		{"因公出国（境）费决算为", "因公出国（境）费"},
		{"公务用车购置支出为", "公务用车购置支出"},
		{"2024年度“三公”经费财政拨款支出决算数比2023年度减少", "“三公”经费财政拨款"},
		{"增长", ""},
		{"支出决算为", ""},
	} {
		if got := subjectOf(tc.clause, "上海市某局"); got != tc.want {
			t.Errorf("subjectOf(%q) = %q, want %q", tc.clause, got, tc.want)
		}
	}
}
