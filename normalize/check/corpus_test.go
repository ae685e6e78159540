package check

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
)

// TestCorpusDump runs the whole pipeline on the corpus file named by
// JUESUAN_CHECKS and prints its checks (debugging aid).
func TestCorpusDump(t *testing.T) {
	name := os.Getenv("JUESUAN_CHECKS")
	if name == "" {
		t.Skip("set JUESUAN_CHECKS=file.pdf (a corpus name or an absolute path) to print its checks")
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join("..", "..", "..", "shared", "corpus", "real", name)
	}
	pages, lines := corpusPages(t, path)
	ts, errs := tables.Find(pages)
	for _, e := range errs {
		t.Log(e)
	}
	meta := normalize.DetectMeta(lines, ts)
	items, errs := normalize.LineItems("x", meta, ts)
	for _, e := range errs {
		t.Log(e)
	}
	cs := Run("x", nil, ts, items)
	if err := Render(os.Stdout, cs, os.Getenv("JUESUAN_ONLY_FAILED") != ""); err != nil {
		t.Fatal(err)
	}
}

// corpusPages reads every page of a PDF and its text lines; a page that
// cannot be read is logged and left out.
func corpusPages(t *testing.T, path string) ([]*extract.Page, [][]string) {
	t.Helper()
	doc, err := extract.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages []*extract.Page
	var lines [][]string
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			t.Logf("%s page %d: %v", path, n, err)
			continue
		}
		pages = append(pages, p)
		lines = append(lines, p.TextLines())
	}
	return pages, lines
}
