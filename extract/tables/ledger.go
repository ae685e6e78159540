package tables

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// The figure ledger: every figure printed inside a table's region must land
// in exactly one cell of the logical table. It counts from what the page
// prints there (the glyph lines of each ruled box of the table's grids, the
// free text lines of the region) without asking which column or row a
// figure was given, then reconciles that count with the text the logical
// table holds, page by page. A figure printed but held by no row (its
// column lost its header, its row fell outside the grid), held twice (a row
// read twice), or split by a column rule is unplaced, and an unplaced
// figure makes the report partial: a loss is never silent.
//
// A figure is an amount or a percentage as printed: a number with decimals
// (0.00, -12.50, 1,234.56), a whole number grouped by thousands (1,234), or
// a number followed by % (12%, 3.5%). Whole numbers without separators are
// not figures: they are 栏次 and 行次 numbers, subject codes, years and
// page numbers as often as amounts. Dashes and blanks are not figures.

// Ledger is the account of one logical table's figures.
type Ledger struct {
	Printed  int        // figures printed inside the table's regions
	Unplaced []Unplaced // figures that landed in no cell, or in two
	// Headless are the columns the grid rules off among the value
	// columns without a header: their (blank) cells are not in the
	// dataset, as a column whose header was lost.
	Headless []string
}

// Unplaced is one figure of a table that is not in exactly one cell.
type Unplaced struct {
	Page int
	Text string  // the figure as printed
	X, Y float64 // where it is printed: page space, points from the top left
	Why  string  // outside any column, read twice, ...
}

// Unplaced reasons, as the report's error words them.
const (
	whyOutside = "outside any column"
	whyTwice   = "read twice"
	whySplit   = "split by a column rule"
	whyRepeat  = "printed again across a page break"
	whyHeader  = "under a header without a column of their own"
	whyOrphan  = "in a grid no table was read from (its title not recognised, or its page not joined to the table before it)"
)

// regionRead is a grid a table read rows from: its rows from index from on
// are data, the rows above it title, meta and header.
type regionRead struct {
	g    *grid.Grid
	from int
}

// figure is one figure printed in a table's region.
type figure struct {
	text string
	x, y float64
}

// ledger accounts for the figures of t, the table b built, on the layouts
// of its pages.
func (b *builder) ledger(t *Table, byPage map[int]*grid.Layout, titles *titleSet) Ledger {
	var l Ledger
	pages := map[int][]figure{}
	var order []int
	for _, rd := range b.reads {
		if _, seen := pages[rd.g.Page]; !seen {
			order = append(order, rd.g.Page)
			pages[rd.g.Page] = nil
		}
		var figs []figure
		if rd.g.Ruled {
			figs, l.Unplaced = ruledFigures(rd.g, rd.g.Page, figs, l.Unplaced)
		}
		figs = freeFigures(byPage[rd.g.Page], rd.g, titles, figs)
		pages[rd.g.Page] = append(pages[rd.g.Page], figs...)
	}
	held := map[int]*placed{}
	for _, r := range t.Rows {
		h := held[r.Page]
		if h == nil {
			h = newPlaced()
			held[r.Page] = h
		}
		h.add(r)
	}
	for _, p := range order {
		figs, h := pages[p], held[p]
		if h == nil {
			h = newPlaced() // a page whose rows the table kept none of
		}
		l.Printed += len(figs)
		l.Unplaced = append(l.Unplaced, h.reconcile(p, figs)...)
	}
	l.Unplaced = append(l.Unplaced, repeatedRows(t)...)
	l.Unplaced = append(l.Unplaced, b.sharedHeaderFigures()...)
	l.Headless = b.headlessColumns()
	return l
}

// ruledFigures appends the figures printed in the boxes of a ruled grid,
// and as unplaced those a column rule cuts in two (a figure half in one
// box and half in the next is read as two pieces, neither a figure).
func ruledFigures(g *grid.Grid, page int, figs []figure, unplaced []Unplaced) ([]figure, []Unplaced) {
	for _, c := range g.Cells {
		x, y := (c.X0+c.X1)/2, (c.Y0+c.Y1)/2
		for _, line := range c.Lines {
			figureTokens(line, func(s string) { figs = append(figs, figure{s, x, y}) })
		}
		if gx, ok := cutByRule(g, c); ok {
			unplaced = append(unplaced, Unplaced{Page: page, Text: g.At(c.Row, c.Col-1).Text + "|" + c.Text, X: gx, Y: y, Why: whySplit})
		}
	}
	return figs, unplaced
}

