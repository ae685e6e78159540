package tables

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// A page that prints the open table's title again is either the next page
// of a split table (the 2020 national template repeats title, 公开NN表
// marker, 部门/年度/单位 line, header and 栏次 row on every page) or a second
// printing of the table (a unit's set appended after the department's).
// The title alone cannot tell them apart; what the page prints can. A page
// continues the table unless something it prints says otherwise.

// printing is what a grid under a repeated title prints: its metadata and
// its data rows read with the open table's layout.
type printing struct {
	page                     int
	unit, dept, year, marker string
	titleYear                string  // the year printed in the title line, if any
	rows                     [][]Row // per group, empty-note rows left out
	emptyNote                bool
}

// readPrinting reads g (whose first row, or first rows if it carries meta
// rows inside the grid, start at index start) with b's layout. ok is false
// when g does not have the table's column structure.
func (b *builder) readPrinting(g *grid.Grid, start int, meta []string, tol float64) (p printing, ok bool) {
	p.page = g.Page
	p.unit, p.dept, p.year, p.marker = metaFrom(meta)
	for start < g.Rows() {
		texts := rowTexts(g, start)
		if !isMetaRow(texts) {
			break
		}
		unit, dept, year, marker := metaFrom(texts)
		p.unit, p.dept = firstNonEmpty(p.unit, unit), firstNonEmpty(p.dept, dept)
		p.year, p.marker = firstNonEmpty(p.year, year), firstNonEmpty(p.marker, marker)
		start++
	}
	colMap, ok := b.columnsOf(g, start, tol)
	if !ok {
		return p, false
	}
	p.rows, p.emptyNote = b.dataRows(g, b.repeatedHeader(g, start), colMap)
	return p, true
}

// repeatedHeader is where the data rows of a continuation grid start. A
// grid printing no amount, code or enumerated line (a fund list's blank
// lines) is all header to headerRows, yet its labels are no header words of
// the table: its data start after the rows repeating the header or 栏次 row.
// Elsewhere the rows before the first data row stay out, as on a first page
// (the tail of a label broken over the page, 业支出, is no row of its own).
func (b *builder) repeatedHeader(g *grid.Grid, start int) int {
	h := headerRows(g, start)
	if h < g.Rows() {
		return h
	}
	for r := start; r < h; r++ {
		if texts := rowTexts(g, r); !isColumnNumberRow(texts) && !looksLikeHeader(&b.t, b.lay, texts) {
			return r
		}
	}
	return h
}

// whyNotContinued returns "" when p continues the table, else the evidence
// that it is a second printing, in words for the report's error. blank
// reports the pages printing nothing (or only a page number or running
// head): any number of them may lie inside a table.
func (b *builder) whyNotContinued(p printing, blank func(page int) bool) string {
	if p.page <= b.lastPage {
		return fmt.Sprintf("it is not on the page after the table's last page %d", b.lastPage)
	}
	for pg := b.lastPage + 1; pg < p.page; pg++ {
		if !blank(pg) {
			return fmt.Sprintf("it is not on the page after the table's last page %d", b.lastPage)
		}
	}
	for _, f := range []struct{ what, was, now string }{
		{"部门", b.t.Department, p.dept},
		{"年度", firstNonEmpty(b.t.Year, b.titleYear), firstNonEmpty(p.year, p.titleYear)},
		{"marker", b.t.Marker, p.marker},
		{"unit", b.t.Unit, p.unit},
	} {
		if f.was != "" && f.now != "" && textfold.Key(f.was) != textfold.Key(f.now) {
			return fmt.Sprintf("its %s is %s, the table's %s", f.what, f.now, f.was)
		}
	}
	if r, ok := b.closingRow(); ok {
		return fmt.Sprintf("the table already printed its closing row %s on page %d", r.Item, r.Page)
	}
	for gi, rows := range p.rows {
		if len(rows) == 0 {
			continue
		}
		have := b.groups[gi]
		first := rows[0]
		if isTotalRow(first) && hasTotalRow(have) {
			return fmt.Sprintf("it starts with its own %s row", first.Item)
		}
		if last := lastLineNo(have); first.LineNo != "" && last > 0 && lineNo(first.LineNo) > 0 && lineNo(first.LineNo) <= last {
			return fmt.Sprintf("its 行次 start again at %s (the table reached %d)", first.LineNo, last)
		}
		if code := firstCode(rows); code != "" && hasCode(have, code) {
			return fmt.Sprintf("its codes start again at %s", code)
		}
		if why := b.reprintedRow(gi, rows); why != "" {
			return why
		}
	}
	return ""
}

// reprintedRow names a row of rows whose key the table already holds: a
// code, a 合计/总计 line, or the one unlabelled row of a single-row table
// (“三公” 经费: one data row, no code, no label, no closing row). Each is
// printed once in a table; printed again, the page is a second printing.
func (b *builder) reprintedRow(group int, rows []Row) string {
	if have := b.groups[group]; len(have) == 1 && isUnlabelled(have[0]) {
		for _, r := range rows {
			if isUnlabelled(r) {
				return fmt.Sprintf("it prints again the table's single row (page %d)", have[0].Page)
			}
		}
	}
	for _, r := range rows {
		if k := rowKey(group, r); k != "" && b.keys[k] {
			if c := joinedCode(r); c != "" {
				return fmt.Sprintf("it prints code %s again", c)
			}
			return fmt.Sprintf("it prints its %s row again", r.Item)
		}
	}
	return ""
}

