package normalize

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// loadReport runs the data path up to normalize on a corpus file.
func loadReport(t *testing.T, file string) ([][]string, []tables.Table) {
	t.Helper()
	path := filepath.Join(corpusDir, file)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skip("real corpus absent")
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Load(data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var pages []*extract.Page
	var lines [][]string
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			t.Fatalf("%s page %d: %v", file, n, err)
		}
		pages = append(pages, p)
		lines = append(lines, p.TextLines())
	}
	ts, errs := tables.Find(pages)
	for _, err := range errs {
		t.Logf("%s: tables: %v", file, err)
	}
	return lines, ts
}

// spot is one value read by eye from the PDF (pdftotext -layout).
type spot struct {
	table   string
	code    string // "" to match by item
	item    string
	section string
	column  string
	cents   int64
}

func TestLineItemsRealFinals(t *testing.T) {
	tests := []struct {
		file  string
		spots []spot
	}{
		{"r02_putuo_planning_2024_final.pdf", []spot{
			{tables.T01, "", "总计", tables.SectionExpenditure, "amount", 985938},
			{tables.T01, "", "年初结转和结余", tables.SectionIncome, "amount", 11288},
			{tables.T02, "2080505", "机关事业单位基本养老保险缴费支出", "", "total", 44611},
			{tables.T02, "2200150", "事业运行", "", "total", 441667},
			{tables.T06, "30101", "基本工资", tables.SectionPersonnel, "amount", 53764},
			{tables.T07, "", "", "", "final_reception", 39},
			{tables.T07, "", "", "", "budget_total", 285},
		}},
		{"r03_putuo_socialwork_2024_final.pdf", []spot{
			{tables.T05, "", "合计", "", "total", 30782},
			{tables.T05, "", "合计", "", "basic", 10558},
			{tables.T05, "2210203", "购房补贴", "", "total", 1172},
			{tables.T06, "30108", "机关事业单位基本养老保险缴费", tables.SectionPersonnel, "amount", 618},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			lines, ts := loadReport(t, tt.file)
			meta := DetectMeta(lines, ts)
			items, errs := LineItems("x", meta, ts)
			for _, err := range errs {
				t.Errorf("%v", err)
			}
			cellCount := 0
			for _, tb := range ts {
				for _, r := range tb.Rows {
					cellCount += len(r.Cells)
				}
			}
			if len(items) != cellCount || len(items) == 0 {
				t.Errorf("%d items for %d value cells", len(items), cellCount)
			}
			for _, it := range items {
				checkItemInvariants(t, it)
			}
			for _, sp := range tt.spots {
				found := false
				for _, it := range items {
					if it.TableID != sp.table || it.Section != sp.section || it.ColumnKey != sp.column ||
						(sp.code != "" && (it.Code == nil || *it.Code != sp.code)) || it.Item != sp.item {
						continue
					}
					found = true
					if it.Amount == nil || *it.Amount != sp.cents {
						t.Errorf("%+v: amount %v", sp, it.Amount)
					}
				}
				if !found {
					t.Errorf("%+v: no such line item", sp)
				}
			}
		})
	}
}

// checkItemInvariants checks what must hold for every line item.
func checkItemInvariants(t *testing.T, it schema.LineItem) {
	t.Helper()
	where := fmt.Sprintf("%s row %d %s", it.TableID, it.RowSeq, it.ColumnKey)
	if it.Code != nil {
		switch {
		case it.Level == nil || *it.Level < 1 || *it.Level > 3 || it.CodeSystem == nil:
			t.Errorf("%s: code %s without level or system", where, *it.Code)
		case (*it.Level == 1) != (it.ParentCode == nil):
			t.Errorf("%s: code %s level %d parent %v", where, *it.Code, *it.Level, it.ParentCode)
		case it.ParentCode != nil && !strings.HasPrefix(*it.Code, *it.ParentCode):
			t.Errorf("%s: code %s parent %s", where, *it.Code, *it.ParentCode)
		}
	}
	if it.Unit != UnitWanYuan {
		t.Errorf("%s: unit %q", where, it.Unit)
	}
	if (it.Amount == nil) != (it.AmountYuan == nil) ||
		(it.Amount != nil && *it.AmountYuan != *it.Amount*10000) {
		t.Errorf("%s: amount %v, amount_yuan %v", where, it.Amount, it.AmountYuan)
	}
	if it.Page < 1 || it.RowSeq < 1 || it.ColumnKey == "" {
		t.Errorf("%s: page %d row_seq %d", where, it.Page, it.RowSeq)
	}
}
