// Package scanpdf makes image-only PDFs ("scans") from text PDFs, for the
// OCR tests and benchmarks: pdftoppm renders each page, the page image is
// skewed a little and given noise, and a PDF is written whose pages hold
// nothing but that image. The text original stays the truth.
package scanpdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"image/png"
)

// Options says how a page is rendered and damaged.
type Options struct {
	DPI     int     // rendering resolution (200, 300)
	Bilevel bool    // 1-bit black and white (Flate 1 bpc), else 8-bit gray as JPEG (DCT)
	SkewDeg float64 // rotation of the page image, degrees (scanners skew by up to about 1°)
	Noise   float64 // share of pixels flipped (bilevel) or the gray noise amplitude / 255
	Seed    uint64
	Pages   []int // 1-based pages to render; nil for all
}

// Available reports whether pdftoppm is installed.
func Available() bool {
	_, err := exec.LookPath("pdftoppm")
	return err == nil
}

// Make renders the text PDF at src and returns an image-only PDF of it.
func Make(ctx context.Context, src string, o Options) ([]byte, error) {
	dir, err := os.MkdirTemp("", "scanpdf")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	pages := o.Pages
	if pages == nil {
		pages = []int{0}
	}
	for _, p := range pages {
		args := []string{"-r", strconv.Itoa(o.DPI), "-gray", "-png"}
		if p > 0 {
			args = append(args, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p))
		}
		args = append(args, src, filepath.Join(dir, "p"))
		if out, err := exec.CommandContext(ctx, "pdftoppm", args...).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("pdftoppm %s: %w: %s", src, err, out)
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	sort.Slice(names, func(i, j int) bool { return pageOf(names[i]) < pageOf(names[j]) })
	rng := rand.New(rand.NewPCG(o.Seed, 29))
	var imgs []pageImage
	for i, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		g := toGray(img)
		// Alternate the direction of the skew, as pages fed by hand do.
		angle := o.SkewDeg
		if i%2 == 1 {
			angle = -angle * 0.7
		}
		g = rotate(g, angle*math.Pi/180)
		pi, err := encode(g, o, rng)
		if err != nil {
			return nil, err
		}
		pi.wPt, pi.hPt = float64(g.Rect.Dx())*72/float64(o.DPI), float64(g.Rect.Dy())*72/float64(o.DPI)
		imgs = append(imgs, pi)
	}
	if len(imgs) == 0 {
		return nil, fmt.Errorf("pdftoppm rendered no page of %s", src)
	}
	return writePDF(imgs), nil
}

func pageOf(name string) int {
	base := strings.TrimSuffix(filepath.Base(name), ".png")
	n, _ := strconv.Atoi(base[strings.LastIndexByte(base, '-')+1:])
	return n
}

func toGray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g.Set(x-b.Min.X, y-b.Min.Y, color.GrayModel.Convert(img.At(x, y)))
		}
	}
	return g
}

// rotate turns g by angle radians about its centre (bilinear, white fill).
func rotate(g *image.Gray, angle float64) *image.Gray {
	if angle == 0 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(g.Rect)
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sin(angle), math.Cos(angle)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy
			out.Pix[y*out.Stride+x] = sample(g, sx, sy)
		}
	}
	return out
}

func sample(g *image.Gray, x, y float64) uint8 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= g.Rect.Dx() || y >= g.Rect.Dy() {
			return 255
		}
		return float64(g.Pix[y*g.Stride+x])
	}
	v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
	return uint8(math.Round(v))
}

type pageImage struct {
	w, h     int
	wPt, hPt float64
	bilevel  bool
	data     []byte // Flate (bilevel) or JPEG (gray)
}

func encode(g *image.Gray, o Options, rng *rand.Rand) (pageImage, error) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	pi := pageImage{w: w, h: h, bilevel: o.Bilevel}
	if !o.Bilevel {
		for i := range g.Pix {
			v := float64(g.Pix[i]) + (rng.Float64()*2-1)*o.Noise*255
			g.Pix[i] = uint8(min(max(v, 0), 255))
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, g, &jpeg.Options{Quality: 80}); err != nil {
			return pi, err
		}
		pi.data = buf.Bytes()
		return pi, nil
	}
	row := (w + 7) / 8
	bits := make([]byte, row*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			black := g.Pix[y*g.Stride+x] < 128
			if rng.Float64() < o.Noise {
				black = !black
			}
			if !black { // DeviceGray 1 bpc: 1 is white
				bits[y*row+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	zw.Write(bits)
	zw.Close()
	pi.data = buf.Bytes()
	return pi, nil
}

// writePDF writes one page per image, the image filling the page.
func writePDF(imgs []pageImage) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string, stream []byte) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offs), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	n := len(imgs)
	kids := make([]string, n)
	for i := range imgs {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, strings.Join(kids, " ")), nil)
	for i, im := range imgs {
		page, content, xo := 3+3*i, 4+3*i, 5+3*i
		_ = page
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>",
			im.wPt, im.hPt, xo, content), nil)
		cs := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", im.wPt, im.hPt)
		obj(fmt.Sprintf("<< /Length %d >>", len(cs)), []byte(cs))
		if im.bilevel {
			obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode /Length %d >>",
				im.w, im.h, len(im.data)), im.data)
		} else {
			obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>",
				im.w, im.h, len(im.data)), im.data)
		}
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}
