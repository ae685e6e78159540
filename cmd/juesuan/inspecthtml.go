package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/htmlpage"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/quality"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// writeHTML prints the report as one self-contained page, the failed
// checks marked in the cells they read. The checks are evaluated again
// with their cells listed: the conversion does not keep them. A failed
// narrative check marks the cell its sentence states.
func writeHTML(w io.Writer, res *pipeline.Result, shown []tables.Table, l lang.Lang) error {
	rep := shape.FromConversion(res.Report, shown, res.LineItems)
	evaluated, read := check.RunWithCells(res.Report.ReportID, res.Report.FiscalYear, res.Tables, res.LineItems)
	cells := make([][]htmlpage.CellID, len(read))
	for i, rs := range read {
		for _, c := range rs {
			cells[i] = append(cells[i], htmlpage.CellID{Table: c.Table, RowSeq: c.RowSeq, ColumnKey: c.ColumnKey})
		}
	}
	cellOf := statementCells(res.LineItems)
	for _, c := range res.Checks {
		if !strings.HasPrefix(c.CheckID, "N.") || c.Status != schema.CheckFail || c.Page == nil {
			continue
		}
		var ids []htmlpage.CellID
		for _, st := range res.Statements {
			if st.Page != *c.Page || st.Sentence == "" || !strings.Contains(c.Location, st.Sentence) {
				continue
			}
			id, ok := cellOf(st)
			if ok && statesRow(c.Location, st) && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			evaluated, cells = append(evaluated, c), append(cells, ids)
		}
	}
	return htmlpage.Write(w, rep, quality.Localize(res.Checks, l), htmlpage.CheckCells(quality.Localize(evaluated, l), cells),
		htmlpage.CellNotes(statementNotes(res.Statements, res.LineItems)), htmlpage.Language(l))
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

// statementCells finds the cell a statement names, by table, row code (or
// row item for a row without a code) and column key.
func statementCells(items []schema.LineItem) func(schema.Statement) (htmlpage.CellID, bool) {
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
	return func(st schema.Statement) (htmlpage.CellID, bool) {
		if st.TableID == nil || st.ColumnKey == nil {
			return htmlpage.CellID{}, false
		}
		k := rowKey{table: *st.TableID, column: *st.ColumnKey}
		switch {
		case st.RowCode != nil:
			k.code = *st.RowCode
		case st.RowItem != nil:
			k.item = *st.RowItem
		}
		rs, ok := seq[k]
		return htmlpage.CellID{Table: k.table, RowSeq: rs, ColumnKey: k.column}, ok
	}
}

// statementNotes puts each sentence of the report's text beside the table
// figure it states.
func statementNotes(sts []schema.Statement, items []schema.LineItem) map[htmlpage.CellID][]htmlpage.Note {
	cellOf := statementCells(items)
	notes := map[htmlpage.CellID][]htmlpage.Note{}
	for _, st := range sts {
		id, ok := cellOf(st)
		if !ok {
			continue
		}
		notes[id] = append(notes[id], htmlpage.Note{Kind: "statement",
			Text: fmt.Sprintf("page %d, %s: %s", st.Page, st.Section, st.Sentence)})
	}
	return notes
}
