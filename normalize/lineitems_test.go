package normalize

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func cells(keys []string, texts ...string) []tables.Cell {
	cs := make([]tables.Cell, len(texts))
	for i, t := range texts {
		cs[i] = tables.Cell{Key: keys[i], Label: labelOf[keys[i]], Text: t}
	}
	return cs
}

var labelOf = map[string]string{
	"total": "合计", "basic": "基本支出", "project": "项目支出", "amount": "决算数",
	"general_budget": "一般公共预算财政拨款", "gov_fund": "政府性基金预算财政拨款",
}

// sampleTables is a small report: a T05 with split codes that rely on the 类
// above, a two-sided T04 and a T06 in economic codes, in 元.
func sampleTables() []tables.Table {
	t05 := []string{"total", "basic", "project"}
	t04 := []string{"total", "general_budget", "gov_fund"}
	return []tables.Table{
		{
			ID: tables.T05, Title: "一般公共预算财政拨款支出决算表", Pages: []int{14, 15}, Unit: "单位：万元",
			Rows: []tables.Row{
				{Page: 14, Code: []string{"", "", ""}, Item: "合    计", Cells: cells(t05, "1,234.50", "1,000.00", "234.50")},
				{Page: 14, Code: []string{"201", "", ""}, Item: "一般公共服务支出", Cells: cells(t05, "1234.5", "1000", "234.5")},
				{Page: 14, Code: []string{"", "06", ""}, Item: "财政事务", Cells: cells(t05, "1234.5", "1000", "234.5")},
				{Page: 15, Code: []string{"", "06", "01"}, Item: "行 政 运 行", Cells: cells(t05, "1000.00", "1000.00", "")},
				{Page: 15, Code: []string{"", "", "99"}, Item: "其他财政事务\n支出", Cells: cells(t05, "234.50", "-", "234.50")},
			},
		},
		{
			ID: tables.T04, Title: "财政拨款收入支出决算总表", Pages: []int{12}, Unit: "",
			Rows: []tables.Row{
				{Page: 12, Section: tables.SectionIncome, LineNo: "1", Item: "一、一般公共预算财政拨款", Cells: cells([]string{"amount"}, "1234.50")},
				{Page: 12, Section: tables.SectionIncome, LineNo: "２", Item: "二、政府性基金预算财政拨款", Cells: cells([]string{"amount"}, "")},
				{Page: 12, Section: tables.SectionExpenditure, LineNo: "31", Item: "一、一般公共服务支出", Cells: cells(t04, "1234.50", "1234.50", "")},
				{Page: 12, Section: tables.SectionExpenditure, LineNo: "", Item: "本年支出合计", Cells: cells(t04, "（12.30）", "12.3%", "")},
			},
		},
		{
			ID: tables.T06, Title: "一般公共预算财政拨款基本支出决算表", Pages: []int{16}, Unit: "元",
			Rows: []tables.Row{
				{Page: 16, Section: tables.SectionPersonnel, Code: []string{"301"}, Item: "工资福利支出", Cells: cells([]string{"amount"}, "4816.14")},
				{Page: 16, Section: tables.SectionPersonnel, Code: []string{"30101基本工资"}, Cells: cells([]string{"amount"}, "537.64")},
				{Page: 16, Section: tables.SectionPublic, Code: []string{"30201"}, Item: "办公费", Cells: cells([]string{"amount"}, "84.625")},
				{Page: 16, Section: tables.SectionPublic, Code: []string{"3020A"}, Item: "印刷费", Cells: cells([]string{"amount"}, "0.00")},
			},
		},
	}
}

