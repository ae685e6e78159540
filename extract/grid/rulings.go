package grid

import (
	"math"
	"sort"

	"github.com/juesuan/juesuan/extract"
)

// rule is a merged ruling: a horizontal one at Pos spanning [A, B] in x, or a
// vertical one at Pos spanning [A, B] in y.
type rule struct {
	Pos, A, B float64
}

// component is a set of rulings that touch each other: one table.
type component struct {
	h, v []rule
}

// mergeRules joins collinear rulings (same position within tol) whose spans
// touch or overlap, so that tables drawn cell by cell become long lines.
func mergeRules(rs []rule, tol float64) []rule {
	if len(rs) == 0 {
		return nil
	}
	sort.Slice(rs, func(i, j int) bool {
		if math.Abs(rs[i].Pos-rs[j].Pos) > tol/4 {
			return rs[i].Pos < rs[j].Pos
		}
		return rs[i].A < rs[j].A
	})
	// Group by position first (chained within tol), then merge spans.
	var out []rule
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && rs[j].Pos-rs[j-1].Pos <= tol {
			j++
		}
		// Sorted in place: rs is ours, and the loop reads only past j.
		group := rs[i:j]
		sortRulesByA(group)
		pos := 0.0
		for _, r := range group {
			pos += r.Pos
		}
		pos /= float64(len(group))
		cur := rule{Pos: pos, A: group[0].A, B: group[0].B}
		for _, r := range group[1:] {
			if r.A <= cur.B+tol {
				cur.B = math.Max(cur.B, r.B)
				continue
			}
			out = append(out, cur)
			cur = rule{Pos: pos, A: r.A, B: r.B}
		}
		out = append(out, cur)
		i = j
	}
	return out
}

// sortRulesByA orders rules by A exactly as sort.Slice did: the order of
// equal starts decides how the mean position rounds.
func sortRulesByA(rs []rule) { sortLikeSortSlice(rs, func(r rule) float64 { return r.A }) }

// components splits a page's segments into groups of touching rulings.
func components(segs []extract.Segment, cfg config) []component {
	nh := 0
	for _, s := range segs {
		if s.Horizontal() {
			nh++
		}
	}
	hs, vs := make([]rule, 0, nh), make([]rule, 0, len(segs)-nh)
	for _, s := range segs {
		if s.Horizontal() {
			if s.X1-s.X0 < cfg.minSegment {
				continue
			}
			hs = append(hs, rule{Pos: (s.Y0 + s.Y1) / 2, A: s.X0, B: s.X1})
		} else {
			if s.Y1-s.Y0 < cfg.minSegment {
				continue
			}
			vs = append(vs, rule{Pos: (s.X0 + s.X1) / 2, A: s.Y0, B: s.Y1})
		}
	}
	hs = mergeRules(hs, cfg.tol)
	vs = mergeRules(vs, cfg.tol)

	sets := newUnionFind(len(hs) + len(vs))
	t := cfg.tol
	for i, h := range hs {
		if i%64 == 0 && cfg.stopped() {
			return nil
		}
		for j, v := range vs {
			if v.Pos >= h.A-t && v.Pos <= h.B+t && h.Pos >= v.A-t && h.Pos <= v.B+t {
				sets.union(i, len(hs)+j)
			}
		}
	}
	byRoot := map[int]*component{}
	var order []int
	get := func(i int) *component {
		r := sets.find(i)
		c, ok := byRoot[r]
		if !ok {
			c = &component{}
			byRoot[r] = c
			order = append(order, r)
		}
		return c
	}
	for i, h := range hs {
		c := get(i)
		c.h = append(c.h, h)
	}
	for j, v := range vs {
		c := get(len(hs) + j)
		c.v = append(c.v, v)
	}
	var out []component
	for _, r := range order {
		out = append(out, *byRoot[r])
	}
	return out
}

