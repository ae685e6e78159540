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
	"strings"

	"github.com/juesuan/juesuan/extract/tables"

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
	// Unread marks a code or figure that could not be read: Text is what
	// was printed (7 11 02), marked in a workbook.
	Unread bool
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
	if secs := sectionsOf(cols); len(secs) > 1 {
		return sideBySide(ts, cols, secs)
	}
	s := Sheet{TableID: ts[0].t.ID, Title: ts[0].t.Title, Lead: len(leading)}
	for _, f := range leading {
		label := f.label
		if f.key == "item" {
			label = shape.ItemLabel(s.TableID)
		}
		s.Labels, s.Keys = append(s.Labels, label), append(s.Keys, f.key)
	}
	for _, c := range cols {
		s.Labels, s.Keys = append(s.Labels, c.Label), append(s.Keys, c.Name())
	}
	for _, f := range trailing {
		s.Labels, s.Keys = append(s.Labels, f.label), append(s.Keys, f.key)
	}
	s.Labels = uniqueLabels(s.Labels, s.Keys)
	for _, x := range ts {
		at := columnsAt(x.t, cols)
		for ri := range x.t.Rows {
			r := &x.t.Rows[ri]
			row := make([]Value, 0, len(s.Keys))
			for _, f := range leading {
				v := Value{Text: f.value(x.rep, x.t, r)}
				if f.key == "code" && r.CodePrinted != "" {
					v = Value{Text: r.CodePrinted, Unread: true}
				}
				row = append(row, v)
			}
			row = appendAmounts(row, r, cols, at)
			for _, f := range trailing {
				row = append(row, Value{Text: f.value(x.rep, x.t, r), IsCount: f.count, IsBool: f.key == "is_total"})
			}
			s.Rows = append(s.Rows, row)
		}
	}
	return s
}

// columnsAt is, for each sheet column, its index in t's columns (-1: t
// lacks it).
func columnsAt(t *shape.Table, cols []shape.Column) []int {
	at := make([]int, len(cols))
	for i, c := range cols {
		at[i] = -1
		for j, tc := range t.Columns {
			if tc.Section == c.Section && tc.Key == c.Key {
				at[i] = j
			}
		}
	}
	return at
}

// appendAmounts appends r's cells in the sheet's columns cols (at: their
// indexes in r's table): an amount, a figure that could not be read kept
// as printed and marked, or a word column's words.
func appendAmounts(row []Value, r *shape.Row, cols []shape.Column, at []int) []Value {
	for i, j := range at {
		if cols[i].Text {
			v := Value{}
			if j >= 0 && r.Cells[j].Present {
				v.Text = r.Cells[j].Text
			}
			row = append(row, v)
			continue
		}
		v := Value{IsAmount: true}
		if j >= 0 && r.Cells[j].Present {
			c := r.Cells[j]
			v.Cents = c.Amount
			if c.Amount == nil && c.Text != "" {
				v.Text, v.Unread = c.Text, true // unreadable as printed: kept, as text
			}
		}
		row = append(row, v)
	}
	return row
}

// sectionsOf lists the sections of the columns in order met.
func sectionsOf(cols []shape.Column) []string {
	var secs []string
	for _, c := range cols {
		if !slices.Contains(secs, c.Section) {
			secs = append(secs, c.Section)
		}
	}
	return secs
}

// sectionLabels are the sections as the two-sided tables print them.
var sectionLabels = map[string]string{
	tables.SectionIncome: "收入", tables.SectionExpenditure: "支出",
	tables.SectionPersonnel: "人员经费", tables.SectionPublic: "公用经费",
}

func sectionLabel(sec string) string {
	if l, ok := sectionLabels[sec]; ok {
		return l
	}
	return sec
}

