// Package shape rebuilds the logical tables of a report as printed (one
// row per printed row, one column per value column) from its line items,
// for the people-facing outputs: export to CSV and XLSX, the HTML page.
//
// Line items come either with the tables they were read from (a PDF
// converted in memory: columns in print order, cells as printed) or alone
// (read back from the Parquet datasets: columns in print order by their
// column_seq, or in the contract's order for files written before it was
// kept; cells written from the amounts).
package shape

import (
	"cmp"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// Report is one report's metadata and its tables as printed.
type Report struct {
	Meta   schema.Report
	Tables []Table
}

// Table is one logical table.
type Table struct {
	ID, Title string
	Unit      string // the unit its amounts are in (万元, 元)
	Pages     []int  // pages it is printed on, ascending
	Marker    string // 公开NN表 where printed (known from a PDF only)
	Empty     bool   // printed without data rows (known from a PDF only)
	Columns   []Column
	Rows      []Row
}

// Column is one value column. Two-sided tables (T01, T04) and T06 print
// their sections side by side, each with its own columns (the same key,
// amount, in both): a row has cells in its own section's columns only.
type Column struct {
	Section string // "" or the section of a two-sided or two-block table
	Key     string // stable key of the contract (total, basic, …)
	Label   string // header path as printed (本年支出/基本支出)
	// Text marks a column of words (B13's 专项名称 …): its cells hold
	// Text, never an amount.
	Text bool
	// Seq is line_items' column_seq: the 1-based place in print order;
	// 0 where unknown (read from a file written before it was kept).
	Seq int32
}

// Row is one printed row: its identity and one cell per Table column.
type Row struct {
	Seq        int32
	Page       int32
	Section    string
	LineNo     *int32
	Code       *string
	CodeSystem *string
	Level      *int32
	ParentCode *string
	Item       string
	IsTotal    bool
	// CodePrinted is the code as printed where it could not be read as a
	// subject code (7 11 02): Code is then nil. Known from a PDF only.
	CodePrinted string
	Cells       []Cell // aligned with Table.Columns
}

// Cell is one value cell.
type Cell struct {
	Present bool // the row has this column (false: another section's)
	// Text is the cell as printed; read back from Parquet, a word
	// column's text or the amount written out.
	Text       string
	Amount     *int64 // cents of the printed unit; nil when blank or unreadable
	AmountYuan *int64
}

// FromConversion shapes a report converted in memory: every table found,
// empty ones included, columns in print order and cell text as printed,
// from the tables the items were read from.
func FromConversion(meta schema.Report, ts []tables.Table, items []schema.LineItem) Report {
	groups := map[string][]schema.LineItem{}
	for _, g := range byTable(items) {
		groups[g[0].TableID] = g
	}
	rep := Report{Meta: meta}
	for _, t := range ts {
		var cols []Column
		for i, c := range t.Columns {
			cols = addColumn(cols, Column{c.Section, c.Key, c.Label, c.Text, int32(i + 1)})
		}
		st := Table{ID: t.ID, Title: t.Title, Columns: cols}
		if g := groups[t.ID]; len(g) > 0 {
			st = build(g, cols)
		}
		st.Pages, st.Marker, st.Empty = t.Pages, t.Marker, t.Empty
		for i := range st.Rows {
			r := &st.Rows[i]
			if int(r.Seq) > len(t.Rows) {
				continue
			}
			if printed := strings.Join(t.Rows[r.Seq-1].Code, " "); r.Code == nil && strings.TrimSpace(printed) != "" {
				r.CodePrinted = strings.TrimSpace(printed)
			}
			for _, c := range t.Rows[r.Seq-1].Cells {
				if j := columnIndex(st.Columns, r.Section, c.Key); j >= 0 {
					r.Cells[j].Text = c.Text
				}
			}
		}
		rep.Tables = append(rep.Tables, st)
	}
	return rep
}

// FromLineItems shapes one report's line items read back from Parquet.
// Columns come in print order, by their column_seq; in files written
// before column_seq was kept, in the order the table's template prints
// them (columnOrder), unknown keys after it by name.
func FromLineItems(meta schema.Report, items []schema.LineItem) Report {
	rep := Report{Meta: meta}
	for _, group := range byTable(items) {
		st := build(group, nil)
		if seqs, ok := printedSeqs(group); ok {
			slices.SortStableFunc(st.Columns, func(a, b Column) int {
				// A one-block T06's rows carry their section, its one
				// column none: personnel before public, as the template.
				return cmp.Or(cmp.Compare(seqs[colKey{a.Section, a.Key}], seqs[colKey{b.Section, b.Key}]),
					cmp.Compare(sectionRank(a.Section), sectionRank(b.Section)))
			})
		} else {
			keys := make([]string, len(st.Columns))
			for i, c := range st.Columns {
				keys[i] = c.Key
			}
			order := orderFor(st.ID, keys)
			slices.SortStableFunc(st.Columns, func(a, b Column) int {
				return cmp.Or(cmp.Compare(sectionRank(a.Section), sectionRank(b.Section)),
					cmp.Compare(columnRank(order, a.Key), columnRank(order, b.Key)))
			})
		}
		st = build(group, st.Columns) // cells in the sorted order
		pages := map[int]bool{}
		for _, r := range st.Rows {
			pages[int(r.Page)] = true
		}
		for p := range pages {
			st.Pages = append(st.Pages, p)
		}
		slices.Sort(st.Pages)
		rep.Tables = append(rep.Tables, st)
	}
	return rep
}

type colKey struct{ section, key string }

// printedSeqs is each column's column_seq; ok is false when a line item
// has none (a file written before it was kept).
func printedSeqs(items []schema.LineItem) (map[colKey]int32, bool) {
	seqs := map[colKey]int32{}
	for _, it := range items {
		if it.ColumnSeq == nil {
			return nil, false
		}
		seqs[colKey{it.Section, it.ColumnKey}] = *it.ColumnSeq
	}
	return seqs, true
}

// byTable splits items (in dataset order, or print order) into one group
// per table, tables in ID order and rows in row_seq order.
func byTable(items []schema.LineItem) [][]schema.LineItem {
	sorted := slices.Clone(items)
	slices.SortStableFunc(sorted, func(a, b schema.LineItem) int {
		return cmp.Or(cmp.Compare(a.TableID, b.TableID), cmp.Compare(a.RowSeq, b.RowSeq))
	})
	var groups [][]schema.LineItem
	for i := 0; i < len(sorted); {
		j := i
		for j < len(sorted) && sorted[j].TableID == sorted[i].TableID {
			j++
		}
		groups = append(groups, sorted[i:j])
		i = j
	}
	return groups
}

// build makes one table from its items, with the given columns first and
// any column they lack after them in the order met.
func build(items []schema.LineItem, cols []Column) Table {
	first := items[0]
	t := Table{ID: first.TableID, Title: first.TableTitle, Unit: first.Unit, Columns: slices.Clone(cols)}
	for _, it := range items {
		var seq int32
		if it.ColumnSeq != nil {
			seq = *it.ColumnSeq
		}
		t.Columns = addColumn(t.Columns, Column{it.Section, it.ColumnKey, it.ColumnLabel, it.Text != nil || tables.IsTextKey(it.ColumnKey), seq})
	}
	for i := 0; i < len(items); {
		it := items[i]
		r := Row{Seq: it.RowSeq, Page: it.Page, Section: it.Section, LineNo: it.LineNo, Code: it.Code,
			CodeSystem: it.CodeSystem, Level: it.Level, ParentCode: it.ParentCode, Item: it.Item,
			IsTotal: it.IsTotal, Cells: make([]Cell, len(t.Columns))}
		for ; i < len(items) && items[i].RowSeq == r.Seq; i++ {
			c := items[i]
			j := columnIndex(t.Columns, c.Section, c.ColumnKey)
			r.Cells[j] = Cell{Present: true, Amount: c.Amount, AmountYuan: c.AmountYuan, Text: Decimal(c.Amount)}
			if c.Text != nil {
				r.Cells[j].Text = *c.Text
			}
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

func addColumn(cols []Column, c Column) []Column {
	if columnIndex(cols, c.Section, c.Key) >= 0 {
		return cols
	}
	return append(cols, c)
}

func columnIndex(cols []Column, section, key string) int {
	return slices.IndexFunc(cols, func(c Column) bool { return c.Section == section && c.Key == key })
}

// ItemLabel is the header a table prints over its row labels (item):
// 项目 or 科目名称 in most templates, taken as 项目; B13 prints
// 采购品目大类 over its first column, the one read as the item.
func ItemLabel(tableID string) string {
	if tableID == tables.B13 {
		return "采购品目大类"
	}
	return "项目"
}

// Name is the column's key, prefixed by its section where the table has
// sections: income.amount, expenditure.amount, total.
func (c Column) Name() string {
	if c.Section == "" {
		return c.Key
	}
	return c.Section + "." + c.Key
}

// Decimal writes cents as a decimal with two places ("1234.50", "-0.05"),
// "" for nil.
func Decimal(cents *int64) string {
	if cents == nil {
		return ""
	}
	return schema.FromCents(*cents).StringFixed(2)
}
