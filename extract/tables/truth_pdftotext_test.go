package tables_test

// This test checks the real-report truth files (testdata/rNN.truth.json)
// against an independent reading of the PDFs: the words and boxes printed by
// poppler's `pdftotext -bbox`. It deliberately uses none of juesuan's
// extraction code (extract, extract/grid, extract/tables): if the program and
// its truth shared a mistake, a test built on the same code would not see it.
// testdata/README.md explains the method and what it cannot check.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// truthCorpus is the shared real-report folder, relative to this package.
var truthCorpus = filepath.Join("..", "..", "..", "shared", "corpus", "real")

// pdftotextTruth names each real truth file with its PDF.
var pdftotextTruth = []struct{ pdf, truth string }{
	{"r02_putuo_planning_2024_final.pdf", "r02.truth.json"},
	{"r03_putuo_socialwork_2024_final.pdf", "r03.truth.json"},
	{"r06_putuo_justice_2026_budget_dept.pdf", "r06.truth.json"},
	{"r22_js_npc_2019_budget_tables.pdf", "r22.truth.json"},
}

// uncheckedCells lists, per truth file, the cells this reader cannot place,
// each with the reason (key: "TABLE row N key", rows 1-based). The test fails
// when a cell is unchecked without being listed here, or listed but checked:
// nothing is skipped silently.
var uncheckedCells = map[string]map[string]string{}

func TestTruthAgainstPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	for _, tc := range pdftotextTruth {
		t.Run(tc.truth, func(t *testing.T) {
			_, tables, pages := loadTruth(t, tc.pdf, tc.truth)
			rep := checkTruth(tables, pages)
			for _, p := range rep.problems {
				t.Error(p)
			}
			want := uncheckedCells[tc.truth]
			for key, why := range rep.unchecked {
				if _, ok := want[key]; !ok {
					t.Errorf("%s: unchecked (%s) and not listed in uncheckedCells", key, why)
				}
			}
			for key := range want {
				if _, ok := rep.unchecked[key]; !ok {
					t.Errorf("%s: listed in uncheckedCells but now checked: remove it", key)
				}
			}
			t.Logf("%d cells: %d agree with pdftotext, %d unchecked; %d empty tables have no figure; columns of %v placed by the previous page's header",
				rep.cells, rep.agree, len(rep.unchecked), rep.emptyTables, rep.borrowedHeader)
		})
	}
}

