package narrative

import (
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
	"github.com/shopspring/decimal"
)

// Cell is the table cell a stated figure names.
type Cell struct {
	Table   string // T01…T09
	Code    string // subject code of the row, "" when it has none
	Item    string // row label as printed
	Key     string // column_key
	Label   string // column label as printed
	Page    int32
	Unit    string
	Value   decimal.Decimal // 0 for a blank cell or a table printed without data
	Blank   bool
	NoTable bool // the table is printed without data: the figure is 0
}

// index finds table cells by table, row and column. The line items of a
// row are contiguous (normalize emits them row by row), so a row is a
// range of items and nothing is copied.
type index struct {
	items    []schema.LineItem
	rows     map[string][]rowRange // table → its rows, in order
	empty    map[string]bool       // tables printed without data
	pathTab  string                // the table 类/款/项 paths are found in: T05, or B05 in a budget
	names    map[string]string     // pathTab code → row label
	budget   bool                  // a budget report: its text's amounts are its tables' budgets
	subjects subjectIndex
}

type rowRange struct{ from, to int }

// newIndex indexes the line items of a report and names every cell of its
// tables (see buildSubjects), once per report.
func newIndex(items []schema.LineItem, ts []tables.Table, budget bool) *index {
	ix := &index{items: items, rows: map[string][]rowRange{}, empty: map[string]bool{}, names: map[string]string{},
		budget: budget, pathTab: "T05"}
	if budget {
		ix.pathTab = "B05"
	}
	for _, t := range ts {
		if t.Empty {
			ix.empty[t.ID] = true
		}
	}
	for i := 0; i < len(items); {
		j := i + 1
		for j < len(items) && items[j].TableID == items[i].TableID && items[j].RowSeq == items[i].RowSeq {
			j++
		}
		it := &items[i]
		ix.rows[it.TableID] = append(ix.rows[it.TableID], rowRange{i, j})
		if it.TableID == ix.pathTab && it.Code != nil {
			ix.names[*it.Code] = it.Item
		}
		i = j
	}
	ix.subjects.ts = ts
	return ix
}

// cell returns the column key's cell of the only row matching match.
func (ix *index) cell(table, key string, match func(*schema.LineItem) bool) (Cell, bool) {
	if ix.empty[table] && len(ix.rows[table]) == 0 {
		return Cell{Table: table, Key: key, NoTable: true, Blank: true}, true
	}
	found := -1
	for k, r := range ix.rows[table] {
		if !match(&ix.items[r.from]) {
			continue
		}
		if found >= 0 {
			return Cell{}, false // ambiguous: no figure is certain
		}
		found = k
	}
	if found < 0 {
		return Cell{}, false
	}
	return ix.cellAt(table, found, key)
}

// cellAt returns the cell of row k of a table in the column key; row -1 is
// a table printed without data.
func (ix *index) cellAt(table string, k int, key string) (Cell, bool) {
	if k < 0 {
		return Cell{Table: table, Key: key, NoTable: true, Blank: true}, true
	}
	r := ix.rows[table][k]
	for i := r.from; i < r.to; i++ {
		it := &ix.items[i]
		if it.ColumnKey != key {
			continue
		}
		c := Cell{Table: table, Item: it.Item, Key: key, Label: it.ColumnLabel, Page: it.Page, Unit: it.Unit, Blank: it.Amount == nil}
		if it.Code != nil {
			c.Code = *it.Code
		}
		if it.Amount != nil {
			c.Value = schema.FromCents(*it.Amount)
		}
		return c, true
	}
	return Cell{}, false
}

// plainLabel drops the numbering (一、 1.) and spaces of a row label.
func plainLabel(s string) string {
	s = removeSpaces(s)
	if n := leadingNumeral(s); n != "" && strings.HasPrefix(s[len(n):], "、") {
		s = s[len(n)+len("、"):]
	}
	return stripItemNumber(s)
}

// resolve finds the table cell a figure names, if any. Only amounts, finals
// and budgets name cells; in a final account a budget only where a table
// prints one (T07).
func (ix *index) resolve(f Figure) (Cell, bool) { return ix.resolveIn(f, "") }

