package tables

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/extract"
)

// corpusDir is the shared real-report folder, relative to this package.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus", "real")

// loadReal extracts every page of a corpus PDF, skipping the test when the
// corpus is absent.
func loadReal(t *testing.T, name string) []*extract.Page {
	t.Helper()
	path := filepath.Join(corpusDir, name)
	if filepath.IsAbs(name) {
		path = name
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus file %s absent", path)
	}
	doc, err := extract.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	var pages []*extract.Page
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			t.Logf("%s page %d: %v", name, n, err)
			continue
		}
		pages = append(pages, p)
	}
	return pages
}

func findReal(t *testing.T, name string, opts ...Option) []Table {
	t.Helper()
	ts, errs := Find(loadReal(t, name), opts...)
	for _, err := range errs {
		t.Errorf("%s: %v", name, err)
	}
	return ts
}

// TestDump prints the tables of the file named by JUESUAN_DUMP (debugging aid).
func TestDump(t *testing.T) {
	name := os.Getenv("JUESUAN_DUMP")
	if name == "" {
		t.Skip("set JUESUAN_DUMP=file.pdf to print its tables")
	}
	for _, tb := range findReal(t, name) {
		if err := Render(os.Stdout, tb); err != nil {
			t.Fatal(err)
		}
	}
}
