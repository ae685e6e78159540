package ocr

import (
	"math"
	"testing"
)

// TestSkewAngle draws ruled lines turned by a known angle and finds it.
func TestSkewAngle(t *testing.T) {
	for _, deg := range []float64{-1.2, -0.4, 0, 0.3, 0.8} {
		b := &bitmap{w: 1600, h: 2000, pix: make([]uint8, 1600*2000)}
		tan := math.Tan(deg * math.Pi / 180)
		for y0 := 100; y0 < 1900; y0 += 60 {
			for x := 100; x < 1500; x++ {
				y := y0 + int(math.Round(float64(x)*tan))
				b.pix[y*b.w+x] = 1
			}
		}
		got := skewAngle(b) * 180 / math.Pi
		if math.Abs(got-deg) > 0.05 { // 0.05° is 2 px across an A4 page at 300 dpi
			t.Errorf("skew %.2f°: found %.3f°", deg, got)
		}
		// Turned back, the lines are rulings again.
		rules := findRules(b.rotate(skewAngle(b)), 500, 500, 2, 6)
		if len(rules) != 30 {
			t.Errorf("skew %.2f°: %d rules after deskewing, want 30", deg, len(rules))
		}
	}
}