// loadTruth reads a truth file and pdftotext's words of its PDF's pages,
// skipping the test when the corpus file is absent.
func loadTruth(t *testing.T, pdfName, truthName string) (pdf string, tables []truthTable, pages map[int][]word) {
	t.Helper()
	pdf = filepath.Join(truthCorpus, pdfName)
	if _, err := os.Stat(pdf); err != nil {
		t.Skipf("corpus file %s absent", pdf)
	}
	data, err := os.ReadFile(filepath.Join("testdata", truthName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &tables); err != nil {
		t.Fatalf("%s: %v", truthName, err)
	}
	pages, err = readBBox(pdf, pageRange(tables))
	if err != nil {
		t.Fatal(err)
	}
	return pdf, tables, pages
}

// checkTitleLines checks the lines printed above a table on its first
// page: its title, marker (公开表一), unit (单位：万元) and department must
// each be printed on one line.
func checkTitleLines(tb truthTable, words []word) []string {
	lines := printedLines(words)
	printed := func(s string) bool {
		for _, l := range lines {
			if strings.Contains(l, s) {
				return true
			}
		}
		return false
	}
	var msgs []string
	for _, want := range []struct{ what, text string }{
		{"title", tb.Title}, {"marker", tb.Marker}, {"department", tb.Department}, {"year", tb.Year},
	} {
		if want.text != "" && !printed(squash(want.text)) {
			msgs = append(msgs, fmt.Sprintf("%s %q not printed", want.what, want.text))
		}
	}
	if tb.Unit != "" && !printed("单位："+tb.Unit) && !printed("单位:"+tb.Unit) {
		msgs = append(msgs, fmt.Sprintf("unit %q not printed", tb.Unit))
	}
	return msgs
}

// printedLines joins the page's words into lines, left to right, spaces
// dropped.
func printedLines(words []word) []string {
	ws := slices.Clone(words)
	sort.Slice(ws, func(a, b int) bool { return ws[a].yc() < ws[b].yc() })
	var lines [][]word
	for _, w := range ws {
		if n := len(lines); n > 0 && math.Abs(lines[n-1][0].yc()-w.yc()) < 0.3*w.h() {
			lines[n-1] = append(lines[n-1], w)
			continue
		}
		lines = append(lines, []word{w})
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		sort.Slice(l, func(a, b int) bool { return l[a].x0 < l[b].x0 })
		var sb strings.Builder
		for _, w := range l {
			sb.WriteString(squash(w.text))
		}
		out[i] = sb.String()
	}
	return out
}

// truthTable is the part of a truth table this check reads (its own struct:
// the test must not depend on package tables).
type truthTable struct {
	ID, Title, Marker, Unit, Department, Year string
	Pages                                     []int
	Empty                                     bool
	Columns                                   []truthColumn
	Rows                                      []truthRow
}

// truthColumn is a value column; Text marks a word column (B13's 专项名称,
// 经济科目 …), whose cells print words, not figures.
type truthColumn struct {
	Section, Key, Label string
	Text                bool
}

// wordColumn reports whether the column key of a section is a word column.
func (tb truthTable) wordColumn(section, key string) bool {
	for _, c := range tb.Columns {
		if c.Key == key && (c.Section == "" || c.Section == section) {
			return c.Text
		}
	}
	return false
}

// hasWordColumns reports whether any column of the table prints words.
func (tb truthTable) hasWordColumns() bool {
	return slices.ContainsFunc(tb.Columns, func(c truthColumn) bool { return c.Text })
}

// wordCells are the row's non-empty cells in word columns.
func (tb truthTable) wordCells(r truthRow) []truthCell {
	var out []truthCell
	for _, c := range r.Cells {
		if c.Text != "" && tb.wordColumn(r.Section, c.Key) {
			out = append(out, c)
		}
	}
	return out
}

type truthRow struct {
	Page    int
	Section string
	Code    []string
	Item    string
	Cells   []truthCell
}

type truthCell struct{ Key, Text string }

// word is one pdftotext word with its box (points, y down).
type word struct {
	x0, y0, x1, y1 float64
	text           string
}

func (w word) xc() float64 { return (w.x0 + w.x1) / 2 }
func (w word) yc() float64 { return (w.y0 + w.y1) / 2 }
func (w word) h() float64  { return w.y1 - w.y0 }

func pageRange(tables []truthTable) [2]int {
	r := [2]int{math.MaxInt, 0}
	for _, tb := range tables {
		for _, p := range tb.Pages {
			r[0], r[1] = min(r[0], p), max(r[1], p)
		}
	}
	return r
}

var (
	pageTag = regexp.MustCompile(`<page [^>]*>`)
	wordTag = regexp.MustCompile(`<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>`)
)

// readBBox runs pdftotext -bbox over pages r[0]..r[1] and returns the words
// of each page by page number.
func readBBox(pdf string, r [2]int) (map[int][]word, error) {
	var out, stderr bytes.Buffer
	cmd := exec.Command("pdftotext", "-bbox", "-f", strconv.Itoa(r[0]), "-l", strconv.Itoa(r[1]), pdf, "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftotext %s: %w: %s", pdf, err, stderr.String())
	}
	pages := map[int][]word{}
	locs := pageTag.FindAllIndex(out.Bytes(), -1)
	for i, loc := range locs {
		end := out.Len()
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		n := r[0] + i
		for _, m := range wordTag.FindAllSubmatch(out.Bytes()[loc[1]:end], -1) {
			var f [4]float64
			for k := range f {
				f[k], _ = strconv.ParseFloat(string(m[k+1]), 64)
			}
			pages[n] = append(pages[n], word{f[0], f[1], f[2], f[3], html.UnescapeString(string(m[5]))})
		}
	}
	if len(locs) != r[1]-r[0]+1 {
		return nil, fmt.Errorf("pdftotext %s: %d pages, want %d", pdf, len(locs), r[1]-r[0]+1)
	}
	return pages, nil
}

// figureRE matches a printed amount (or a dash standing for one): anything a
// value cell may hold. Codes match too; words claimed as codes are set aside.
var figureRE = regexp.MustCompile(`^(-?[0-9][0-9,]*(\.[0-9]+)?|[-—－]+)$`)

func isFigure(s string) bool { return figureRE.MatchString(s) }

// match is a run of words that together print one text (a label, a header
// or a code), possibly over several lines of a wrapped cell.
type match []word

func (m match) box() word {
	b := word{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1), ""}
	for _, w := range m {
		b.x0, b.y0, b.x1, b.y1 = min(b.x0, w.x0), min(b.y0, w.y0), max(b.x1, w.x1), max(b.y1, w.y1)
	}
	return b
}

// findText returns every run of words on the page that prints s (spaces
// ignored): words following each other on one line, or continuing on the
// next line within the cell's width (a wrapped label or header).
func findText(words []word, s string, ok func(word) bool) []match {
	s = squash(s)
	var found []match
	var walk func(m match, got string)
	walk = func(m match, got string) {
		if got == s {
			found = append(found, append(match(nil), m...))
			return
		}
		last, b := m[len(m)-1], m.box()
		for _, v := range words {
			t := squash(v.text)
			if t == "" || !strings.HasPrefix(s[len(got):], t) || !ok(v) || contains(m, v) {
				continue
			}
			h := last.h()
			sameLine := math.Abs(v.yc()-last.yc()) < 0.3*h && v.x0 > last.x1-1 && v.x0-last.x1 < 4*h
			nextLine := v.y0 > last.y0+0.5*h && v.y0-last.y1 < 0.8*h && v.x0 < b.x1+2 && v.x1 > b.x0-2
			if sameLine || nextLine {
				walk(append(m, v), got+t)
			}
		}
	}
	for _, w := range words {
		if t := squash(w.text); t != "" && strings.HasPrefix(s, t) && ok(w) {
			walk(match{w}, t)
		}
	}
	return found
}

