// Package quality sums up how far a report's figures can be trusted, for
// the people-facing outputs (export's quality sheet and stderr lines, the
// HTML page's status): the report row as converted, the state of each
// table (with data, printed without data, missing), and the checks that
// failed with the page and sentence they concern.
//
// It reads the report row generically (every Parquet column of
// schema.Report), so that a column added to the reports dataset shows
// without a change here.
package quality

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// Table states.
const (
	StateData    = "data"    // printed with rows
	StateEmpty   = "empty"   // printed without data (本表无数据, or blank)
	StateMissing = "missing" // expected by the template, not found
)

// Report is one report's quality.
type Report struct {
	Meta   schema.Report
	Tables []Table
	// Failed are the checks that failed, in the order evaluated.
	Failed []schema.Check
	// Checks counts the checks by status (pass, fail, skipped, info, and
	// any other status a newer juesuan writes).
	Checks map[string]int
}

// Table is the state of one table of the report.
type Table struct {
	ID, Title string
	Pages     []int
	State     string
	Rows      int
	// Note says, for a table printed without data, whether its 本表无数据
	// note (or a sentence saying it is empty) was found: "printed",
	// "absent", or "" where not checked.
	Note string
}

// Of sums up a report shaped from its line items or its conversion, and
// its checks.
func Of(rep shape.Report, checks []schema.Check) Report {
	q := Report{Meta: rep.Meta, Checks: map[string]int{}}
	seen := map[string]bool{}
	for _, t := range rep.Tables {
		if seen[t.ID] {
			continue // a table printed twice: its first printing stands
		}
		seen[t.ID] = true
		// A table has data when a figure was read in it: the same answer
		// for a PDF and its OUT folder (which keeps no Empty flag); a
		// template's rows without figures are an empty table's.
		st := Table{ID: t.ID, Title: t.Title, Pages: t.Pages, Rows: len(t.Rows), State: StateEmpty}
		if hasFigure(t) {
			st.State = StateData
		}
		q.Tables = append(q.Tables, st)
	}
	for _, c := range checks {
		q.Checks[c.Status]++
		if c.Status == schema.CheckFail {
			q.Failed = append(q.Failed, c)
		}
		id, rest, _ := strings.Cut(c.CheckID, ".")
		switch {
		case rest == "present" && c.Status == schema.CheckFail && !seen[id]:
			seen[id] = true
			q.Tables = append(q.Tables, Table{ID: id, Title: tableTitle(c.Location, id), State: StateMissing})
		case rest == "present" && !seen[id] && strings.Contains(c.Location, "without data"):
			// From OUT: a table printed without data has no line items,
			// only its presence check says it was there.
			seen[id] = true
			q.Tables = append(q.Tables, Table{ID: id, Title: tableTitle(c.Location, id), State: StateEmpty, Pages: pageOf(c)})
		}
	}
	for _, c := range checks {
		if c.CheckID != "D.empty_note" {
			continue
		}
		id, _, _ := strings.Cut(c.Location, " ")
		for i := range q.Tables {
			if q.Tables[i].ID == id && q.Tables[i].State == StateEmpty {
				q.Tables[i].Note = map[bool]string{true: "printed", false: "absent"}[c.Status != schema.CheckFail]
				if len(q.Tables[i].Pages) == 0 && c.Page != nil && *c.Page > 0 {
					q.Tables[i].Pages = []int{int(*c.Page)} // from OUT: the note's page is the table's
				}
			}
		}
	}
	slices.SortStableFunc(q.Tables, func(a, b Table) int { return strings.Compare(a.ID, b.ID) })
	return q
}

func hasFigure(t shape.Table) bool {
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Amount != nil {
				return true
			}
		}
	}
	return false
}

// tableTitle is the title in a check's location ("T03 支出决算表 (…)").
func tableTitle(location, id string) string {
	s := strings.TrimSpace(strings.TrimPrefix(location, id))
	if i := strings.Index(s, " ("); i >= 0 {
		s = s[:i]
	}
	return s
}

func pageOf(c schema.Check) []int {
	if c.Page == nil {
		return nil
	}
	return []int{int(*c.Page)}
}

// Missing are the IDs of the tables the template has and the report lacks.
func (q Report) Missing() []string {
	var ids []string
	for _, t := range q.Tables {
		if t.State == StateMissing {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// HasData reports whether any table has rows.
func (q Report) HasData() bool {
	return slices.ContainsFunc(q.Tables, func(t Table) bool { return t.State == StateData })
}

// Troubled reports whether a reader should be told about the report: it
// is not ok, adds no table, or a check failed.
func (q Report) Troubled() bool {
	return q.Meta.Status != schema.StatusOK || !q.HasData() || len(q.Failed) > 0 || len(q.Missing()) > 0
}

// Status is what is true of the report in a few words, the status first:
// "ok · 13 checks failed · T03 missing", "partial · 2 checks failed",
// "ok · no table found".
func (q Report) Status(l Lang) string {
	parts := []string{l.Status(q.Meta.Status)}
	if n := len(q.Failed); n > 0 {
		parts = append(parts, l.ChecksFailed(n))
	}
	if m := q.Missing(); len(m) > 0 {
		parts = append(parts, l.Missing(m))
	}
	switch {
	case q.Meta.Status == schema.StatusFailed:
	case len(q.Tables) == len(q.Missing()):
		parts = append(parts, l.NoTable())
	case !q.HasData():
		parts = append(parts, l.NoFigure())
	}
	return strings.Join(parts, " · ")
}

// Field is one column of the report row: its Parquet name and value as
// text ("" for null).
type Field struct {
	Key, Value string
	Number     bool // a whole number (pages, tables, checks_failed, …)
}

// Fields lists every column of the reports dataset for the report, in
// schema order, read from the row's Parquet tags: a column added to
// schema.Report is listed without a change here.
func Fields(r schema.Report) []Field {
	v := reflect.ValueOf(r)
	t := v.Type()
	var out []Field
	for i := range t.NumField() {
		tag := t.Field(i).Tag.Get("parquet")
		name, _, _ := strings.Cut(tag, ",")
		if name == "" || name == "-" || !t.Field(i).IsExported() {
			continue
		}
		f := v.Field(i)
		out = append(out, Field{Key: name, Value: text(f), Number: isInt(f)})
	}
	return out
}

func isInt(v reflect.Value) bool {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	return v.CanInt()
}

func text(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	return fmt.Sprint(v.Interface())
}

// PageRanges writes pages as the tables do: 5-6, 9.
func PageRanges(pages []int) string { return tables.PageRanges(pages) }