// noteKeys records the keys of rows added to group (builder.keys), so that
// each page is checked against the table in time proportional to its own
// rows.
func (b *builder) noteKeys(group int, rows []Row) {
	for _, r := range rows {
		if k := rowKey(group, r); k != "" {
			if b.keys == nil {
				b.keys = map[string]bool{}
			}
			b.keys[k] = true
		}
	}
}

// rowKey is what a row prints once in its group: its whole code (three
// digits or more; split codes with their 类: 03 01 printed under another 类
// is another subject), or the label of a 合计/总计 line; "" for other rows.
func rowKey(group int, r Row) string {
	if c := joinedCode(r); len(c) >= 3 {
		if len(r.Code) > 1 && joinedCode(Row{Code: r.Code[:1]}) == "" {
			return ""
		}
		return strconv.Itoa(group) + " " + c
	}
	if k := totalKey(r); k != "" {
		return strconv.Itoa(group) + " " + k
	}
	return ""
}

// isUnlabelled reports a data row without code, label or 行次.
func isUnlabelled(r Row) bool {
	return r.Item == "" && r.LineNo == "" && joinedCode(r) == ""
}

// totalKey is the label of a 合计 or 总计 row without a code, "" for other
// rows.
func totalKey(r Row) string {
	if len(joinedCode(r)) > 0 {
		return ""
	}
	switch k := textfold.Key(r.Item); k {
	case "合计", "总计":
		return k
	}
	return ""
}

// closingRow returns the row that ends the table where the template prints
// one last: 总计 (T01, T04), 人员经费合计/公用经费合计 (T06), or a 合计 printed
// after data rows (tables that total at the bottom). Nothing continues a
// table after it.
func (b *builder) closingRow() (Row, bool) {
	for _, rows := range b.groups {
		if len(rows) < 2 {
			continue
		}
		last := rows[len(rows)-1]
		switch textfold.Key(last.Item) {
		case "总计", "人员经费合计", "公用经费合计", "合计":
			return last, true
		}
	}
	return Row{}, false
}

// isTotalRow reports a 合计 row (the total a code table prints first).
func isTotalRow(r Row) bool {
	return len(r.Code) == 0 && textfold.Key(r.Item) == "合计"
}

func hasTotalRow(rows []Row) bool {
	for _, r := range rows {
		if isTotalRow(r) {
			return true
		}
	}
	return false
}

// lineNo parses a 行次 as printed, 0 when it is not a number.
func lineNo(s string) int {
	n := 0
	for _, r := range textfold.Key(s) {
		if r < '0' || r > '9' || n > 1e6 {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}

func lastLineNo(rows []Row) int {
	for i := len(rows) - 1; i >= 0; i-- {
		if n := lineNo(rows[i].LineNo); n > 0 {
			return n
		}
	}
	return 0
}

// firstCode is the joined code of the first row printing a whole code (a
// 类 of three digits or longer), "" when none does.
func firstCode(rows []Row) string {
	for _, r := range rows {
		if c := joinedCode(r); len(c) >= 3 {
			return c
		}
	}
	return ""
}

func hasCode(rows []Row, code string) bool {
	for _, r := range rows {
		if joinedCode(r) == code {
			return true
		}
	}
	return false
}

func joinedCode(r Row) string {
	var b strings.Builder
	for _, p := range r.Code {
		for _, c := range p {
			if c >= '0' && c <= '9' {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

// markedAgain returns, for a grid under no title, the title of the table
// already built whose 公开NN表 marker is printed above it when that table is
// not the open one: the grid is a second printing of that table (its title
// garbled or left out), not a continuation of the open table; why names
// the evidence.
func (f *finder) markedAgain(lay *grid.Layout, y0 float64, g *grid.Grid) (title *titleLine, why string) {
	if len(f.built) == 0 {
		return nil, ""
	}
	_, _, _, marker := metaFrom(linesBetween(lay, y0, g.Y0))
	if marker == "" || f.open != nil && f.open.t.Marker == marker {
		return nil, ""
	}
	for i := len(f.built) - 1; i >= 0; i-- {
		if b := f.built[i]; b.t.Marker == marker {
			return &titleLine{id: b.t.ID, line: grid.TextLine{Text: b.t.Title, Y0: g.Y0, Y1: g.Y0, X0: g.Xs[0], X1: g.Xs[len(g.Xs)-1]}},
				fmt.Sprintf("it prints the marker %s of table %s again, under no title (first on page %d)", marker, b.t.ID, int(b.pos/10000))
		}
	}
	return nil, ""
}

// whyNewPrinting says why a table titled id starts a new printing although
// it was printed before: notJoined when the open table refused the page,
// else the tables printed in between. "" for the first printing of id.
func (f *finder) whyNewPrinting(id, notJoined string) string {
	if notJoined != "" {
		return notJoined
	}
	for i := len(f.built) - 1; i >= 0; i-- {
		if prev := f.built[i]; prev.t.ID == id {
			if f.open != nil && f.open != prev {
				return fmt.Sprintf("table %s is printed between the two (page %d)", f.open.t.ID, f.open.lastPage)
			}
			return fmt.Sprintf("other tables are printed between the two, after page %d", prev.lastPage)
		}
	}
	return ""
}