func contains(m match, v word) bool {
	for _, w := range m {
		if w == v {
			return true
		}
	}
	return false
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

// truthReport is the outcome of checking one truth file.
type truthReport struct {
	cells, agree, emptyTables int
	problems                  []string
	unchecked                 map[string]string // cell key -> reason
	printed                   []printedText     // what the agreeing cells, codes and labels print
	// borrowedHeader lists the pages printed without header ("T02 p9"),
	// whose columns are the previous page's.
	borrowedHeader []string
}

// printedText is a truth text found on the page, with the box pdftotext
// gives it: the page-image check reads the image inside that box.
type printedText struct {
	page  int
	what  string // "T03 row 2 total", "T03 row 2 code", …
	truth string
	box   word
}

func checkTruth(tables []truthTable, pages map[int][]word) truthReport {
	rep := truthReport{unchecked: map[string]string{}}
	for _, tb := range tables {
		checkTable(tb, pages, &rep)
	}
	return rep
}

// placedRow is a truth row found on its page.
type placedRow struct {
	row        truthRow
	idx        int     // 1-based index in the table
	top, bot   float64 // the row's band: its label, code and word-cell words
	label      match
	codes      []word
	cells      map[string]match // word cells (column key -> their words)
	unanchored string           // why the row could not be placed, "" when placed
}

// column is a value column located on one page by its header words.
type column struct {
	section, key, label string
	x, bottom           float64 // centre and bottom of the header words
	found               bool
}

func checkTable(tb truthTable, pages map[int][]word, rep *truthReport) {
	if len(tb.Pages) > 0 {
		for _, msg := range checkTitleLines(tb, pages[tb.Pages[0]]) {
			rep.problems = append(rep.problems, fmt.Sprintf("%s p%d: %s", tb.ID, tb.Pages[0], msg))
		}
	}
	if tb.Empty && len(tb.Rows) == 0 {
		// Nothing to place: the page must print no amount at all.
		for _, p := range tb.Pages {
			for _, w := range pages[p] {
				if isFigure(w.text) && strings.Contains(w.text, ".") {
					rep.problems = append(rep.problems, fmt.Sprintf("%s p%d: empty table, but %q is printed", tb.ID, p, w.text))
				}
			}
		}
		rep.emptyTables++
		return
	}
	var prevCols []column
	for _, p := range tb.Pages {
		var rows []truthRow
		var idx []int
		for i, r := range tb.Rows {
			if r.Page == p {
				rows, idx = append(rows, r), append(idx, i+1)
			}
		}
		if len(rows) == 0 {
			rep.problems = append(rep.problems, fmt.Sprintf("%s p%d: no truth row on a page of the table", tb.ID, p))
			continue
		}
		prevCols = checkPage(tb, p, pages[p], rows, idx, prevCols, rep)
	}
	for i, r := range tb.Rows {
		if !slices.Contains(tb.Pages, r.Page) {
			rep.problems = append(rep.problems, fmt.Sprintf("%s row %d (%s): page %d is not one of the table's pages %v", tb.ID, i+1, r.Item, r.Page, tb.Pages))
		}
	}
}

// checkPage places the rows of one page, locates the column headers and
// compares each cell with the figures printed in its row band and column.
// It returns the columns found, for a continuation page without header.
func checkPage(tb truthTable, page int, words []word, rows []truthRow, idx []int, prevCols []column, rep *truthReport) []column {
	problem := func(format string, args ...any) {
		rep.problems = append(rep.problems, fmt.Sprintf("%s p%d: ", tb.ID, page)+fmt.Sprintf(format, args...))
	}
	// Header search area: above the first label of the page. Rows are
	// placed first, without columns, so only labels and codes anchor them.
	placed := placeRows(tb, words, rows, idx, nil)
	headerBottom := math.Inf(1)
	for _, pr := range placed {
		if pr.unanchored == "" {
			headerBottom = min(headerBottom, pr.top)
		}
	}
	cols := locateColumns(tb, words, headerBottom)
	borrowed := false
	missing := 0
	for _, c := range cols {
		if !c.found {
			missing++
		}
	}
	switch {
	case missing == len(cols) && prevCols != nil:
		cols, borrowed = prevCols, true // continuation page printed without the header
		rep.borrowedHeader = append(rep.borrowedHeader, fmt.Sprintf("%s p%d", tb.ID, page))
	case missing > 0:
		for _, c := range cols {
			if !c.found {
				problem("column %s.%s header %q not found above the first row", c.section, c.key, c.label)
			}
		}
	default:
		for i := 1; i < len(cols); i++ {
			if cols[i].x <= cols[i-1].x {
				problem("columns %s.%s and %s.%s: header printed in the other order", cols[i-1].section, cols[i-1].key, cols[i].section, cols[i].key)
			}
		}
		for _, msg := range checkHeaderLevels(words, cols, headerBottom) {
			problem("%s", msg)
		}
	}
	// Place the rows again, now keeping each label to its section's side
	// (总计 is printed on both sides of the same line).
	placed = placeRows(tb, words, rows, idx, cols)
	// Rows printed without a label or code (a single line of totals):
	// their band is the first line of figures under the header.
	for i := range placed {
		if placed[i].unanchored == "no label" {
			placeFigureLine(&placed[i], words, cols)
		}
	}
	claimed := map[word]bool{}
	for _, pr := range placed {
		for _, w := range pr.label {
			claimed[w] = true
		}
		for _, w := range pr.codes {
			claimed[w] = true
		}
		for _, m := range pr.cells {
			for _, w := range m {
				claimed[w] = true
			}
		}
	}
	used := map[word]bool{}
	for _, pr := range placed {
		key := func(k string) string { return fmt.Sprintf("%s row %d %s", tb.ID, pr.idx, k) }
		rep.cells += len(pr.row.Cells)
		if pr.unanchored != "" {
			problem("row %d %q %q: %s", pr.idx, pr.row.Code, pr.row.Item, pr.unanchored)
			for _, c := range pr.row.Cells {
				rep.unchecked[key(c.Key)] = "row not found: " + pr.unanchored
			}
			continue
		}
		for _, w := range pr.codes {
			rep.printed = append(rep.printed, printedText{page, key("code"), w.text, w})
		}
		for _, w := range pr.label {
			rep.printed = append(rep.printed, printedText{page, key("label"), w.text, w})
		}
		// Figures in the row band, each assigned to the nearest column
		// header; other words left in the band (not the row's label, code
		// or word cells) are strays, printed where the truth has none.
		got, stray := map[string][]word{}, map[string][]word{}
		for _, w := range words {
			if claimed[w] || w.yc() < pr.top-2 || w.yc() > pr.bot+2 {
				continue
			}
			c, ok := nearestColumn(cols, w)
			if !ok || c.section != pr.row.Section {
				continue
			}
			switch {
			case isFigure(w.text):
				got[c.key] = append(got[c.key], w)
				used[w] = true
			case tb.wordColumn(c.section, c.key):
				stray[c.key] = append(stray[c.key], w)
				used[w] = true
			}
		}
		nonEmpty, inBand := 0, 0
		for _, ws := range got {
			inBand += len(ws)
		}
		for _, c := range pr.row.Cells {
			if !columnFound(cols, pr.row.Section, c.Key) {
				rep.unchecked[key(c.Key)] = "column header not found"
				continue
			}
			if tb.wordColumn(pr.row.Section, c.Key) {
				// A word cell: placeRow found its text under its header on
				// the row's line; nothing else may be printed there.
				extra := append(texts(got[c.Key]), texts(stray[c.Key])...)
				m, printed := pr.cells[c.Key]
				switch {
				case len(extra) > 0:
					problem("row %d %q %q word cell %s: truth %q, also printed there %q", pr.idx, pr.row.Code, pr.row.Item, c.Key, c.Text, extra)
				case c.Text == "" || printed:
					rep.agree++
					for _, w := range m {
						rep.printed = append(rep.printed, printedText{page, key(c.Key + " label"), w.text, w})
					}
				default:
					problem("row %d %q %q word cell %s: truth %q not printed", pr.idx, pr.row.Code, pr.row.Item, c.Key, c.Text)
				}
				continue
			}
			if c.Text != "" {
				nonEmpty++
			}
			ws := got[c.Key]
			switch {
			case c.Text == "" && len(ws) == 0:
				rep.agree++
			case len(ws) == 1 && ws[0].text == c.Text:
				rep.agree++
				rep.printed = append(rep.printed, printedText{page, key(c.Key), c.Text, ws[0]})
			default:
				problem("row %d %q %q cell %s: truth %q, printed %q", pr.idx, pr.row.Code, pr.row.Item, c.Key, c.Text, texts(ws))
			}
		}
		if inBand != nonEmpty {
			problem("row %d %q %q: %d figures printed in the row's columns, truth has %d non-empty cells", pr.idx, pr.row.Code, pr.row.Item, inBand, nonEmpty)
		}
	}
	// Every figure under the header must belong to a cell or code: a figure
	// nobody claimed is a row or cell the truth lacks. (Each table of these
	// reports has its pages to itself, and nothing below a table is a
	// figure: no page numbers.)
	top := math.Inf(-1) // a continuation page: the whole page
	if !borrowed {
		top = headerY(cols)
	}
	for _, w := range words {
		if isFigure(w.text) && !claimed[w] && !used[w] && w.y0 > top {
			problem("figure %q at (%.0f,%.0f) belongs to no truth cell", w.text, w.x0, w.y0)
		}
	}
	// In a table with word columns every printed word is a label or a
	// cell: a word nobody claimed is a cell or row the truth lacks. (Other
	// tables print group labels no row claims.)
	if tb.hasWordColumns() {
		for _, w := range words {
			if !isFigure(w.text) && !claimed[w] && !used[w] && w.y0 > top {
				problem("word %q at (%.0f,%.0f) belongs to no truth label or cell", w.text, w.x0, w.y0)
			}
		}
	}
	return cols
}

func texts(ws []word) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.text)
	}
	return out
}

