// Package ocr reads pages that have no text layer (scans) with Tesseract:
// the page image is decoded from the PDF, binarized and deskewed, its
// ruling lines found in pure Go, and the words tesseract reads become the
// page's glyphs, so that the same grid → tables → normalize → checks path
// serves scans. Figures get a second, digits-only reading.
package ocr

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract"
)

// Reader reads scanned pages. It is safe for concurrent use.
type Reader struct {
	eng *engine
	cfg config
}

type config struct {
	path string
}

// Option configures New.
type Option func(*config)

// WithTesseract sets the tesseract executable (default: found on PATH).
func WithTesseract(path string) Option { return func(c *config) { c.path = path } }

// New finds tesseract. Its error wraps ErrNoTesseract when tesseract or
// its chi_sim data is missing, and says how to install it.
func New(opts ...Option) (*Reader, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	eng, err := findEngine(c.path)
	if err != nil {
		return nil, err
	}
	return &Reader{eng: eng, cfg: c}, nil
}

// Word is a word read from a page, in page space, with the engine's
// confidence (0..1).
type Word struct {
	X0, Y0, X1, Y1 float64
	Text           string
	Conf           float64
	Digits         bool // read again by the digits-only pass
}

// Page is what OCR read from one page.
type Page struct {
	Number int
	Words  []Word
	Skew   float64 // degrees the image was turned back
	DPI    int     // resolution of the page image
}

// NeedsOCR reports whether p has no text layer but draws an image: a scan.
func NeedsOCR(p *extract.Page) bool { return len(p.Glyphs) == 0 && p.Images > 0 }

// ErrNoImage is returned for a page whose images cannot be found.
var ErrNoImage = errors.New("the page draws no image XObject that can be read")