// sideBySide lays a table printed in sections side by side (T01, T04:
// income beside expenditure; T06: personnel beside public; B01) as
// printed: on each page, the k-th row of each section on one line.
func sideBySide(ts []tableOf, cols []shape.Column, secs []string) Sheet {
	s := Sheet{TableID: ts[0].t.ID, Title: ts[0].t.Title}
	type part struct {
		sec          string
		code, lineNo bool
		cols         []shape.Column
	}
	parts := make([]part, len(secs))
	for i, sec := range secs {
		parts[i].sec = sec
		for _, c := range cols {
			if c.Section == sec {
				parts[i].cols = append(parts[i].cols, c)
			}
		}
		for _, x := range ts {
			for _, r := range x.t.Rows {
				if r.Section == sec {
					parts[i].code = parts[i].code || r.Code != nil || r.CodePrinted != ""
					parts[i].lineNo = parts[i].lineNo || r.LineNo != nil
				}
			}
		}
	}
	add := func(sec, key, label string) {
		s.Keys = append(s.Keys, sec+"."+key)
		s.Labels = append(s.Labels, prefixed(sectionLabel(sec), label))
	}
	for _, p := range parts {
		if p.code {
			add(p.sec, "code", "科目编码")
		}
		add(p.sec, "item", "项目")
		if p.lineNo {
			add(p.sec, "line_no", "行次")
		}
		for _, c := range p.cols {
			s.Keys = append(s.Keys, c.Name())
			s.Labels = append(s.Labels, prefixed(sectionLabel(p.sec), c.Label))
		}
	}
	for _, p := range parts {
		add(p.sec, "is_total", "合计行")
		add(p.sec, "row_seq", "行序")
	}
	for _, f := range lineFields() {
		s.Labels, s.Keys = append(s.Labels, f.label), append(s.Keys, f.key)
	}
	s.Labels = uniqueLabels(s.Labels, s.Keys)
	for _, x := range ts {
		at := columnsAt(x.t, cols)
		// The rows of each section, page by page, in print order.
		type key struct {
			page int32
			sec  string
		}
		bySec := map[key][]*shape.Row{}
		var pages []int32
		for i := range x.t.Rows {
			r := &x.t.Rows[i]
			k := key{r.Page, r.Section}
			if !slices.Contains(pages, r.Page) {
				pages = append(pages, r.Page)
			}
			bySec[k] = append(bySec[k], r)
		}
		for _, pg := range pages {
			sides := make([][]*shape.Row, len(parts))
			for i, p := range parts {
				sides[i] = bySec[key{pg, p.sec}]
			}
			for _, line := range alignSides(sides) {
				var row, tail []Value
				var r0 *shape.Row
				for i, p := range parts {
					r := line[i]
					if r0 == nil {
						r0 = r
					}
					row, tail = appendSide(row, tail, r, p.code, p.lineNo, p.sec, cols, at)
				}
				row = append(row, tail...)
				for _, f := range lineFields() {
					row = append(row, Value{Text: f.value(x.rep, x.t, r0), IsCount: f.count})
				}
				s.Rows = append(s.Rows, row)
			}
		}
	}
	return s
}

// alignSides puts the rows of each side of a page on printed lines. The
// templates print each side as runs of rows closed by a total (本年收入合计
// beside 本年支出合计, 总计 beside 总计): the runs are matched in order, each
// run's rows from its top and its closing total on the run's last line,
// beside the other side's.
func alignSides(sides [][]*shape.Row) [][]*shape.Row {
	runs := make([][][]*shape.Row, len(sides))
	nRuns := 0
	for i, rs := range sides {
		start := 0
		for j, r := range rs {
			if r.IsTotal {
				runs[i] = append(runs[i], rs[start:j+1])
				start = j + 1
			}
		}
		if start < len(rs) {
			runs[i] = append(runs[i], rs[start:])
		}
		nRuns = max(nRuns, len(runs[i]))
	}
	var lines [][]*shape.Row
	for k := range nRuns {
		n := 0
		for i := range sides {
			if k < len(runs[i]) {
				n = max(n, len(runs[i][k]))
			}
		}
		block := make([][]*shape.Row, n)
		for j := range block {
			block[j] = make([]*shape.Row, len(sides))
		}
		for i := range sides {
			if k >= len(runs[i]) {
				continue
			}
			run := runs[i][k]
			last := run[len(run)-1]
			for j, r := range run {
				if r == last && r.IsTotal {
					j = n - 1
				}
				block[j][i] = r
			}
		}
		lines = append(lines, block...)
	}
	return lines
}

// lineFields are the trailing fields a side-by-side line has once, from
// page on (the rest, one per section, precede them).
func lineFields() []field {
	return trailing[slices.IndexFunc(trailing, func(f field) bool { return f.key == "page" }):]
}

// appendSide appends one section's cells of a line (r nil: the section
// has no row there) to row, and its is_total and row_seq to tail.
func appendSide(row, tail []Value, r *shape.Row, code, lineNo bool, sec string, cols []shape.Column, at []int) ([]Value, []Value) {
	if r == nil {
		r = &shape.Row{}
	}
	if code {
		v := Value{Text: deref(r.Code)}
		if r.CodePrinted != "" {
			v = Value{Text: r.CodePrinted, Unread: true}
		}
		row = append(row, v)
	}
	row = append(row, Value{Text: r.Item})
	if lineNo {
		row = append(row, Value{Text: itoa(r.LineNo), IsCount: true})
	}
	var mine []int
	var mineCols []shape.Column
	for i, c := range cols {
		if c.Section == sec {
			j := at[i]
			if r.Cells == nil {
				j = -1
			}
			mine, mineCols = append(mine, j), append(mineCols, c)
		}
	}
	row = appendAmounts(row, r, mineCols, mine)
	if r.Seq == 0 {
		return row, append(tail, Value{IsBool: true}, Value{IsCount: true})
	}
	return row, append(tail, Value{Text: strconv.FormatBool(r.IsTotal), IsBool: true},
		Value{Text: strconv.Itoa(int(r.Seq)), IsCount: true})
}

// prefixed is label under its section's heading, unless printed so.
func prefixed(sec, label string) string {
	if sec == "" || strings.HasPrefix(label, sec) {
		return label
	}
	return sec + "/" + label
}

// uniqueLabels makes every header label unique, so that a spreadsheet's
// filter or a reader of the labels row tells the columns apart: a label
// printed twice gets its key added.
func uniqueLabels(labels, keys []string) []string {
	n := map[string]int{}
	for _, l := range labels {
		n[l]++
	}
	out := slices.Clone(labels)
	for i, l := range labels {
		if n[l] > 1 {
			out[i] = l + " (" + keys[i] + ")"
		}
	}
	return out
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
