// Package export writes the tables of one or more reports shaped as
// printed, one sheet per table, as CSV (UTF-8 with a byte-order mark, so
// that Excel reads the Chinese) or XLSX (numbers as numbers, two
// decimals, header rows frozen).
//
// A sheet holds the rows of every report that prints the table, one after
// the other, each row naming its report (department, fiscal_year, unit,
// report_id) so that exports of several reports can be combined.
package export

import (
	"slices"
	"strconv"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/shape"
)

// Sheet is one table of one or more reports: two header rows (the labels
// as printed, then the stable keys) and the data rows.
type Sheet struct {
	TableID, Title string
	Labels, Keys   []string
	Rows           [][]Value
	// Lead is how many leading columns identify a row (code, item): they
	// stay in view when a spreadsheet scrolls right.
	Lead int
}

// Value is one cell: an amount (cents of the printed unit), or text.
type Value struct {
	Cents    *int64
	Text     string
	IsAmount bool // an amount column: blank or unreadable cells included
	// IsCount marks a whole number that is not a code (fiscal_year,
	// level, line_no, row_seq, page): a number in a workbook, so that it
	// sorts and filters as one.
	IsCount bool
	// IsBool marks true/false (is_total): a boolean in a workbook.
	IsBool bool
}

// field is a column that identifies a row rather than holding an amount.
type field struct {
	key, label string
	value      func(rep *shape.Report, t *shape.Table, r *shape.Row) string
	count      bool // a whole number, not a code
}

// leading are the fields printed before the amounts, as the tables print
// them; trailing the ones after, which tie a row to its report.
var (
	leading = []field{
		{"code", "科目编码", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return deref(r.Code) }, false},
		{"item", "项目", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return r.Item }, false},
	}
	trailing = []field{
		{"line_no", "行次", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return itoa(r.LineNo) }, true},
		{"section", "部分", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return r.Section }, false},
		{"level", "级次", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return itoa(r.Level) }, true},
		{"parent_code", "上级科目编码", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return deref(r.ParentCode) }, false},
		{"is_total", "合计行", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return strconv.FormatBool(r.IsTotal) }, false},
		{"row_seq", "行序", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return strconv.Itoa(int(r.Seq)) }, true},
		{"page", "页码", func(_ *shape.Report, _ *shape.Table, r *shape.Row) string { return strconv.Itoa(int(r.Page)) }, true},
		{"table_id", "表", func(_ *shape.Report, t *shape.Table, _ *shape.Row) string { return t.ID }, false},
		{"department", "部门", func(rep *shape.Report, _ *shape.Table, _ *shape.Row) string { return deref(rep.Meta.Department) }, false},
		{"fiscal_year", "年度", func(rep *shape.Report, _ *shape.Table, _ *shape.Row) string { return itoa(rep.Meta.FiscalYear) }, true},
		{"unit", "单位", func(_ *shape.Report, t *shape.Table, _ *shape.Row) string { return t.Unit }, false},
		{"report_id", "报告编号 (SHA-256)", func(rep *shape.Report, _ *shape.Table, _ *shape.Row) string { return rep.Meta.ReportID }, false},
	}
)

// Sheets builds one sheet per table ID in ids (every table found when ids
// is empty) that has rows, in ID order, each with the rows of every report printing it.
// The amount columns are the union over the reports, in the order first
// met.
func Sheets(reps []shape.Report, ids ...string) []Sheet {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var order []string
	byID := map[string][]tableOf{}
	for i := range reps {
		for j := range reps[i].Tables {
			t := &reps[i].Tables[j]
			// A table printed without data has no line items in the
			// datasets either: left out, so that a PDF and its OUT folder
			// export the same sheets.
			if len(ids) > 0 && !want[t.ID] || len(t.Rows) == 0 {
				continue
			}
			if _, seen := byID[t.ID]; !seen {
				order = append(order, t.ID)
			}
			byID[t.ID] = append(byID[t.ID], tableOf{&reps[i], t})
		}
	}
	slices.Sort(order)
	sheets := make([]Sheet, 0, len(order))
	for _, id := range order {
		sheets = append(sheets, sheet(byID[id]))
	}
	return sheets
}

type tableOf struct {
	rep *shape.Report
	t   *shape.Table
}

func sheet(ts []tableOf) Sheet {
	var cols []shape.Column
	for _, x := range ts {
		for _, c := range x.t.Columns {
			if !hasColumn(cols, c) {
				cols = append(cols, c)
			}
		}
	}
	s := Sheet{TableID: ts[0].t.ID, Title: ts[0].t.Title, Lead: len(leading)}
	for _, f := range leading {
		s.Labels, s.Keys = append(s.Labels, f.label), append(s.Keys, f.key)
	}
	for _, c := range cols {
		s.Labels, s.Keys = append(s.Labels, c.Label), append(s.Keys, c.Name())
	}
	for _, f := range trailing {
		s.Labels, s.Keys = append(s.Labels, f.label), append(s.Keys, f.key)
	}
	for _, x := range ts {
		at := make([]int, len(cols)) // this table's column index of each sheet column
		for i, c := range cols {
			at[i] = -1
			for j, tc := range x.t.Columns {
				if tc.Section == c.Section && tc.Key == c.Key {
					at[i] = j
				}
			}
		}
		for ri := range x.t.Rows {
			r := &x.t.Rows[ri]
			row := make([]Value, 0, len(s.Keys))
			for _, f := range leading {
				row = append(row, Value{Text: f.value(x.rep, x.t, r)})
			}
			for _, j := range at {
				v := Value{IsAmount: true}
				if j >= 0 && r.Cells[j].Present {
					c := r.Cells[j]
					v.Cents = c.Amount
					if c.Amount == nil {
						v.Text = c.Text // unreadable as printed: kept, as text
					}
				}
				row = append(row, v)
			}
			for _, f := range trailing {
				row = append(row, Value{Text: f.value(x.rep, x.t, r), IsCount: f.count, IsBool: f.key == "is_total"})
			}
			s.Rows = append(s.Rows, row)
		}
	}
	return s
}

func hasColumn(cols []shape.Column, col shape.Column) bool {
	for _, c := range cols {
		if c.Section == col.Section && c.Key == col.Key {
			return true
		}
	}
	return false
}

// String is the cell as a CSV writes it: an amount as a decimal with two
// places in the printed unit.
func (v Value) String() string {
	if v.Cents != nil {
		return shape.Decimal(v.Cents)
	}
	return v.Text
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func itoa(n *int32) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(int(*n))
}
