package export

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var fixtures = filepath.Join("..", "..", "..", "..", "fixtures")

func convert(t *testing.T, name string) shape.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	res := juesuan.Convert(context.Background(), data, juesuan.WithSourcePath(name))
	return shape.FromConversion(res.Report, res.Tables, res.LineItems)
}

// TestCSVGolden pins the shape of a one-sided, a two-sided and a
// multi-level-header table, reviewed by eye against the PDF.
func TestCSVGolden(t *testing.T) {
	rep := convert(t, "sample.pdf")
	for _, id := range []string{"T01", "T05", "T07"} {
		t.Run(id, func(t *testing.T) {
			sheets := Sheets([]shape.Report{rep}, id)
			if len(sheets) != 1 {
				t.Fatalf("%d sheets, want 1", len(sheets))
			}
			var buf bytes.Buffer
			if err := WriteCSV(&buf, sheets[0], HeaderBoth); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "sample_"+id+".csv")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from %s (go test -update, then review):\n%s", id, golden, buf.Bytes())
			}
		})
	}
}

func TestSheetName(t *testing.T) {
	for _, tc := range []struct{ id, title, want string }{
		{"T05", "一般公共预算财政拨款支出决算表", "T05 一般公共预算财政拨款支出决算表"},
		{"T07", "（一般公共预算）财政拨款“三公”经费支出决算表[附]", "T07 （一般公共预算）财政拨款“三公”经费支出决算表_附_"},
		{"T07", "（一般公共预算）财政拨款“三公”经费支出决算表（2024年度）", "T07 （一般公共预算）财政拨款“三公”经费支出决算表（202"}, // 31 characters
		{"T01", "a/b:c", "T01 a_b_c"},
	} {
		if got := sheetName(Sheet{TableID: tc.id, Title: tc.title}); got != tc.want {
			t.Errorf("sheetName(%s, %s) = %q, want %q", tc.id, tc.title, got, tc.want)
		}
	}
}

// TestXLSX reads a workbook back: a sheet per table, the two header rows
// and the code and item columns frozen, amounts numbers shown with two
// decimals, codes text (a leading zero or a long code must not turn into
// a number).
func TestXLSX(t *testing.T) {
	rep := convert(t, "sample.pdf")
	sheets := Sheets([]shape.Report{rep})
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sheets); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) != len(sheets) || names[0] != "T01 收入支出决算总表" {
		t.Fatalf("sheets %v, want one per table", names)
	}
	name := "T05 一般公共预算财政拨款支出决算表"
	panes, err := f.GetPanes(name)
	if err != nil || !panes.Freeze || panes.YSplit != 2 || panes.XSplit != 2 {
		t.Errorf("panes %+v (%v): want the header rows and code, item frozen", panes, err)
	}
	for _, tc := range []struct {
		cell, want string
		typ        excelize.CellType
	}{
		{"A1", "科目编码", excelize.CellTypeSharedString},
		{"C2", "total", excelize.CellTypeSharedString},
		{"A3", "208", excelize.CellTypeSharedString},
		{"C3", "2145.33", excelize.CellTypeUnset}, // a number: no type attribute
		{"E3", "121.64", excelize.CellTypeUnset},
	} {
		got, _ := f.GetCellValue(name, tc.cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(name, tc.cell)
		if got != tc.want || typ != tc.typ {
			t.Errorf("%s = %q (type %v), want %q (type %v)", tc.cell, got, typ, tc.want, tc.typ)
		}
	}
	style, _ := f.GetCellStyle(name, "C3")
	if s, err := f.GetStyle(style); err != nil || s.NumFmt != 4 {
		t.Errorf("C3 style %+v (%v): want number format 4 (#,##0.00)", s, err)
	}
}
