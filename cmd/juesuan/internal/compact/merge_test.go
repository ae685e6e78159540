package compact

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/schema"
)

// row is a dataset row with the columns Merge orders by.
type row struct {
	ReportID   string  `parquet:"report_id"`
	Department *string `parquet:"department,optional"`
	Seq        int32   `parquet:"seq"`
	Text       string  `parquet:"text"`
}

// rowPlus is row with a column more, as a later juesuan writes.
type rowPlus struct {
	ReportID   string  `parquet:"report_id"`
	Department *string `parquet:"department,optional"`
	Seq        int32   `parquet:"seq"`
	Text       string  `parquet:"text"`
	Page       *int32  `parquet:"page,optional"`
}

func writeReport[T any](t *testing.T, dir, id string, rows []T) Source {
	t.Helper()
	p := filepath.Join(dir, id+".parquet")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[T](f)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return Source{Path: p, ReportID: id}
}

func reportRows(id, dept string, n int) []row {
	var rows []row
	for i := range n {
		d := dept
		rows = append(rows, row{ReportID: id, Department: &d, Seq: int32(i), Text: fmt.Sprintf("%s row %d", id, i)})
	}
	return rows
}

// checkParts checks the parts' count, names, folder and reports.
func checkParts(t *testing.T, dir string, parts []Part, wantParts int, wantIDs []string) {
	t.Helper()
	if len(parts) != wantParts {
		t.Errorf("%d parts, want %d", len(parts), wantParts)
	}
	var ids []string
	for _, p := range parts {
		ids = append(ids, p.Reports...)
		if !IsPartName(p.Name) || filepath.Dir(p.Temp) != dir {
			t.Errorf("part %+v: not a part name in %s", p, dir)
		}
	}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("reports %v, want %v", ids, wantIDs)
	}
}

func readParts(t *testing.T, parts []Part) []row {
	t.Helper()
	var all []row
	for _, p := range parts {
		rows, err := parquet.ReadFile[row](p.Temp)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rows...)
	}
	return all
}

func TestMerge(t *testing.T) {
	all := func(string) bool { return true }
	for _, tc := range []struct {
		name      string
		partSize  int64
		keep      func(string) bool
		depts     map[string]string // Source.Department, trusted over the files'
		wantIDs   []string          // report order across parts
		wantParts int
	}{
		{"ordered by department then report", 0, all, nil, []string{"r3", "r1", "r4", "r2"}, 1},
		{"left out", 0, func(id string) bool { return id != "r1" }, nil, []string{"r3", "r4", "r2"}, 1},
		{"split between reports", 1, all, nil, []string{"r3", "r1", "r4", "r2"}, 4},
		{"departments given", 0, all, map[string]string{"r1": "z", "r4": "0"}, []string{"r4", "r3", "r2", "r1"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sources := []Source{
				writeReport(t, dir, "r1", reportRows("r1", "b", 3)),
				writeReport(t, dir, "r2", reportRows("r2", "c", 2)),
				writeReport(t, dir, "r3", reportRows("r3", "a", 4)),
				writeReport(t, dir, "r4", reportRows("r4", "b", 1)),
			}
			for i := range sources {
				sources[i].Department = tc.depts[sources[i].ReportID]
			}
			parts, err := Merge(context.Background(), dir, sources, tc.keep, PartSize(tc.partSize))
			if err != nil {
				t.Fatal(err)
			}
			checkParts(t, dir, parts, tc.wantParts, tc.wantIDs)
			var seen []string
			for _, r := range readParts(t, parts) {
				if len(seen) == 0 || seen[len(seen)-1] != r.ReportID {
					seen = append(seen, r.ReportID)
				}
			}
			if !slices.Equal(seen, tc.wantIDs) {
				t.Errorf("rows come by report %v, want %v", seen, tc.wantIDs)
			}
		})
	}
}

