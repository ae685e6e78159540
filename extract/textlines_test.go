package extract

import (
	"math"
	"math/rand"
	"sort"
	"testing"
)

// TestSortStableByMatchesSliceStable: the faster sort gives exactly the
// order sort.SliceStable with "<" gave, ties and NaN included.
func TestSortStableByMatchesSliceStable(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 300; round++ {
		n := rng.Intn(200)
		gs := make([]readingGlyph, n)
		for i := range gs {
			switch r := rng.Intn(20); {
			case r == 0 && round%3 == 0:
				gs[i].v = math.NaN()
			case r < 8:
				gs[i].v = float64(rng.Intn(5)) // many ties
			default:
				gs[i].v = rng.Float64() * 100
			}
			if round%4 == 1 && i > 0 && gs[i].v == gs[i].v && gs[i-1].v == gs[i-1].v {
				gs[i].v = gs[i-1].v + float64(rng.Intn(2)) // runs already in order
			}
			gs[i].text = string(rune('a' + i%26))
			gs[i].u0 = float64(i) // identity, to compare orders
		}
		want := append([]readingGlyph(nil), gs...)
		sort.SliceStable(want, func(a, b int) bool { return want[a].v < want[b].v })
		got := make([]int32, n)
		for i := range got {
			got[i] = int32(i)
		}
		sortStableBy(got, func(i int32) float64 { return gs[i].v })
		for i := range want {
			if float64(got[i]) != want[i].u0 {
				t.Fatalf("round %d (n=%d): position %d holds glyph %d, sort.SliceStable put %v there", round, n, i, got[i], want[i].u0)
			}
		}
	}
}
