package tables

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
)

// fixturesDir holds generated PDFs with their truth (NAME.truth.json).
var fixturesDir = filepath.Join("..", "..", "fixtures")

// TestFixtures: every fixture table matches its truth cell for cell.
func TestFixtures(t *testing.T) {
	truths, _ := filepath.Glob(filepath.Join(fixturesDir, "*.truth.json"))
	if len(truths) == 0 {
		t.Skip("no fixtures generated yet")
	}
	for _, truth := range truths {
		name := strings.TrimSuffix(filepath.Base(truth), ".truth.json")
		t.Run(name, func(t *testing.T) {
			pdf := filepath.Join(fixturesDir, name+".pdf")
			if _, err := os.Stat(pdf); err != nil {
				t.Skipf("%s: no PDF", name)
			}
			doc, err := extract.Open(pdf)
			if err != nil {
				t.Fatal(err)
			}
			var pages []*extract.Page
			for n := 1; n <= doc.NumPages(); n++ {
				p, err := doc.Page(n)
				if err != nil {
					t.Fatalf("page %d: %v", n, err)
				}
				pages = append(pages, p)
			}
			var meta struct {
				DocKind string `json:"doc_kind"`
			}
			readJSON(t, filepath.Join(fixturesDir, name+".meta.json"), &meta)
			kind := Final
			if meta.DocKind == "budget" {
				kind = Budget
			}
			got, errs := Find(pages, WithKind(kind))
			for _, err := range errs {
				t.Error(err)
			}
			var want []Table
			readJSON(t, truth, &want)
			if why, ok := truncatedDepartment[name]; ok {
				t.Logf("department not compared: %s", why)
				for i := range got {
					got[i].Department = ""
				}
				for i := range want {
					want[i].Department = ""
				}
			}
			for _, d := range diffTables(got, want) {
				t.Error(d)
			}
			// Every figure a fixture prints in its tables is in one cell.
			for _, tb := range got {
				if e := tb.Ledger.Error(3); e != "" || len(tb.Ledger.Headless) > 0 {
					t.Errorf("%s ledger: %s %v", tb.ID, e, tb.Ledger.Headless)
				}
			}
		})
	}
}

// truncatedDepartment lists fixtures whose truth disagrees with the print
// on the department: the rendered page shows a clipped name (verified with
// pdftoppm), the truth the full one. Reported to the fixtures helper.
var truncatedDepartment = map[string]string{
	"y2020_lo_yuan": "pages 8 and 13 print 部门：济源市城 (LibreOffice clipped the cell), truth says 济源市城市管理局",
}
