package main

import (
	"io"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/htmlpage"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize/check"
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
	return htmlpage.Write(w, rep, res.Checks, htmlpage.CheckCells(evaluated, cells))
}
