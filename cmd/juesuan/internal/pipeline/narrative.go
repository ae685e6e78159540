package pipeline

import (
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/normalize/narrative"
	"github.com/juesuan/juesuan/schema"
)

// readNarrative reads the report's text outside the tables: its figures
// become statements, and the narrative checks (N.*, D.*) join the checks.
func readNarrative(res *Result, lines [][]string, meta normalize.Meta, reprintPages []int) {
	a := narrative.Analyze(narrative.Input{Pages: lines, Tables: res.Tables, ReprintPages: reprintPages, Items: res.LineItems,
		Department: meta.Department, FiscalYear: meta.FiscalYear, Budget: meta.DocKind == schema.KindBudget})
	r := res.Report
	res.Statements = a.Statements(r.ReportID, r.FiscalYear, r.Department)
	for i := range a.Checks {
		a.Checks[i].ReportID, a.Checks[i].FiscalYear = r.ReportID, r.FiscalYear
	}
	res.Checks = append(res.Checks, a.Checks...)
}
