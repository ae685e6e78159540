// Package grid rebuilds table grids from the ruling lines and glyphs of a
// page: row and column boundaries, merged cells, and the text of each cell.
//
// A row is whatever the rulings say it is, not a baseline: generators such as
// ONLYOFFICE print the code at the top, the label in the middle and the
// amount at the bottom of one ruled row, and all three still belong together.
package grid

import (
	"context"
	"sort"

	"github.com/juesuan/juesuan/extract"
)

// Grid is one ruled (or, for the fallback, text-aligned) table on a page.
type Grid struct {
	Page           int
	X0, Y0, X1, Y1 float64   // bounding box in page space (y down)
	Xs             []float64 // column boundaries, ascending; len = Cols()+1
	Ys             []float64 // row boundaries, ascending; len = Rows()+1
	Cells          []*Cell   // merged cells in reading order (top-down, left-right)
	Ruled          bool      // false for grids inferred from text alignment
	at             [][]int   // atomic [row][col] -> index into Cells
}

// Cell is one (possibly merged) cell of a grid.
type Cell struct {
	Row, Col         int // top-left atomic position
	RowSpan, ColSpan int
	X0, Y0, X1, Y1   float64
	Lines            []string // text lines of the cell, top to bottom
	Text             string   // Lines joined (CJK without space, ASCII words with one)
	Glyphs           []extract.Glyph
}

// Rows is the number of atomic rows.
func (g *Grid) Rows() int { return len(g.Ys) - 1 }

// Cols is the number of atomic columns.
func (g *Grid) Cols() int { return len(g.Xs) - 1 }

// At returns the merged cell covering atomic position (r, c), or nil when out
// of range.
func (g *Grid) At(r, c int) *Cell {
	if r < 0 || c < 0 || r >= len(g.at) || c >= len(g.at[r]) {
		return nil
	}
	return g.Cells[g.at[r][c]]
}

// RowCells returns the distinct cells intersecting atomic row r, left to right.
func (g *Grid) RowCells(r int) []*Cell {
	var out []*Cell
	if g.Cols() > 0 {
		out = make([]*Cell, 0, g.Cols())
	}
	last := -1
	for c := 0; c < g.Cols(); c++ {
		i := g.at[r][c]
		if i != last {
			out = append(out, g.Cells[i])
			last = i
		}
	}
	return out
}

// ColOf returns the atomic column whose span contains x, or -1.
func (g *Grid) ColOf(x float64) int { return spanIndex(g.Xs, x) }

// RowOf returns the atomic row whose span contains y, or -1.
func (g *Grid) RowOf(y float64) int { return spanIndex(g.Ys, y) }

func spanIndex(bounds []float64, v float64) int {
	if len(bounds) < 2 || v < bounds[0] || v > bounds[len(bounds)-1] {
		return -1
	}
	i := sort.SearchFloat64s(bounds, v) // first bound >= v
	if i == 0 {
		return 0
	}
	if i >= len(bounds) {
		return len(bounds) - 2
	}
	return i - 1
}

// Contains reports whether the point lies inside the grid's box.
func (g *Grid) Contains(x, y float64) bool {
	return x >= g.X0 && x <= g.X1 && y >= g.Y0 && y <= g.Y1
}

// Layout is the analysed page: its grids (top to bottom) and the text lines
// outside them (titles, units, notes).
type Layout struct {
	Page  int
	Grids []*Grid
	Text  []TextLine
}

// Option tunes the analysis.
type Option func(*config)

type config struct {
	tol        float64 // distance under which two ruling positions are the same
	coverage   float64 // share of a shared boundary a segment must cover to separate cells
	minSegment float64 // segments shorter than this are ignored (dots, ticks)
	ctx        context.Context
}

// stopped reports whether the analysis's context is done: the loops over
// pairs of rulings and over atomic cells read it every 64 rows, a hostile
// page of a million rulings being minutes of work.
func (c *config) stopped() bool { return c.ctx != nil && c.ctx.Err() != nil }

// WithContext stops the analysis once ctx is done: the page's layout is
// then incomplete, and the caller, reading ctx, discards it.
func WithContext(ctx context.Context) Option { return func(c *config) { c.ctx = ctx } }

func defaultConfig() config { return config{tol: 2, coverage: 0.5, minSegment: 3} }

// WithTolerance sets the clustering tolerance for ruling positions, in points.
func WithTolerance(pt float64) Option { return func(c *config) { c.tol = pt } }

// WithCoverage sets the share (0..1) of a shared boundary that drawn segments
// must cover for two neighbouring cells to be separate.
func WithCoverage(share float64) Option { return func(c *config) { c.coverage = share } }

// Analyze finds the ruled grids of a page, assigns every glyph to the cell
// holding its centre and returns the remaining glyphs as text lines.
func Analyze(p *extract.Page, opts ...Option) *Layout {
	lay, free := AnalyzeGrids(p, opts...)
	lay.Text = Lines(free)
	return lay
}

// AnalyzeGrids is Analyze without the text lines: it returns the layout
// with its grids only (Text nil) and the glyphs outside them, from which
// Lines gives the Text that Analyze would have set. Lines is most of the
// work on a page of prose; a caller can put it off until it needs it.
func AnalyzeGrids(p *extract.Page, opts ...Option) (lay *Layout, free []extract.Glyph) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	lay = &Layout{Page: p.Number}
	free = p.Glyphs
	// The baselines of each grid's cells, read once for missingRowRules and
	// for the cells' text.
	cellBaselines := map[*Grid][][]baselineLine{}
	for _, comp := range components(p.Lines, cfg) {
		if cfg.stopped() {
			break
		}
		// A lone box or a single column is a frame, not a table: its text
		// stays free for the text fallback.
		g := buildGrid(comp, cfg)
		if g == nil || g.Cols() < 2 {
			continue
		}
		rest := assignGlyphs(g, free)
		lines := gridBaselines(g)
		if extra := missingRowRules(g, lines); len(extra) > 0 {
			comp.h = append(comp.h, extra...)
			if g2 := buildGrid(comp, cfg); g2 != nil && g2.Cols() >= 2 {
				g = g2
				rest = assignGlyphs(g, free)
				lines = gridBaselines(g)
			}
		}
		free = rest
		g.Page = p.Number
		lay.Grids = append(lay.Grids, g)
		cellBaselines[g] = lines
	}
	sort.Slice(lay.Grids, func(i, j int) bool { return lay.Grids[i].Y0 < lay.Grids[j].Y0 })
	for _, g := range lay.Grids {
		lines := cellBaselines[g]
		for i, c := range g.Cells {
			c.Lines = linesText(lines[i])
			c.Text = JoinLines(c.Lines)
		}
	}
	return lay, free
}

// gridBaselines reads the baselines of every cell of g, by cell index.
func gridBaselines(g *Grid) [][]baselineLine {
	out := make([][]baselineLine, len(g.Cells))
	for i, c := range g.Cells {
		out[i] = baselineLines(c.Glyphs)
	}
	return out
}
