package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real reports, relative to this
// package (/work/shared/corpus/real from /work/main/extract).
var corpusDir = filepath.Join("..", "..", "shared", "corpus", "real")

// corpusFiles lists the corpus PDFs or skips the test when the corpus is
// not available on this machine.
func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	ents, err := os.ReadDir(corpusDir)
	if err != nil {
		tb.Skipf("corpus not available: %v", err)
	}
	var files []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".pdf") {
			files = append(files, filepath.Join(corpusDir, e.Name()))
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		tb.Skip("corpus is empty")
	}
	return files
}

// corpusFile returns the corpus file whose name starts with prefix.
func corpusFile(tb testing.TB, prefix string) string {
	tb.Helper()
	for _, f := range corpusFiles(tb) {
		if strings.HasPrefix(filepath.Base(f), prefix) {
			return f
		}
	}
	tb.Skipf("corpus file %s* not found", prefix)
	return ""
}

// TestCorpusAllPages opens every corpus file and extracts every page.
func TestCorpusAllPages(t *testing.T) {
	for _, path := range corpusFiles(t) {
		t.Run(filepath.Base(path)[:3], func(t *testing.T) {
			doc, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			glyphs := 0
			for n := 1; n <= doc.NumPages(); n++ {
				p, err := doc.Page(n)
				if err != nil {
					t.Errorf("page %d: %v", n, err)
					continue
				}
				glyphs += len(p.Glyphs)
				if p.Replacement > 0 {
					t.Errorf("page %d: %d glyphs without Unicode mapping", n, p.Replacement)
				}
				for _, s := range p.Lines {
					if s.X0 > s.X1 || s.Y0 > s.Y1 || (s.X0 != s.X1 && s.Y0 != s.Y1) {
						t.Errorf("page %d: segment not normalized or not axis-aligned: %+v", n, s)
					}
				}
			}
			if glyphs < 100*doc.NumPages() {
				t.Errorf("only %d glyphs in %d pages", glyphs, doc.NumPages())
			}
		})
	}
}
