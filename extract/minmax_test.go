package extract

import (
	"math"
	"testing"
)

func TestMinMaxMatchMath(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 2.5, -1e300, 1e-310, math.Inf(1), math.Inf(-1), math.NaN(), math.Float64frombits(0x7FF8000000000123)}
	for _, x := range vals {
		for _, y := range vals {
			if got, want := fmin(x, y), math.Min(x, y); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("fmin(%v, %v) = %x, math.Min %x", x, y, math.Float64bits(got), math.Float64bits(want))
			}
			if got, want := fmax(x, y), math.Max(x, y); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("fmax(%v, %v) = %x, math.Max %x", x, y, math.Float64bits(got), math.Float64bits(want))
			}
		}
	}
}
