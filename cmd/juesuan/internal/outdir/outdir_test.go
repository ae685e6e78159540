package outdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(dir); !errors.Is(err, ErrNotOut) {
		t.Errorf("a folder without datasets: %v, want ErrNotOut", err)
	}
	year := int32(2024)
	dept := "部门"
	write := func(dataset, id string, data []byte, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.WriteFileAtomic(filepath.Join(dir, schema.RelPath(dataset, &year, id)), data); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"b", "a"} {
		rep, err := schema.Encode([]schema.Report{{ReportID: id, Department: &dept, FiscalYear: &year, Status: "ok"}})
		write(schema.DatasetReports, id, rep, err)
	}
	items, err := schema.Encode([]schema.LineItem{{ReportID: "b", TableID: "T05", RowSeq: 1, ColumnKey: "total", IsTotal: true}})
	write(schema.DatasetLineItems, "b", items, err)
	os.WriteFile(filepath.Join(dir, "line_items", "fiscal_year=2024", ".b.parquet.tmp-1"), []byte("partial"), 0o644)

	got, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Meta.ReportID != "a" || len(got[0].Items) != 0 || len(got[1].Items) != 1 || !got[1].Items[0].IsTotal {
		t.Errorf("read %+v: want reports a (no items) then b (its one item)", got)
	}
}

// TestReadRowsTwice: a report whose rows are in two files of a dataset (a
// file copied into OUT by hand, a compaction cut short) is an error
// naming both, not figures read twice.
func TestReadRowsTwice(t *testing.T) {
	dir := t.TempDir()
	year := int32(2024)
	for _, f := range []struct{ dataset, name string }{
		{schema.DatasetReports, "a"},
		{schema.DatasetLineItems, "a"},
		{schema.DatasetLineItems, "part-0123456789abcdef"},
	} {
		var data []byte
		var err error
		if f.dataset == schema.DatasetReports {
			data, err = schema.Encode([]schema.Report{{ReportID: "a", FiscalYear: &year, Status: "ok"}})
		} else {
			data, err = schema.Encode([]schema.LineItem{{ReportID: "a", TableID: "T05", RowSeq: 1, ColumnKey: "total"}})
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.WriteFileAtomic(filepath.Join(dir, schema.RelPath(f.dataset, &year, f.name)), data); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Read(dir)
	if !errors.Is(err, ErrTwice) || !strings.Contains(err.Error(), "a.parquet") || !strings.Contains(err.Error(), "part-0123456789abcdef.parquet") {
		t.Errorf("Read: %v; want ErrTwice naming both files", err)
	}
}
