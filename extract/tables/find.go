package tables

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// Option tunes Find.
type Option func(*config)

type config struct {
	gridOpts  []grid.Option
	joinTol   float64 // column boundary tolerance when joining pages, points
	titleGap  float64 // how far above its grid a title may be printed, points
	titleSkip int     // text lines allowed between title and grid
	titles    *titleSet
}

func defaultConfig() config {
	return config{joinTol: 4, titleGap: 160, titleSkip: 5, titles: finalTitles}
}

// WithGridOptions passes options to the grid reconstruction.
func WithGridOptions(opts ...grid.Option) Option {
	return func(c *config) { c.gridOpts = append(c.gridOpts, opts...) }
}

// WithJoinTolerance sets how far (points) column boundaries of a following
// page may be from the table's for the page to continue it.
func WithJoinTolerance(pt float64) Option { return func(c *config) { c.joinTol = pt } }

// Find recognises the standard tables on the pages and joins pages into
// logical tables. Errors concern single tables; the others are still
// returned.
func Find(pages []*extract.Page, opts ...Option) (tables []Table, errs []error) {
	tables, errs, _ = FindContext(context.Background(), pages, opts...)
	return tables, errs
}

// FindContext is Find that stops, returning ctx's error, once ctx is done
// (checked before each page's analysis, the bulk of the work).
func FindContext(ctx context.Context, pages []*extract.Page, opts ...Option) (tables []Table, errs []error, stop error) {
	a, err := Analyze(ctx, pages, opts...)
	if err != nil {
		return nil, nil, err
	}
	tables, errs = a.find(a.cfg)
	return tables, errs, ctx.Err()
}

// Analysis is a document's pages analysed once (their grids, and the text
// lines around them) for finding tables with either set of titles: a
// report whose kind its text does not name is searched for the tables of
// one kind and then of the other without reading its pages twice.
type Analysis struct {
	cfg     config
	layouts []*grid.Layout
	free    []*freeText // of each layout: nil for a page with grids
	errs    []error
}

// freeText is the text of a page without grids. Its lines are read only
// when a title of the set searched may be among them (find): they are
// most of the work on a page of prose.
type freeText struct {
	glyphs []extract.Glyph
	lines  []grid.TextLine
	read   bool // lines read
	titled bool // the glyphs may spell a title of the Analysis's own set
}

// Analyze analyses the pages for FindKind; it stops, returning ctx's
// error, once ctx is done (checked before each page's analysis, the bulk
// of the work). The lines of the titles of opts (WithKind) are read at
// once.
func Analyze(ctx context.Context, pages []*extract.Page, opts ...Option) (*Analysis, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	cfg.gridOpts = append(cfg.gridOpts[:len(cfg.gridOpts):len(cfg.gridOpts)], grid.WithContext(ctx))
	a := &Analysis{cfg: cfg, layouts: make([]*grid.Layout, 0, len(pages)), free: make([]*freeText, 0, len(pages))}
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p == nil {
			continue
		}
		lay, free, err := analyze(p, cfg)
		if err != nil {
			a.errs = append(a.errs, err)
			continue
		}
		a.layouts, a.free = append(a.layouts, lay), append(a.free, free)
	}
	return a, nil
}

// FindKind recognises the tables of kind k on the analysed pages: what
// FindContext with WithKind(k) finds.
func (a *Analysis) FindKind(k Kind) (tables []Table, errs []error) {
	cfg := a.cfg
	WithKind(k)(&cfg)
	return a.find(cfg)
}

// find recognises the tables of cfg's titles. A page without grids is
// given its text lines where its glyphs may spell one of the titles; the
// finder reads the others' only if a table may continue there.
func (a *Analysis) find(cfg config) (tables []Table, errs []error) {
	errs = slices.Clip(a.errs)
	deferred := map[*grid.Layout][]extract.Glyph{}
	var failed map[*grid.Layout]bool
	for i, lay := range a.layouts {
		ft := a.free[i]
		if ft == nil {
			continue
		}
		titled := ft.titled
		if cfg.titles != a.cfg.titles {
			titled = cfg.titles.glyphsMaySpellTitle(ft.glyphs)
		}
		if !titled {
			lay.Text, deferred[lay] = nil, ft.glyphs
			continue
		}
		if !ft.read {
			lines, err := readLines(lay.Page, ft.glyphs)
			if err != nil { // as when the page's analysis failed: it is left out
				errs = append(errs, err)
				if failed == nil {
					failed = map[*grid.Layout]bool{}
				}
				failed[lay] = true
				continue
			}
			ft.lines, ft.read = lines, true
		}
		lay.Text = ft.lines
	}
	layouts := a.layouts
	if failed != nil {
		layouts = slices.DeleteFunc(slices.Clone(layouts), func(l *grid.Layout) bool { return failed[l] })
	}
	ts, more := findInLayouts(layouts, deferred, cfg)
	return ts, append(errs, more...)
}

