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

// budgetTables finds the budget tables (B01…B13) of a document whose text
// says it is a budget, or that holds no final-account table and does not
// say what it is. A final account keeps what the first search found: the
// budget titles are never tried on it.
func budgetTables(ctx context.Context, pages []*extract.Page, lines [][]string, found []tables.Table, errs []error, meta normalize.Meta) ([]tables.Table, []error, normalize.Meta, error) {
	if meta.DocKind != schema.KindBudget && (len(found) > 0 || meta.DocKind != schema.KindUnknown) {
		return found, errs, meta, nil
	}
	budget, budgetErrs, err := tables.FindContext(ctx, pages, tables.WithKind(tables.Budget))
	if err != nil {
		return nil, nil, meta, err
	}
	if len(budget) == 0 && meta.DocKind != schema.KindBudget {
		return found, errs, meta, nil
	}
	return budget, budgetErrs, normalize.DetectMeta(lines, budget), nil
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
