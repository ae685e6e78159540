package narrative

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// loadInput runs extraction, tables and normalization on a PDF, as the
// pipeline does, and returns what Analyze reads; it skips when the file is
// absent (the corpus lives beside the repository).
func loadInput(tb testing.TB, path string) Input {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("%s not available: %v", path, err)
	}
	doc, err := extract.Load(data)
	if err != nil {
		tb.Fatal(err)
	}
	var pages []*extract.Page
	lines := make([][]string, doc.NumPages())
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			tb.Fatalf("page %d: %v", n, err)
		}
		pages = append(pages, p)
		lines[n-1] = p.TextLines()
	}
	ts, _ := tables.Find(pages)
	meta := normalize.DetectMeta(lines, ts)
	items, _ := normalize.LineItems("x", meta, ts)
	return Input{Pages: lines, Tables: ts, Items: items, Department: meta.Department, FiscalYear: meta.FiscalYear,
		Columns: func(n int) []string { return pages[n-1].TextColumns() }}
}

// dump renders the figures and failed checks of an analysis, one line
// each, for golden files a person reviews against the PDF.
func dump(a *Analysis) string {
	var b strings.Builder
	sent := -1
	for i, f := range a.Figures {
		if f.Sentence != sent {
			sent = f.Sentence
			s := a.Sentences[sent]
			fmt.Fprintf(&b, "\np%d %s %s\n", s.Page, s.Section, s.Text)
		}
		cell := ""
		if c := a.Cells[i]; c != nil {
			cell = " => " + c.Table + " " + strings.TrimSpace(c.Code+" "+c.Item) + " " + c.Key
		}
		fmt.Fprintf(&b, "  %s%s\n", f, cell)
	}
	b.WriteString("\nfailed checks:\n")
	for _, c := range a.Checks {
		if c.Status == schema.CheckFail {
			fmt.Fprintf(&b, "  %s %s\n", c.CheckID, c.Location)
		}
	}
	b.WriteString("\ninfo checks (a common convention explains the figure):\n")
	for _, c := range a.Checks {
		if c.Status == schema.CheckInfo {
			fmt.Fprintf(&b, "  %s %s\n", c.CheckID, c.Location)
		}
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from what Analyze gives now (run with -update and review the diff)", path)
	}
}

// TestCorpus reads the 情况说明 of the real reports r02 and r03: every
// figure as a statement, and the narrative checks that fail, each a real
// error of the published report confirmed on its page (see the README).
func TestCorpus(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		fails      []string // check_id and page of every failure, in order
		infos      []string // and of every figure a common convention explains
	}{
		{"r02", "r02_putuo_planning_2024_final.pdf", []string{"N.amount p21", "N.amount p24", "N.amount p24"},
			[]string{"N.share p21", "N.completion p21"}}, // truncated: 99.86 for 99.868, 95.45 for 95.457
		{"r03", "r03_putuo_socialwork_2024_final.pdf", []string{"N.completion p18"},
			[]string{"N.share p18"}}, // 9.55 for 9.557 so that the four shares add up to 100%
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := Analyze(loadInput(t, filepath.Join("..", "..", "..", "shared", "corpus", "real", tc.file)))
			golden(t, tc.name+".narrative.txt", dump(a))
			var fails, infos []string
			for _, c := range a.Checks {
				switch c.Status {
				case schema.CheckFail:
					fails = append(fails, fmt.Sprintf("%s p%d", c.CheckID, *c.Page))
				case schema.CheckInfo:
					infos = append(infos, fmt.Sprintf("%s p%d", c.CheckID, *c.Page))
				}
			}
			if fmt.Sprint(fails) != fmt.Sprint(tc.fails) {
				t.Errorf("failed checks %v, want %v", fails, tc.fails)
			}
			if fmt.Sprint(infos) != fmt.Sprint(tc.infos) {
				t.Errorf("info checks %v, want %v", infos, tc.infos)
			}
		})
	}
}
