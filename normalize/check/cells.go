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

// RunWithCells is Run, also returning the cells each check read (the
// printed total and its parts), aligned with the checks: for a reader to
// point at the figures of a failed check. A check that read no printed
// cell (present, skipped) has none. Run does not list them: it costs an
// allocation per identity that a conversion does not need.
func RunWithCells(reportID string, fiscalYear *int32, ts []tables.Table, items []schema.LineItem, opts ...Option) ([]schema.Check, [][]CellRef) {
	rs := evaluateAll(ts, items, true, opts...)
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