// cutByRule reports a run of digits that continues from the box left of
// c into c on one baseline, as closely set as the digits of one figure
// (a tenth of the font size apart at most), and returns the x of the rule
// between them. Boxes pad their text: the figures of neighbouring boxes
// are never set that close.
func cutByRule(g *grid.Grid, c *grid.Cell) (float64, bool) {
	if c.Col == 0 || len(c.Glyphs) == 0 {
		return 0, false
	}
	left := g.At(c.Row, c.Col-1)
	if left == nil || left == c || len(left.Glyphs) == 0 {
		return 0, false
	}
	for i := range c.Glyphs {
		a := &c.Glyphs[i]
		if !isFigureGlyph(a.Text) || a.X0-c.X0 > 2*a.Size {
			continue
		}
		for j := range left.Glyphs {
			b := &left.Glyphs[j]
			if isFigureGlyph(b.Text) && math.Abs(a.Baseline-b.Baseline) < 0.2*a.Size && math.Abs(a.X0-b.X1) <= 0.1*a.Size {
				return c.X0, true
			}
		}
	}
	return 0, false
}

// isFigureGlyph reports a glyph a figure is made of.
func isFigureGlyph(t string) bool {
	return len(t) == 1 && (t[0] >= '0' && t[0] <= '9' || t[0] == '.' || t[0] == ',')
}

// freeFigures appends the figures of the free text lines (glyphs in no
// ruled box) that belong to g's region: every figure of the lines inside
// g (all of them for a table read from text, whose grid is made of free
// lines), and below it the lines that are a figure alone, as the rows of a
// table whose lower rules were lost are, down to the next grid, title or
// note. Notes, unit and department lines and page numbers are not in the
// region.
func freeFigures(lay *grid.Layout, g *grid.Grid, titles *titleSet, figs []figure) []figure {
	if lay == nil {
		return figs
	}
	limit := math.Inf(1)
	for _, o := range lay.Grids {
		if o != g && o.Y0 >= g.Y1-1 && o.Y0 < limit {
			limit = o.Y0
		}
	}
	stopped := false
	for i := range lay.Text {
		tl := &lay.Text[i]
		cx, cy := (tl.X0+tl.X1)/2, (tl.Y0+tl.Y1)/2
		if cy < g.Y0-1 || cy >= limit {
			continue
		}
		if noteRe.MatchString(tl.Text) || unitRe.MatchString(tl.Text) || deptRe.MatchString(tl.Text) ||
			markerPrintedRe.MatchString(tl.Text) || yearOnlyRe.MatchString(tl.Text) {
			if cy > g.Y1 && noteRe.MatchString(tl.Text) {
				stopped = true
			}
			continue
		}
		inside := cy <= g.Y1+1
		if !inside {
			if stopped {
				continue
			}
			if _, ok := titles.match(tl.Text); ok || otherTitleRe.MatchString(strings.TrimSpace(tl.Text)) {
				stopped = true
				continue
			}
		}
		if !inside && g.Ruled && (cx < g.X0 || cx > g.X1) {
			continue
		}
		if inside {
			figureTokens(tl.Text, func(s string) { figs = append(figs, figure{s, tl.X0, cy}) })
			if g.Ruled && isFragment(tl.Text) {
				// Digits beside a ruled grid: part of a figure pushed out
				// of its box. Counted, never placed.
				figs = append(figs, figure{tl.Text, tl.X0, cy})
			}
		} else if s := strings.TrimSpace(tl.Text); isFigure(s) {
			figs = append(figs, figure{s, tl.X0, cy})
		}
	}
	return figs
}

// placed is what the logical rows of one page hold: figures by the box
// they were read from, and by text alone.
type placed struct {
	at   map[figure]int
	text map[string]int
}

func newPlaced() *placed { return &placed{at: map[figure]int{}, text: map[string]int{}} }

// add counts the figures of r's value cells. A figure in a row's label or
// code is not placed: it is an amount whose column rule was lost, read
// into the label beside it.
func (h *placed) add(r Row) {
	for _, c := range r.Cells {
		if c.Label == "" {
			// A column under no printed header (col_N, kept so that its
			// figures are not dropped) names nothing a reader can query:
			// its figures count as outside any column.
			continue
		}
		figureTokens(c.Text, func(s string) { h.at[figure{s, c.x, c.y}]++ })
	}
}