// TestMergeIntoPart merges new reports into a part, leaving one of the
// part's reports out; one new file has a column more, which the new part
// gets (null for the other reports' rows).
func TestMergeIntoPart(t *testing.T) {
	for _, tc := range []struct {
		name  string
		depts map[string]string
	}{
		{"departments read from the files", nil},
		// Nothing is opened before the merge: the wider file comes after
		// a part was begun with fewer columns, and the merge starts over.
		{"departments given", map[string]string{"r2": "a", "r4": "c"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			first, err := Merge(context.Background(), dir, []Source{
				writeReport(t, dir, "r1", reportRows("r1", "b", 3)),
				writeReport(t, dir, "r3", reportRows("r3", "d", 2)),
				writeReport(t, dir, "r5", reportRows("r5", "f", 2)),
			}, func(string) bool { return true })
			if err != nil || len(first) != 1 {
				t.Fatalf("first merge: %v, %d parts", err, len(first))
			}
			dept := "c"
			page := int32(7)
			sources := []Source{
				{Path: first[0].Temp},
				writeReport(t, dir, "r2", reportRows("r2", "a", 1)),
				writeReport(t, dir, "r4", []rowPlus{{ReportID: "r4", Department: &dept, Seq: 0, Text: "r4 row 0", Page: &page}}),
			}
			for i := range sources {
				sources[i].Department = tc.depts[sources[i].ReportID]
			}
			parts, err := Merge(context.Background(), dir, sources, func(id string) bool { return id != "r3" })
			if err != nil {
				t.Fatal(err)
			}
			got := readParts(t, parts)
			withPage, err := parquet.ReadFile[rowPlus](parts[0].Temp)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range withPage {
				if (r.Page != nil) != (r.ReportID == "r4") {
					t.Errorf("%s: page %v", r.Text, r.Page)
				}
			}
			var texts []string
			for _, r := range got {
				texts = append(texts, r.Text)
			}
			want := []string{"r2 row 0", "r1 row 0", "r1 row 1", "r1 row 2", "r4 row 0", "r5 row 0", "r5 row 1"}
			if !slices.Equal(texts, want) {
				t.Errorf("rows %v\nwant %v", texts, want)
			}
			if !slices.Equal(parts[0].Reports, []string{"r2", "r1", "r4", "r5"}) || parts[0].Rows != int64(len(want)) {
				t.Errorf("part %+v", parts[0])
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, ".part-*")); len(leftovers) != len(first)+len(parts) {
				t.Errorf("temporary files %v, want only the %d parts", leftovers, len(first)+len(parts))
			}
		})
	}
}

func TestIsPartName(t *testing.T) {
	for name, want := range map[string]bool{
		"part-0123456789abcdef.parquet":    true,
		"part-0123456789ABCDEF.parquet":    false,
		"part-0123456789abcde.parquet":     false,
		"part-0123456789abcdefg.parquet":   false,
		"0123456789abcdef.parquet":         false,
		"part-0123456789abcdef.parq":       false,
		"../part-0123456789abcdef.parquet": false,
	} {
		if got := IsPartName(name); got != want {
			t.Errorf("IsPartName(%q) = %v", name, got)
		}
	}
	for range 20 {
		n, err := partName()
		if err != nil || !IsPartName(n) {
			t.Errorf("partName() = %q, %v", n, err)
		}
	}
}

// TestMergeRefusesToDropAColumn: a part cannot take the rows of a file with
// a column it lacks without losing it.
func TestMergeRefusesToDropAColumn(t *testing.T) {
	to := parquet.SchemaOf(row{})
	from := parquet.SchemaOf(rowPlus{})
	if _, err := conversion(to, from, "x.parquet"); err == nil {
		t.Error("conversion dropping column page: no error")
	}
	if conv, err := conversion(from, to, "x.parquet"); err != nil || conv == nil {
		t.Errorf("conversion adding column page: %v, %v", conv, err)
	}
}

