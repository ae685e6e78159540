package extract

import "math"

// fmin and fmax are math.Min and math.Max, inlined: every glyph box takes
// twelve of them, and on amd64 math.Min/Max call assembly. Without NaN the
// built-in min and max give the same results (-0 below +0, ±Inf ordered);
// with a NaN math.Min/Max decide (they let ±Inf win over NaN and return
// one canonical NaN; x == x is false only for NaN). TestMinMaxMatchMath
// checks the bits.
func fmin(x, y float64) float64 {
	if x == x && y == y {
		return min(x, y)
	}
	return math.Min(x, y)
}

func fmax(x, y float64) float64 {
	if x == x && y == y {
		return max(x, y)
	}
	return math.Max(x, y)
}