// ReadPage reads page p of doc from its largest image: p's Glyphs and
// Lines are set from what was read (in page space, as for a text page).
func (r *Reader) ReadPage(ctx context.Context, doc *extract.Document, p *extract.Page) (*Page, error) {
	imgs, err := doc.PageImages(p)
	if err != nil {
		return nil, err
	}
	if len(imgs) == 0 {
		return nil, fmt.Errorf("page %d: %w (an inline image?)", p.Number, ErrNoImage)
	}
	img := imgs[0]
	gray, err := Decode(img)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := img.ToPage
	ptPerPx := math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
	if ptPerPx <= 0 {
		return nil, fmt.Errorf("page %d: the page image is drawn with no size", p.Number)
	}
	dpi := int(math.Round(72 / ptPerPx))
	bits := binarize(gray)
	angle := skewAngle(bits)
	bits = bits.rotate(angle)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Rulings: longer than any stroke of a character (a 一 at 16 pt is
	// 0.2 in wide; a cell is rarely under 0.3 in wide or 0.2 in tall).
	rules := connected(findRules(bits, dpi*3/10, dpi/5, max(dpi/100, 1), max(dpi/25, 3)), dpi)
	erase(bits, rules)
	words, err := r.eng.recognize(ctx, bits.pbm(), dpi, "-l", "chi_sim", "--psm", "6",
		"-c", "preserve_interword_spaces=1")
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	pws, err := r.digitPass(ctx, bits, mergeFigures(words), rules, dpi)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	out := &Page{Number: p.Number, Skew: angle * 180 / math.Pi, DPI: dpi}
	toPage := func(x, y float64) (float64, float64) {
		return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
	}
	for _, rl := range rules {
		x0, y0 := toPage(float64(rl.x0), float64(rl.y0))
		x1, y1 := toPage(float64(rl.x1), float64(rl.y1))
		p.Lines = append(p.Lines, extract.Segment{
			X0: math.Min(x0, x1), Y0: math.Min(y0, y1), X1: math.Max(x0, x1), Y1: math.Max(y0, y1),
			Width: float64(rl.thick) * ptPerPx,
		})
	}
	p.Glyphs = nil
	for _, ln := range lines(pws) {
		base := float64(ln.baseline)
		size := float64(ln.height) / 0.9 * ptPerPx
		for _, w := range ln.words {
			x0, y0 := toPage(float64(w.left), float64(w.top))
			x1, y1 := toPage(float64(w.left+w.width), float64(w.top+w.height))
			bx, by := toPage(float64(w.left), base)
			_ = bx
			out.Words = append(out.Words, Word{
				X0: math.Min(x0, x1), Y0: math.Min(y0, y1), X1: math.Max(x0, x1), Y1: math.Max(y0, y1),
				Text: w.text, Conf: w.conf / 100, Digits: w.digits,
			})
			p.Glyphs = appendGlyphs(p.Glyphs, w.text, math.Min(x0, x1), math.Max(x0, x1), by, size)
		}
	}
	return out, nil
}

// appendGlyphs spreads a word's characters over its box: a CJK character
// takes a full em, other characters about half.
func appendGlyphs(gs []extract.Glyph, text string, x0, x1, baseline, size float64) []extract.Glyph {
	total := 0.0
	for _, r := range text {
		total += runeWidth(r)
	}
	if total == 0 {
		return gs
	}
	x := x0
	for _, r := range text {
		w := (x1 - x0) * runeWidth(r) / total
		gs = append(gs, extract.Glyph{
			Text: string(r), X0: x, X1: x + w,
			Y0: baseline - 0.88*size, Y1: baseline + 0.12*size,
			Baseline: baseline, Size: size,
		})
		x += w
	}
	return gs
}

func runeWidth(r rune) float64 {
	if r >= 0x2E80 {
		return 1
	}
	return 0.55
}

// ocrLine is the words of one line with a common baseline.
type ocrLine struct {
	words    []pword
	baseline int
	height   int
}

// pword is a word being read: tesseract's, perhaps read again.
type pword struct {
	word
	digits bool
}

// lines groups words into text lines by vertical overlap, each with one
// baseline: tesseract's boxes are ink boxes (一 is a thin box at mid
// height), so a line's baseline is the bottom of its tall words.
func lines(ws []pword) []ocrLine {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].top+ws[i].height/2 < ws[j].top+ws[j].height/2 })
	var out []ocrLine
	for _, w := range ws {
		mid := w.top + w.height/2
		placed := false
		for i := len(out) - 1; i >= 0 && i >= len(out)-3; i-- {
			l := &out[i]
			top, bot := l.baseline-l.height, l.baseline
			if mid > top && mid < bot && sameColumnFree(l, w) {
				l.words = append(l.words, w)
				if w.height > l.height*3/4 {
					l.baseline = max(l.baseline, w.top+w.height)
					l.height = max(l.height, w.height)
				}
				placed = true
				break
			}
		}
		if !placed {
			out = append(out, ocrLine{words: []pword{w}, baseline: w.top + w.height, height: max(w.height, 1)})
		}
	}
	for i := range out {
		sort.Slice(out[i].words, func(a, b int) bool { return out[i].words[a].left < out[i].words[b].left })
	}
	return out
}

// sameColumnFree reports whether w does not overlap a word of l
// horizontally (two lines of a wrapped cell are not one line).
func sameColumnFree(l *ocrLine, w pword) bool {
	for _, o := range l.words {
		if w.left < o.left+o.width && o.left < w.left+w.width {
			return false
		}
	}
	return true
}

// mergeFigures joins the pieces tesseract split one figure into ("2023.",
// "69"; "1,", "090.69"): adjacent figure-like words on one line with a
// gap under half their height.
func mergeFigures(ws []word) []pword {
	out := make([]pword, 0, len(ws))
	for _, w := range ws {
		if n := len(out); n > 0 {
			p := &out[n-1]
			gap := w.left - (p.left + p.width)
			if p.block == w.block && p.par == w.par && p.line == w.line && figureLike(p.text) && figureLike(w.text) &&
				gap >= 0 && gap < min(p.height, w.height)/2 {
				p.text += w.text
				p.width = w.left + w.width - p.left
				top := min(p.top, w.top)
				p.height = max(p.top+p.height, w.top+w.height) - top
				p.top = top
				p.conf = min(p.conf, w.conf)
				continue
			}
		}
		out = append(out, pword{word: w})
	}
	return out
}

// figureLike reports whether s reads as (part of) a printed figure.
func figureLike(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(".,-%()", r):
		default:
			return false
		}
	}
	return digits > 0 || utf8.RuneCountInString(s) <= 1
}
