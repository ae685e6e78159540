package grid

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/juesuan/juesuan/extract"
)

// Fallback for tables printed without (enough) rulings: columns from header
// anchors, rows from baselines.

// word is a run of glyphs on one baseline without a wide gap.
type word struct {
	text           string
	x0, x1, y0, y1 float64
	glyphs         []extract.Glyph
}

// textRow is one baseline of words.
type textRow struct {
	baseline float64
	size     float64
	words    []word
}

var (
	tgAmountRe = regexp.MustCompile(`^[-−]?(\d{1,3}(,\d{3})+|\d+)\.\d+$`)
	tgCodeRe   = regexp.MustCompile(`^\d{3,}$`)
	tgEnumRe   = regexp.MustCompile(`^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[）)]`)
	tgColNumRe = regexp.MustCompile(`^\d{1,2}$`)
	tgColWord  = regexp.MustCompile(`^(栏次|行次|栏号)$`)
)

func textRows(gs []extract.Glyph) []textRow {
	var rows []textRow
	for _, grp := range baselineGroupsView(gs) { // makeWord copies what it keeps
		tr := textRow{baseline: grp[0].Baseline}
		start := 0
		for i := 1; i <= len(grp); i++ {
			if i < len(grp) {
				size := math.Max(grp[i].Size, 4)
				gap := grp[i].X0 - grp[i-1].X1
				// An amount ending where the next column's label starts is
				// two words even with little space between them.
				classChange := gap > 1 && isDigitText(grp[i-1].Text) != isDigitText(grp[i].Text)
				if gap <= 0.6*size && !classChange && strings.TrimSpace(grp[i].Text) != "" {
					continue
				}
			}
			if w, ok := makeWord(grp[start:i]); ok {
				tr.words = append(tr.words, w)
			}
			start = i
		}
		for _, g := range grp {
			tr.size = math.Max(tr.size, g.Size)
		}
		if len(tr.words) > 0 {
			rows = append(rows, tr)
		}
	}
	return rows
}

func makeWord(gs []extract.Glyph) (word, bool) {
	var kept []extract.Glyph
	for _, g := range gs {
		if strings.TrimSpace(g.Text) != "" {
			kept = append(kept, g)
		}
	}
	if len(kept) == 0 {
		return word{}, false
	}
	w := word{text: joinGlyphs(kept), x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1), glyphs: kept}
	for _, g := range kept {
		w.x0, w.x1 = math.Min(w.x0, g.X0), math.Max(w.x1, g.X1)
		w.y0, w.y1 = math.Min(w.y0, g.Y0), math.Max(w.y1, g.Y1)
	}
	return w, true
}

func (r textRow) isData() bool {
	for _, w := range r.words {
		t := strings.ReplaceAll(w.text, " ", "")
		if tgAmountRe.MatchString(t) || tgCodeRe.MatchString(t) || tgEnumRe.MatchString(t) {
			return true
		}
	}
	return false
}

func (r textRow) isColumnNumbers() bool {
	n, last := 0, 0
	for _, w := range r.words {
		t := strings.ReplaceAll(w.text, " ", "")
		switch {
		case tgColWord.MatchString(t):
		case tgColNumRe.MatchString(t):
			v := 0
			for _, c := range t {
				v = v*10 + int(c-'0')
			}
			if v <= last {
				return false
			}
			last, n = v, n+1
		default:
			return false
		}
	}
	return n >= 2
}

type extent struct {
	x0, x1 float64
	upper  bool // from a header row above the deepest one (may span columns)
}

// headerExtents derives leaf column extents from header rows, deepest first:
// a higher header word becomes a column only where no deeper word is.
func headerExtents(header []textRow, spanning map[*word][2]*word) []extent {
	var ext []extent
	overlaps := func(a extent) bool {
		for _, e := range ext {
			if a.x0 < e.x1-1 && a.x1 > e.x0+1 {
				return true
			}
		}
		return false
	}
	for i := len(header) - 1; i >= 0; i-- {
		for wi, w := range header[i].words {
			if _, ok := spanning[&header[i].words[wi]]; ok || tgColWord.MatchString(strings.ReplaceAll(w.text, " ", "")) {
				continue
			}
			e := extent{x0: w.x0, x1: w.x1, upper: i < len(header)-1}
			if !overlaps(e) {
				ext = append(ext, e)
			}
		}
	}
	sort.Slice(ext, func(i, j int) bool { return ext[i].x0 < ext[j].x0 })
	return ext
}