// TestMergeBatchesOlderFiles: files of an older schema, converted row by
// row, still share row groups (a row group per file would be what readers
// should not pay for).
func TestMergeBatchesOlderFiles(t *testing.T) {
	dir := t.TempDir()
	var sources []Source
	for i := range 5 {
		id := fmt.Sprintf("old%d", i)
		sources = append(sources, writeReport(t, dir, id, reportRows(id, "a", 3)))
	}
	dept, page := "b", int32(1)
	sources = append(sources, writeReport(t, dir, "new", []rowPlus{{ReportID: "new", Department: &dept, Text: "new row 0", Page: &page}}))
	parts, err := Merge(context.Background(), dir, sources, func(string) bool { return true })
	if err != nil || len(parts) != 1 {
		t.Fatalf("merge: %v, %d parts", err, len(parts))
	}
	pf := openPart(t, parts[0].Temp)
	if len(pf.Schema().Columns()) != 5 || pf.NumRows() != 16 {
		t.Errorf("part: %d columns, %d rows; want 5 and 16", len(pf.Schema().Columns()), pf.NumRows())
	}
	if n := len(pf.RowGroups()); n != 2 {
		t.Errorf("%d row groups, want 2: the five converted files, then the new one", n)
	}
}

// lineItemV1 is a line_items row as juesuan wrote it before column_seq and
// text were kept.
type lineItemV1 struct {
	ReportID    string  `parquet:"report_id,dict"`
	FiscalYear  *int32  `parquet:"fiscal_year,optional"`
	Department  *string `parquet:"department,optional,dict"`
	TableID     string  `parquet:"table_id,dict"`
	TableTitle  string  `parquet:"table_title,dict"`
	RowSeq      int32   `parquet:"row_seq"`
	Section     string  `parquet:"section,dict"`
	LineNo      *int32  `parquet:"line_no,optional"`
	Code        *string `parquet:"code,optional,dict"`
	CodeSystem  *string `parquet:"code_system,optional,dict"`
	Level       *int32  `parquet:"level,optional"`
	ParentCode  *string `parquet:"parent_code,optional,dict"`
	Item        string  `parquet:"item,dict"`
	IsTotal     bool    `parquet:"is_total"`
	ColumnKey   string  `parquet:"column_key,dict"`
	ColumnLabel string  `parquet:"column_label,dict"`
	Amount      *int64  `parquet:"amount,optional,decimal(2:18)"`
	Unit        string  `parquet:"unit,dict"`
	AmountYuan  *int64  `parquet:"amount_yuan,optional,decimal(2:18)"`
	Page        int32   `parquet:"page"`
}

// TestMergeWidensLineItems: line items of an older juesuan (no column_seq,
// no text) and of this one go into one part with this one's columns; the
// older rows read back with both null, the newer keep theirs.
func TestMergeWidensLineItems(t *testing.T) {
	dir := t.TempDir()
	oldDept, newDept := "a", "b"
	amount := int64(100)
	old := writeReport(t, dir, "old", []lineItemV1{{ReportID: "old", Department: &oldDept, TableID: "B13", RowSeq: 1,
		Item: "合计", ColumnKey: "total", Amount: &amount}})
	seq, words := int32(1), "办公设备购置费"
	now := writeReport(t, dir, "new", []schema.LineItem{{ReportID: "new", Department: &newDept, TableID: "B13", RowSeq: 2,
		ColumnKey: "special_project", ColumnSeq: &seq, Text: &words}})
	for _, sources := range [][]Source{{old, now}, {now, old}} {
		parts, err := Merge(context.Background(), dir, sources, func(string) bool { return true })
		if err != nil || len(parts) != 1 {
			t.Fatalf("merge: %v, %d parts", err, len(parts))
		}
		rows, err := parquet.ReadFile[schema.LineItem](parts[0].Temp)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows, want 2", len(rows))
		}
		o, n := rows[0], rows[1]
		if o.ReportID != "old" || o.ColumnSeq != nil || o.Text != nil || o.Amount == nil || *o.Amount != 100 {
			t.Errorf("older row: %+v", o)
		}
		if n.ReportID != "new" || n.ColumnSeq == nil || *n.ColumnSeq != 1 || n.Text == nil || *n.Text != words {
			t.Errorf("newer row: %+v", n)
		}
		os.Remove(parts[0].Temp)
	}
}

// openPart opens a written part file, closed at the end of the test.
func openPart(t *testing.T, path string) *parquet.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return pf
}
