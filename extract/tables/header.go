package tables

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// role is what an atomic grid column holds.
type role int

const (
	roleNone      role = iota
	roleCode           // one joined code column
	roleCodeLei        // split code: 类
	roleCodeKuan       // 款
	roleCodeXiang      // 项
	roleItem           // 科目名称 / 项目
	roleLineNo         // 行次
	roleValue
	roleText // a column of words kept apart (Column.Text)
)

func (r role) isCode() bool { return r >= roleCode && r <= roleCodeXiang }

// colSpec describes one atomic column of a table's grid.
type colSpec struct {
	role   role
	group  int     // side/block index (0-based) for two-sided and multi-block tables
	col    int     // index into Table.Columns for value and word columns, else -1
	x0, x1 float64 // span on the page, to map continuation grids
}

// layout is the column structure of a table, read from its header.
type layout struct {
	cols   []colSpec
	groups int
	xs     []float64 // atomic boundaries of the grid the header came from
	// words are the header's cell texts (textfold.Key), every column's: a
	// continuation page's repeated header is made of them.
	words map[string]bool
	// spill are cells below the header holding the rest of a word
	// column's cut-short header (headerSpill): not data.
	spill map[*grid.Cell]bool
	// heads are each atomic column's header path as matched (textfold.Key,
	// levels joined with "/"), numbers its 栏次 number ("" where none):
	// what a continuation page laid out anew prints over the same column.
	heads, numbers []string
}

var (
	amountRe = regexp.MustCompile(`^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-−]?\.\d+$`)
	codeRe   = regexp.MustCompile(`^\d{3,}$|^\d{3}\s*\d{2}(\s*\d{2,})?$`)
	enumRe   = regexp.MustCompile(`^[一二三四五六七八九十]+、|^\([一二三四五六七八九十]+\)`)
)

// isColumnNumberRow reports whether a row is the 栏次 row ("栏次 1 2 3 …").
func isColumnNumberRow(texts []string) bool {
	nums, last := 0, 0
	for _, t := range texts {
		t = textfold.Key(t)
		switch {
		case t == "":
		case isColumnNumberWord(t) || t == "项目" || t == "合计":
		case isColumnNumber(t):
			n, _ := strconv.Atoi(t)
			if n <= last {
				return false
			}
			last = n
			nums++
		default:
			return false
		}
	}
	return nums >= 2
}

// isDataRow reports whether a row holds data rather than header words: an
// amount with decimals, a subject code, or an enumerated item (一、…).
func isDataRow(texts []string) bool {
	for _, t := range texts {
		t = textfold.Key(t)
		if isDataText(t) {
			return true
		}
	}
	return false
}

func rowTexts(g *grid.Grid, r int) []string {
	cells := g.RowCells(r)
	if len(cells) == 0 {
		return nil
	}
	out := make([]string, 0, len(cells))
	for _, c := range cells {
		if c.Row == r {
			out = append(out, c.Text)
		}
	}
	return out
}

// headerRows counts the leading rows of g that are header (words, no data)
// or 栏次 rows.
func headerRows(g *grid.Grid, start int) int {
	for r := start; r < g.Rows(); r++ {
		texts := rowTexts(g, r)
		if isColumnNumberRow(texts) {
			return r + 1
		}
		if isDataRow(texts) || isTotalOnlyRow(g, r) {
			return r
		}
	}
	return g.Rows()
}

var totalLabelRe = regexp.MustCompile(`^(合计|总计|人员经费合计|公用经费合计)$`)

// isTotalOnlyRow reports a 合计 row printed without amounts (an empty
// table's total line): its only text is the total label, in the first
// column. A header row naming 合计 has other header words beside it.
func isTotalOnlyRow(g *grid.Grid, r int) bool {
	var texts []*grid.Cell
	for _, c := range g.RowCells(r) {
		if c.Row == r && strings.TrimSpace(c.Text) != "" {
			texts = append(texts, c)
		}
	}
	return len(texts) == 1 && texts[0].Col == 0 && r > 0 && totalLabelRe.MatchString(textfold.Key(texts[0].Text))
}

