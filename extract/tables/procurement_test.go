package tables

import (
	"slices"
	"testing"
)

// TestProcurementWordColumns: every Jiangsu B13 of the corpus keeps its
// printed word columns apart, keyed alike however the header is broken
// (采购品目 / 大类, 采购组织形 / 式), the first (采购品目大类) as the item;
// no word is read as a figure, and the table is not empty.
func TestProcurementWordColumns(t *testing.T) {
	want := []string{"special_project", "economic_subject", "purchase_item", "procurement_method", "total"}
	for _, name := range []string{
		"r19_js_npc_2017_budget.pdf", "r20_js_npc_2018_budget.pdf", "r22_js_npc_2019_budget_tables.pdf",
		"r23_js_procuratorate_2017_budget.pdf", "r24_js_procuratorate_2018_budget.pdf",
		"r27_js_partyoffice_2017_budget_tables.pdf", "r31_js_partyoffice_2019_budget_tables.pdf",
		"r33_js_cppcc_2017_budget_tables.pdf", "r35_js_cppcc_2018_budget_tables.pdf",
		"r38_js_highcourt_2017_budget.pdf", "r39_js_highcourt_2018_budget.pdf", "r40_js_highcourt_2019_budget.pdf",
	} {
		t.Run(name, func(t *testing.T) {
			ts := findReal(t, name, WithKind(Budget))
			i := slices.IndexFunc(ts, func(t Table) bool { return t.ID == B13 })
			if i < 0 {
				t.Fatal("no B13")
			}
			b := ts[i]
			var keys []string
			for _, c := range b.Columns {
				keys = append(keys, c.Key)
				if c.Text != (c.Key != "total") {
					t.Errorf("column %s: Text %v", c.Key, c.Text)
				}
			}
			if !slices.Equal(keys, want) {
				t.Errorf("columns %v, want %v", keys, want)
			}
			if b.Empty || len(b.Rows) < 10 {
				t.Fatalf("empty %v, %d rows", b.Empty, len(b.Rows))
			}
			// 合计 first, alone in its row but for its 总计 (r31's header
			// 采购组织形 leaves its 式 just below the rule: part of the header).
			r := b.Rows[0]
			if r.Item != "合计" {
				t.Errorf("row 1 item %q, want 合计", r.Item)
			}
			for _, c := range r.Cells {
				if (c.Text == "") != (c.Key != "total") {
					t.Errorf("row 1 (合计) %s: %q", c.Key, c.Text)
				}
			}
			if l := b.Columns[3].Label; l != "采购组织形式" {
				t.Errorf("procurement_method label %q", l)
			}
			// A line of goods names them and how they are bought, not its kind.
			goods := 0
			for _, r := range b.Rows {
				if r.Cells[2].Text != "" {
					goods++
					if r.Item != "" || r.Cells[3].Text == "" || r.Cells[4].Text == "" {
						t.Errorf("goods row %+v", r)
					}
				}
			}
			if goods == 0 {
				t.Error("no row names goods")
			}
		})
	}
}
