package shape

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/schema"
)

func ptr[T any](v T) *T { return &v }

// item is a line item of table id, row seq, in a section, with an amount
// in cents (nil: blank).
func item(id string, seq int32, section, key string, cents *int64) schema.LineItem {
	return schema.LineItem{ReportID: "r", TableID: id, TableTitle: id + " title", RowSeq: seq, Section: section,
		Item: "row", ColumnKey: key, ColumnLabel: key + " label", Amount: cents, Unit: "万元", Page: 3}
}

// at gives an item its column_seq.
func at(it schema.LineItem, seq int32) schema.LineItem {
	it.ColumnSeq = &seq
	return it
}

func TestFromLineItemsColumnOrder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		items []schema.LineItem // in dataset order: column_key sorted
		want  []string          // Column.Name() in order
	}{
		{"T05 in print order, not by name", []schema.LineItem{
			item("T05", 1, "", "basic", ptr[int64](1)), item("T05", 1, "", "project", nil), item("T05", 1, "", "total", ptr[int64](1)),
		}, []string{"total", "basic", "project"}},
		{"T01 sections side by side, income first", []schema.LineItem{
			item("T01", 1, "expenditure", "amount", ptr[int64](5)), item("T01", 2, "income", "amount", ptr[int64](5)),
		}, []string{"income.amount", "expenditure.amount"}},
		{"a key the contract lacks comes last", []schema.LineItem{
			item("T03", 1, "", "basic", nil), item("T03", 1, "", "new_key", nil), item("T03", 1, "", "total", nil),
		}, []string{"total", "basic", "new_key"}},
		{"column_seq over the template's order", []schema.LineItem{
			at(item("T05", 1, "", "basic", nil), 3), at(item("T05", 1, "", "project", nil), 2), at(item("T05", 1, "", "total", nil), 1),
		}, []string{"total", "project", "basic"}},
		{"B13 word columns before 总计, as printed", []schema.LineItem{
			at(item("B13", 1, "", "purchase_item", nil), 2), at(item("B13", 1, "", "special_project", nil), 1), at(item("B13", 1, "", "total", nil), 3),
		}, []string{"special_project", "purchase_item", "total"}},
		{"a one-block T06: one column_seq, personnel before public", []schema.LineItem{
			at(item("T06", 1, "public", "amount", nil), 1), at(item("T06", 2, "personnel", "amount", nil), 1),
		}, []string{"personnel.amount", "public.amount"}},
		{"T07 budget before final", []schema.LineItem{
			item("T07", 1, "", "budget_total", nil), item("T07", 1, "", "final_abroad", nil), item("T07", 1, "", "final_total", nil),
		}, []string{"budget_total", "final_total", "final_abroad"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := FromLineItems(schema.Report{ReportID: "r"}, tc.items)
			if len(rep.Tables) != 1 {
				t.Fatalf("%d tables", len(rep.Tables))
			}
			var got []string
			for _, c := range rep.Tables[0].Columns {
				got = append(got, c.Name())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("columns %v, want %v", got, tc.want)
			}
			for _, r := range rep.Tables[0].Rows {
				for i, c := range r.Cells {
					col := rep.Tables[0].Columns[i]
					if c.Present != (col.Section == r.Section) {
						t.Errorf("row %d: cell of %s present=%v", r.Seq, col.Name(), c.Present)
					}
				}
			}
		})
	}
}

// TestParquetShapeIsTheConversion: the same figures in the same rows
// whether a report is shaped from its conversion or from its line items
// alone (as read back from Parquet).
func TestParquetShapeIsTheConversion(t *testing.T) {
	for _, name := range []string{"sample.pdf", "y2020_lo_yuan.pdf", "sh2024_chromium_split.pdf", "js2019_budget_chromium.pdf"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "fixtures", name))
			if err != nil {
				t.Skip(err)
			}
			res := juesuan.Convert(context.Background(), data, juesuan.WithSourcePath(name))
			a := FromConversion(res.Report, res.Tables, res.LineItems)
			b := FromLineItems(res.Report, res.LineItems)
			withRows := 0
			for _, t := range a.Tables {
				if len(t.Rows) > 0 {
					withRows++
				}
			}
			if withRows != len(b.Tables) {
				t.Fatalf("%d tables with rows from the conversion, %d from the line items", withRows, len(b.Tables))
			}
			for _, tb := range b.Tables {
				i := slices.IndexFunc(a.Tables, func(x Table) bool { return x.ID == tb.ID })
				ta := a.Tables[i]
				if !slices.Equal(ta.Pages, tb.Pages) || len(ta.Rows) != len(tb.Rows) {
					t.Errorf("%s: pages %v/%v, %d/%d rows", tb.ID, ta.Pages, tb.Pages, len(ta.Rows), len(tb.Rows))
					continue
				}
				if got, want := names(tb.Columns), names(ta.Columns); !slices.Equal(got, want) {
					t.Errorf("%s: columns %v from the line items, %v from the conversion", tb.ID, got, want)
				}
				for ri := range tb.Rows {
					for ci, col := range tb.Columns {
						ca := ta.Rows[ri].Cells[columnIndex(ta.Columns, col.Section, col.Key)]
						cb := tb.Rows[ri].Cells[ci]
						if !reflect.DeepEqual(ca.Amount, cb.Amount) || ca.Present != cb.Present {
							t.Errorf("%s row %d %s: %v vs %v", tb.ID, ri+1, col.Name(), Decimal(ca.Amount), Decimal(cb.Amount))
						}
						if col.Text && ca.Text != cb.Text {
							t.Errorf("%s row %d %s: words %q vs %q", tb.ID, ri+1, col.Name(), ca.Text, cb.Text)
						}
					}
				}
			}
		})
	}
}

func names(cols []Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name())
	}
	return out
}
