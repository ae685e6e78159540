package ocr

// rule is a ruling line found in a bitmap, in pixels: horizontal (y0 ==
// y1 after centring) or vertical.
type rule struct {
	x0, y0, x1, y1 int
	thick          int
	horizontal     bool
}

// run is a stretch of ink on one pixel row (or column).
type run struct{ at, from, to int } // at: the row (column); from..to inclusive

// findRules finds the long horizontal and vertical runs of ink (table
// rulings) in b. minH and minV are the shortest lengths counted, in
// pixels; gaps of up to gap pixels (noise, a dropped pixel) are bridged.
// Runs on neighbouring rows are one line (thick strokes, a residual skew).
func findRules(b *bitmap, minH, minV, gap, maxThick int) []rule {
	// A pixel counts as ink when it or a neighbour across the line is:
	// a thin line left stepped by the last fraction of a degree of skew
	// stays one run.
	ink := func(x, y int) bool {
		return b.pix[y*b.w+x] != 0
	}
	var hr, vr []run
	for y := 0; y < b.h; y++ {
		hr = appendRuns(hr, y, b.w, gap, minH/4, func(x int) bool {
			return ink(x, y) || (y > 0 && ink(x, y-1)) || (y+1 < b.h && ink(x, y+1))
		})
	}
	for x := 0; x < b.w; x++ {
		vr = appendRuns(vr, x, b.h, gap, minV/4, func(y int) bool {
			return ink(x, y) || (x > 0 && ink(x-1, y)) || (x+1 < b.w && ink(x+1, y))
		})
	}
	var out []rule
	for _, r := range groupRuns(hr, true, gap) {
		if r.x1-r.x0+1 >= minH && r.thick <= maxThick {
			out = append(out, r)
		}
	}
	for _, r := range groupRuns(vr, false, gap) {
		if r.y1-r.y0+1 >= minV && r.thick <= maxThick {
			out = append(out, r)
		}
	}
	return out
}

func appendRuns(dst []run, at, n, gap, minLen int, ink func(int) bool) []run {
	start, last := -1, -1
	for i := 0; i < n; i++ {
		if !ink(i) {
			continue
		}
		if start >= 0 && i-last-1 > gap {
			if last-start+1 >= minLen {
				dst = append(dst, run{at, start, last})
			}
			start = -1
		}
		if start < 0 {
			start = i
		}
		last = i
	}
	if start >= 0 && last-start+1 >= minLen {
		dst = append(dst, run{at, start, last})
	}
	return dst
}

// groupRuns joins runs on adjacent rows that overlap into lines, then
// lines that continue one another (a skew left after deskewing steps a
// long line from one row to the next).
func groupRuns(runs []run, horizontal bool, gap int) []rule {
	type acc struct {
		from, to, atMin, atMax int
		lastAt                 int
		weight, atSum          int
	}
	var open, done []acc
	for _, r := range runs {
		joined := false
		for i := range open {
			o := &open[i]
			if r.at-o.lastAt <= 1 && r.from <= o.to+gap+1 && r.to+gap+1 >= o.from {
				o.from, o.to = min(o.from, r.from), max(o.to, r.to)
				o.atMax, o.lastAt = r.at, r.at
				n := r.to - r.from + 1
				o.weight += n
				o.atSum += n * r.at
				joined = true
				break
			}
		}
		if !joined {
			n := r.to - r.from + 1
			open = append(open, acc{from: r.from, to: r.to, atMin: r.at, atMax: r.at, lastAt: r.at, weight: n, atSum: n * r.at})
		}
		// Close what the current row has left behind.
		kept := open[:0]
		for _, o := range open {
			if r.at-o.lastAt > 1 {
				done = append(done, o)
			} else {
				kept = append(kept, o)
			}
		}
		open = kept
	}
	done = append(done, open...)
	rules := make([]rule, 0, len(done))
	for _, d := range done {
		at := d.atSum / d.weight
		thick := max(d.atMax-d.atMin-1, 1) // less the two rows the neighbour test adds
		if horizontal {
			rules = append(rules, rule{x0: d.from, x1: d.to, y0: at, y1: at, thick: thick, horizontal: true})
		} else {
			rules = append(rules, rule{x0: at, x1: at, y0: d.from, y1: d.to, thick: thick})
		}
	}
	return joinPieces(rules, horizontal)
}

// joinPieces merges the pieces of one line: centres within 3 px, ends
// overlapping or within a few px, until no two pieces continue each other.
func joinPieces(rules []rule, horizontal bool) []rule {
	span := func(r rule) (at, from, to int) {
		if horizontal {
			return r.y0, r.x0, r.x1
		}
		return r.x0, r.y0, r.y1
	}
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(rules); i++ {
			ai, fi, ti := span(rules[i])
			for j := i + 1; j < len(rules); j++ {
				aj, fj, tj := span(rules[j])
				if abs(ai-aj) > 3 || fj > ti+6 || tj < fi-6 {
					continue
				}
				// Keep the centre of the longer piece.
				if tj-fj > ti-fi {
					ai = aj
				}
				fi, ti = min(fi, fj), max(ti, tj)
				thick := max(rules[i].thick, rules[j].thick)
				if horizontal {
					rules[i] = rule{x0: fi, x1: ti, y0: ai, y1: ai, thick: thick, horizontal: true}
				} else {
					rules[i] = rule{x0: ai, x1: ai, y0: fi, y1: ti, thick: thick}
				}
				rules = append(rules[:j], rules[j+1:]...)
				j--
				merged = true
			}
		}
	}
	return rules
}

// connected keeps the long rulings (an inch across, half an inch down)
// and the short ones that end on a long ruling of the other direction: a
// short run that meets no ruling is a stroke of a large character (a
// title's 十 or 一, joined to its neighbour's), not a ruling.
func connected(rules []rule, dpi int) []rule {
	tol := max(dpi/30, 3)
	long := func(r rule) bool {
		if r.horizontal {
			return r.x1-r.x0 >= dpi
		}
		return r.y1-r.y0 >= dpi/2
	}
	meets := func(x, y int, horizontal bool) bool {
		for _, o := range rules {
			if o.horizontal == horizontal || !long(o) {
				continue
			}
			if o.horizontal && abs(o.y0-y) <= tol+o.thick && x >= o.x0-tol && x <= o.x1+tol {
				return true
			}
			if !o.horizontal && abs(o.x0-x) <= tol+o.thick && y >= o.y0-tol && y <= o.y1+tol {
				return true
			}
		}
		return false
	}
	var out []rule
	for _, r := range rules {
		if long(r) || meets(r.x0, r.y0, r.horizontal) || meets(r.x1, r.y1, r.horizontal) {
			out = append(out, r)
		}
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
