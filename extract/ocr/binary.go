package ocr

import (
	"image"
	"math"
)

// bitmap is a bilevel image: 1 is ink.
type bitmap struct {
	w, h int
	pix  []uint8
}

func (b *bitmap) at(x, y int) bool { return b.pix[y*b.w+x] != 0 }

// binarize thresholds g at Otsu's level (a scan's paper and ink are the
// two classes of its histogram).
func binarize(g *image.Gray) *bitmap {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var hist [256]int
	for y := 0; y < h; y++ {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+w] {
			hist[v]++
		}
	}
	t := otsu(hist[:], w*h)
	b := &bitmap{w: w, h: h, pix: make([]uint8, w*h)}
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		out := b.pix[y*w : (y+1)*w]
		for x, v := range row {
			if int(v) <= t {
				out[x] = 1
			}
		}
	}
	return b
}

func otsu(hist []int, total int) int {
	var sum float64
	for i, n := range hist {
		sum += float64(i * n)
	}
	var sumB, wB float64
	best, bestVar := 127, -1.0
	for t, n := range hist {
		wB += float64(n)
		if wB == 0 {
			continue
		}
		wF := float64(total) - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * n)
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > bestVar {
			best, bestVar = t, v
		}
	}
	return best
}

// skewAngle estimates the page's skew in radians (positive: the content
// is turned clockwise in image space, y down) from the ink: at the right
// angle the rows of text and the rulings project onto few, full bins.
// It tries ±2° in 0.05° steps on a subsample of the ink.
func skewAngle(b *bitmap) float64 {
	type pt struct{ x, y float64 }
	var pts []pt
	step := max(1, b.w/2000)
	for y := 0; y < b.h; y += step {
		for x := 0; x < b.w; x += step {
			if b.at(x, y) {
				pts = append(pts, pt{float64(x), float64(y)})
			}
		}
	}
	if len(pts) < 100 {
		return 0
	}
	bins := make([]int, b.h+b.w)
	score := func(a float64) float64 {
		clear(bins)
		t := math.Tan(a)
		off := float64(b.w) / 2 // keeps y - x·tan(a) ≥ 0 for |a| ≤ 2°
		for _, p := range pts {
			i := int(p.y - p.x*t + off)
			if i >= 0 && i < len(bins) {
				bins[i]++
			}
		}
		var s float64
		for _, n := range bins {
			s += float64(n) * float64(n)
		}
		return s
	}
	best, bestScore := 0.0, score(0)
	const deg = math.Pi / 180
	for a := -2.0; a <= 2.0001; a += 0.05 {
		if s := score(a * deg); s > bestScore {
			best, bestScore = a*deg, s
		}
	}
	// Refine around the best.
	c := best
	for a := c - 0.05*deg; a <= c+0.05*deg; a += 0.01 * deg {
		if s := score(a); s > bestScore {
			best, bestScore = a, s
		}
	}
	return best
}

// rotate turns b by -angle about its centre (nearest neighbour), undoing
// a skew of angle.
func (b *bitmap) rotate(angle float64) *bitmap {
	if math.Abs(angle) < 0.02*math.Pi/180 {
		return b
	}
	out := &bitmap{w: b.w, h: b.h, pix: make([]uint8, len(b.pix))}
	cx, cy := float64(b.w)/2, float64(b.h)/2
	sin, cos := math.Sin(angle), math.Cos(angle)
	for y := 0; y < b.h; y++ {
		dy := float64(y) - cy
		for x := 0; x < b.w; x++ {
			dx := float64(x) - cx
			// The source of (x, y) is (x, y) turned by +angle.
			sx := int(math.Round(cos*dx - sin*dy + cx))
			sy := int(math.Round(sin*dx + cos*dy + cy))
			if sx >= 0 && sy >= 0 && sx < b.w && sy < b.h {
				out.pix[y*b.w+x] = b.pix[sy*b.w+sx]
			}
		}
	}
	return out
}