// reconcile matches the figures printed on a page with those held: by box
// first, then by text alone (a table read from text, whose boxes are not
// the free lines', or a cell joined from two boxes). Printed and not held is outside any
// column; held more often than printed is read twice.
func (h *placed) reconcile(page int, figs []figure) []Unplaced {
	var out, rest []figure
	for _, f := range figs {
		if h.at[f] > 0 {
			h.at[f]--
			continue
		}
		rest = append(rest, f)
	}
	for f, n := range h.at {
		h.text[f.text] += n
	}
	var unplaced []Unplaced
	for _, f := range rest {
		if h.text[f.text] > 0 {
			h.text[f.text]--
			continue
		}
		out = append(out, f)
	}
	for _, f := range out {
		unplaced = append(unplaced, Unplaced{Page: page, Text: f.text, X: f.x, Y: f.y, Why: whyOutside})
	}
	for _, s := range sortedKeys(h.text) {
		for range h.text[s] {
			x, y := positionOf(figs, s)
			unplaced = append(unplaced, Unplaced{Page: page, Text: s, X: x, Y: y, Why: whyTwice})
		}
	}
	return unplaced
}

// isFragment reports text made only of the glyphs of figures that is not
// a figure itself ("0", ".5", "12."): a piece of one.
func isFragment(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || isFigure(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isFigureGlyph(s[i : i+1]) {
			return false
		}
	}
	return true
}

// repeatedRows finds a row printed at the foot of one page and again at
// the head of the next, figures and all: the row is read twice, and its
// second printing's figures are unplaced.
func repeatedRows(t *Table) []Unplaced {
	var out []Unplaced
	for i := 1; i < len(t.Rows); i++ {
		prev, r := &t.Rows[i-1], &t.Rows[i]
		if r.Page == prev.Page || r.Section != prev.Section || !sameRow(prev, r) {
			continue
		}
		for _, c := range r.Cells {
			figureTokens(c.Text, func(s string) {
				out = append(out, Unplaced{Page: r.Page, Text: s, X: c.x, Y: c.y, Why: whyRepeat})
			})
		}
	}
	return out
}

// sameRow reports two rows with the same label, code and cells, holding at
// least one figure.
func sameRow(a, b *Row) bool {
	if a.Item != b.Item || a.LineNo != b.LineNo || strings.Join(a.Code, " ") != strings.Join(b.Code, " ") || len(a.Cells) != len(b.Cells) {
		return false
	}
	n := 0
	for i := range a.Cells {
		if a.Cells[i].Text != b.Cells[i].Text {
			return false
		}
		figureTokens(a.Cells[i].Text, func(string) { n++ })
	}
	return n > 0
}

// sharedHeaderFigures finds the figures of body columns the header does not
// tell apart: two value columns under one header cell (a header rule lost,
// or a header printed with fewer columns than the body). The second
// column's figures are given a column the header never named.
func (b *builder) sharedHeaderFigures() []Unplaced {
	if b.lay == nil || b.head == nil {
		return nil
	}
	var out []Unplaced
	first := *b.head
	g := first.g
	if len(b.lay.cols) != g.Cols() || !g.Ruled {
		return nil
	}
	for c := 1; c < g.Cols(); c++ {
		cur, prev := b.lay.cols[c], b.lay.cols[c-1]
		if cur.role != roleValue || prev.role != roleValue || cur.group != prev.group || cur.col == prev.col || !headerShared(g, c, first.from) {
			continue
		}
		for r := first.from; r < g.Rows(); r++ {
			cell := g.At(r, c)
			if cell == nil || cell.Col != c || cell.Row != r {
				continue
			}
			figureTokens(cell.Text, func(s string) {
				out = append(out, Unplaced{Page: g.Page, Text: s, X: (cell.X0 + cell.X1) / 2, Y: (cell.Y0 + cell.Y1) / 2, Why: whyHeader})
			})
		}
	}
	return out
}

// headlessColumns names the columns of the header's grid that have no
// header and come after a value column of the same block (a header word
// lost, or a header printed with fewer columns than the body), with how
// many body cells they hold.
func (b *builder) headlessColumns() []string {
	if b.lay == nil || b.head == nil || !b.head.g.Ruled || len(b.lay.cols) != b.head.g.Cols() {
		return nil
	}
	g, from := b.head.g, b.head.from
	var out []string
	for c, cs := range b.lay.cols {
		if cs.role != roleNone || c == 0 || b.lay.cols[c-1].role != roleValue || b.lay.cols[c-1].group != cs.group {
			continue
		}
		if c > 0 && sameCellColumn(g, c) {
			continue // no rule between it and the column before: one column
		}
		n := 0
		for r := from; r < g.Rows(); r++ {
			if cell := g.At(r, c); cell != nil && cell.Col == c && cell.Row == r && cell.ColSpan == 1 {
				n++
			}
		}
		if n > 0 {
			out = append(out, fmt.Sprintf("page %d: the column at x=%.0f–%.0f has no header, its %d cells are not in the dataset", g.Page, g.Xs[c], g.Xs[c+1], n))
		}
	}
	return out
}

