package grid

import (
	"math/rand"
	"slices"
	"sort"
	"testing"
)

// TestSortIntervalsSameAsSortSlice: equal starts keep the order sort.Slice
// gives them, short runs and long, so coverage sums round as before.
func TestSortIntervalsSameAsSortSlice(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for trial := 0; trial < 5000; trial++ {
		n := rng.Intn(30)
		ivs := make([]interval, n)
		for i := range ivs {
			ivs[i] = interval{a: float64(rng.Intn(1 + n/3)), b: float64(i)} // b tells equal starts apart
		}
		want := append([]interval(nil), ivs...)
		sort.Slice(want, func(i, j int) bool { return want[i].a < want[j].a })
		sortIntervals(ivs)
		if !slices.Equal(ivs, want) {
			t.Fatalf("trial %d (n=%d): got %v, sort.Slice gives %v", trial, n, ivs, want)
		}
	}
}

func TestSortRulesByASameAsSortSlice(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for trial := 0; trial < 5000; trial++ {
		n := rng.Intn(30)
		rs := make([]rule, n)
		for i := range rs {
			rs[i] = rule{A: float64(rng.Intn(1 + n/3)), Pos: float64(i)}
		}
		want := append([]rule(nil), rs...)
		sort.Slice(want, func(i, j int) bool { return want[i].A < want[j].A })
		sortRulesByA(rs)
		if !slices.Equal(rs, want) {
			t.Fatalf("trial %d (n=%d): got %v, sort.Slice gives %v", trial, n, rs, want)
		}
	}
}