// pbm encodes b as a binary PBM (P4), which tesseract reads from stdin.
func (b *bitmap) pbm() []byte {
	row := (b.w + 7) / 8
	head := []byte("P4\n" + itoa(b.w) + " " + itoa(b.h) + "\n")
	out := make([]byte, len(head)+row*b.h)
	copy(out, head)
	body := out[len(head):]
	for y := 0; y < b.h; y++ {
		src := b.pix[y*b.w : (y+1)*b.w]
		dst := body[y*row : (y+1)*row]
		for x, v := range src {
			if v != 0 {
				dst[x>>3] |= 0x80 >> (x & 7)
			}
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// rotateGray turns g by -angle about its centre (bilinear), undoing a
// skew of angle; the corners brought in are white.
func rotateGray(g *image.Gray, angle float64) *image.Gray {
	if math.Abs(angle) < 0.02*math.Pi/180 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sin(angle), math.Cos(angle)
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(g.Pix[y*g.Stride+x])
	}
	for y := 0; y < h; y++ {
		dy := float64(y) - cy
		for x := 0; x < w; x++ {
			dx := float64(x) - cx
			sx, sy := cos*dx-sin*dy+cx, sin*dx+cos*dy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
			out.Pix[y*out.Stride+x] = uint8(v + 0.5)
		}
	}
	return out
}

// pgm encodes g as a binary PGM (P5).
func pgm(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	head := []byte("P5\n" + itoa(w) + " " + itoa(h) + "\n255\n")
	out := make([]byte, len(head), len(head)+w*h)
	copy(out, head)
	for y := 0; y < h; y++ {
		out = append(out, g.Pix[y*g.Stride:y*g.Stride+w]...)
	}
	return out
}

// whiten paints the band of each ruling white in g, its grey fringe
// included, so that tesseract does not read the lines as 一, | or 1.
func whiten(g *image.Gray, rules []rule) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for _, r := range rules {
		half := r.thick/2 + 3
		x0, x1, y0, y1 := r.x0, r.x1, r.y0-half, r.y0+half
		if !r.horizontal {
			x0, x1, y0, y1 = r.x0-half, r.x0+half, r.y0, r.y1
		}
		for y := max(y0, 0); y <= min(y1, h-1); y++ {
			for x := max(x0, 0); x <= min(x1, w-1); x++ {
				g.Pix[y*g.Stride+x] = 255
			}
		}
	}
}

// despeckle removes isolated pixels: one dark among light neighbours (or
// light among dark) is a speck of scanner noise, not a stroke; it takes
// its neighbours' mean. Returns how many pixels it changed.
func despeckle(g *image.Gray) int {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	src := append([]uint8(nil), g.Pix...)
	n := 0
	for y := 1; y < h-1; y++ {
		for x := 1; x < w-1; x++ {
			v := src[y*g.Stride+x]
			dark := v < 128
			sum, same := 0, 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if dx == 0 && dy == 0 {
						continue
					}
					u := src[(y+dy)*g.Stride+x+dx]
					sum += int(u)
					if (u < 128) == dark {
						same++
					}
				}
			}
			if same == 0 {
				g.Pix[y*g.Stride+x] = uint8(sum / 8)
				n++
			}
		}
	}
	return n
}

// upscale enlarges g by factor f (bilinear): tesseract reads the small
// print of a 200 dpi scan better at 300.
func upscale(g *image.Gray, f float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	nw, nh := int(float64(w)*f), int(float64(h)*f)
	out := image.NewGray(image.Rect(0, 0, nw, nh))
	at := func(x, y int) float64 {
		x, y = min(max(x, 0), w-1), min(max(y, 0), h-1)
		return float64(g.Pix[y*g.Stride+x])
	}
	for y := 0; y < nh; y++ {
		sy := (float64(y)+0.5)/f - 0.5
		y0 := int(math.Floor(sy))
		fy := sy - float64(y0)
		for x := 0; x < nw; x++ {
			sx := (float64(x)+0.5)/f - 0.5
			x0 := int(math.Floor(sx))
			fx := sx - float64(x0)
			v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
			out.Pix[y*out.Stride+x] = uint8(v + 0.5)
		}
	}
	return out
}
