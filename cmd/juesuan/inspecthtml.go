package main

import (
	"fmt"
	"io"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/htmlpage"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/quality"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize/check"
)

// writeHTML prints the report as one self-contained page, the failed
// checks marked in the cells they read (Result.CheckCells), and each
// sentence of the report's text beside the figure it states.
func writeHTML(w io.Writer, res *juesuan.Result, shown []tables.Table, l lang.Lang) error {
	rep := shape.FromConversion(res.Report, shown, res.LineItems)
	checks := quality.Localize(res.Checks, l)
	return htmlpage.Write(w, rep, checks, htmlpage.CheckCells(checks, cellIDs(res.CheckCells)),
		htmlpage.CellNotes(statementNotes(res)), htmlpage.Language(l))
}

// cellIDs names the cells of the checks as the page does.
func cellIDs(read [][]check.CellRef) [][]htmlpage.CellID {
	cells := make([][]htmlpage.CellID, len(read))
	for i, rs := range read {
		for _, c := range rs {
			cells[i] = append(cells[i], htmlpage.CellID{Table: c.Table, RowSeq: c.RowSeq, ColumnKey: c.ColumnKey})
		}
	}
	return cells
}

// statementNotes puts each sentence of the report's text beside the table
// figure it states.
func statementNotes(res *juesuan.Result) map[htmlpage.CellID][]htmlpage.Note {
	cellOf := res.StatementCells()
	notes := map[htmlpage.CellID][]htmlpage.Note{}
	for _, st := range res.Statements {
		c, ok := cellOf(st)
		if !ok {
			continue
		}
		id := htmlpage.CellID{Table: c.Table, RowSeq: c.RowSeq, ColumnKey: c.ColumnKey}
		notes[id] = append(notes[id], htmlpage.Note{Kind: "statement",
			Text: fmt.Sprintf("page %d, %s: %s", st.Page, st.Section, st.Sentence)})
	}
	return notes
}
