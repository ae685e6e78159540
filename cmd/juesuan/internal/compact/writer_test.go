package compact

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWriter: reports written as rows make parts Merge takes as sources,
// split at the part size between reports; a report out of key order is
// refused.
func TestWriter(t *testing.T) {
	for _, tc := range []struct {
		name      string
		partSize  int64
		wantParts int
	}{
		{"one part", 0, 1},
		{"split between reports", 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w := NewWriter[row](dir, PartSize(tc.partSize))
			for _, r := range []struct{ id, dept string }{{"r3", "a"}, {"r1", "b"}, {"r4", "b"}} {
				if err := w.WriteReport(r.dept, r.id, reportRows(r.id, r.dept, 2)); err != nil {
					t.Fatal(err)
				}
			}
			parts, err := w.Close()
			if err != nil {
				t.Fatal(err)
			}
			if len(parts) != tc.wantParts {
				t.Fatalf("%d parts, want %d", len(parts), tc.wantParts)
			}
			var ids []string
			for _, p := range parts {
				ids = append(ids, p.Reports...)
				if !IsPartName(p.Name) || filepath.Dir(p.Temp) != dir {
					t.Errorf("part %+v: not a part name in %s", p, dir)
				}
			}
			if !slices.Equal(ids, []string{"r3", "r1", "r4"}) {
				t.Errorf("reports %v", ids)
			}
			// Merged with a new report, the parts read as Merge's own.
			sources := []Source{writeReport(t, dir, "r2", reportRows("r2", "a", 1))}
			for _, p := range parts {
				sources = append(sources, Source{Path: p.Temp})
			}
			merged, err := Merge(context.Background(), dir, sources, func(id string) bool { return id != "r1" })
			if err != nil || len(merged) != 1 {
				t.Fatalf("merge: %v, %d parts", err, len(merged))
			}
			var texts []string
			for _, r := range readParts(t, merged) {
				texts = append(texts, r.Text)
			}
			want := []string{"r2 row 0", "r3 row 0", "r3 row 1", "r4 row 0", "r4 row 1"}
			if !slices.Equal(texts, want) {
				t.Errorf("rows %v\nwant %v", texts, want)
			}
		})
	}
}

func TestWriterOrder(t *testing.T) {
	dir := t.TempDir()
	w := NewWriter[row](dir)
	if err := w.WriteReport("b", "r1", reportRows("r1", "b", 1)); err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct{ dept, id string }{{"a", "r2"}, {"b", "r1"}, {"b", "r0"}} {
		if err := w.WriteReport(k.dept, k.id, reportRows(k.id, k.dept, 1)); err == nil || !strings.Contains(err.Error(), "order") {
			t.Errorf("%s after r1: %v, want an order error", k.id, err)
		}
	}
	w.Abort()
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("Abort left %d files", len(left))
	}
}
