package juesuan

import (
	"fmt"
	"strings"

	"github.com/juesuan/juesuan/extract/tables"
)

// examplesPerPage bounds the unplaced figures a report's error names per
// page and reason.
const examplesPerPage = 3

// accountFigures totals the figure ledgers of the tables a report keeps,
// and makes the report partial when a figure printed in them landed in no
// cell or in two, naming the pages and a few of the figures.
func accountFigures(res *Result, kept []tables.Table) {
	l := ledgerOf(kept, nil)
	p, u := int32(l.Printed), int32(len(l.Unplaced))
	res.Report.FiguresPrinted, res.Report.FiguresUnplaced = &p, &u
	for _, t := range kept {
		for _, h := range t.Ledger.Headless {
			setPartial(res, fmt.Sprintf("table %s %s: %s", t.ID, t.Title, h))
		}
	}
	if len(l.Unplaced) > 0 {
		var msgs []string
		for _, t := range kept {
			if e := t.Ledger.Error(examplesPerPage); e != "" {
				msgs = append(msgs, fmt.Sprintf("table %s %s: %s", t.ID, t.Title, e))
			}
		}
		setPartial(res, fmt.Sprintf("%d of the %d figures printed in the tables are in no cell of the dataset or in two (check these pages against the PDF with `juesuan inspect`): %s",
			len(l.Unplaced), l.Printed, strings.Join(msgs, "; ")))
	}
}