// analyze runs grid.Analyze on a page. The text of a page without grids
// is returned apart, its lines read only when its glyphs may spell one of
// cfg's titles (titleSet.mayBeTitle).
func analyze(p *extract.Page, cfg config) (lay *grid.Layout, text *freeText, err error) {
	defer func() {
		if r := recover(); r != nil {
			lay, text, err = nil, nil, fmt.Errorf("page %d: grid reconstruction failed: %v", p.Number, r)
		}
	}()
	lay, free := grid.AnalyzeGrids(p, cfg.gridOpts...)
	if len(lay.Grids) == 0 && len(free) > 0 {
		text = &freeText{glyphs: free, titled: cfg.titles.glyphsMaySpellTitle(free)}
		if text.titled {
			text.lines, text.read = grid.Lines(free), true
		}
		return lay, text, nil
	}
	lay.Text = grid.Lines(free)
	return lay, nil, nil
}

// readLines reads the text lines of a page's free glyphs, a failure an
// error of the page's analysis.
func readLines(page int, free []extract.Glyph) (lines []grid.TextLine, err error) {
	defer func() {
		if r := recover(); r != nil {
			lines, err = nil, fmt.Errorf("page %d: grid reconstruction failed: %v", page, r)
		}
	}()
	return grid.Lines(free), nil
}

// glyphsMaySpellTitle reports whether the glyphs hold the set's word, 算 and
// 表, which every title line does (mayBeTitle): a line is made of its
// glyphs' text.
func (ts *titleSet) glyphsMaySpellTitle(gs []extract.Glyph) bool {
	var jue, suan, biao bool
	for i := range gs {
		for _, r := range gs[i].Text {
			switch r {
			case ts.word:
				jue = true
			case '算':
				suan = true
			case '表':
				biao = true
			default:
				continue
			}
			if jue && suan && biao {
				return true
			}
		}
	}
	return false
}

// FindInLayouts is Find on pages already analysed by grid.Analyze.
func FindInLayouts(layouts []*grid.Layout, opts ...Option) (tables []Table, errs []error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return findInLayouts(layouts, nil, cfg)
}

// findInLayouts recognises the tables; deferred holds the free glyphs of
// layouts whose text lines analyze left out.
func findInLayouts(layouts []*grid.Layout, deferred map[*grid.Layout][]extract.Glyph, cfg config) (tables []Table, errs []error) {
	f := &finder{cfg: cfg, deferred: deferred}
	for _, lay := range layouts {
		func() {
			defer func() {
				if r := recover(); r != nil {
					f.errs = append(f.errs, fmt.Errorf("page %d: table recognition failed: %v", lay.Page, r))
				}
			}()
			f.page(lay)
		}()
	}
	byPage := make(map[int]*grid.Layout, len(layouts))
	for _, lay := range layouts {
		byPage[lay.Page] = lay
	}
	for _, b := range f.built {
		t := b.finish()
		t.Ledger = b.ledger(&t, byPage, f.cfg.titles)
		tables = append(tables, t)
	}
	orphanGrids(tables, f.built, layouts)
	return tables, f.errs
}

type finder struct {
	cfg      config
	pending  *pendingTitle // a title printed at the foot of the previous page
	built    []*builder
	open     *builder // the table a title-less grid may continue
	errs     []error
	deferred map[*grid.Layout][]extract.Glyph // free glyphs of layouts still without Text
	blank    map[int]bool                     // pages printing nothing but a page number or running head
}

// maxBlankGlyphs bounds the glyphs of a page that may still be blank: a
// page number and a running head; a page with more is not read for it.
const maxBlankGlyphs = 80

