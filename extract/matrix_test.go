package extract

import (
	"math"
	"testing"
)

// TestTranslateByMatchesMul checks that the pen-move shortcut gives the
// bits of the general product, signed zeros, infinities and NaN included.
func TestTranslateByMatchesMul(t *testing.T) {
	inf, nan, negZero := math.Inf(1), math.NaN(), math.Copysign(0, -1)
	vals := []float64{0, negZero, 1, -1, 0.1, -3.7e5, 1e-300, inf, -inf, nan}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
	}
	for i, a := range vals {
		for j, b := range vals {
			m := matrix{a, b, vals[(i+j)%len(vals)], vals[(i+3)%len(vals)], vals[(j+5)%len(vals)], b}
			for _, tx := range []float64{0, negZero, 2.5, nan} {
				for _, ty := range []float64{0, negZero, -7, inf} {
					want := matrix{1, 0, 0, 1, tx, ty}.mul(m)
					got := m
					got.translateBy(tx, ty)
					for k := range want {
						if !same(got[k], want[k]) {
							t.Fatalf("translateBy(%v, %v) of %v: [%d] = %v, mul gives %v", tx, ty, m, k, got[k], want[k])
						}
					}
				}
			}
		}
	}
}