// headerShared reports whether every header row above from covers atomic
// columns c-1 and c with one cell, holding text.
func headerShared(g *grid.Grid, c, from int) bool {
	text := false
	for r := 0; r < from; r++ {
		a := g.At(r, c)
		if a != g.At(r, c-1) {
			return false
		}
		text = text || strings.TrimSpace(a.Text) != ""
	}
	return text && from > 0
}

// positionOf is where a figure of this text is printed among figs.
func positionOf(figs []figure, s string) (x, y float64) {
	for _, f := range figs {
		if f.text == s {
			return f.x, f.y
		}
	}
	return 0, 0
}

func sortedKeys(m map[string]int) []string {
	var keys []string
	for k, n := range m {
		if n > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// EachFigure calls fn with each figure printed in s, as the ledger counts
// them (see Ledger).
func EachFigure(s string, fn func(string)) { figureTokens(s, fn) }

// figureTokens calls fn with each figure in s: s is cut at white space and
// where wide (CJK) text meets narrow, and each piece, without brackets
// around it, is tested.
func figureTokens(s string, fn func(string)) {
	if !hasDigit(s) { // most label text: no figure, no rune decoding
		return
	}
	start := -1
	wide := false
	for i := 0; i <= len(s); {
		r, n := utf8.RuneError, 1
		if i < len(s) {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		end := i == len(s) || textfold.IsSpace(r)
		w := !end && grid.IsWide(r) && r != '％'
		if start >= 0 && (end || w != wide) {
			if !wide {
				if tok := strings.Trim(s[start:i], "()[]"); isFigure(tok) {
					fn(tok)
				}
			}
			start = -1
		}
		if !end && start < 0 {
			start, wide = i, w
		}
		i += n
	}
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// isFigure reports a figure: a number with decimals, a number grouped by
// thousands, or a number (or one of those) followed by a percent sign.
func isFigure(s string) bool {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		s = p
	} else if p, ok := strings.CutSuffix(s, "％"); ok {
		s = p
	} else {
		return isDecimal(s) || isThousands(s)
	}
	return isDecimal(s) || isThousands(s) || allDigits(trimSign(s))
}

// Error words a ledger's unplaced figures for a report: per page how many
// and why, with up to perPage examples and their positions. "" when every
// figure is placed.
func (l Ledger) Error(perPage int) string {
	if len(l.Unplaced) == 0 {
		return ""
	}
	type key struct {
		page int
		why  string
	}
	var keys []key
	byKey := map[key][]Unplaced{}
	for _, u := range l.Unplaced {
		k := key{u.Page, u.Why}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], u)
	}
	var parts []string
	for _, k := range keys {
		us := byKey[k]
		noun := "figures"
		if len(us) == 1 {
			noun = "figure"
		}
		var eg []string
		for _, u := range us[:min(len(us), perPage)] {
			eg = append(eg, fmt.Sprintf("%s at x=%.0f,y=%.0f", u.Text, u.X, u.Y))
		}
		parts = append(parts, fmt.Sprintf("page %d: %d %s %s, e.g. %s", k.page, len(us), noun, k.why, strings.Join(eg, ", ")))
	}
	return strings.Join(parts, "; ")
}

// orphanGrids accounts for the ruled grids printed among a report's tables
// (from the first table's page to the last's) that no table read: a grid
// of figures there is a table whose title was lost, or the rest of one
// whose continuation was refused. Its figures are unplaced, in the ledger
// of the table printed before it. A grid under a title of another table
// than ours is left alone.
func orphanGrids(ts []Table, built []*builder, layouts []*grid.Layout) {
	read := map[*grid.Grid]bool{}
	first, last := math.MaxInt, 0
	for _, b := range built {
		for _, rd := range b.reads {
			read[rd.g] = true
			first, last = min(first, rd.g.Page), max(last, rd.g.Page)
		}
	}
	for _, lay := range layouts {
		if lay.Page < first || lay.Page > last {
			continue
		}
		prevBottom := -1.0
		for _, g := range lay.Grids {
			above := prevBottom
			prevBottom = g.Y1
			// A grid under a title of its own that is none of ours is
			// another table (a 绩效目标表), not a loss.
			if read[g] || !g.Ruled || otherTitleAbove(lay, above, g.Y0) {
				continue
			}
			figs, _ := ruledFigures(g, lay.Page, nil, nil)
			if len(figs) == 0 {
				continue
			}
			i := 0
			for j, b := range built {
				if b.firstPos() <= float64(lay.Page)*10000+g.Y0 {
					i = j
				}
			}
			l := &ts[i].Ledger
			l.Printed += len(figs)
			for _, f := range figs {
				l.Unplaced = append(l.Unplaced, Unplaced{Page: lay.Page, Text: f.text, X: f.x, Y: f.y, Why: whyOrphan})
			}
		}
	}
}