// noteBlank records lay's page when it prints no grid and no text but a
// page number or a running head: such pages may lie inside a table.
func (f *finder) noteBlank(lay *grid.Layout) {
	if len(lay.Grids) > 0 || len(f.deferred[lay]) > maxBlankGlyphs {
		return
	}
	f.textOf(lay)
	for _, l := range lay.Text {
		if !pageNoRe.MatchString(l.Text) && !isRunningHead(textfold.Key(l.Text)) {
			return
		}
	}
	if f.blank == nil {
		f.blank = map[int]bool{}
	}
	f.blank[lay.Page] = true
}

func (f *finder) isBlank(page int) bool { return f.blank[page] }

// isRunningHead reports a running head of a report (…2020年度部门决算,
// …部门预算公开): a short line naming the report, not a table.
func isRunningHead(s string) bool {
	if len([]rune(s)) > 40 {
		return false
	}
	if docHeadingRe.MatchString(s) {
		return true
	}
	for _, end := range []string{"决算", "预算", "决算公开", "预算公开"} {
		if strings.HasSuffix(s, end) {
			return true
		}
	}
	return false
}

// textOf fills in the text lines of a layout analyze left them out of.
func (f *finder) textOf(lay *grid.Layout) {
	if free, ok := f.deferred[lay]; ok {
		lay.Text = grid.Lines(free)
		delete(f.deferred, lay)
	}
}

// titleLine is a recognised title on a page.
type titleLine struct {
	id   string
	line grid.TextLine
	used bool
}

func (f *finder) page(lay *grid.Layout) {
	if len(lay.Grids) == 0 && f.open != nil {
		f.noteBlank(lay)
	}
	titles := f.cfg.titles.findTitles(lay.Text)
	prevBottom := -1.0
	for gi, g := range lay.Grids {
		start := 0
		var title *titleLine
		// A title printed in the grid's first merged row (spreadsheet exports).
		if first := g.At(0, 0); first != nil && first.ColSpan == g.Cols() && g.Rows() > 1 {
			if id, ok := f.cfg.titles.match(first.Text); ok {
				title = &titleLine{id: id, line: grid.TextLine{Text: first.Text, Y0: first.Y0, Y1: first.Y1, X0: first.X0, X1: first.X1}}
				start = 1
			}
		}
		if title == nil {
			title = f.titleAbove(lay, titles, g, prevBottom)
		}
		var meta []string
		titlePage := 0 // the page of a title held from the page before
		if title == nil && gi == 0 {
			title, meta, titlePage = f.takePending(lay, g)
		}
		marked := "" // why a grid under no title is a printing of an earlier table
		if title == nil {
			title, marked = f.markedAgain(lay, prevBottom, g)
		}
		switch {
		case title != nil:
			title.used = true
			meta = append(meta, metaBetween(lay, prevBottom, g.Y0)...)
			notJoined := marked
			if o := f.open; o != nil && o.lay != nil && o.t.ID == title.id {
				if p, ok := o.readPrinting(g, start, meta, f.cfg.joinTol); !ok {
					notJoined = "its columns differ"
				} else {
					p.titleYear = titleYear(title.line.Text)
					if notJoined = o.whyNotContinued(p, f.isBlank); notJoined == "" {
						o.addPrinting(p)
						break
					}
				}
			}
			b := newBuilder(title.id, title.line.Text, meta)
			if titlePage > 0 {
				b.t.Pages = append(b.t.Pages, titlePage)
			}
			b.t.NotJoined = f.whyNewPrinting(b.t.ID, notJoined)
			if err := b.start(g, start); err != nil {
				f.errs = append(f.errs, err)
				f.open = nil
			} else {
				f.built = append(f.built, b)
				f.open = b
			}
		case f.open != nil && f.open.lay != nil && !otherTitleAbove(lay, prevBottom, g.Y0):
			// A grid under no title continues the open table whenever it
			// has its columns: there is no other printing it could start.
			if p, ok := f.open.readPrinting(g, 0, nil, f.cfg.joinTol); ok {
				f.open.addPrinting(p)
			} else if p, ok := f.open.readTotalRowPage(g, f.cfg.joinTol); ok && gi == 0 {
				f.open.addPrinting(p)
			} else if gi == 0 && f.open.headerOnly(g.Page) {
				f.open.restartOn(g)
			}
		}
		next := 1e9
		if gi+1 < len(lay.Grids) {
			next = lay.Grids[gi+1].Y0
		}
		if f.open != nil {
			for _, l := range linesBetween(lay, g.Y1, next) {
				if isEmptyNote(textfold.Key(l)) {
					f.open.emptyNote = true
				}
			}
		}
		prevBottom = g.Y1
	}
	if len(lay.Grids) == 0 && len(titles) == 0 && f.open != nil && f.open.textXs != nil {
		f.textOf(lay)
		f.continueText(lay)
	}
	// Titles with no ruled grid below: a table without borders, or one
	// printed as 本表无数据 / 空表 only.
	for i, tl := range titles {
		if tl.used {
			continue
		}
		if f.textTable(lay, titles, i) {
			continue
		}
		after := linesAfter(lay, tl.line, titles, i)
		f.holdPending(lay, titles, i)
		for _, l := range after {
			if isEmptyNote(textfold.Key(l)) {
				b := newBuilder(tl.id, tl.line.Text, append([]string{tl.line.Text}, after...))
				b.t.Pages = []int{lay.Page}
				b.pos = float64(lay.Page)*10000 + tl.line.Y0
				b.emptyNote = true
				f.built = append(f.built, b)
				f.open = nil
				break
			}
		}
	}
	sort.SliceStable(f.built, func(i, j int) bool { return f.built[i].firstPos() < f.built[j].firstPos() })
}