// FromText builds an unruled grid from the glyphs of a table region: the
// header rows (up to the first data row, 栏次 row included) give the
// columns, every data baseline a row; a label-only line set tighter than
// the row pitch continues the row above (a wrapped label). Returns nil when
// no header with at least two columns is found.
func FromText(page int, gs []extract.Glyph) *Grid {
	rows := textRows(gs)
	h := 0
	for h < len(rows) && !rows[h].isData() {
		if rows[h].isColumnNumbers() {
			h++
			break
		}
		h++
	}
	if h == 0 {
		return nil
	}
	spanning := spanningHeader(rows[:h])
	ext := headerExtents(rows[:h], spanning)
	if len(ext) < 2 {
		return nil
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, g := range gs {
		minX, maxX = math.Min(minX, g.X0), math.Max(maxX, g.X1)
	}
	gaps := dataGaps(rows[h:], minX)
	anchors := columnAnchors(rows[h:])
	bounds := func(ext []extent) []float64 {
		xs := []float64{math.Min(minX, ext[0].x0) - 1}
		for i := 0; i+1 < len(ext); i++ {
			xs = append(xs, boundary(ext[i], ext[i+1], gaps, anchors))
		}
		return append(xs, math.Max(maxX, ext[len(ext)-1].x1)+1)
	}
	ext = dropSpanningExtents(bounds(ext), ext, rows[h:])
	if len(ext) < 2 {
		return nil
	}
	return gridFromText(page, bounds(ext), rows[:h], rows[h:], spanning)
}

// dropSpanningExtents removes the extents of upper header words (收入
// centred over 项目 and 决算数) under which no data word falls: such a word
// spans columns rather than naming one. Kept when there is no data.
func dropSpanningExtents(xs []float64, ext []extent, data []textRow) []extent {
	if len(data) == 0 || len(ext) != len(xs)-1 {
		return ext
	}
	count := make([]int, len(ext))
	for _, r := range data {
		for _, w := range r.words {
			x := w.x0 + 0.5
			if tgAmountRe.MatchString(strings.ReplaceAll(w.text, " ", "")) {
				x = w.x1 - 0.5
			}
			if c := spanIndex(xs, x); c >= 0 {
				count[c]++
			}
		}
	}
	var out []extent
	for c, e := range ext {
		if count[c] == 0 && e.upper {
			continue
		}
		out = append(out, e)
	}
	return out
}

// ContinueText builds an unruled grid for a continuation page with the
// column boundaries of the table it continues: leading header rows, if the
// page repeats them, become the first row.
func ContinueText(page int, xs []float64, gs []extract.Glyph) *Grid {
	rows := textRows(gs)
	h := 0
	for h < len(rows) && !rows[h].isData() {
		h++
	}
	if h == len(rows) {
		return nil
	}
	return gridFromText(page, xs, rows[:h], rows[h:], spanningHeader(rows[:h]))
}

// gridFromText lays header and data rows into columns bounded by xs: amounts
// by their right edge (numbers are right-aligned), other words by their left
// edge.
func gridFromText(page int, xs []float64, header, data []textRow, spanning map[*word][2]*word) *Grid {
	colOf := func(w word) int {
		x := w.x0 + 0.5
		if tgAmountRe.MatchString(strings.ReplaceAll(w.text, " ", "")) {
			x = w.x1 - 0.5
		}
		c := spanIndex(xs, x)
		if c < 0 {
			if x < xs[0] {
				return 0
			}
			return len(xs) - 2
		}
		return c
	}
	type lineCells [][]word
	var out []lineCells
	var tops, bottoms []float64
	spans := map[int][2]int{} // header row 0 merged cells: first col -> [first, last]
	if len(header) > 0 {
		cells := make(lineCells, len(xs)-1)
		var top lineCells
		for ri := range header {
			r := &header[ri]
			if r.isColumnNumbers() {
				continue // the 栏次 row names no column
			}
			for wi := range r.words {
				w := &r.words[wi]
				if lr, ok := spanning[w]; ok {
					if a, b := colOf(*lr[0]), colOf(*lr[1]); b > a {
						if top == nil {
							top = make(lineCells, len(xs)-1)
						}
						top[a] = append(top[a], *w)
						spans[a] = [2]int{a, b}
						continue
					}
				}
				// Header words are centred in their columns.
				c := spanIndex(xs, (w.x0+w.x1)/2)
				if c < 0 {
					c = colOf(*w)
				}
				cells[c] = append(cells[c], *w)
			}
		}
		if top != nil {
			out = append(out, top)
			tops = append(tops, header[0].baseline-header[0].size)
			bottoms = append(bottoms, header[0].baseline+2)
		}
		out = append(out, cells)
		tops = append(tops, header[0].baseline-header[0].size+1)
		bottoms = append(bottoms, header[len(header)-1].baseline+2)
	}
	for _, rec := range records(data) {
		cells := make(lineCells, len(xs)-1)
		top, bottom := math.Inf(1), math.Inf(-1)
		for _, r := range rec {
			for _, w := range r.words {
				c := colOf(w)
				cells[c] = append(cells[c], w)
			}
			top, bottom = math.Min(top, r.baseline-r.size), math.Max(bottom, r.baseline+2)
		}
		out = append(out, cells)
		tops = append(tops, top)
		bottoms = append(bottoms, bottom)
	}
	if len(out) == 0 {
		return nil
	}
	ys := []float64{tops[0]}
	for i := 1; i < len(out); i++ {
		ys = append(ys, (bottoms[i-1]+tops[i])/2)
	}
	ys = append(ys, bottoms[len(bottoms)-1])
	for i := 1; i < len(ys); i++ { // keep boundaries strictly ascending
		if ys[i] <= ys[i-1] {
			ys[i] = ys[i-1] + 0.01
		}
	}
	g := &Grid{Page: page, Xs: xs, Ys: ys, X0: xs[0], X1: xs[len(xs)-1], Y0: ys[0], Y1: ys[len(ys)-1]}
	g.at = make([][]int, len(out))
	for r, cells := range out {
		g.at[r] = make([]int, len(xs)-1)
		for c := 0; c < len(cells); c++ {
			ws := cells[c]
			span := 1
			if sp, ok := spans[c]; ok && r == 0 && len(spans) > 0 {
				span = sp[1] - sp[0] + 1
			}
			cell := &Cell{Row: r, Col: c, RowSpan: 1, ColSpan: span, X0: xs[c], X1: xs[c+span], Y0: ys[r], Y1: ys[r+1]}
			for _, w := range ws {
				cell.Glyphs = append(cell.Glyphs, w.glyphs...)
			}
			cell.Lines = cellLines(cell.Glyphs)
			cell.Text = JoinLines(cell.Lines)
			for k := c; k < c+span; k++ {
				g.at[r][k] = len(g.Cells)
			}
			g.Cells = append(g.Cells, cell)
			c += span - 1
		}
	}
	return g
}

// records groups data lines into table rows. Lines with a code, an amount
// or an enumerated label anchor a row; a label-only line joins the nearest
// anchor (above or below: cells may be top-aligned or vertically centred)
// when it is closer to it than most anchors are to each other, else it is
// a row of its own (T01's 结余分配).
func records(data []textRow) [][]textRow {
	var anchors []int
	for i, r := range data {
		if r.isData() {
			anchors = append(anchors, i)
		}
	}
	var gaps []float64
	for k := 1; k < len(anchors); k++ {
		gaps = append(gaps, data[anchors[k]].baseline-data[anchors[k-1]].baseline)
	}
	sort.Float64s(gaps)
	pitch := 0.0
	if len(gaps) > 0 {
		pitch = gaps[len(gaps)/2]
	}
	owner := make([]int, len(data)) // index of the line that owns each line's row
	for i := range owner {
		owner[i] = i
	}
	// Anchors much closer than the pitch are one printed row whose cells
	// are aligned differently (a two-line label centred beside one line).
	for k := 1; k < len(anchors); k++ {
		a, b := anchors[k-1], anchors[k]
		if pitch > 0 && data[b].baseline-data[a].baseline < 0.5*pitch {
			owner[b] = owner[a]
		}
	}
	for i, r := range data {
		if r.isData() || pitch == 0 {
			continue
		}
		best, bestD := -1, math.Inf(1)
		for _, a := range anchors {
			if d := math.Abs(data[a].baseline - r.baseline); d < bestD {
				best, bestD = a, d
			}
		}
		if best >= 0 && bestD < 0.85*pitch {
			owner[i] = owner[best]
		}
	}
	var out [][]textRow
	index := map[int]int{}
	for i := range data {
		o := owner[i]
		k, ok := index[o]
		if !ok {
			k = len(out)
			index[o] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], data[i])
	}
	return out
}

