package normalize

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/schema"
)

// corpusDir is the real corpus, beside the repository.
var corpusDir = filepath.Join("..", "..", "shared", "corpus", "real")

type manifestRow struct{ file, kind, year, department string }

func readManifest(t *testing.T) []manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "MANIFEST.tsv"))
	if os.IsNotExist(err) {
		t.Skip("real corpus absent")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var col map[string]int
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, name := range fields {
				col[name] = i
			}
			continue
		}
		rows = append(rows, manifestRow{
			file:       fields[col["file"]],
			kind:       fields[col["kind"]],
			year:       fields[col["year"]],
			department: fields[col["department"]],
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// expectedKind maps the manifest's 决算/预算 (with notes such as
// "(template)") to doc_kind.
func expectedKind(k string) string {
	switch {
	case strings.HasPrefix(k, "决算"):
		return schema.KindFinal
	case strings.HasPrefix(k, "预算"):
		return schema.KindBudget
	}
	return schema.KindUnknown
}

// expectedDepartment drops the manifest's notes: "上海市普陀区司法局 (部门)",
// "上海市XX局 (blank official template)".
func expectedDepartment(d string) string {
	if i := strings.Index(d, " ("); i >= 0 {
		d = d[:i]
	}
	return d
}

// knownDepartments lists where the printed department differs from the
// manifest's name for the same organ (the contract keeps it as printed), or
// where the text prints none. Format: file<TAB>expected detection.
func knownDepartments(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "departments_as_printed.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		file, dept, _ := strings.Cut(line, "\t")
		dept, _, _ = strings.Cut(dept, "\t")
		known[file] = dept
	}
	return known
}

// pagesOf returns the text lines of every page, read by package extract.
func pagesOf(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Load(data)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	pages := make([][]string, doc.NumPages())
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			t.Errorf("%s page %d: %v", filepath.Base(path), n, err)
			continue
		}
		pages[n-1] = p.TextLines()
	}
	return pages
}

func TestDetectMetaRealCorpus(t *testing.T) {
	rows := readManifest(t)
	known := knownDepartments(t)
	for _, row := range rows {
		t.Run(row.file, func(t *testing.T) {
			m := DetectMeta(pagesOf(t, filepath.Join(corpusDir, row.file)), nil)
			if want := expectedKind(row.kind); m.DocKind != want {
				t.Errorf("doc_kind %q, want %q (manifest %q)", m.DocKind, want, row.kind)
			}
			if want, _ := strconv.Atoi(row.year); m.FiscalYear != want {
				t.Errorf("fiscal_year %d, want %d", m.FiscalYear, want)
			}
			want, ok := known[row.file]
			if !ok {
				want = expectedDepartment(row.department)
			}
			if m.Department != want {
				t.Errorf("department %q, want %q (manifest %q)", m.Department, want, row.department)
			}
			if m.Unit != "" && m.Unit != UnitWanYuan && m.Unit != UnitYuan {
				t.Errorf("unit %q", m.Unit)
			}
		})
	}
}