// titleAbove finds the title printed just above g: below the previous grid,
// within titleGap, with at most titleSkip text lines between.
func (f *finder) titleAbove(lay *grid.Layout, titles []*titleLine, g *grid.Grid, prevBottom float64) *titleLine {
	var best *titleLine
	for _, t := range titles {
		if t.used || t.line.Y0 < prevBottom || t.line.Y1 > g.Y0+2 || g.Y0-t.line.Y1 > f.cfg.titleGap {
			continue
		}
		if best == nil || t.line.Y0 > best.line.Y0 {
			best = t
		}
	}
	if best == nil {
		return nil
	}
	between := 0
	for _, l := range lay.Text {
		if l.Y0 > best.line.Y1 && l.Y1 < g.Y0+2 {
			between++
		}
	}
	if between > f.cfg.titleSkip {
		return nil
	}
	return best
}

// linesBetween returns the text of the free lines whose centre lies in (y0, y1).
func linesBetween(lay *grid.Layout, y0, y1 float64) []string {
	var out []string
	for _, l := range lay.Text {
		if c := (l.Y0 + l.Y1) / 2; c > y0 && c < y1 {
			out = append(out, l.Text)
		}
	}
	return out
}

// metaBetween returns the free text in (y0, y1) one string per baseline
// (parts joined by two spaces), so that "部门：" and a department name
// printed far to its right are read together.
func metaBetween(lay *grid.Layout, y0, y1 float64) []string {
	var out []string
	var last *grid.TextLine
	for i := range lay.Text {
		l := &lay.Text[i]
		if c := (l.Y0 + l.Y1) / 2; c <= y0 || c >= y1 {
			continue
		}
		if last != nil && math.Abs(l.Baseline-last.Baseline) < 2 {
			out[len(out)-1] += "  " + l.Text
		} else {
			out = append(out, l.Text)
		}
		last = l
	}
	return out
}

// linesAfter returns up to four lines printed below a title, stopping at the
// next title.
func linesAfter(lay *grid.Layout, tl grid.TextLine, titles []*titleLine, i int) []string {
	limit := 1e9
	if i+1 < len(titles) {
		limit = titles[i+1].line.Y0
	}
	var out []string
	for _, l := range lay.Text {
		if l.Y0 > tl.Y0 && l.Y0 < limit && len(out) < 4 {
			out = append(out, l.Text)
		}
	}
	return out
}

// builder accumulates one logical table over its pages.
type builder struct {
	t         Table
	lay       *layout
	groups    [][]Row
	emptyNote bool
	pos       float64         // page*10000 + y of the title, for ordering
	textXs    []float64       // column boundaries of a table read without rulings
	lastPage  int             // page of the last grid read into the table
	titleYear string          // the year printed in the title line, if any
	keys      map[string]bool // rowKey of the rows read so far
	// reads are the grids the table's rows were read from, for its
	// ledger; pending is the last grid read, until its rows are added.
	reads   []regionRead
	pending *regionRead
	head    *regionRead // the grid the header was read from
}