// cluster returns the sorted, de-duplicated positions: values closer than tol
// (chained) become their mean.
func cluster(vals []float64, tol float64) []float64 {
	if len(vals) == 0 {
		return nil
	}
	v := append([]float64(nil), vals...)
	sort.Float64s(v)
	var out []float64
	sum, n := v[0], 1
	for i := 1; i < len(v); i++ {
		if v[i]-v[i-1] <= tol {
			sum += v[i]
			n++
			continue
		}
		out = append(out, sum/float64(n))
		sum, n = v[i], 1
	}
	return append(out, sum/float64(n))
}

// interval is a covered span [a, b] of a cell boundary.
type interval struct{ a, b float64 }

// rulesAt returns the rulings at position pos (within tol), in their order
// in rs: the candidates coverage looks at for every cell boundary there.
func rulesAt(rs []rule, pos, tol float64) []rule {
	var out []rule
	for _, r := range rs {
		if math.Abs(r.Pos-pos) > tol {
			continue
		}
		out = append(out, r)
	}
	return out
}

// coverage returns the length of [a, b] covered by the rulings rs (those
// at the boundary's position, from rulesAt). scratch is reused between
// calls.
func coverage(rs []rule, a, b float64, scratch *[]interval) float64 {
	ivs := (*scratch)[:0]
	for _, r := range rs {
		lo, hi := math.Max(a, r.A), math.Min(b, r.B)
		if hi > lo {
			ivs = append(ivs, interval{lo, hi})
		}
	}
	*scratch = ivs
	sortIntervals(ivs)
	total, end := 0.0, math.Inf(-1)
	for _, x := range ivs {
		if x.a > end {
			total += x.b - x.a
			end = x.b
		} else if x.b > end {
			total += x.b - end
			end = x.b
		}
	}
	return total
}

// sortIntervals orders intervals by start exactly as sort.Slice did: the
// order of equal starts decides how the sum rounds.
func sortIntervals(ivs []interval) { sortLikeSortSlice(ivs, func(x interval) float64 { return x.a }) }