// resolveIn is resolve with a table meant first: the table of the total a
// list of parts opens with (一般公共预算财政拨款支出…主要用于：一般公共服务支出
// X万元 is T05's 类, not T01's row).
func (ix *index) resolveIn(f Figure, prefer string) (Cell, bool) {
	var kinds string
	switch {
	case !money(f.Unit):
		return Cell{}, false
	case ix.budget && (f.Metric == MetricAmount || f.Metric == MetricBudget):
		kinds = "\x00b"
	case !ix.budget && (f.Metric == MetricAmount || f.Metric == MetricFinal):
		kinds = "\x00f"
	case !ix.budget && f.Metric == MetricBudget:
		kinds = "b"
	default:
		return Cell{}, false
	}
	if path := codePath(f.Subject); path != nil {
		if f.Metric == MetricBudget && !ix.budget {
			return Cell{}, false
		}
		return ix.resolvePath(path)
	}
	if raw := markFolds.Replace(removeSpaces(f.Subject)); raw == "" || raw == "支出" || raw == "收入" {
		return Cell{}, false // a bare 支出 names no figure of its own
	}
	var cs []cand
	side := sideOf(f.Subject)
	for _, c := range ix.lookup(f.Subject) {
		if strings.IndexByte(kinds, c.kind) >= 0 && (side == 0 || c.side == 0 || c.side == side) {
			cs = append(cs, c)
		}
	}
	cs = keep(cs, func(c cand) bool { return c.table == prefer })
	if len(cs) == 0 {
		return Cell{}, false
	}
	minTier := cs[0].tier
	for _, c := range cs {
		minTier = min(minTier, c.tier)
	}
	cs = keep(cs, func(c cand) bool { return c.tier == minTier })
	// Two tables' headers of one name (基本支出 of T03 and of T05), or two
	// tables' row labels (本年支出合计 of T01 and T04): the least qualified
	// table's. A row label and a header of one name (B13's row 公务接待费,
	// B09's column) stay ambiguous unless they print one figure.
	minStem := [2]int{-1, -1} // per rows, columns
	for _, c := range cs {
		if k := b2i(c.col); minStem[k] < 0 || c.stem < minStem[k] {
			minStem[k] = c.stem
		}
	}
	cs = keep(cs, func(c cand) bool { return c.stem == minStem[b2i(c.col)] })
	first, ok := ix.cellAt(cs[0].table, cs[0].row, cs[0].key)
	if !ok {
		return Cell{}, false
	}
	for _, c := range cs[1:] {
		if c.table == cs[0].table && c.tier < 2 {
			continue // a total printed in both sections (T01 总计): the first
		}
		other, ok := ix.cellAt(c.table, c.row, c.key)
		if !ok || !other.Value.Equal(first.Value) || other.NoTable != first.NoTable {
			return Cell{}, false // two cells, two figures: neither is certain
		}
	}
	return first, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// keep returns the candidates that pass, or all of them when none does.
func keep(cs []cand, pass func(cand) bool) []cand {
	var out []cand
	for _, c := range cs {
		if pass(c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return cs
	}
	return out
}

// codePath splits X（类）Y（款）Z（项） into its names; nil when the subject
// names no 类.
func codePath(s string) []string {
	if !strings.Contains(s, "类") {
		return nil // most subjects: no path, and nothing to fold
	}
	s = stripListMark(removeSpaces(s))
	if hasMark(s) {
		s = markFolds.Replace(s)
	}
	s = strings.TrimSuffix(s, "科目") // “X（类）Y（款）Z（项）”科目
	if !strings.Contains(s, "（类）") {
		return nil
	}
	var out []string
	for _, m := range []string{"（类）", "（款）", "（项）"} {
		i := strings.Index(s, m)
		if i < 0 {
			break
		}
		out = append(out, s[:i])
		s = s[i+len(m):]
	}
	return out
}

// resolvePath finds the T05 row of a 类/款/项 path by its printed names,
// each level's parent checked too. A 项 whose 款 the text misnames (r02:
// 住房保障支出（款） for 22102 住房改革支出) is still found by its own name
// and its 类's, when that pair is unique.
//
// In a budget the text's 科目 may be of the general budget (B05) or of all
// funds (B03): where the two print different figures, neither is certain.
func (ix *index) resolvePath(path []string) (Cell, bool) {
	c, ok := ix.resolvePathIn(ix.pathTab, path)
	if ok && ix.budget {
		if o, found := ix.resolvePathIn("B03", path); found && !o.Value.Equal(c.Value) {
			return Cell{}, false
		}
	}
	return c, ok
}

func (ix *index) resolvePathIn(table string, path []string) (Cell, bool) {
	if c, ok := ix.matchPath(table, path, false); ok || len(path) < 3 {
		return c, ok
	}
	return ix.matchPath(table, path, true)
}

func (ix *index) matchPath(table string, path []string, skipKuan bool) (Cell, bool) {
	level := int32(len(path))
	return ix.cell(table, "total", func(it *schema.LineItem) bool {
		if it.Level == nil || *it.Level != level || it.Code == nil || len(*it.Code) != codeLen(len(path)) {
			return false
		}
		code := *it.Code
		for l := len(path); l >= 1; l-- {
			if skipKuan && l == 2 {
				continue
			}
			name := ix.names[code[:codeLen(l)]]
			if l == len(path) {
				name = it.Item
			}
			if !sameName(name, path[l-1]) {
				return false
			}
		}
		return true
	})
}

func codeLen(level int) int { return 1 + 2*level }

// sameName compares a printed row label with a name in the text, which
// may add or drop the trailing 支出.
func sameName(label, name string) bool {
	a, b := removeSpaces(label), removeSpaces(name)
	return a == b || strings.TrimSuffix(a, "支出") == strings.TrimSuffix(b, "支出")
}