func newBuilder(id, title string, meta []string) *builder {
	b := &builder{t: Table{ID: id, Title: printedTitle(title), Pages: []int{}, Columns: []Column{}}}
	if IsBudgetTable(id) { // 公开 01 表：收支预算总表 without its marker
		b.t.Title = strings.TrimLeft(b.t.Title, "：: ")
	}
	b.t.Unit, b.t.Department, b.t.Year, b.t.Marker = metaFrom(meta)
	b.titleYear = titleYear(title)
	return b
}

// printedTitle is the title line without padding and without the marker.
func printedTitle(s string) string {
	s = textfold.CleanText(s)
	s = strings.TrimSpace(markerPrintedRe.ReplaceAllString(s, ""))
	for _, empty := range []string{"（）", "()"} {
		s = strings.TrimSpace(strings.ReplaceAll(s, empty, ""))
	}
	return s
}

func (b *builder) firstPos() float64 { return b.pos }

func (b *builder) start(g *grid.Grid, start int) error {
	// Spreadsheet exports put 单位/部门 lines inside the grid, above the header.
	for start < g.Rows() {
		texts := rowTexts(g, start)
		if !isMetaRow(texts) {
			break
		}
		unit, dept, year, marker := metaFrom(texts)
		b.t.Unit, b.t.Department = firstNonEmpty(b.t.Unit, unit), firstNonEmpty(b.t.Department, dept)
		b.t.Year, b.t.Marker = firstNonEmpty(b.t.Year, year), firstNonEmpty(b.t.Marker, marker)
		start++
	}
	h := headerRows(g, start)
	lay, cols, err := buildLayout(b.t.ID, g, start, h)
	if err != nil {
		return err
	}
	b.lay, b.t.Columns = lay, cols
	b.groups, b.keys = make([][]Row, lay.groups), nil
	b.pos = float64(g.Page)*10000 + g.Y0
	b.addPage(g.Page)
	rows, emptyNote := b.dataRows(g, h, mapColumns(lay, g, 0))
	b.head = b.pending
	b.addPrinting(printing{page: g.Page, rows: rows, emptyNote: emptyNote})
	return nil
}

// addPrinting appends a continuation page's rows. Its repeated title, meta
// lines, header and 栏次 rows were left out by readPrinting; a page holding
// only those (the printer broke just after the header) is not a page of the
// table.
func (b *builder) addPrinting(p printing) {
	if b.pending != nil && b.pending.g.Page == p.page {
		b.reads = append(b.reads, *b.pending)
	}
	b.pending = nil
	b.lastPage = p.page
	b.emptyNote = b.emptyNote || p.emptyNote
	n := 0
	for i, rows := range p.rows {
		b.groups[i] = append(b.groups[i], rows...)
		b.noteKeys(i, rows)
		n += len(rows)
	}
	if n > 0 {
		b.addPage(p.page)
	}
}

func (b *builder) addPage(p int) {
	if len(b.t.Pages) == 0 || b.t.Pages[len(b.t.Pages)-1] != p {
		b.t.Pages = append(b.t.Pages, p)
	}
}

// dataRows reads the data rows of g from row index from, per group,
// colMap mapping its columns to the layout's (mapColumns), leaving out
// rows that only say the table has no data (reported as
// emptyNote).
func (b *builder) dataRows(g *grid.Grid, from int, colMap []int) (groups [][]Row, emptyNote bool) {
	groups = extractRows(&b.t, b.lay, g, from, colMap)
	b.pending = &regionRead{g: g, from: from}
	for i, rows := range groups {
		kept := rows[:0]
		for _, r := range rows {
			if isEmptyNoteRow(r) {
				emptyNote = true
				continue
			}
			kept = append(kept, r)
		}
		groups[i] = kept
	}
	return groups, emptyNote
}

