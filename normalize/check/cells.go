package check

import (
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// CellRef names one printed value cell: its table, row (row_seq) and
// column key, as in line_items.
type CellRef struct {
	Table     string
	RowSeq    int32
	ColumnKey string
}

// RunFailedCells is Run, also returning the cells each failed check read
// (the printed total and its parts), aligned with the checks: for a
// reader to point at the figures of a failed check. The other checks, and
// a failed one that read no printed cell (present), have none: listing
// the cells costs an allocation per identity, and only the failures are
// pointed at.
func RunFailedCells(reportID string, fiscalYear *int32, ts []tables.Table, items []schema.LineItem, opts ...Option) ([]schema.Check, [][]CellRef) {
	return withCells(evaluateAll(ts, items, cellsFailed, opts...), reportID, fiscalYear)
}

func withCells(rs []result, reportID string, fiscalYear *int32) ([]schema.Check, [][]CellRef) {
	checks := make([]schema.Check, len(rs))
	cells := make([][]CellRef, len(rs))
	for i, r := range rs {
		checks[i] = r.check
		checks[i].ReportID = reportID
		checks[i].FiscalYear = fiscalYear
		for _, c := range r.cells {
			cells[i] = append(cells[i], CellRef{c.table, c.seq, c.key})
		}
	}
	return checks, cells
}