// sortLikeSortSlice orders xs by key in exactly the order sort.Slice gives,
// without its reflection: sort.Slice sorts up to 12 elements by a stable
// insertion sort, done here directly; longer runs go to sort.Slice itself
// (sortintervals_test.go checks both against it).
func sortLikeSortSlice[T any](xs []T, key func(T) float64) {
	if len(xs) > 12 {
		sort.Slice(xs, func(i, j int) bool { return key(xs[i]) < key(xs[j]) })
		return
	}
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && key(xs[j]) < key(xs[j-1]); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// maxAtomicCells bounds the atomic cells (rows × columns between rulings)
// of one grid: a real table has a few thousand; a drawing of thousands
// of rulings each way would take gigabytes.
const maxAtomicCells = 1 << 20

// buildGrid turns one component of rulings into a grid of merged cells, or nil
// when the rulings do not enclose at least one cell.
func buildGrid(c component, cfg config) *Grid {
	if len(c.h) < 2 || len(c.v) < 2 {
		return nil
	}
	x0, x1 := math.Inf(1), math.Inf(-1)
	y0, y1 := math.Inf(1), math.Inf(-1)
	var xs, ys []float64
	for _, h := range c.h {
		x0, x1 = math.Min(x0, h.A), math.Max(x1, h.B)
		y0, y1 = math.Min(y0, h.Pos), math.Max(y1, h.Pos)
		ys = append(ys, h.Pos)
	}
	for _, v := range c.v {
		y0, y1 = math.Min(y0, v.A), math.Max(y1, v.B)
		x0, x1 = math.Min(x0, v.Pos), math.Max(x1, v.Pos)
		xs = append(xs, v.Pos)
	}
	xs = cluster(append(xs, x0, x1), cfg.tol)
	ys = cluster(append(ys, y0, y1), cfg.tol)
	if len(xs) < 2 || len(ys) < 2 {
		return nil
	}
	nr, nc := len(ys)-1, len(xs)-1
	if nr*nc > maxAtomicCells {
		return nil // not a table: a hostile or broken drawing, whose cells would not fit in memory
	}
	g := &Grid{X0: xs[0], X1: xs[nc], Y0: ys[0], Y1: ys[nr], Xs: xs, Ys: ys, Ruled: true}

	// Union atomic cells that no drawn segment separates.
	sets := newUnionFind(nr * nc)
	var scratch []interval
	vAt := make([][]rule, nc) // vertical rulings at each inner column boundary
	for col := 0; col+1 < nc; col++ {
		vAt[col] = rulesAt(c.v, xs[col+1], cfg.tol)
	}
	for r := 0; r < nr; r++ {
		if r%64 == 0 && cfg.stopped() {
			return nil
		}
		for col := 0; col+1 < nc; col++ {
			a, b := ys[r], ys[r+1]
			if coverage(vAt[col], a, b, &scratch) < cfg.coverage*(b-a) {
				sets.union(r*nc+col, r*nc+col+1)
			}
		}
	}
	for r := 0; r+1 < nr; r++ {
		at := rulesAt(c.h, ys[r+1], cfg.tol)
		for col := 0; col < nc; col++ {
			a, b := xs[col], xs[col+1]
			if coverage(at, a, b, &scratch) < cfg.coverage*(b-a) {
				sets.union(r*nc+col, (r+1)*nc+col)
			}
		}
	}
	return assembleCells(g, nr, nc, sets.find)
}

// unionFind is a disjoint-set forest over 0..n-1: the connected rulings of
// a page, the atomic cells no ruling separates.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns the root of i's set, halving the path on the way.
func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the sets of a and b; the smaller root stays the root.
func (u unionFind) union(a, b int) {
	switch ra, rb := u.find(a), u.find(b); {
	case ra < rb:
		u[rb] = ra
	case rb < ra:
		u[ra] = rb
	}
}

// assembleCells creates one Cell per union-find root (its bounding box of
// atomic cells) and the atomic → cell index.
func assembleCells(g *Grid, nr, nc int, find func(int) int) *Grid {
	// Every atomic position is an index < nr*nc, so is every root: slices
	// stand for the maps, and the cells share one backing array.
	g.at = make([][]int, nr)
	atAll := make([]int, nr*nc)
	idx := make([]int32, nr*nc) // root -> 1 + index into g.Cells, 0 when none yet
	roots := 0
	for i := range idx {
		if find(i) == i {
			roots++
		}
	}
	backing := make([]Cell, roots)
	g.Cells = make([]*Cell, 0, roots)
	for r := 0; r < nr; r++ {
		g.at[r] = atAll[r*nc : (r+1)*nc : (r+1)*nc]
		for col := 0; col < nc; col++ {
			root := find(r*nc + col)
			i := int(idx[root]) - 1
			if i < 0 {
				i = len(g.Cells)
				idx[root] = int32(i + 1)
				backing[i] = Cell{Row: r, Col: col, RowSpan: 1, ColSpan: 1}
				g.Cells = append(g.Cells, &backing[i])
			}
			cell := g.Cells[i]
			if r+1-cell.Row > cell.RowSpan {
				cell.RowSpan = r + 1 - cell.Row
			}
			if col < cell.Col {
				cell.ColSpan += cell.Col - col
				cell.Col = col
			}
			if col+1-cell.Col > cell.ColSpan {
				cell.ColSpan = col + 1 - cell.Col
			}
			g.at[r][col] = i
		}
	}
	for _, cell := range g.Cells {
		cell.X0, cell.X1 = g.Xs[cell.Col], g.Xs[cell.Col+cell.ColSpan]
		cell.Y0, cell.Y1 = g.Ys[cell.Row], g.Ys[cell.Row+cell.RowSpan]
	}
	return g
}
