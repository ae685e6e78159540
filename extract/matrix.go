package extract

import "math"

// matrix is a PDF transformation [a b c d e f]: a point (x, y) maps to
// (a·x + c·y + e, b·x + d·y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m followed by n (the PDF convention m × n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// translateBy sets m to matrix{1, 0, 0, 1, tx, ty}.mul(m) — the pen moves
// of every glyph — without copying two matrices through a call. It is mul
// term for term: 1·x is exactly x and is dropped, while the 0·x terms stay
// (they are NaN for an infinite x and decide the sign of a zero), so the
// result is bit-identical.
func (m *matrix) translateBy(tx, ty float64) {
	n := *m
	*m = matrix{
		n[0] + 0*n[2],
		n[1] + 0*n[3],
		0*n[0] + n[2],
		0*n[1] + n[3],
		tx*n[0] + ty*n[2] + n[4],
		tx*n[1] + ty*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scale is the geometric mean of the axis scales (line widths).
func (m matrix) scale() float64 {
	return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
}

// pageMatrix maps default user space to displayed page space: origin at
// the top-left of the crop box after /Rotate (clockwise), y down.
func pageMatrix(x0, y0, x1, y1 float64, rotate int) matrix {
	switch rotate {
	case 90:
		return matrix{0, 1, 1, 0, -y0, -x0}
	case 180:
		return matrix{-1, 0, 0, 1, x1, -y0}
	case 270:
		return matrix{0, -1, -1, 0, y1, x1}
	}
	return matrix{1, 0, 0, -1, -x0, y1}
}