// columnPaths returns, per atomic column, the distinct non-empty header cell
// texts covering it from the top down.
func columnPaths(g *grid.Grid, start, h int) [][]string {
	paths := make([][]string, g.Cols())
	numberRows := map[int]bool{}
	for r := start; r < h; r++ {
		numberRows[r] = isColumnNumberRow(rowTexts(g, r))
	}
	for c := 0; c < g.Cols(); c++ {
		var last *grid.Cell
		for r := start; r < h; r++ {
			cell := g.At(r, c)
			if cell == last || numberRows[r] {
				continue
			}
			last = cell
			if t := textfold.CleanText(cell.Text); t != "" {
				paths[c] = append(paths[c], t)
			}
		}
	}
	return paths
}

// roleOf classifies a column by the deepest header word that names a role.
func roleOf(path []string) role {
	for i := len(path) - 1; i >= 0; i-- {
		p := textfold.Key(path[i])
		switch {
		case p == "类":
			return roleCodeLei
		case p == "款":
			return roleCodeKuan
		case p == "项":
			return roleCodeXiang
		case isCodeHeader(p):
			return roleCode
		case isLineNoHeader(p):
			return roleLineNo
		case isItemHeader(p):
			return roleItem
		}
	}
	return roleValue
}

// buildLayout reads the header of a table's first grid into its columns.
func buildLayout(id string, g *grid.Grid, start, h int) (*layout, []Column, error) {
	paths := columnPaths(g, start, h)
	lay := &layout{xs: append([]float64(nil), g.Xs...), words: map[string]bool{}}
	lay.heads, lay.numbers = headsOf(paths), columnNumbers(g, start, h)
	for _, p := range paths {
		for _, w := range p {
			lay.words[textfold.Key(w)] = true
		}
	}
	group, sawValue := 0, false
	for c, p := range paths {
		r := roleOf(p)
		if len(p) == 0 {
			r = roleNone
			// A multi-level header may leave the cell over its second
			// level of labels empty (Jiangsu 收入预算总表: 项目名称 over
			// the fund, nothing over 小计 / 公共财政拨款(补助)资金 …):
			// beside a label column, a column printing words is labels;
			// a column printing figures is a value column all the same.
			if !sawValue && lastRole(lay.cols) == roleItem && holdsWords(g, c, h) {
				r = roleItem
			} else if holdsAmounts(g, c, h) {
				r = roleValue
			}
		}
		if r == roleValue && budgetTextColumn(id, p) {
			// The first column of words is the row's label (合计, 一、货物A);
			// the others are kept apart, each its own column.
			r = roleText
			if !slices.ContainsFunc(lay.cols, func(cs colSpec) bool { return cs.role == roleItem }) {
				r = roleItem
			}
			if rest := headerSpill(g, c, h, p); rest != "" {
				paths[c][len(p)-1] += rest
				p = paths[c]
				if lay.spill == nil {
					lay.spill = map[*grid.Cell]bool{}
				}
				lay.spill[g.At(h, c)] = true
			}
		}
		if r != roleValue && r != roleText && r != roleNone && sawValue {
			group++
			sawValue = false
		}
		if r == roleValue {
			sawValue = true
		}
		lay.cols = append(lay.cols, colSpec{role: r, group: group, col: -1, x0: g.Xs[c], x1: g.Xs[c+1]})
	}
	lay.groups = group + 1

	var cols []Column
	used := map[string]bool{}
	n := 0
	var budgetSecs []string
	if id == B01 || id == B04 {
		budgetSecs = budgetSections(lay, paths)
	}
	for c := range lay.cols {
		cs := &lay.cols[c]
		if cs.role != roleValue && cs.role != roleText {
			continue
		}
		// Merged header cells spanning several atomic columns with no data
		// boundary between them would yield duplicates; keep the first.
		if c > 0 && lay.cols[c-1].role == cs.role && sameCellColumn(g, c) {
			cs.role = roleNone
			continue
		}
		n++
		sec := sectionOf(id, lay, cs.group, paths)
		if budgetSecs != nil {
			sec = budgetSecs[cs.group]
		}
		key := columnKey(id, sec, paths[c])
		if cs.role == roleText {
			key = textColumnKey(paths[c], n)
		}
		if key == "" {
			key = fmt.Sprintf("col_%d", n)
		}
		label := strings.Join(paths[c], "/")
		if id == T06 {
			// The 2nd and 3rd blocks of a three-block T06 are both 公用经费:
			// one column, not amount and amount_2.
			if i, ok := findColumn(cols, sec, key, label); ok {
				cs.col = i
				continue
			}
		}
		for k, i := key, 2; used[sec+"/"+key]; i++ {
			key = fmt.Sprintf("%s_%d", k, i)
		}
		used[sec+"/"+key] = true
		cs.col = len(cols)
		cols = append(cols, Column{Section: sec, Key: key, Label: label, Text: cs.role == roleText})
	}
	if !slices.ContainsFunc(cols, func(c Column) bool { return !c.Text }) {
		return nil, nil, fmt.Errorf("%s on page %d: header has no value columns", id, g.Page)
	}
	return lay, cols, nil
}