// finish concatenates the groups (all income rows, then all expenditure
// rows; personnel before public) and decides emptiness.
func (b *builder) finish() Table {
	t := b.t
	t.Rows = []Row{} // [] rather than null in JSON for an empty table
	for _, rows := range b.groups {
		t.Rows = append(t.Rows, rows...)
	}
	if t.ID == T06 && b.lay != nil && b.lay.groups == 1 {
		sectionByEconomicCode(t.Rows)
	}
	// Empty: no amount printed, or a 本表无数据 note over amounts that are
	// all zero (a note near a table with real amounts belongs elsewhere).
	hasValue, nonZero := false, false
	for _, r := range t.Rows {
		for _, c := range r.Cells {
			if c.Text != "" && !t.isTextColumn(r.Section, c.Key) {
				hasValue = true
				if !isZeroText(textfold.Key(c.Text)) {
					nonZero = true
				}
			}
		}
	}
	t.Empty = !hasValue || (b.emptyNote && !nonZero)
	return t
}

// sectionByEconomicCode sets the T06 section of a single-block table from the
// economic classification: 301 and 303 are personnel, the rest public.
func sectionByEconomicCode(rows []Row) {
	for i := range rows {
		code := strings.Join(rows[i].Code, "")
		switch {
		case strings.HasPrefix(code, "301"), strings.HasPrefix(code, "303"), strings.Contains(rows[i].Item, "人员经费"):
			rows[i].Section = SectionPersonnel
		case code != "" || strings.Contains(rows[i].Item, "公用经费"):
			rows[i].Section = SectionPublic
		}
	}
}

// isEmptyNoteRow reports a row that only says the table has no data
// (本表无数据 printed inside the grid).
func isEmptyNoteRow(r Row) bool {
	if len(r.Code) > 0 || r.LineNo != "" {
		return false
	}
	for _, c := range r.Cells {
		if c.Text != "" && !isEmptyNote(textfold.Key(c.Text)) {
			return false
		}
	}
	text := r.Item
	for _, c := range r.Cells {
		text += c.Text
	}
	return isEmptyNote(textfold.Key(text))
}

// findTitles returns the title lines of a page, top to bottom. A long title
// wrapped onto two lines (（一般公共预算）财政拨款“三公”经费 / 支出决算表) is
// matched joined.
func (ts *titleSet) findTitles(lines []grid.TextLine) []*titleLine {
	var titles []*titleLine
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if id, ok := ts.match(l.Text); ok {
			titles = append(titles, &titleLine{id: id, line: l})
			continue
		}
		if i+1 >= len(lines) {
			continue
		}
		n := lines[i+1]
		close := n.Baseline-l.Baseline > 0 && n.Baseline-l.Baseline < 2.2*math.Max(l.Size, 1)
		centred := math.Abs((l.X0+l.X1)/2-(n.X0+n.X1)/2) < 3*math.Max(l.Size, 1) ||
			ts.wrapLeft && math.Abs(l.X0-n.X0) < 3*math.Max(l.Size, 1)
		if !close || !centred {
			continue
		}
		if id, ok := ts.match(l.Text + n.Text); ok {
			joined := l
			joined.Text = l.Text + n.Text
			joined.Y1 = n.Y1
			joined.X0, joined.X1 = math.Min(l.X0, n.X0), math.Max(l.X1, n.X1)
			titles = append(titles, &titleLine{id: id, line: joined})
			i++
		}
	}
	return titles
}

// isMetaRow reports a grid row holding only unit/department/year/marker text.
func isMetaRow(texts []string) bool {
	n := 0
	for _, t := range texts {
		if strings.TrimSpace(t) == "" {
			continue
		}
		n++
		if !unitRe.MatchString(t) && !deptRe.MatchString(t) && !yearOnlyRe.MatchString(t) && !markerPrintedRe.MatchString(t) {
			return false
		}
	}
	return n > 0
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var (
	otherTitleRe = regexp.MustCompile(`表$`)
	// Running heads such as 上海市XX局2024年度部门决算表 are not titles.
	docHeadingRe = regexp.MustCompile(`(部门|单位)(决算|预算)(公开)?表$|(决算|预算)公开表$`)
)

// otherTitleAbove reports a title-like line (ending in 表, not one of ours)
// printed in (y0, y1): the grid below it starts an unknown table, which must
// not be joined to the open one.
func otherTitleAbove(lay *grid.Layout, y0, y1 float64) bool {
	for _, l := range linesBetween(lay, y0, y1) {
		t := strings.TrimSpace(stripMarkers(textfold.Key(l)))
		if otherTitleRe.MatchString(t) && !docHeadingRe.MatchString(t) && !isTOC(t) && len([]rune(t)) <= 40 {
			return true
		}
	}
	return false
}
