package compact

import (
	"context"
	"fmt"
	"os"
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
			checkParts(t, dir, parts, tc.wantParts, []string{"r3", "r1", "r4"})
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

// TestMergeRowGroups: new reports merged into a part, interleaving with
// its reports, share row groups with them (a row group per run of new
// files made parts of thousands of small row groups), up to
// maxBatchFiles reports a row group.
func TestMergeRowGroups(t *testing.T) {
	dir := t.TempDir()
	w := NewWriter[row](dir)
	var sources []Source
	const reports = maxBatchFiles + 44
	for i := range reports {
		id := fmt.Sprintf("r%04d", i)
		if i%2 == 0 {
			if err := w.WriteReport("d", id, reportRows(id, "d", 2)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		sources = append(sources, writeReport(t, dir, id, reportRows(id, "d", 2)))
	}
	parts, err := w.Close()
	if err != nil || len(parts) != 1 {
		t.Fatalf("writer: %v, %d parts", err, len(parts))
	}
	merged, err := Merge(context.Background(), dir, append(sources, Source{Path: parts[0].Temp}), func(string) bool { return true })
	if err != nil || len(merged) != 1 || len(merged[0].Reports) != reports {
		t.Fatalf("merge: %v, %d parts", err, len(merged))
	}
	pf := openPart(t, merged[0].Temp)
	var sizes []int64
	for _, rg := range pf.RowGroups() {
		sizes = append(sizes, rg.NumRows())
	}
	if want := []int64{2 * maxBatchFiles, 2 * 44}; !slices.Equal(sizes, want) {
		t.Errorf("row groups of %v rows, want %v", sizes, want)
	}
}
