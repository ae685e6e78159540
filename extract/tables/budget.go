package tables

import (
	"math"
	"regexp"

	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/internal/textfold"
)

// Budget table IDs of the contract ("Budget reports"): budgets (部门预算,
// 单位预算) print their own set of tables, recognised with budgetTitles.
const (
	B01 = "B01" // (部门)财务收支预算总表 / 收支预算总表
	B02 = "B02" // (部门)收入预算(总)表
	B03 = "B03" // (部门)支出预算(总)表
	B04 = "B04" // (部门)财政拨款收支预算总表
	B05 = "B05" // 一般公共预算支出(功能分类)预算表
	B06 = "B06" // 一般公共预算基本支出(部门预算经济分类)预算表
	B07 = "B07" // 政府性基金预算支出(功能分类)预算表 / 财政拨款政府性基金支出预算表
	B08 = "B08" // 国有资本经营预算支出(功能分类)预算表
	B09 = "B09" // (一般公共预算)“三公”经费(和机关运行经费 / 会议费、培训费)支出预算表
	B10 = "B10" // 财政拨款支出预算表
	B11 = "B11" // 财政拨款基本支出预算表
	B12 = "B12" // (一般公共预算)机关运行经费支出预算表
	B13 = "B13" // 政府采购(支出)预算表
)

// Kind selects the set of titles Find recognises.
type Kind int

const (
	Final  Kind = iota // 部门决算: T01…T09
	Budget             // 部门预算 / 单位预算: B01…B13
)

// WithKind makes Find recognise the tables of one kind of report (Final
// unless set).
func WithKind(k Kind) Option {
	return func(c *config) {
		c.titles = finalTitles
		if k == Budget {
			c.titles = budgetTitles
		}
	}
}

// IsBudgetTable reports whether id is one of the budget tables B01…B13.
func IsBudgetTable(id string) bool { return len(id) == 3 && id[0] == 'B' }

// budgetPrefix is who the table is of, printed before the title proper
// (2026年部门…, 2025年预算单位…, 单位“三公”经费…).
const budgetPrefix = `^(部门|单位|预算单位)?`

var budgetTitles = &titleSet{
	word: '预',
	ends: []string{"预算表", "预算总表"},
	// Jiangsu prints the classification or the fund after the title:
	// （功能科目）, （一般公共预算）.
	trimEnd:  regexp.MustCompile(`\(((功能|经济)(分类)?科目|一般公共预算)\)$`),
	wrapLeft: true,
	trim:     "():",
	// After the year, the department may be named (2017年度江苏省高级人民
	// 法院部门收入预算总表).
	yearPrefix:     regexp.MustCompile(`^.*?\d{4}年度?(区级)?(.*?(部门|单位))?`),
	namedAfterYear: 30,
	patterns: []titlePattern{
		{B01, regexp.MustCompile(budgetPrefix + `(财务)?收支预算总表$`)},
		{B02, regexp.MustCompile(budgetPrefix + `收入预算总表$`)},
		{B02, regexp.MustCompile(budgetPrefix + `收入预算表$`)},
		{B03, regexp.MustCompile(budgetPrefix + `支出预算总表$`)},
		{B03, regexp.MustCompile(budgetPrefix + `支出预算表$`)},
		{B04, regexp.MustCompile(budgetPrefix + `财政拨款收支预算总表$`)},
		{B05, regexp.MustCompile(budgetPrefix + `一般公共预算(财政拨款)?支出(功能分类)?预算表$`)},
		{B06, regexp.MustCompile(budgetPrefix + `一般公共预算(财政拨款)?基本支出(部门预算)?(经济分类)?预算表$`)},
		{B07, regexp.MustCompile(budgetPrefix + `(财政拨款)?政府性基金(预算)?(财政拨款)?支出(功能分类)?预算表$`)},
		{B08, regexp.MustCompile(budgetPrefix + `(财政拨款)?国有资本经营(预算)?(财政拨款)?支出(功能分类)?预算表$`)},
		{B09, regexp.MustCompile(budgetPrefix + `(\(?一般公共预算\)?)?(财政拨款)?三公经费(和机关运行经费|、?会议费、?培训费)?(支出)?预算表$`)},
		{B10, regexp.MustCompile(budgetPrefix + `财政拨款支出预算表$`)},
		{B11, regexp.MustCompile(budgetPrefix + `财政拨款基本支出预算表$`)},
		{B12, regexp.MustCompile(budgetPrefix + `(一般公共预算)?机关运行经费(支出)?预算表$`)},
		{B13, regexp.MustCompile(budgetPrefix + `政府采购(支出)?预算表$`)},
	},
}