func TestLineItemsGolden(t *testing.T) {
	meta := Meta{Department: "上海市某局", FiscalYear: 2024, DocKind: schema.KindFinal, Unit: UnitWanYuan}
	items, errs := LineItems("abc123", meta, sampleTables())
	var got struct {
		Items  []schema.LineItem
		Errors []string
	}
	got.Items = items
	for _, err := range errs {
		got.Errors = append(got.Errors, err.Error())
	}
	data, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "lineitems.golden.json")
	if *update {
		if err := os.WriteFile(golden, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(data)+"\n" {
		t.Errorf("line items differ from %s (run go test -update and review the diff):\n%s", golden, data)
	}
}

// The golden file is reviewed by eye; these assertions pin what matters.
func TestLineItemsFacts(t *testing.T) {
	meta := Meta{Department: "上海市某局", FiscalYear: 2024, DocKind: schema.KindFinal, Unit: UnitWanYuan}
	items, errs := LineItems("abc123", meta, sampleTables())

	if n := 5*3 + 2 + 2*3 + 4; len(items) != n {
		t.Fatalf("%d items, want %d (one per value cell, blanks included)", len(items), n)
	}
	find := func(table string, seq int32, key string) schema.LineItem {
		t.Helper()
		for _, it := range items {
			if it.TableID == table && it.RowSeq == seq && it.ColumnKey == key {
				return it
			}
		}
		t.Fatalf("no item %s row %d %s", table, seq, key)
		return schema.LineItem{}
	}
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	i64 := func(p *int64) any {
		if p == nil {
			return nil
		}
		return *p
	}

	it := find(tables.T05, 1, "total")
	if it.Code != nil || it.Item != "合计" || i64(it.Amount) != int64(123450) || i64(it.AmountYuan) != int64(1234500000) {
		t.Errorf("T05 total row: %+v", it)
	}
	if *it.FiscalYear != 2024 || *it.Department != "上海市某局" || it.Unit != UnitWanYuan || it.Page != 14 {
		t.Errorf("T05 total row metadata: %+v", it)
	}
	it = find(tables.T05, 4, "project")
	if str(it.Code) != "2010601" || str(it.ParentCode) != "20106" || *it.Level != 3 ||
		str(it.CodeSystem) != SystemFunction || it.Item != "行政运行" || it.Amount != nil || it.AmountYuan != nil || it.Page != 15 {
		t.Errorf("T05 项 row, blank cell: %+v", it)
	}
	it = find(tables.T05, 5, "basic")
	if str(it.Code) != "2010699" || it.Item != "其他财政事务支出" || i64(it.Amount) != int64(0) {
		t.Errorf("T05 dash cell: %+v", it)
	}
	// T04 has no unit printed: the document's unit applies.
	it = find(tables.T04, 2, "amount")
	if it.Unit != UnitWanYuan || it.Amount != nil || it.LineNo == nil || *it.LineNo != 2 || it.Section != tables.SectionIncome {
		t.Errorf("T04 blank income row: %+v", it)
	}
	it = find(tables.T04, 4, "total")
	if i64(it.Amount) != int64(-1230) || it.LineNo != nil {
		t.Errorf("T04 negative: %+v", it)
	}
	// T06 in 元, economic codes.
	it = find(tables.T06, 2, "amount")
	if str(it.Code) != "30101" || str(it.CodeSystem) != SystemEconomic || str(it.ParentCode) != "301" ||
		it.Item != "基本工资" || i64(it.Amount) != int64(53764) || i64(it.AmountYuan) != int64(53764) {
		t.Errorf("T06 glued code: %+v", it)
	}

	// Errors: the percentage, the three decimals, the bad code; each names
	// where it is and leaves the rest intact.
	var cellErrs []*CellError
	for _, err := range errs {
		var ce *CellError
		if !errors.As(err, &ce) {
			t.Errorf("unexpected error %v", err)
			continue
		}
		cellErrs = append(cellErrs, ce)
	}
	if len(cellErrs) != 3 {
		t.Fatalf("%d cell errors, want 3: %v", len(cellErrs), errs)
	}
	want := []CellError{
		{Page: 12, Table: tables.T04, Row: "4 (本年支出合计)", Column: "一般公共预算财政拨款 (general_budget)", Text: "12.3%"},
		{Page: 16, Table: tables.T06, Row: "3 (办公费)", Column: "决算数 (amount)", Text: "84.625"},
		{Page: 16, Table: tables.T06, Row: "4 (印刷费)", Column: "科目编码 (code)", Text: "3020A"},
	}
	for i, w := range want {
		g := *cellErrs[i]
		g.Err = nil
		if g != w {
			t.Errorf("cell error %d = %+v, want %+v", i, g, w)
		}
	}
	if !errors.Is(cellErrs[0], ErrNotAmount) || !errors.Is(cellErrs[2], ErrBadCode) {
		t.Errorf("cell errors do not wrap their cause: %v", errs)
	}
	if it := find(tables.T06, 3, "amount"); it.Amount != nil || it.AmountYuan != nil {
		t.Errorf("three-decimal amount must be null, not rounded: %+v", it)
	}
	if it := find(tables.T06, 4, "amount"); it.Code != nil || it.Item != "印刷费" || i64(it.Amount) != int64(0) {
		t.Errorf("bad code row keeps its label and amount: %+v", it)
	}
}

func TestLineItemsWithoutUnit(t *testing.T) {
	ts := []tables.Table{{ID: tables.T07, Title: "财政拨款“三公”经费支出决算表", Pages: []int{17},
		Rows: []tables.Row{{Page: 17, Item: "合计", Cells: []tables.Cell{{Key: "final_total", Label: "决算数/合计", Text: "12.00"}}}}}}
	items, errs := LineItems("r", Meta{}, ts)
	if len(items) != 1 || items[0].Unit != "" || items[0].AmountYuan != nil || *items[0].Amount != 1200 ||
		items[0].FiscalYear != nil || items[0].Department != nil {
		t.Fatalf("items %+v", items)
	}
	var te *TableError
	if len(errs) != 1 || !errors.As(errs[0], &te) || !errors.Is(errs[0], ErrNoUnit) || te.Table != tables.T07 {
		t.Fatalf("errors %v, want one TableError for the missing unit", errs)
	}
}

func TestLineNo(t *testing.T) {
	tests := []struct {
		in   string
		want int32 // -1 for null
	}{
		{"1", 1}, {" 12 ", 12}, {"３１", 31}, {"", -1}, {"栏次", -1}, {"1.0", -1}, {"-1", -1},
	}
	for _, tt := range tests {
		got := lineNo(tt.in)
		if (got == nil) != (tt.want == -1) || (got != nil && *got != tt.want) {
			t.Errorf("lineNo(%q) = %v, want %d", tt.in, got, tt.want)
		}
	}
}

func TestSortLineItems(t *testing.T) {
	items := []schema.LineItem{
		{TableID: "T05", RowSeq: 2, ColumnKey: "basic"},
		{TableID: "T02", RowSeq: 10, ColumnKey: "total"},
		{TableID: "T05", RowSeq: 1, ColumnKey: "total"},
		{TableID: "T02", RowSeq: 2, ColumnKey: "other"},
		{TableID: "T05", RowSeq: 1, ColumnKey: "basic"},
		{TableID: "T02", RowSeq: 2, ColumnKey: "business"},
	}
	SortLineItems(items)
	want := []string{"T02/2/business", "T02/2/other", "T02/10/total", "T05/1/basic", "T05/1/total", "T05/2/basic"}
	for i, it := range items {
		if got := fmt.Sprintf("%s/%d/%s", it.TableID, it.RowSeq, it.ColumnKey); got != want[i] {
			t.Errorf("item %d = %s, want %s", i, got, want[i])
		}
	}
}

// TestLineItemsWordColumnsAndSeq: a word column's cells keep their words in
// text (null when blank) and no amount; every cell has its column's print
// position, also where the row's section is not the column's (a one-block
// T06).
func TestLineItemsWordColumnsAndSeq(t *testing.T) {
	words := func(key, label string) tables.Column {
		return tables.Column{Key: key, Label: label, Text: true}
	}
	b13 := tables.Table{
		ID: tables.B13, Title: "政府采购预算表", Pages: []int{10}, Unit: "万元",
		Columns: []tables.Column{words("special_project", "专项名称"), words("purchase_item", "采购物品名称"), {Key: "total", Label: "总计"}},
		Rows: []tables.Row{
			{Page: 10, Item: "一、货物A", Cells: []tables.Cell{{Key: "special_project"}, {Key: "purchase_item"}, {Key: "total", Text: "434.48"}}},
			{Page: 10, Cells: []tables.Cell{{Key: "special_project", Text: "办公设备购置费"}, {Key: "purchase_item", Text: "台式计算机"}, {Key: "total", Text: "434.48"}}},
		},
	}
	t06 := tables.Table{
		ID: tables.T06, Title: "一般公共预算财政拨款基本支出决算表", Pages: []int{16}, Unit: "元",
		Columns: []tables.Column{{Key: "amount", Label: "决算数"}},
		Rows: []tables.Row{
			{Page: 16, Section: tables.SectionPublic, Code: []string{"30201"}, Item: "办公费", Cells: cells([]string{"amount"}, "84.62")},
		},
	}
	items, errs := LineItems("r", Meta{FiscalYear: 2019}, []tables.Table{b13, t06})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	type cell struct {
		key  string
		seq  int32
		text string // "<nil>" for null
		cent string // "<nil>" for null
	}
	str := func(s *string) string {
		if s == nil {
			return "<nil>"
		}
		return *s
	}
	num := func(c *int64) string {
		if c == nil {
			return "<nil>"
		}
		return fmt.Sprint(*c)
	}
	var got []cell
	for _, it := range items {
		if it.ColumnSeq == nil {
			t.Fatalf("%s row %d %s: column_seq null", it.TableID, it.RowSeq, it.ColumnKey)
		}
		got = append(got, cell{it.ColumnKey, *it.ColumnSeq, str(it.Text), num(it.Amount)})
	}
	want := []cell{
		{"special_project", 1, "<nil>", "<nil>"}, {"purchase_item", 2, "<nil>", "<nil>"}, {"total", 3, "<nil>", "43448"},
		{"special_project", 1, "办公设备购置费", "<nil>"}, {"purchase_item", 2, "台式计算机", "<nil>"}, {"total", 3, "<nil>", "43448"},
		{"amount", 1, "<nil>", "8462"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// TestColumnSeq: a cell's column is its section's own, else the one of its
// key that every section shares; the first of a key printed twice.
func TestColumnSeq(t *testing.T) {
	cols := []tables.Column{
		{Section: tables.SectionIncome, Key: "item"}, {Section: tables.SectionIncome, Key: "amount"},
		{Section: tables.SectionExpenditure, Key: "item"}, {Section: tables.SectionExpenditure, Key: "amount"},
		{Key: "note"}, {Key: "note"},
	}
	tests := []struct {
		section, key string
		want         int32
	}{
		{tables.SectionIncome, "amount", 2},
		{tables.SectionExpenditure, "amount", 4},
		{tables.SectionExpenditure, "note", 5},
		{"", "note", 5},
		{"", "amount", 0},
		{tables.SectionIncome, "missing", 0},
	}
	for _, tt := range tests {
		if got := ColumnSeq(cols, tt.section, tt.key); got != tt.want {
			t.Errorf("ColumnSeq(%q, %q) = %d, want %d", tt.section, tt.key, got, tt.want)
		}
	}
}