// sameCellColumn reports whether column c is covered, in every row of the
// grid, by the same cell as column c-1 (a boundary drawn nowhere).
func sameCellColumn(g *grid.Grid, c int) bool {
	for r := 0; r < g.Rows(); r++ {
		if g.At(r, c) != g.At(r, c-1) {
			return false
		}
	}
	return true
}

// sectionOf names a column group's section for two-sided and block tables.
func sectionOf(id string, lay *layout, group int, paths [][]string) string {
	switch id {
	case T01, T04:
		for c, cs := range lay.cols {
			if cs.group != group || len(paths[c]) == 0 {
				continue
			}
			top := paths[c][0]
			if strings.HasPrefix(top, "收入") {
				return SectionIncome
			}
			if strings.HasPrefix(top, "支出") {
				return SectionExpenditure
			}
		}
		if group == 0 {
			return SectionIncome
		}
		return SectionExpenditure
	case T06:
		for c, cs := range lay.cols {
			if cs.group != group {
				continue
			}
			for _, p := range paths[c] {
				if strings.Contains(p, "人员经费") {
					return SectionPersonnel
				}
				if strings.Contains(p, "公用经费") {
					return SectionPublic
				}
			}
		}
		if lay.groups == 1 {
			return ""
		}
		if group == 0 {
			return SectionPersonnel
		}
		return SectionPublic
	}
	return ""
}

func findColumn(cols []Column, sec, key, label string) (int, bool) {
	for i, c := range cols {
		if c.Section == sec && c.Key == key && c.Label == label {
			return i, true
		}
	}
	return -1, false
}

// holdsWords reports whether the body of column c (rows from h) prints
// words and no amount: the column holds labels, whatever its header says.
func holdsWords(g *grid.Grid, c, h int) bool {
	words := false
	for r := h; r < g.Rows(); r++ {
		cell := g.At(r, c)
		if cell == nil || cell.Row != r || cell.Col != c {
			continue // empty, or text belonging to a merged cell's origin elsewhere
		}
		t := textfold.Key(cell.Text)
		switch {
		case t == "":
		case amountRe.MatchString(t):
			return false
		default:
			words = true
		}
	}
	return words
}

// lastRole is the role of the last column with one, roleNone when none has.
func lastRole(cols []colSpec) role {
	for i := len(cols) - 1; i >= 0; i-- {
		if cols[i].role != roleNone {
			return cols[i].role
		}
	}
	return roleNone
}

// holdsAmounts reports whether the body of column c prints amounts.
func holdsAmounts(g *grid.Grid, c, h int) bool {
	for r := h; r < g.Rows(); r++ {
		if cell := g.At(r, c); cell != nil && cell.Row == r && cell.Col == c && cell.ColSpan == 1 && isDecimal(textfold.Key(cell.Text)) {
			return true
		}
	}
	return false
}
