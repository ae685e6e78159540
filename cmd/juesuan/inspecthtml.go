package main

import (
	"fmt"
	"io"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/htmlpage"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// writeHTML prints the report as one self-contained page, the failed
// checks marked in the cells they read. The checks are evaluated again
// with their cells listed: the conversion does not keep them.
func writeHTML(w io.Writer, res *pipeline.Result, shown []tables.Table) error {
	rep := shape.FromConversion(res.Report, shown, res.LineItems)
	evaluated, read := check.RunWithCells(res.Report.ReportID, res.Report.FiscalYear, res.Tables, res.LineItems)
	cells := make([][]htmlpage.CellID, len(read))
	for i, rs := range read {
		for _, c := range rs {
			cells[i] = append(cells[i], htmlpage.CellID{Table: c.Table, RowSeq: c.RowSeq, ColumnKey: c.ColumnKey})
		}
	}
	return htmlpage.Write(w, rep, res.Checks, htmlpage.CheckCells(evaluated, cells),
		htmlpage.CellNotes(statementNotes(res.Statements, res.LineItems)))
}

// statementNotes puts each sentence of the report's text beside the table
// figure it states: the statement names its cell by table, row code (or
// row item for a row without a code) and column key.
func statementNotes(sts []schema.Statement, items []schema.LineItem) map[htmlpage.CellID][]htmlpage.Note {
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
	notes := map[htmlpage.CellID][]htmlpage.Note{}
	for _, st := range sts {
		if st.TableID == nil || st.ColumnKey == nil {
			continue
		}
		k := rowKey{table: *st.TableID, column: *st.ColumnKey}
		switch {
		case st.RowCode != nil:
			k.code = *st.RowCode
		case st.RowItem != nil:
			k.item = *st.RowItem
		}
		rs, ok := seq[k]
		if !ok {
			continue
		}
		id := htmlpage.CellID{Table: k.table, RowSeq: rs, ColumnKey: k.column}
		notes[id] = append(notes[id], htmlpage.Note{Kind: "statement",
			Text: fmt.Sprintf("page %d, %s: %s", st.Page, st.Section, st.Sentence)})
	}
	return notes
}
