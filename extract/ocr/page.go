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
	"sync"
	"unicode/utf8"

	"github.com/juesuan/juesuan/extract"
)

// Reader reads scanned pages. It is safe for concurrent use. Tesseract is
// looked for on first use, so that a run that meets no scan never starts
// it.
type Reader struct {
	cfg    config
	once   sync.Once
	eng    *engine
	engErr error
}

type config struct {
	path string
}

// Option configures New.
type Option func(*config)

// WithTesseract sets the tesseract executable (default: found on PATH).
func WithTesseract(path string) Option { return func(c *config) { c.path = path } }

// New returns a Reader; tesseract is looked for when a page is first read.
func New(opts ...Option) *Reader {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return &Reader{cfg: c}
}

// Available reports whether tesseract and its language data are
// installed; the error wraps ErrNoTesseract and says how to install them.
func (r *Reader) Available() error {
	r.once.Do(func() { r.eng, r.engErr = findEngine(r.cfg.path) })
	return r.engErr
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
	if err := r.Available(); err != nil {
		return nil, err
	}
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
	despeckle(gray)
	if dpi < 250 {
		// Read small print at 300 dpi: pixel coordinates then map to
		// the page through the scaled matrix.
		f := 300 / float64(dpi)
		gray = upscale(gray, f)
		m = [6]float64{m[0] / f, m[1] / f, m[2] / f, m[3] / f, m[4], m[5]}
		ptPerPx /= f
		dpi = 300
	}
	bits := binarize(gray)
	angle := skewAngle(bits)
	// Deskew the gray image (bilinear: tesseract reads smooth strokes
	// better than a turned bitmap's steps), then threshold it again.
	gray = rotateGray(gray, angle)
	bits = binarize(gray)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Rulings: longer than any stroke of a character (a 一 at 16 pt is
	// 0.2 in wide; a cell is rarely under 0.3 in wide or 0.2 in tall).
	rules := connected(findRules(bits, dpi*3/10, dpi/5, max(dpi/100, 1), max(dpi/25, 3)), dpi)
	whiten(gray, rules)
	clean := binarize(gray)
	all := findCells(bits.w, bits.h, rules)
	cells, cellWords, err := r.readCells(ctx, gray, clean, all, dpi, false)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	words, err := r.eng.recognize(ctx, pgm(gray), dpi, "-l", "chi_sim", "--psm", "6",
		"-c", "preserve_interword_spaces=1")
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	words = dropSpecks(chooseReadings(dropInBlank(words, all, cells), cellWords, cells), dpi)
	if words, err = r.rereadBold(ctx, gray, clean, words, cells, dpi); err != nil {
		return nil, fmt.Errorf("page %d: %w", p.Number, err)
	}
	pws, err := r.digitPass(ctx, clean, mergeFigures(words), cells, dpi)
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
		ln.words = snapSegments(ln, rules)
		base := float64(ln.baseline)
		size := float64(ln.height) / 0.9 * ptPerPx
		prevRight := math.MinInt
		for _, w := range ln.words {
			// Ink boxes of neighbouring characters overlap (人 reaches
			// under 力): the glyphs keep the words' order.
			if w.left < prevRight {
				cut := min(prevRight-w.left, w.width-1)
				w.left, w.width = w.left+cut, w.width-cut
			}
			prevRight = w.left + w.width
			x0, y0 := toPage(float64(w.left), float64(w.top))
			x1, y1 := toPage(float64(w.left+w.width), float64(w.top+w.height))
			_, by := toPage(float64(w.left), base) // the baseline in page space
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
	words       []pword
	top, bottom int // the band of its words' boxes
	baseline    int
	height      int
}

// pword is a word being read: tesseract's, perhaps read again.
type pword struct {
	word
	digits bool
}

// lines groups words into tesseract's text lines (a cell's lines when
// read by cell), each with one baseline: tesseract's boxes are ink boxes
// (一 is a thin box at mid height), so a line's baseline is the median
// bottom of its full-height words.
func lines(ws []pword) []ocrLine {
	type key struct{ page, block, par, line int }
	index := map[key]int{}
	var out []ocrLine
	for _, w := range ws {
		k := key{w.page, w.block, w.par, w.line}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, ocrLine{top: w.top, bottom: w.top + w.height})
		}
		l := &out[i]
		l.words = append(l.words, w)
		l.top, l.bottom = min(l.top, w.top), max(l.bottom, w.top+w.height)
	}
	for i := range out {
		l := &out[i]
		sort.Slice(l.words, func(a, b int) bool { return l.words[a].left < l.words[b].left })
		hs := make([]int, 0, len(l.words))
		for _, w := range l.words {
			hs = append(hs, w.height)
		}
		sort.Ints(hs)
		l.height = max(hs[len(hs)/2], 1)
		var bottoms []int
		for _, w := range l.words {
			if w.height*4 >= l.height*3 {
				bottoms = append(bottoms, w.top+w.height)
			}
		}
		sort.Ints(bottoms)
		l.baseline = bottoms[len(bottoms)/2]
	}
	// A quotation mark without its pair on the line is a speck (合计”):
	// quotes are printed in pairs (“三公”经费).
	for i := range out {
		unpairedQuotes(out[i].words)
	}
	// A line of nothing but punctuation (|, ，, ;) is a speck or what is
	// left of a ruling, never printed content.
	kept := out[:0]
	for _, l := range out {
		if hasContent(l.words) {
			kept = append(kept, l)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].baseline < kept[j].baseline })
	return kept
}

