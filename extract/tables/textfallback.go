package tables

import (
	"regexp"
	"strings"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// Tables printed without rulings: the region below a title is read by
// baselines and header anchors (grid.FromText).

var (
	noteRe = regexp.MustCompile(`^\s*(注|说明|备注)\s*[:：]`)
	// A bare page number or "第 3 页" footer.
	pageNoRe = regexp.MustCompile(`^\s*(-\s*)?\d{1,3}(\s*-)?\s*$|^第\s*\d+\s*页`)
)

// regionGlyphs collects the glyphs of the free lines in (y0, y1), leaving out
// unit/department/marker lines and stopping at the first note line.
func regionGlyphs(lay *grid.Layout, y0, y1 float64) []extract.Glyph {
	var gs []extract.Glyph
	for _, l := range lay.Text {
		c := (l.Y0 + l.Y1) / 2
		if c <= y0 || c >= y1 {
			continue
		}
		if noteRe.MatchString(l.Text) {
			break
		}
		if unitRe.MatchString(l.Text) || deptRe.MatchString(l.Text) || markerPrintedRe.MatchString(l.Text) ||
			yearOnlyRe.MatchString(l.Text) || (pageNoRe.MatchString(l.Text) && aloneOnBaseline(lay, l)) {
			continue
		}
		gs = append(gs, l.Glyphs...)
	}
	return gs
}

// textTable reads the table titled by titles[i] from text alone; it reports
// whether a table was started.
func (f *finder) textTable(lay *grid.Layout, titles []*titleLine, i int) bool {
	tl := titles[i]
	limit := 1e9
	for _, t := range titles[i+1:] {
		if t.line.Y0 > tl.line.Y1 {
			limit = t.line.Y0
			break
		}
	}
	for _, g := range lay.Grids {
		if g.Y0 > tl.line.Y1 && g.Y0 < limit {
			limit = g.Y0
		}
	}
	region := regionGlyphs(lay, tl.line.Y1, limit)
	// Metadata from the top of the page (or the previous title) down: the
	// 公开NN表 marker is printed above the title.
	above := -1.0
	if i > 0 {
		above = titles[i-1].line.Y1
	}
	meta := metaBetween(lay, above, limit)
	notJoined := ""
	if o := f.open; o != nil && o.textXs != nil && o.t.ID == tl.id {
		// The title repeated over the next page of a table read from text:
		// read the page with the table's column boundaries.
		if g := grid.ContinueText(lay.Page, o.textXs, region); g != nil {
			if p, ok := o.readPrinting(g, 0, meta, f.cfg.joinTol); ok {
				p.titleYear = titleYear(tl.line.Text)
				if notJoined = o.whyNotContinued(p, f.isBlank); notJoined == "" {
					o.addPrinting(p)
					tl.used = true
					return true
				}
			}
		}
	}
	g := grid.FromText(lay.Page, region)
	if g == nil || !plausibleTextTable(g) {
		return false
	}
	b := newBuilder(tl.id, tl.line.Text, append([]string{tl.line.Text}, meta...))
	b.t.NotJoined = f.whyNewPrinting(tl.id, notJoined)
	if err := b.start(g, 0); err != nil {
		return false
	}
	b.textXs = g.Xs
	for _, l := range linesBetween(lay, g.Y1, limit) {
		if isEmptyNote(textfold.Key(l)) {
			b.emptyNote = true
		}
	}
	tl.used = true
	f.built = append(f.built, b)
	f.open = b
	return true
}

// plausibleTextTable rejects text regions that are prose: the header names
// an item or code column and a value column (or, without item column, two
// value columns with data below, as in T07).
func plausibleTextTable(g *grid.Grid) bool {
	h := headerRows(g, 0)
	if h == 0 {
		return false
	}
	var item, value int
	for _, p := range columnPaths(g, 0, h) {
		if len(p) == 0 {
			continue
		}
		switch r := roleOf(p); {
		case r == roleItem || r.isCode():
			item++
		case valueWordRe.MatchString(textfold.Key(strings.Join(p, ""))):
			value++
		}
	}
	return (item > 0 && value > 0) || (value >= 2 && g.Rows() > h)
}

var valueWordRe = regexp.MustCompile(`合计|小计|决算|预算|金额|收入|支出|结余|费`)

// continueText reads a page without rulings or titles as the continuation of
// the open text-read table, with that table's column boundaries.
func (f *finder) continueText(lay *grid.Layout) {
	g := grid.ContinueText(lay.Page, f.open.textXs, regionGlyphs(lay, -1, 1e9))
	if g == nil {
		return
	}
	// Only rows with an amount count: prose pages do not continue a table.
	amounts := 0
	for _, c := range g.Cells {
		if isDecimal(textfold.Key(c.Text)) {
			amounts++
		}
	}
	if amounts == 0 {
		return
	}
	if p, ok := f.open.readPrinting(g, 0, nil, f.cfg.joinTol); ok {
		f.open.addPrinting(p)
	}
}

// aloneOnBaseline reports whether no other free line shares l's baseline (a
// page number stands alone; a 栏次 number does not).
func aloneOnBaseline(lay *grid.Layout, l grid.TextLine) bool {
	for _, o := range lay.Text {
		if o.X0 != l.X0 && o.Baseline > l.Baseline-2 && o.Baseline < l.Baseline+2 {
			return false
		}
	}
	return true
}
