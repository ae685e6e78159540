// Package tables finds the standard final-account tables (部门决算公开表) in
// the grids of a document's pages and joins pages into logical tables.
package tables

// Table IDs of the contract (docs/CONTRACT.md).
const (
	T01 = "T01" // 收入支出决算总表
	T02 = "T02" // 收入决算表
	T03 = "T03" // 支出决算表
	T04 = "T04" // 财政拨款收入支出决算总表
	T05 = "T05" // 一般公共预算财政拨款支出决算表
	T06 = "T06" // 一般公共预算财政拨款基本支出决算表
	T07 = "T07" // （一般公共预算）财政拨款“三公”经费支出决算表
	T08 = "T08" // 政府性基金预算财政拨款收入支出决算表
	T09 = "T09" // 国有资本经营预算财政拨款（收入）支出决算表
)

// Sections of two-sided and multi-block tables.
const (
	SectionIncome      = "income"
	SectionExpenditure = "expenditure"
	SectionPersonnel   = "personnel"
	SectionPublic      = "public"
)

// Table is one logical table, all its pages joined.
type Table struct {
	ID     string // T01..T09
	Title  string // title as printed, padding removed
	Marker string // e.g. 公开01表 where printed, else ""
	Pages  []int  // 1-based pages the table is printed on, ascending
	Unit   string // unit line as printed: "万元", "元", or "" when none found
	// Department and Year as printed near the title (部门：…, 2020 年度),
	// empty where the template prints none.
	Department string
	Year       string
	Empty      bool // printed but without data rows (本表无数据, or blank)
	// Columns are the value columns in print order, left to right (both
	// sections for T01/T04), word columns (Column.Text) included.
	Columns []Column
	Rows    []Row // data rows in logical order (header and 栏次 rows dropped)
	// NotJoined says, for a table whose ID was printed before, why it is a
	// second printing rather than the next page of the first: "" for the
	// first printing of each table.
	NotJoined string `json:",omitempty"`
	// Ledger accounts for the figures printed in the table's regions.
	Ledger Ledger `json:"-"`
}

// Column is one value column of a table.
type Column struct {
	Section string // "" or one of the Section* constants
	Key     string // stable ASCII key of the contract, e.g. "total", "final_reception"
	Label   string // header path as printed, levels joined with "/", e.g. "决算数/公务接待费"
	// Text marks a column printing words, not amounts (B13's 专项名称,
	// 经济科目, 采购物品名称, 采购组织形式): its cells are kept as printed,
	// never read as figures.
	Text bool `json:",omitempty"`
}

// Row is one data row. Everything is kept as printed text; normalize turns it
// into typed values.
type Row struct {
	Page    int
	Section string
	LineNo  string   // 行次 as printed, "" where none
	Code    []string // code cell text(s) as printed: one joined code, or 类, 款, 项 parts
	Item    string   // row label with line breaks and padding removed
	Cells   []Cell   // value cells of this row, one per column of its section, blank included
}

// Cell is one value cell of a row.
type Cell struct {
	Key   string // Column.Key
	Label string // Column.Label
	Text  string // text as printed, trimmed; "" for a blank cell
	// x, y is the centre of the grid box the text was read from (the
	// first, when several were joined): the ledger matches the figures
	// printed there with it.
	x, y float64
}

// isTextColumn reports whether the column of a cell (its row's section and
// key) is a word column.
func (t *Table) isTextColumn(section, key string) bool {
	for _, c := range t.Columns {
		if c.Key == key && (c.Section == "" || c.Section == section) {
			return c.Text
		}
	}
	return false
}
