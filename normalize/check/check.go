package check

import (
	"sync"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// Option changes how Run evaluates a report.
type Option func(*config)

type config struct {
	blankInstances bool
	expected       []string
}

// WithBlankInstances makes Run emit identities whose figures are all blank
// (0 = 0). By default they are left out: nothing was printed to check.
func WithBlankInstances(on bool) Option {
	return func(c *config) { c.blankInstances = on }
}

// WithExpectedTables sets which standard tables the report must contain
// (default: all nine). A missing table that is not expected gets no present
// check, but the identities that need it are still skipped.
func WithExpectedTables(ids ...string) Option {
	return func(c *config) { c.expected = append([]string(nil), ids...) }
}

// family is one kind of identity and the tables it reads.
type family struct {
	id    string
	desc  string
	needs []string
	eval  func(rep report) []identityOrSkip
}

// identityOrSkip is either an identity to evaluate or a row already decided
// as skipped (e.g. a cross-table match that cannot be made).
type identityOrSkip struct {
	id   *identity
	skip *schema.Check
}

func ev(ids ...identity) []identityOrSkip {
	out := make([]identityOrSkip, len(ids))
	for i := range ids {
		out[i] = identityOrSkip{id: &ids[i]}
	}
	return out
}

// Run evaluates every identity of a report. ts are the logical tables found
// in the report; items are their normalized line items. Rows come in a fixed
// order: present checks T01…T09, then each family in the order of families,
// instances in table row and column order.
func Run(reportID string, fiscalYear *int32, ts []tables.Table, items []schema.LineItem, opts ...Option) []schema.Check {
	rs := evaluateAll(ts, items, cellsNone, opts...)
	out := make([]schema.Check, len(rs))
	for i, r := range rs {
		out[i] = r.check
		out[i].ReportID = reportID
		out[i].FiscalYear = fiscalYear
	}
	return out
}

// result is one checks row with the cells it read, so that tests can tell
// which checks involve a given cell.
type result struct {
	check schema.Check
	cells []cellRef
}

// cellRef names one value cell: table, row_seq, column key.
type cellRef struct {
	table string
	seq   int32
	key   string
}

// run evaluates every identity and records the cells each one read, for
// tests that ask which checks a cell takes part in.
func run(ts []tables.Table, items []schema.LineItem, opts ...Option) []result {
	return evaluateAll(ts, items, cellsAll, opts...)
}

// cellsOf says of which checks evaluateAll lists the cells they read:
// listing them allocates per identity, so a conversion lists only the
// failed ones' (what a reader is pointed at).
type cellsOf int

const (
	cellsNone cellsOf = iota
	cellsFailed
	cellsAll
)

// evaluateAll evaluates every identity, recording the cells read by the
// checks withCells names.
func evaluateAll(ts []tables.Table, items []schema.LineItem, withCells cellsOf, opts ...Option) []result {
	cfg := &config{expected: standardTables}
	fams := allFamilies
	budget := isBudget(ts)
	if budget {
		cfg.expected, fams = budgetExpected(ts), allBudgetFamilies
	}
	for _, o := range opts {
		o(cfg)
	}
	rep := buildReport(ts, items)
	var out []result
	for _, id := range cfg.expected {
		out = append(out, result{check: presentCheck(rep, id)})
	}
	for _, f := range fams() {
		if budget && !allIn(f.needs, cfg.expected) {
			continue // a table the budget's template does not publish
		}
		out = append(out, runFamily(cfg, rep, f, withCells)...)
	}
	return out
}

// allFamilies is families, built once: a family holds no state of a
// report (its eval builds what it needs on each call).
var allFamilies = sync.OnceValue(families)

// allBudgetFamilies is budgetFamilies, built once.
var allBudgetFamilies = sync.OnceValue(budgetFamilies)

func runFamily(cfg *config, rep report, f family, withCells cellsOf) []result {
	for _, id := range f.needs {
		t := rep[id]
		if t == nil || !t.usable {
			why := "table " + id + " (" + tableNames[id] + ") is missing from the report"
			if t != nil {
				why = t.why
			}
			return []result{{check: skipped(f.id, f.desc, id+" "+tableNames[id], why)}}
		}
	}
	xs := f.eval(rep)
	out := make([]result, 0, len(xs))
	for _, x := range xs {
		if x.skip != nil {
			out = append(out, result{check: *x.skip})
			continue
		}
		if c, ok := x.id.evaluate(cfg); ok {
			r := result{check: c}
			if withCells == cellsAll || withCells == cellsFailed && c.Status == schema.CheckFail {
				r.cells = x.id.cells()
			}
			out = append(out, r)
		}
	}
	return out
}

// cells lists the printed cells an identity reads.
func (id identity) cells() []cellRef {
	var out []cellRef
	for _, f := range append([]fig{id.total}, figsOf(id.parts)...) {
		if f.r != nil {
			out = append(out, cellRef{f.t.id, f.r.seq, f.key})
		}
	}
	return out
}

func figsOf(ts []term) []fig {
	out := make([]fig, len(ts))
	for i, t := range ts {
		out[i] = t.f
	}
	return out
}

func presentCheck(rep report, id string) schema.Check {
	t := rep[id]
	name := tableNames[id]
	c := schema.Check{
		CheckID:     id + ".present",
		Description: "the report contains table " + id + " " + name + " (with data or marked as having none)",
		Location:    id + " " + name,
		Status:      schema.CheckPass,
	}
	switch {
	case t == nil || !t.present:
		c.Status = schema.CheckFail
		c.Description += ": not found"
	case t.empty:
		c.Location = id + " " + t.name() + " (printed without data)"
	}
	return c
}

// families lists every identity family in report order.
func families() []family {
	var fs []family
	fs = append(fs, twoSidedFamilies(tables.T01)...)
	fs = append(fs, rowSumFamily(tables.T02, "total"))
	fs = append(fs, hierarchyFamilies(tables.T02)...)
	fs = append(fs, rowSumFamily(tables.T03, "total"))
	fs = append(fs, hierarchyFamilies(tables.T03)...)
	fs = append(fs, t04RowSumFamily())
	fs = append(fs, twoSidedFamilies(tables.T04)...)
	fs = append(fs, rowSumFamily(tables.T05, "total"))
	fs = append(fs, hierarchyFamilies(tables.T05)...)
	fs = append(fs, t06Families()...)
	fs = append(fs, t07Families()...)
	for _, id := range []string{tables.T08, tables.T09} {
		fs = append(fs, carryOutFamily(id), spendSplitFamily(id))
		fs = append(fs, hierarchyFamilies(id)...)
	}
	fs = append(fs, crossFamilies()...)
	return fs
}

// IDs lists every check_id Run can produce, in report order (for
// documentation and for users filtering the checks dataset).
func IDs() []string {
	var out []string
	for _, id := range standardTables {
		out = append(out, id+".present")
	}
	for _, f := range families() {
		out = append(out, f.id)
	}
	return out
}