func columnFound(cols []column, section, key string) bool {
	for _, c := range cols {
		if c.section == section && c.key == key {
			return c.found
		}
	}
	return false
}

func nearestColumn(cols []column, w word) (column, bool) {
	best, bestD := column{}, math.Inf(1)
	for _, c := range cols {
		if d := math.Abs(c.x - w.xc()); c.found && d < bestD {
			best, bestD = c, d
		}
	}
	return best, bestD < math.Inf(1)
}

// locateColumns finds each value column's header on the page: the last
// level of its label, printed above the first row. Columns sharing a last
// level (预算数, 决算数, 小计 …) take its printings from left to right.
func locateColumns(tb truthTable, words []word, bottom float64) []column {
	cols := make([]column, len(tb.Columns))
	byLeaf := map[string][]int{}
	for i, c := range tb.Columns {
		levels := strings.Split(c.Label, "/")
		leaf := levels[len(levels)-1]
		cols[i] = column{section: c.Section, key: c.Key, label: c.Label}
		byLeaf[leaf] = append(byLeaf[leaf], i)
	}
	above := func(w word) bool { return w.y1 <= bottom+1 }
	for leaf, is := range byLeaf {
		ms := distinct(findText(words, leaf, above))
		if len(ms) != len(is) {
			continue // not found, or printed a different number of times: left unfound
		}
		sort.Slice(ms, func(a, b int) bool { return ms[a].box().xc() < ms[b].box().xc() })
		for k, i := range is {
			b := ms[k].box()
			cols[i].x, cols[i].bottom, cols[i].found = b.xc(), b.y1, true
		}
	}
	return cols
}

