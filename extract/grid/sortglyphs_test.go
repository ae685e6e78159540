package grid

import (
	"math"
	"math/rand"
	"reflect"
	"sort"
	"strconv"
	"testing"

	"github.com/juesuan/juesuan/extract"
)

// TestStableSortSameAsSliceStable compares the glyph sorts with
// sort.SliceStable on random runs: short and long, with ties, runs already
// in order, and NaN coordinates.
func TestStableSortSameAsSliceStable(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 3000; trial++ {
		n := rng.Intn(80)
		gs := make([]extract.Glyph, n)
		levels := 1 + rng.Intn(12)
		for i := range gs {
			gs[i] = extract.Glyph{Text: strconv.Itoa(i), Baseline: float64(rng.Intn(levels)), X0: rng.Float64() * 100}
			if trial%7 == 0 && rng.Intn(10) == 0 {
				gs[i].Baseline = math.NaN()
			}
		}
		if trial%5 == 0 {
			sort.SliceStable(gs, func(i, j int) bool { return gs[i].Baseline < gs[j].Baseline })
		}
		want := append([]extract.Glyph(nil), gs...)
		sort.SliceStable(want, func(i, j int) bool { return want[i].Baseline < want[j].Baseline })
		before := append([]extract.Glyph(nil), gs...)
		if got := stableSorted(gs, baselineOf); !sameGlyphs(got, want) {
			t.Fatalf("trial %d: stableSorted by baseline differs from sort.SliceStable", trial)
		}
		if !sameGlyphs(gs, before) {
			t.Fatalf("trial %d: stableSorted changed its input", trial)
		}
		wantX := append([]extract.Glyph(nil), gs...)
		sort.SliceStable(wantX, func(i, j int) bool { return wantX[i].X0 < wantX[j].X0 })
		stableSortInPlace(gs, x0Of)
		if !sameGlyphs(gs, wantX) {
			t.Fatalf("trial %d: stableSortInPlace by x differs from sort.SliceStable", trial)
		}
	}
}

// sameGlyphs compares by text (each glyph's index) so NaN fields compare.
func sameGlyphs(a, b []extract.Glyph) bool {
	ta, tb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ta[i] = a[i].Text
	}
	for i := range b {
		tb[i] = b[i].Text
	}
	return reflect.DeepEqual(ta, tb)
}

// TestBaselineLinesSameAsGroups: baselineLines' shortcuts (one line in
// order, groups viewed in place) read the lines baselineGroups gives.
func TestBaselineLinesSameAsGroups(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	for trial := 0; trial < 3000; trial++ {
		n := 1 + rng.Intn(12)
		gs := make([]extract.Glyph, n)
		x := 0.0
		for i := range gs {
			size := 6 + float64(rng.Intn(8))
			base := 100 + float64(rng.Intn(3))*float64(rng.Intn(12))
			if trial%2 == 0 {
				x += size // in reading order
			} else {
				x = rng.Float64() * 100
			}
			gs[i] = extract.Glyph{Text: string(rune('a' + i)), X0: x, X1: x + size/2, Y0: base - size, Y1: base, Baseline: base, Size: size}
		}
		var want []baselineLine
		for _, grp := range baselineGroups(gs) {
			top := math.Inf(1)
			for _, gl := range grp {
				top = math.Min(top, gl.Y0)
			}
			want = append(want, baselineLine{text: joinGlyphs(grp), baseline: grp[0].Baseline, size: grp[0].Size, top: top})
		}
		if got := baselineLines(gs); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: baselineLines = %v, want %v", trial, got, want)
		}
	}
}
