package juesuan

import (
	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/normalize/narrative"
	"github.com/juesuan/juesuan/schema"
)

// readNarrative reads the report's text outside the tables: its figures
// become statements, and the narrative checks (N.*, D.*) join the checks.
func readNarrative(res *Result, pages []*extract.Page, lines [][]string, meta normalize.Meta, reprintPages []int) {
	byNumber := make([]*extract.Page, len(lines)+1)
	for _, p := range pages {
		if p.Number >= 1 && p.Number <= len(lines) {
			byNumber[p.Number] = p
		}
	}
	columns := func(n int) []string {
		if p := byNumber[n]; p != nil {
			return p.TextColumns()
		}
		return nil
	}
	a := narrative.Analyze(narrative.Input{Pages: lines, Tables: res.Tables, ReprintPages: reprintPages, Items: res.LineItems,
		Columns: columns, Department: meta.Department, FiscalYear: meta.FiscalYear, Budget: meta.DocKind == schema.KindBudget})
	r := res.Report
	res.Statements = a.Statements(r.ReportID, r.FiscalYear, r.Department)
	for i := range a.Checks {
		a.Checks[i].ReportID, a.Checks[i].FiscalYear = r.ReportID, r.FiscalYear
	}
	res.Checks = append(res.Checks, a.Checks...)
}