func hasContent(ws []pword) bool {
	for _, w := range ws {
		if hasLetterOrDigit(w.text) {
			return true
		}
	}
	return false
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

// snapSegments snaps each run of words of a line (cut at wide gaps and at
// vertical rulings) that reads as a misread title or header word to it:
// its words become one word with the standard text.
func snapSegments(ln ocrLine, rules []rule) []pword {
	var out []pword
	flush := func(seg []pword) {
		if len(seg) == 0 {
			return
		}
		var sb strings.Builder
		for _, w := range seg {
			sb.WriteString(w.text)
		}
		text := sb.String()
		snapped := snap(text)
		if snapped == text {
			out = append(out, seg...)
			return
		}
		w := seg[0]
		right, bottom := w.left+w.width, w.top+w.height
		for _, o := range seg[1:] {
			w.top = min(w.top, o.top)
			right, bottom = max(right, o.left+o.width), max(bottom, o.top+o.height)
			w.conf = min(w.conf, o.conf)
		}
		w.width, w.height, w.text = right-w.left, bottom-w.top, snapped
		out = append(out, w)
	}
	start := 0
	for i := 1; i <= len(ln.words); i++ {
		if i < len(ln.words) {
			a, b := ln.words[i-1], ln.words[i]
			gap := b.left - (a.left + a.width)
			if gap <= ln.height*3/2 && !ruleBetween(rules, a.left+a.width, b.left, ln.baseline-ln.height/2) {
				continue
			}
		}
		flush(ln.words[start:i])
		start = i
	}
	return out
}

// ruleBetween reports a vertical ruling crossing row y between x0 and x1.
func ruleBetween(rules []rule, x0, x1, y int) bool {
	for _, r := range rules {
		if !r.horizontal && r.x0 > x0 && r.x0 < x1 && y >= r.y0 && y <= r.y1 {
			return true
		}
	}
	return false
}

// unpairedQuotes removes the quotation marks of a line that has opening
// ones without closing ones or the reverse.
func unpairedQuotes(ws []pword) {
	open, closing := 0, 0
	for _, w := range ws {
		open += strings.Count(w.text, "“")
		closing += strings.Count(w.text, "”")
	}
	if open == closing {
		return
	}
	for i := range ws {
		ws[i].text = strings.NewReplacer("“", "", "”", "").Replace(ws[i].text)
	}
}
