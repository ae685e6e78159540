package grid

import (
	"slices"

	"github.com/juesuan/juesuan/extract"
)

// Stable sorts of glyphs by one coordinate, giving exactly the order
// sort.SliceStable with `a < b` gave: the same stable algorithm (slices and
// sort share it) asked the same questions, so even NaN coordinates land
// where they did. Glyphs are large structs; long runs are sorted as small
// (key, index) pairs and gathered, and runs already in order are copied.

func baselineOf(g *extract.Glyph) float64 { return g.Baseline }
func x0Of(g *extract.Glyph) float64       { return g.X0 }

// smallSort is the length up to which glyphs are sorted directly: the
// stable sort is then an insertion sort, cheap on short runs.
const smallSort = 24

type glyphKey struct {
	v float64
	i int32
}

// lessFirst orders by a < b as sort.SliceStable's less did (NaN is neither
// before nor after anything), unlike cmp.Compare.
func lessFirst(a, b float64) int {
	switch {
	case a < b:
		return -1
	case b < a:
		return 1
	}
	return 0
}

// inOrder reports whether no key is below the one before it and none is
// NaN: a stable sort leaves such a slice as it is.
func inOrder(gs []extract.Glyph, key func(*extract.Glyph) float64) bool {
	for i := range gs {
		v := key(&gs[i])
		if v != v || (i > 0 && v < key(&gs[i-1])) {
			return false
		}
	}
	return true
}

// stableSorted returns a sorted copy of gs.
func stableSorted(gs []extract.Glyph, key func(*extract.Glyph) float64) []extract.Glyph {
	if inOrder(gs, key) {
		return slices.Clone(gs)
	}
	if len(gs) <= smallSort {
		out := slices.Clone(gs)
		slices.SortStableFunc(out, func(a, b extract.Glyph) int { return lessFirst(key(&a), key(&b)) })
		return out
	}
	out := make([]extract.Glyph, len(gs))
	for j, k := range sortedKeys(gs, key) {
		out[j] = gs[k.i]
	}
	return out
}

// stableSortInPlace sorts gs.
func stableSortInPlace(gs []extract.Glyph, key func(*extract.Glyph) float64) {
	if inOrder(gs, key) {
		return
	}
	if len(gs) <= smallSort {
		slices.SortStableFunc(gs, func(a, b extract.Glyph) int { return lessFirst(key(&a), key(&b)) })
		return
	}
	orig := slices.Clone(gs)
	for j, k := range sortedKeys(orig, key) {
		gs[j] = orig[k.i]
	}
}

// sortedKeys returns the glyphs' keys with their indexes, stably sorted:
// position j holds the index of the glyph a stable sort puts there.
func sortedKeys(gs []extract.Glyph, key func(*extract.Glyph) float64) []glyphKey {
	keys := make([]glyphKey, len(gs))
	for i := range gs {
		keys[i] = glyphKey{v: key(&gs[i]), i: int32(i)}
	}
	slices.SortStableFunc(keys, func(a, b glyphKey) int { return lessFirst(a.v, b.v) })
	return keys
}
