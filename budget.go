package juesuan

import (
	"context"
	"regexp"
	"strings"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// findTables finds the report's tables, its kind decided once and its
// pages analysed once. A report whose cover names its kind is searched
// with that kind's titles alone. Else the final-account titles are tried
// first: their tables' titles, or failing that the text's phrases, name
// the kind (normalize.Text.Kind), and a report that says it is a budget,
// or that holds no final-account table and does not say what it is, is
// searched for the budget tables (B01…B13) on the same analysis. A final
// account keeps what the first search found.
func findTables(ctx context.Context, pages []*extract.Page, text *normalize.Text) ([]tables.Table, []error, error) {
	switch text.CoverKind() {
	case schema.KindFinal:
		return tables.FindContext(ctx, pages)
	case schema.KindBudget:
		return tables.FindContext(ctx, pages, tables.WithKind(tables.Budget))
	}
	a, err := tables.Analyze(ctx, pages)
	if err != nil {
		return nil, nil, err
	}
	found, errs := a.FindKind(tables.Final)
	kind := text.Kind(found)
	if kind != schema.KindBudget && (len(found) > 0 || kind != schema.KindUnknown) {
		return found, errs, ctx.Err()
	}
	budget, budgetErrs := a.FindKind(tables.Budget)
	if len(budget) == 0 && kind != schema.KindBudget {
		return found, errs, ctx.Err()
	}
	return budget, budgetErrs, ctx.Err()
}

// maxNarrativeAmountLines is how many lines ending in an amount a budget's
// text part may print (a small table in its explanations): the tables of a
// budget print dozens, one per row.
const maxNarrativeAmountLines = 20

var amountAtEnd = regexp.MustCompile(`(^|\s)[-−]?[\d,]*\d\.\d{2}$`)

// narrativeOnly reports a budget's text part published apart from its
// tables (部门预算公开表附后): a report with zero tables that is what it
// should be. A budget printing table rows none of which was recognised is
// not one.
func narrativeOnly(meta normalize.Meta, lines [][]string) bool {
	if meta.DocKind != schema.KindBudget {
		return false
	}
	n := 0
	for _, page := range lines {
		for _, l := range page {
			l = strings.TrimSpace(l)
			if l != "" && l[len(l)-1] >= '0' && l[len(l)-1] <= '9' && amountAtEnd.MatchString(l) {
				n++
			}
		}
	}
	return n <= maxNarrativeAmountLines
}