// headerOnly reports a budget table whose first page printed its title and
// the top of its header only, the page breaking inside the header (Jiangsu
// 财政拨款收支预算总表: 收入 | 支出 at the foot of a page, the rest of the
// header and every row on the next).
func (b *builder) headerOnly(page int) bool {
	if !IsBudgetTable(b.t.ID) || b.emptyNote || page != b.lastPage+1 {
		return false
	}
	for _, rows := range b.groups {
		if len(rows) > 0 {
			return false
		}
	}
	return true
}

// restartOn reads the table's header and rows from g, the grid that holds
// the rest of a header broken over pages; the title stays where it was
// printed.
func (b *builder) restartOn(g *grid.Grid) {
	pos := b.pos
	if err := b.start(g, 0); err == nil {
		b.pos = pos
	}
}

// pendingTitle is a budget title printed at the foot of a page with nothing
// below it but its 部门/单位 line: the table starts on the next page (Jiangsu
// budgets printed from Word put several small tables on a page and let the
// last one's grid fall onto the next).
type pendingTitle struct {
	title *titleLine
	meta  []string
	page  int
}

// holdPending keeps titles[i] for the next page when it is a budget title,
// the last on the page, with only metadata lines printed below it.
func (f *finder) holdPending(lay *grid.Layout, titles []*titleLine, i int) {
	tl := titles[i]
	if !IsBudgetTable(tl.id) || i != len(titles)-1 {
		return
	}
	for _, g := range lay.Grids {
		if g.Y0 > tl.line.Y0 {
			return
		}
	}
	// One line per baseline: 部门： and the name are printed apart.
	below := metaBetween(lay, tl.line.Y1, math.Inf(1))
	for _, l := range below {
		if !isMetaRow([]string{l}) && !pageNoRe.MatchString(l) {
			return
		}
	}
	f.pending = &pendingTitle{title: tl, meta: append([]string{tl.line.Text}, below...), page: lay.Page}
}

// takePending returns the title held from the previous page for g, the
// first grid of the page, when no title is printed above g.
// titlePage is the page the title is printed on.
func (f *finder) takePending(lay *grid.Layout, g *grid.Grid) (title *titleLine, meta []string, titlePage int) {
	p := f.pending
	f.pending = nil
	if p == nil || lay.Page != p.page+1 || otherTitleAbove(lay, -1, g.Y0) {
		return nil, nil, 0
	}
	return &titleLine{id: p.title.id, line: p.title.line}, p.meta, p.page
}

// readTotalRowPage reads a page holding only a budget table's closing 合计
// row (Shanghai budgets printed from WPS: the row falls alone onto the next
// page, its label spanning the code and name columns). Its few boundaries
// all lie on the table's, but too few of them for sameStructure.
func (b *builder) readTotalRowPage(g *grid.Grid, tol float64) (printing, bool) {
	if !IsBudgetTable(b.t.ID) || b.lay == nil || g.Page != b.lastPage+1 || g.Rows() != 1 || len(g.Xs) < 3 {
		return printing{}, false
	}
	first := g.At(0, 0)
	if first == nil || !totalLabelRe.MatchString(textfold.Key(first.Text)) {
		return printing{}, false
	}
	dx := g.Xs[0] - b.lay.xs[0]
	for _, x := range g.Xs {
		if !nearAny(x-dx, b.lay.xs, tol) {
			return printing{}, false
		}
	}
	rows, note := b.dataRows(g, 0, mapColumns(b.lay, g, dx))
	return printing{page: g.Page, rows: rows, emptyNote: note}, true
}
