package juesuan

import (
	"slices"
	"strings"

	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// pointCells completes Result.CheckCells, which holds the cells of the
// failed accounting checks (aligned with their first rows of
// Result.Checks), for the checks after them: a failed narrative check
// (N.*) points at the cell its sentence states, when that figure is in a
// table. The statements are matched to cells only when such a check
// failed: most reports have none.
func pointCells(res *Result, accounting [][]check.CellRef) {
	cells := append(accounting, make([][]check.CellRef, len(res.Checks)-len(accounting))...)
	var cellOf func(schema.Statement) (check.CellRef, bool)
	for i, c := range res.Checks[len(accounting):] {
		if !strings.HasPrefix(c.CheckID, "N.") || c.Status != schema.CheckFail || c.Page == nil {
			continue
		}
		if cellOf == nil {
			cellOf = statementCells(res.LineItems)
		}
		var ids []check.CellRef
		for _, st := range res.Statements {
			if st.Page != *c.Page || st.Sentence == "" || !strings.Contains(c.Location, st.Sentence) {
				continue
			}
			id, ok := cellOf(st)
			if ok && statesRow(c.Location, st) && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		cells[len(accounting)+i] = ids
	}
	res.CheckCells = cells
}

// statesRow reports whether a narrative check's location names the row a
// statement states: a sentence may state several figures, the check
// concerns one ("… vs T05 “210 卫生健康支出” 合计 = …").
func statesRow(location string, st schema.Statement) bool {
	_, vs, ok := strings.Cut(location, " vs ")
	if !ok {
		return false
	}
	switch {
	case st.RowCode != nil:
		return strings.Contains(vs, "“"+*st.RowCode+" ")
	case st.RowItem != nil:
		return strings.Contains(vs, "“"+*st.RowItem+"”")
	}
	return false
}

// StatementCells returns the function that finds the table cell a
// statement states (Result.Statements), by table, row code (or row item
// for a row without a code) and column key: for a reader to put the
// report's sentences beside the figures they state. A statement of no
// table figure, or of one not among the line items, has none.
func (r *Result) StatementCells() func(schema.Statement) (check.CellRef, bool) {
	return statementCells(r.LineItems)
}

func statementCells(items []schema.LineItem) func(schema.Statement) (check.CellRef, bool) {
	type rowKey struct{ table, code, item, column string }
	seq := map[rowKey]int32{}
	for _, it := range items {
		k := rowKey{table: it.TableID, column: it.ColumnKey}
		if it.Code != nil {
			k.code = *it.Code
		} else {
			k.item = it.Item
		}
		if _, ok := seq[k]; !ok { // the first row of a label printed twice
			seq[k] = it.RowSeq
		}
	}
	return func(st schema.Statement) (check.CellRef, bool) {
		if st.TableID == nil || st.ColumnKey == nil {
			return check.CellRef{}, false
		}
		k := rowKey{table: *st.TableID, column: *st.ColumnKey}
		switch {
		case st.RowCode != nil:
			k.code = *st.RowCode
		case st.RowItem != nil:
			k.item = *st.RowItem
		}
		rs, ok := seq[k]
		return check.CellRef{Table: k.table, RowSeq: rs, ColumnKey: k.column}, ok
	}
}
