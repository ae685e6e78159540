package check

import (
	"sort"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/textfold"
	"github.com/juesuan/juesuan/schema"
)

// standardTables are the nine tables every final account must publish, in
// the order their present checks are reported.
var standardTables = []string{
	tables.T01, tables.T02, tables.T03, tables.T04, tables.T05,
	tables.T06, tables.T07, tables.T08, tables.T09,
}

// tableNames are the standard titles, used in descriptions and locations
// when the report's own title is not at hand (e.g. a missing table).
var tableNames = map[string]string{
	tables.T01: "收入支出决算总表",
	tables.T02: "收入决算表",
	tables.T03: "支出决算表",
	tables.T04: "财政拨款收入支出决算总表",
	tables.T05: "一般公共预算财政拨款支出决算表",
	tables.T06: "一般公共预算财政拨款基本支出决算表",
	tables.T07: "财政拨款“三公”经费支出决算表",
	tables.T08: "政府性基金预算财政拨款收入支出决算表",
	tables.T09: "国有资本经营预算财政拨款收入支出决算表",
	// Budget reports.
	tables.B01: "财务收支预算总表",
	tables.B02: "收入预算总表",
	tables.B03: "支出预算总表",
	tables.B04: "财政拨款收支预算总表",
	tables.B05: "一般公共预算支出功能分类预算表",
	tables.B06: "一般公共预算基本支出部门预算经济分类预算表",
	tables.B07: "政府性基金预算支出功能分类预算表",
	tables.B08: "国有资本经营预算支出功能分类预算表",
	tables.B09: "“三公”经费支出预算表",
	tables.B10: "财政拨款支出预算表",
	tables.B11: "财政拨款基本支出预算表",
	tables.B12: "机关运行经费支出预算表",
	tables.B13: "政府采购预算表",
}

// cell is one value cell; blank cells are kept (they count as 0 in sums).
type cell struct {
	cents   int64
	blank   bool
	dropped int8 // decimal places the print leaves out (LineItem.DroppedDecimals)
}

// row is one data row of a table, rebuilt from its line items.
type row struct {
	seq     int32
	section string
	code    string // digits only, "" when none
	level   int    // 1 类, 2 款, 3 项; 0 when no code
	parent  string
	item    string // label as printed
	norm    string // textfold.LabelKey(item)
	page    int32
	cells   rowCells

	displayText string // display(), once displayed is set
	displayed   bool
}

// rowCells are the value cells of a row by column key, in the order the
// line items give them. A row has a handful: a scan is as quick as a map
// and costs no map per row.
type rowCells []keyedCell

type keyedCell struct {
	key string
	cell
}

// get returns the cell of a column key.
func (cs rowCells) get(key string) (cell, bool) {
	for i := range cs {
		if cs[i].key == key {
			return cs[i].cell, true
		}
	}
	return cell{}, false
}

// has reports whether the row has a cell in that column.
func (cs rowCells) has(key string) bool {
	_, ok := cs.get(key)
	return ok
}

// table is one logical table with its rows and what the checks need to know
// about its presence.
type table struct {
	id      string
	title   string
	unit    string
	present bool // recognised in the report (with data or marked empty)
	empty   bool // printed without data rows
	usable  bool // present and either empty or backed by line items
	why     string
	cols    []colRef        // value columns in print order
	words   map[string]bool // keys of word columns (B13's 专项名称 …): no figures, not checked
	labels  map[colRef]string
	pages   map[int32]bool // pages the table is printed on; nil when unknown
	rows    []*row

	// Per-section views and analysed sides, built on first use once
	// buildReport is done: many identity families ask for the same ones.
	secRows map[string][]*row
	secCols map[string][]string
	sides   map[sideKey]side
}

type sideKey struct{ sec, word string }

type colRef struct{ section, key string }

func (t *table) name() string {
	if t.title != "" {
		return t.title
	}
	return tableNames[t.id]
}

// label returns the printed header of a column, or its key when unknown.
func (t *table) label(section, key string) string {
	if l, ok := t.labels[colRef{section, key}]; ok && l != "" {
		return l
	}
	return key
}

// sectionRows returns the rows of one section in logical order. The slice
// is shared: callers must not modify it (its capacity is capped, so an
// append copies).
func (t *table) sectionRows(section string) []*row {
	if out, ok := t.secRows[section]; ok {
		return out
	}
	var out []*row
	for _, r := range t.rows {
		if r.section == section {
			out = append(out, r)
		}
	}
	out = out[:len(out):len(out)]
	if t.secRows == nil {
		t.secRows = map[string][]*row{}
	}
	t.secRows[section] = out
	return out
}

// sectionCols returns the column keys of one section in print order. The
// slice is shared, like sectionRows'.
func (t *table) sectionCols(section string) []string {
	if out, ok := t.secCols[section]; ok {
		return out
	}
	var out []string
	for _, c := range t.cols {
		if c.section == section {
			out = append(out, c.key)
		}
	}
	out = out[:len(out):len(out)]
	if t.secCols == nil {
		t.secCols = map[string][]string{}
	}
	t.secCols[section] = out
	return out
}

// hasCol reports whether the section has a column with that key.
func (t *table) hasCol(section, key string) bool {
	_, ok := t.labels[colRef{section, key}]
	return ok
}