// dataGaps returns the x-intervals no data word covers (the white columns
// between printed columns), ascending.
func dataGaps(rows []textRow, left float64) []extent {
	ws := []extent{{x0: left - 1, x1: left}} // white space before the first column counts
	for _, r := range rows {
		for _, w := range r.words {
			ws = append(ws, extent{x0: w.x0, x1: w.x1})
		}
	}
	if len(ws) == 0 {
		return nil
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].x0 < ws[j].x0 })
	var gaps []extent
	end := ws[0].x1
	for _, w := range ws[1:] {
		if w.x0 > end {
			gaps = append(gaps, extent{x0: end, x1: w.x0})
		}
		end = math.Max(end, w.x1)
	}
	return gaps
}

// anchors are the edges printed columns align to: right edges of amounts,
// left edges of text.
type anchors struct{ rights, lefts []float64 }

func columnAnchors(rows []textRow) anchors {
	var a anchors
	for _, r := range rows {
		for _, w := range r.words {
			if tgAmountRe.MatchString(strings.ReplaceAll(w.text, " ", "")) {
				a.rights = append(a.rights, w.x1)
			} else {
				a.lefts = append(a.lefts, w.x0)
			}
		}
	}
	return a
}

// boundary places the column boundary between two header extents, in a
// white gap of the data between their centres: the gap most words align to
// (amounts ending at its left, text starting at its right), else the widest;
// with no gap, midway between the extents (words are placed by their left
// or right edge, so overlong labels still land right).
func boundary(a, b extent, gaps []extent, an anchors) float64 {
	ca, cb := (a.x0+a.x1)/2, (b.x0+b.x1)/2
	best, bestW, bestScore := 0.0, 0.0, -1
	for _, g := range gaps {
		lo, hi := math.Max(g.x0, ca), math.Min(g.x1, cb)
		if hi-lo < 2 {
			continue
		}
		score := 0
		for _, x := range an.rights {
			if math.Abs(x-g.x0) <= 3 {
				score++
			}
		}
		for _, x := range an.lefts {
			if math.Abs(x-g.x1) <= 3 {
				score++
			}
		}
		if score > bestScore || (score == bestScore && hi-lo > bestW) {
			best, bestW, bestScore = (lo+hi)/2, hi-lo, score
		}
	}
	if bestScore >= 0 {
		return best
	}
	return (a.x1 + b.x0) / 2
}