// distinct drops matches that reuse a word of an earlier match (the same
// header found along two paths).
func distinct(ms []match) []match {
	var out []match
	seen := map[word]bool{}
next:
	for _, m := range ms {
		for _, w := range m {
			if seen[w] {
				continue next
			}
		}
		for _, w := range m {
			seen[w] = true
		}
		out = append(out, m)
	}
	return out
}

// placeRows finds each row's label, code and word cells on the page, in
// order: a section's rows run down the page, so each is searched below the
// previous one of its section. With cols, a label must be in its section's
// label column (see checkSide) and a word cell under its column's header
// (see inColumn); without, only their order down the page places them.
func placeRows(tb truthTable, words []word, rows []truthRow, idx []int, cols []column) []placedRow {
	placed := make([]placedRow, len(rows))
	below := map[string]float64{} // section -> bottom of its last placed row
	for i, r := range rows {
		pr := placedRow{row: r, idx: idx[i]}
		parts := strings.Fields(r.Item)
		cells := tb.wordCells(r)
		if len(parts) == 0 && len(codeParts(r.Code)) == 0 && len(cells) == 0 {
			pr.unanchored = "no label"
			placed[i] = pr
			continue
		}
		side := func(m match) string {
			if cols == nil || mergedAcross[tb.ID+" "+r.Item] {
				return ""
			}
			return checkSide(m, r.Section, cols)
		}
		under := func(key string, m match) bool { return cols == nil || inColumn(cols, key, m) }
		if err := placeRow(&pr, words, parts, cells, below[r.Section], side, under); err != nil {
			pr.unanchored = err.Error()
		} else {
			below[r.Section] = pr.top + 1 // the next row starts below this one's top
		}
		placed[i] = pr
	}
	return placed
}