// report is the set of tables of one report, by ID.
type report map[string]*table

// buildReport joins the logical tables (presence, titles, columns) with the
// normalized line items (typed amounts, codes) into one model per table.
func buildReport(ts []tables.Table, items []schema.LineItem) report {
	rep := report{}
	for _, id := range standardTables {
		rep[id] = &table{id: id, labels: map[colRef]string{}, why: "table " + id + " (" + tableNames[id] + ") is missing from the report"}
	}
	for _, tt := range ts {
		t, ok := rep[tt.ID]
		if !ok {
			t = &table{id: tt.ID, labels: map[colRef]string{}}
			rep[tt.ID] = t
		}
		if t.present {
			continue // a second table with the same ID: the first one counts
		}
		t.present = true
		t.title = tt.Title
		t.unit = tt.Unit
		t.empty = tt.Empty
		if len(tt.Pages) > 0 {
			t.pages = map[int32]bool{}
			for _, p := range tt.Pages {
				t.pages[int32(p)] = true
			}
		}
		for _, c := range tt.Columns {
			if c.Text {
				if t.words == nil {
					t.words = map[string]bool{}
				}
				t.words[c.Key] = true
				continue
			}
			t.addCol(c.Section, c.Key, c.Label)
		}
	}
	byRow := map[string]map[int32]*row{}
	// The items of one row come one after another: the last row found
	// saves the map lookups (the maps give the same row).
	var last *row
	var lastTable string
	for i := range items {
		it := &items[i] // a LineItem is large: no copy
		t, ok := rep[it.TableID]
		if !ok || !t.present || (t.pages != nil && it.Page != 0 && !t.pages[it.Page]) || it.Text != nil || t.words[it.ColumnKey] {
			continue // not the table that counts (see above), or words
		}
		r := last
		if r == nil || it.RowSeq != r.seq || it.TableID != lastTable {
			rows := byRow[it.TableID]
			if rows == nil {
				rows = map[int32]*row{}
				byRow[it.TableID] = rows
			}
			r = rows[it.RowSeq]
			if r == nil {
				r = newRow(it, len(t.cols))
				rows[it.RowSeq] = r
				t.rows = append(t.rows, r)
			}
			last, lastTable = r, it.TableID
		}
		if r.cells.has(it.ColumnKey) {
			// A second table with the same ID numbers its rows from 1 too:
			// the first table's cell stands.
			continue
		}
		if t.unit == "" {
			t.unit = it.Unit
		}
		t.addCol(it.Section, it.ColumnKey, it.ColumnLabel)
		c := cell{blank: it.Amount == nil, dropped: it.DroppedDecimals}
		if it.Amount != nil {
			c.cents = *it.Amount
		}
		r.cells = append(r.cells, keyedCell{it.ColumnKey, c})
	}
	for _, t := range rep {
		sort.SliceStable(t.rows, func(i, j int) bool { return t.rows[i].seq < t.rows[j].seq })
		switch {
		case !t.present:
		case t.empty || len(t.rows) > 0:
			t.usable = true
		default:
			t.why = "table " + t.id + " (" + t.name() + ") has no normalized line items"
		}
	}
	return rep
}

func (t *table) addCol(section, key, label string) {
	ref := colRef{section, key}
	if _, ok := t.labels[ref]; ok {
		return
	}
	t.labels[ref] = label
	t.cols = append(t.cols, ref)
}

// newRow starts a row from its first line item; ncols sizes its cells (a
// row has at most one per column of the table).
func newRow(it *schema.LineItem, ncols int) *row {
	r := &row{
		cells:   make(rowCells, 0, ncols),
		seq:     it.RowSeq,
		section: it.Section,
		item:    it.Item,
		norm:    textfold.LabelKey(it.Item),
		page:    it.Page,
	}
	if it.Code != nil {
		r.code = strings.TrimSpace(*it.Code)
	}
	switch {
	case it.Level != nil:
		r.level = int(*it.Level)
	case r.code != "":
		r.level = levelOf(r.code)
	}
	switch {
	case it.ParentCode != nil:
		r.parent = *it.ParentCode
	case r.level > 1:
		r.parent = parentOf(r.code)
	}
	return r
}

// levelOf derives the level from the code length where normalize left it
// out: 3 digits 类, 5 款, 7 项 (economic codes stop at 5).
func levelOf(code string) int {
	switch len(code) {
	case 3:
		return 1
	case 5:
		return 2
	case 7:
		return 3
	}
	return 0
}

func parentOf(code string) string {
	if len(code) > 3 {
		return code[:len(code)-2]
	}
	return ""
}

// isTotalRow reports the 合计 row of a coded table (T02, T03, T05, T08, T09).
func (r *row) isTotalRow() bool {
	return r.code == "" && (r.norm == "合计" || r.norm == "总计" || strings.HasSuffix(r.norm, "合计") && !strings.Contains(r.norm, "经费"))
}

// display is the row as a person finds it in the PDF: code and label.
// Descriptions and locations ask for it often: it is built once.
func (r *row) display() string {
	if !r.displayed {
		r.displayText, r.displayed = r.item, true
		if r.code != "" && !strings.HasPrefix(r.item, r.code) {
			r.displayText = r.code + " " + r.item
		}
	}
	return r.displayText
}
