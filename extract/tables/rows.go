package tables

import (
	"math"
	"strings"

	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// mapColumns maps each atomic column of g to the layout column whose span
// holds its centre (-1 when none), for grids continuing a table. dx is how
// far g is shifted right of the layout's grid (pages with other margins).
func mapColumns(lay *layout, g *grid.Grid, dx float64) []int {
	out := make([]int, g.Cols())
	for c := range out {
		out[c] = -1
		mid := (g.Xs[c]+g.Xs[c+1])/2 - dx
		for i, cs := range lay.cols {
			if mid >= cs.x0 && mid <= cs.x1 {
				out[c] = i
				break
			}
		}
	}
	return out
}

// sameStructure reports whether g has the column structure of lay, as a
// continuation page has (with or without its header): the same boundaries
// within tol once the left edges are aligned, or one set of boundaries a
// subset of the other (a boundary drawn only in the header, or only in the
// body). It returns the horizontal shift of g.
func sameStructure(lay *layout, g *grid.Grid, tol float64) (float64, bool) {
	if len(g.Xs) < 3 || len(lay.xs) < 3 {
		return 0, false
	}
	dx := g.Xs[0] - lay.xs[0]
	if math.Abs(g.Xs[len(g.Xs)-1]-dx-lay.xs[len(lay.xs)-1]) > tol {
		return 0, false
	}
	shifted := make([]float64, len(g.Xs))
	for i, x := range g.Xs {
		shifted[i] = x - dx
	}
	small, large := shifted, lay.xs
	if len(small) > len(large) {
		small, large = large, small
	}
	for _, x := range small {
		if !nearAny(x, large, tol) {
			return 0, false
		}
	}
	// A superset may add at most a third more boundaries: a different table
	// with a few aligned rules is not a continuation.
	if float64(len(large)) > 1.34*float64(len(small)) {
		return 0, false
	}
	return dx, true
}

func nearAny(x float64, xs []float64, tol float64) bool {
	for _, v := range xs {
		if math.Abs(v-x) <= tol {
			return true
		}
	}
	return false
}

// groupRow collects the printed parts of one side/block of a grid row.
type groupRow struct {
	code     [roleCodeXiang + 1]string // by code role
	item     string
	lineNo   string
	values   []string     // Table.Columns index -> text
	at       [][2]float64 // Table.Columns index -> centre of its first box
	nonEmpty bool
}

// extractRows reads the data rows [from, Rows) of g with the table's layout,
// colMap mapping g's atomic columns to the layout's. Rows are returned per
// group (side/block) in print order.
func extractRows(t *Table, lay *layout, g *grid.Grid, from int, colMap []int) [][]Row {
	out := make([][]Row, lay.groups)
	for r := from; r < g.Rows(); r++ {
		texts := rowTexts(g, r)
		if isColumnNumberRow(texts) || (!isDataRow(texts) && looksLikeHeader(t, lay, texts)) {
			continue
		}
		parts := make([]*groupRow, lay.groups)
		for _, cell := range g.RowCells(r) {
			if cell.Row != r {
				continue // text of a vertically merged cell belongs to its first row
			}
			text := strings.TrimSpace(cell.Text)
			if text == "" || lay.spill[cell] {
				continue
			}
			spec, ok := cellRole(lay, colMap, cell)
			if !ok {
				continue
			}
			p := parts[spec.group]
			if p == nil {
				p = &groupRow{values: make([]string, len(t.Columns)), at: make([][2]float64, len(t.Columns))}
				parts[spec.group] = p
			}
			p.nonEmpty = true
			switch {
			case spec.role.isCode():
				p.code[spec.role] = joinPart(p.code[spec.role], text)
			case spec.role == roleItem:
				p.item = joinPart(p.item, textfold.CleanText(text))
			case spec.role == roleLineNo:
				p.lineNo = joinPart(p.lineNo, text)
			case spec.role == roleValue || spec.role == roleText:
				if spec.role == roleText {
					text = textfold.CleanText(text)
				}
				if spec.col >= 0 && spec.col < len(p.values) { // (other columns are never read)
					if p.values[spec.col] == "" {
						p.at[spec.col] = [2]float64{(cell.X0 + cell.X1) / 2, (cell.Y0 + cell.Y1) / 2}
					}
					p.values[spec.col] = joinPart(p.values[spec.col], text)
				}
			}
		}
		for gi, p := range parts {
			if p == nil || !p.nonEmpty {
				continue
			}
			out[gi] = append(out[gi], makeRow(t, lay, gi, g.Page, p))
		}
	}
	return out
}

func joinPart(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// cellRole decides what a (possibly merged) cell holds: a cell reaching into
// an item column is a label (合计 spanning 编码 and 名称), else the role of the
// first mapped column it covers.
func cellRole(lay *layout, colMap []int, cell *grid.Cell) (colSpec, bool) {
	var first, item *colSpec
	for c := cell.Col; c < cell.Col+cell.ColSpan; c++ {
		i := colMap[c]
		if i < 0 || lay.cols[i].role == roleNone {
			continue
		}
		cs := lay.cols[i]
		if cs.role == roleItem {
			// A label spanning blocks (公用经费合计 across the 2nd and 3rd
			// T06 blocks) belongs to the last block, where its amount is.
			item = &cs
		}
		if first == nil {
			first = &cs
		}
	}
	if item != nil {
		return *item, true
	}
	if first == nil {
		return colSpec{}, false
	}
	return *first, true
}

// looksLikeHeader reports a repeated header row on a continuation page: no
// data, and every non-empty cell is a word of the table's header (a value
// column's label, or the header of a column read into the item).
func looksLikeHeader(t *Table, lay *layout, texts []string) bool {
	labels := map[string]bool{}
	for _, c := range t.Columns {
		for _, p := range strings.Split(c.Label, "/") {
			labels[p] = true
		}
	}
	n := 0
	for _, s := range texts {
		s = textfold.Key(s)
		if s == "" {
			continue
		}
		n++
		if !labels[s] && !lay.words[s] && roleOf([]string{s}) == roleValue {
			return false
		}
	}
	return n > 0
}

// makeRow builds a Row from one group's parts.
func makeRow(t *Table, lay *layout, group, page int, p *groupRow) Row {
	row := Row{Page: page, LineNo: p.lineNo, Item: p.item, Code: []string{}}
	// Code columns present in this group decide the code shape.
	var split, joined bool
	for _, cs := range lay.cols {
		if cs.group != group {
			continue
		}
		switch cs.role {
		case roleCode:
			joined = true
		case roleCodeLei, roleCodeKuan, roleCodeXiang:
			split = true
		}
	}
	switch {
	case split:
		parts := []string{p.code[roleCodeLei], p.code[roleCodeKuan], p.code[roleCodeXiang]}
		if parts[0]+parts[1]+parts[2] != "" {
			row.Code = parts
		}
	case joined && p.code[roleCode] != "":
		row.Code = []string{p.code[roleCode]}
	}
	// A label printed in the code column (合计 under 科目编码) is the item.
	if len(row.Code) > 0 && !strings.ContainsAny(strings.Join(row.Code, ""), "0123456789") {
		if row.Item == "" {
			row.Item = textfold.CleanText(strings.Join(row.Code, ""))
		}
		row.Code = []string{}
	}
	section := lay.groupSection(t, group)
	n := 0
	for _, c := range t.Columns {
		if c.Section == "" || section == c.Section {
			n++
		}
	}
	if n > 0 { // stays nil without columns, as before
		row.Cells = make([]Cell, 0, n)
	}
	for i, c := range t.Columns {
		if c.Section != "" && section != c.Section {
			continue
		}
		row.Cells = append(row.Cells, Cell{Key: c.Key, Label: c.Label, Text: p.values[i], x: p.at[i][0], y: p.at[i][1]})
	}
	row.Section = section
	return row
}

// groupSection is the section of a column group, taken from the table's
// columns (set from the header).
func (l *layout) groupSection(t *Table, group int) string {
	for _, cs := range l.cols {
		if cs.group == group && cs.col >= 0 {
			return t.Columns[cs.col].Section
		}
	}
	return ""
}