func codeParts(code []string) []string {
	var out []string
	for _, c := range code {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// placeRow picks the first printing of the row's label (its last
// space-separated part) below `from` whose code parts are printed to its
// left on the same line, whose other label parts (group cells such as
// 一般公共预算资金 in 一般公共预算资金 小计) are printed to its left, and
// whose word cells are each printed under their column's header on the
// label's line (a wrapped cell: overlapping it). A row without label is
// anchored by its first code part, or else by its first word cell.
func placeRow(pr *placedRow, words []word, parts []string, cells []truthCell, from float64, side func(match) string, under func(string, match) bool) error {
	codes := codeParts(pr.row.Code)
	below := func(w word) bool { return w.y0 >= from }
	var cands []match
	switch {
	case len(parts) > 0:
		cands = findText(words, parts[len(parts)-1], below)
	case len(codes) > 0:
		// A row printed with a code only: the first code part anchors it.
		for _, w := range words {
			if w.text == codes[0] && below(w) {
				cands = append(cands, match{w})
			}
		}
	default:
		for _, m := range findText(words, cells[0].Text, below) {
			if under(cells[0].Key, m) {
				cands = append(cands, m)
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		ba, bb := cands[a].box(), cands[b].box()
		if math.Abs(ba.y0-bb.y0) > 1 {
			return ba.y0 < bb.y0
		}
		return ba.x0 > bb.x0 // same line, two sides: the nearest to its values
	})
	wrongSide, missingCell := "", ""
	for _, m := range cands {
		b := m.box()
		if len(parts) > 0 {
			if msg := side(m); msg != "" {
				wrongSide = msg
				continue
			}
		}
		lineOf := func(w word) bool { return w.yc() >= b.y0-2 && w.yc() <= b.y1+2 }
		codeWords, ok := findCodes(words, codes, b, lineOf, len(parts) == 0 && len(codes) > 0)
		if !ok {
			continue
		}
		if !groupsLeftOf(words, parts[:max(len(parts)-1, 0)], b) {
			continue
		}
		var label match // words no word cell may reuse
		if len(parts) > 0 {
			label = m
		}
		found, missing := findWordCells(words, cells, label, b, from, under)
		if missing != "" {
			missingCell = missing
			continue
		}
		pr.label, pr.codes, pr.cells = m, codeWords, found
		if len(parts) == 0 && len(codes) == 0 {
			pr.label = nil // anchored by its first word cell, which is in found
		}
		pr.top, pr.bot = b.y0, b.y1
		for _, w := range codeWords {
			pr.top, pr.bot = min(pr.top, w.y0), max(pr.bot, w.y1)
		}
		for _, cm := range found {
			cb := cm.box()
			pr.top, pr.bot = min(pr.top, cb.y0), max(pr.bot, cb.y1)
		}
		return nil
	}
	switch {
	case len(cands) == 0 && len(parts) == 0 && len(codes) == 0:
		return fmt.Errorf("word cell %s %q not printed under its header below the previous row", cells[0].Key, cells[0].Text)
	case len(cands) == 0:
		return errors.New("label not printed below the previous row")
	case wrongSide != "":
		return errors.New(wrongSide)
	case missingCell != "":
		return errors.New(missingCell)
	}
	return errors.New("label printed, but not with its code / group label")
}

// findWordCells finds each word cell printed under its column's header on
// the anchor's line: its words overlap the anchor's band (a wrapped cell
// and a one-line cell of the same row share the row's middle), and are not
// the label's words nor another cell's. It returns the printings by column
// key, or why one is missing.
func findWordCells(words []word, cells []truthCell, label match, band word, from float64, under func(string, match) bool) (map[string]match, string) {
	found := map[string]match{}
	taken := map[word]bool{}
	for _, w := range label {
		taken[w] = true
	}
	for _, c := range cells {
		ok := func(w word) bool { return w.y0 >= from && w.y0 < band.y1 && w.y1 > band.y0 }
		var best match
		for _, m := range findText(words, c.Text, ok) {
			if !under(c.Key, m) || slices.ContainsFunc(m, func(w word) bool { return taken[w] }) {
				continue
			}
			if best == nil || m.box().y0 < best.box().y0 {
				best = m
			}
		}
		if best == nil {
			return nil, fmt.Sprintf("word cell %s %q not printed under its header on the row's line", c.Key, c.Text)
		}
		found[c.Key] = best
		for _, w := range best {
			taken[w] = true
		}
	}
	return found, ""
}

// inColumn reports whether a printing lies under the header of column key:
// each of its words is centred nearer that header's centre than any
// other's, and within half a column's width of it at the table's edges (so
// a label printed left of the first value column is not under it, nor are
// two neighbouring cells read as one).
func inColumn(cols []column, key string, m match) bool {
	var xs []float64
	at := math.NaN()
	for _, c := range cols {
		if c.found {
			xs = append(xs, c.x)
			if c.key == key {
				at = c.x
			}
		}
	}
	if math.IsNaN(at) || len(xs) < 2 {
		return false
	}
	slices.Sort(xs)
	k := slices.Index(xs, at)
	var lo, hi float64
	if k > 0 {
		lo = (xs[k-1] + at) / 2
	} else {
		lo = at - (xs[1]-at)/2
	}
	if k+1 < len(xs) {
		hi = (at + xs[k+1]) / 2
	} else {
		hi = at + (at-xs[k-1])/2
	}
	return !slices.ContainsFunc(m, func(w word) bool { return w.xc() <= lo || w.xc() >= hi })
}

// findCodes finds the code parts, left to right, on the label's line and to
// its left (or starting at the anchor itself for a code-only row).
func findCodes(words []word, codes []string, label word, lineOf func(word) bool, anchorIsCode bool) ([]word, bool) {
	limit := label.x0
	if anchorIsCode {
		limit = math.Inf(1)
	}
	var out []word
	x := math.Inf(-1)
	for _, c := range codes {
		var best *word
		for k := range words {
			w := words[k]
			if w.text == c && lineOf(w) && w.x0 > x && w.x1 <= limit+1 && (best == nil || w.x0 < best.x0) {
				best = &words[k]
			}
		}
		if best == nil {
			return nil, false
		}
		out = append(out, *best)
		x = best.x1
	}
	return out, true
}

// groupsLeftOf reports whether each group label is printed left of the row
// label, within a merged cell's reach vertically (four text heights).
func groupsLeftOf(words []word, groups []string, label word) bool {
	for _, g := range groups {
		near := func(w word) bool { return math.Abs(w.yc()-label.yc()) < 4*label.h() && w.x1 <= label.x0+1 }
		if len(findText(words, g, near)) == 0 {
			return false
		}
	}
	return true
}

// placeFigureLine places a row printed without label or code: its band is
// the first line of figures below the column headers.
func placeFigureLine(pr *placedRow, words []word, cols []column) {
	var first *word
	for k, w := range words {
		if !isFigure(w.text) {
			continue
		}
		if _, ok := nearestColumn(cols, w); ok && (first == nil || w.y0 < first.y0) && w.y0 > headerY(cols) {
			first = &words[k]
		}
	}
	if first == nil {
		pr.unanchored = "no label, and no figure under the headers"
		return
	}
	pr.top, pr.bot, pr.unanchored = first.y0, first.y1, ""
}

// headerY is the bottom of the lowest column header.
func headerY(cols []column) float64 {
	y := math.Inf(-1)
	for _, c := range cols {
		if c.found {
			y = max(y, c.bottom)
		}
	}
	return y
}

// TestTruthCheckFindsMistakes makes sure the check above can fail: each
// mistake a truth file could hold must be reported.
func TestTruthCheckFindsMistakes(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	_, r02, r02Pages := loadTruth(t, "r02_putuo_planning_2024_final.pdf", "r02.truth.json")
	_, r06, r06Pages := loadTruth(t, "r06_putuo_justice_2026_budget_dept.pdf", "r06.truth.json")
	_, r22, r22Pages := loadTruth(t, "r22_js_npc_2019_budget_tables.pdf", "r22.truth.json")
	truths := map[string]struct {
		tables []truthTable
		pages  map[int][]word
	}{"r02": {r02, r02Pages}, "r06": {r06, r06Pages}, "r22": {r22, r22Pages}}
	table := func(ts []truthTable, id string) *truthTable {
		for i := range ts {
			if ts[i].ID == id {
				return &ts[i]
			}
		}
		t.Fatalf("no table %s", id)
		return nil
	}
	cases := []struct {
		name   string
		truth  string // r02; r06 (split codes); r22 (B13's word columns)
		mutate func(ts []truthTable)
	}{
		{"figure misread", "r02", func(ts []truthTable) { table(ts, "T03").Rows[0].Cells[1].Text = "5377.46" }},
		{"figures swapped between columns", "r02", func(ts []truthTable) {
			c := table(ts, "T03").Rows[1].Cells
			c[0].Text, c[2].Text = c[2].Text, c[0].Text
		}},
		{"figure in the next column", "r02", func(ts []truthTable) {
			c := table(ts, "T03").Rows[1].Cells
			c[2].Text, c[3].Text = "", c[2].Text
		}},
		{"blank cell filled", "r02", func(ts []truthTable) { table(ts, "T01").Rows[1].Cells[0].Text = "9746.50" }},
		{"printed cell blank", "r02", func(ts []truthTable) { table(ts, "T01").Rows[0].Cells[0].Text = "" }},
		{"wrong code", "r02", func(ts []truthTable) { table(ts, "T03").Rows[1].Code = []string{"209"} }},
		{"wrong label", "r02", func(ts []truthTable) { table(ts, "T03").Rows[2].Item = "行政事业单位医疗" }},
		{"row missing", "r02", func(ts []truthTable) {
			tb := table(ts, "T03")
			tb.Rows = append(tb.Rows[:3:3], tb.Rows[4:]...)
		}},
		{"first row missing", "r02", func(ts []truthTable) {
			tb := table(ts, "T03")
			tb.Rows = tb.Rows[1:]
		}},
		{"last row missing", "r02", func(ts []truthTable) {
			tb := table(ts, "T05")
			tb.Rows = tb.Rows[:len(tb.Rows)-1]
		}},
		{"wrong title", "r02", func(ts []truthTable) { table(ts, "T01").Title = "收入决算总表" }},
		{"wrong unit", "r02", func(ts []truthTable) { table(ts, "T01").Unit = "元" }},
		{"wrong department", "r06", func(ts []truthTable) { table(ts, "B01").Department = "上海市普陀区财政局" }},
		{"rows out of order", "r02", func(ts []truthTable) {
			r := table(ts, "T03").Rows
			r[2], r[3] = r[3], r[2]
		}},
		{"row on the wrong page", "r02", func(ts []truthTable) { table(ts, "T03").Rows[1].Page = 11 }},
		{"row on the wrong side", "r02", func(ts []truthTable) { table(ts, "T06").Rows[0].Section = "public" }},
		{"columns out of order", "r02", func(ts []truthTable) {
			c := table(ts, "T03").Columns
			c[1], c[2] = c[2], c[1]
		}},
		{"column under the wrong group header", "r02", func(ts []truthTable) {
			c := table(ts, "T07").Columns // 因公出国（境）费/预算数 <-> 公务接待费/预算数
			c[2].Label, c[10].Label = c[10].Label, c[2].Label
		}},
		{"code part dropped", "r06", func(ts []truthTable) { table(ts, "B02").Rows[1].Code = []string{"204", "", ""} }},
		{"code parts joined", "r06", func(ts []truthTable) { table(ts, "B02").Rows[2].Code = []string{"2040601"} }},
		// B13 (r22 p12-13): rows 3 and 8 print 专项名称 and 经济科目, row 4
		// 采购物品名称 and 采购组织形式, row 13 a 专项名称 wrapped over two lines.
		{"word cells swapped between columns", "r22", func(ts []truthTable) {
			c := table(ts, "B13").Rows[2].Cells
			c[0].Text, c[1].Text = c[1].Text, c[0].Text
		}},
		{"word cells swapped between rows", "r22", func(ts []truthTable) {
			r := table(ts, "B13").Rows
			r[2].Cells[0].Text, r[7].Cells[0].Text = r[7].Cells[0].Text, r[2].Cells[0].Text
		}},
		{"word cell in the next column", "r22", func(ts []truthTable) {
			c := table(ts, "B13").Rows[3].Cells
			c[2].Text, c[3].Text = "", c[2].Text+c[3].Text
		}},
		{"word cells joined", "r22", func(ts []truthTable) {
			c := table(ts, "B13").Rows[3].Cells
			c[2].Text, c[3].Text = c[2].Text+c[3].Text, ""
		}},
		{"word cell misread", "r22", func(ts []truthTable) { table(ts, "B13").Rows[3].Cells[2].Text = "台式计算机（30万以下）" }},
		{"wrapped word cell cut short", "r22", func(ts []truthTable) { table(ts, "B13").Rows[12].Cells[0].Text = "江苏省第十三届人代会" }},
		{"printed word cell blank", "r22", func(ts []truthTable) { table(ts, "B13").Rows[3].Cells[3].Text = "" }},
		{"word cell taken as the row label", "r22", func(ts []truthTable) {
			r := &table(ts, "B13").Rows[2]
			r.Item, r.Cells[0].Text = r.Cells[0].Text, ""
		}},
		{"word row missing", "r22", func(ts []truthTable) {
			tb := table(ts, "B13")
			tb.Rows = append(tb.Rows[:4:4], tb.Rows[5:]...)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			truth := truths[tc.truth]
			ts := cloneTruth(t, truth.tables)
			tc.mutate(ts)
			rep := checkTruth(ts, truth.pages)
			if len(rep.problems) == 0 {
				t.Error("mistake not reported")
			}
			t.Log(rep.problems)
		})
	}
}

func cloneTruth(t *testing.T, ts []truthTable) []truthTable {
	data, err := json.Marshal(ts)
	if err != nil {
		t.Fatal(err)
	}
	var out []truthTable
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// mergedAcross names the rows ("TABLE Item") whose label is printed in a
// cell merged across another section's columns, so it is not in its own
// section's label column: r22's 收支预算总表 prints 当年支出小计, 结转下年资金
// and 支出合计 across 功能分类 and 支出用途, their amounts under 支出用途/金额.
// Their cells are checked like any other.
var mergedAcross = map[string]bool{
	"B01 当年支出小计": true,
	"B01 结转下年资金": true,
	"B01 支出合计":   true,
}

// checkSide says why a row's label is not in its section's label column:
// right of the value columns of the section printed before it, and left
// of its own section's first value column by more than half that column's
// width (B13's first word column 专项名称 is a value column next to the
// label column 采购品目大类: a label printed under it is not a label).
// "" when it is.
func checkSide(label match, section string, cols []column) string {
	var own []float64 // header centres, ascending
	for _, c := range cols {
		if c.found && c.section == section {
			own = append(own, c.x)
		}
	}
	slices.Sort(own)
	if len(own) == 0 {
		return ""
	}
	hi := own[0]
	if len(own) > 1 {
		hi -= (own[1] - own[0]) / 2 // the first value cell's reach
	}
	lo := math.Inf(-1)
	for _, c := range cols {
		if c.found && c.section != section && c.x < own[0] {
			lo = max(lo, c.x)
		}
	}
	x := label.box().xc()
	if x >= hi || x <= lo {
		return fmt.Sprintf("label at x=%.0f is not in the label column of section %q (between %.0f and %.0f)", x, section, lo, hi)
	}
	return ""
}

// checkHeaderLevels checks the upper levels of the column labels (收入 in
// 收入/决算数, 合计 in 合计/预算数): each must be printed above the page's
// first row and centred over the columns it heads, that is between the
// columns of the neighbouring groups at its level. This catches columns in
// the wrong order, which the leaf labels alone (预算数, 决算数) cannot.
func checkHeaderLevels(words []word, cols []column, bottom float64) []string {
	var msgs []string
	paths := make([][]string, len(cols))
	depth := 0
	for i, c := range cols {
		paths[i] = strings.Split(c.label, "/")
		depth = max(depth, len(paths[i]))
	}
	for d := 0; d < depth-1; d++ {
		group := func(i int) string {
			if len(paths[i]) <= d+1 {
				return fmt.Sprintf("\x00%d", i) // a leaf at this depth: its own group
			}
			return strings.Join(paths[i][:d+1], "/")
		}
		for i := 0; i < len(cols); {
			j := i
			for j+1 < len(cols) && group(j+1) == group(i) {
				j++
			}
			if len(paths[i]) > d+1 {
				lo, hi := math.Inf(-1), math.Inf(1)
				if i > 0 {
					lo = cols[i-1].x
				}
				if j+1 < len(cols) {
					hi = cols[j+1].x
				}
				text := paths[i][d]
				ok := false
				for _, m := range findText(words, text, func(w word) bool { return w.y1 <= bottom+1 }) {
					if b := m.box(); b.xc() > lo && b.xc() < hi {
						ok = true
					}
				}
				if !ok {
					msgs = append(msgs, fmt.Sprintf("header %q of columns %s..%s not printed over them (between x=%.0f and %.0f)", text, cols[i].key, cols[j].key, lo, hi))
				}
			}
			i = j + 1
		}
	}
	return msgs
}