func isDigitText(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' && r != '-' {
			return false
		}
	}
	return s != ""
}

// spanningHeader finds the header words that name a group of columns
// (收入 over 项目 and 决算数, 项目 over 科目编码 and 科目名称): the nearest
// header words printed entirely below them on the left and on the right are
// close, and no word of their own line lies between those two. Generators
// centre header text vertically, so lines do not follow levels; this test
// uses only positions. It returns the left and right words below each.
func spanningHeader(header []textRow) map[*word][2]*word {
	out := map[*word][2]*word{}
	for i := range header {
		if header[i].isColumnNumbers() {
			continue
		}
		for j := range header[i].words {
			w := &header[i].words[j]
			c := (w.x0 + w.x1) / 2
			var left, right *word
			for k := range header {
				if header[k].isColumnNumbers() {
					continue
				}
				for m := range header[k].words {
					d := &header[k].words[m]
					if d.y0 < w.y1-1 {
						continue // not entirely below w
					}
					dc := (d.x0 + d.x1) / 2
					if dc < c && (left == nil || dc > (left.x0+left.x1)/2) {
						left = d
					}
					if dc > c && (right == nil || dc < (right.x0+right.x1)/2) {
						right = d
					}
				}
			}
			if left == nil || right == nil {
				continue
			}
			lc, rc := (left.x0+left.x1)/2, (right.x0+right.x1)/2
			widest := math.Max(w.x1-w.x0, math.Max(left.x1-left.x0, right.x1-right.x0))
			if rc-lc > 6*widest {
				continue
			}
			peer := false
			for m, o := range header[i].words {
				if oc := (o.x0 + o.x1) / 2; m != j && oc > lc && oc < rc {
					peer = true
				}
			}
			if !peer {
				out[w] = [2]*word{left, right}
			}
		}
	}
	return out
}
