package grid

import "github.com/juesuan/juesuan/extract"

// synthPage builds extract.Page values for tests: text placed by baseline and
// left edge (or right edge for amounts), rulings as segments.
type synthPage struct{ p extract.Page }

func newPage(n int) *synthPage {
	return &synthPage{p: extract.Page{Number: n, Width: 595, Height: 842}}
}

const fs = 10.0 // font size of synthetic text

func runeWidth(r rune) float64 {
	if IsWide(r) {
		return fs
	}
	return fs / 2
}

func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// text puts s with its left edge at x on the given baseline.
func (sp *synthPage) text(s string, x, baseline float64) *synthPage {
	for _, r := range s {
		w := runeWidth(r)
		if r != ' ' {
			sp.p.Glyphs = append(sp.p.Glyphs, extract.Glyph{
				Text: string(r), X0: x, X1: x + w, Y0: baseline - 0.88*fs, Y1: baseline + 0.12*fs,
				Baseline: baseline, Size: fs,
			})
		}
		x += w
	}
	return sp
}

// right puts s with its right edge at x.
func (sp *synthPage) right(s string, x, baseline float64) *synthPage {
	return sp.text(s, x-textWidth(s), baseline)
}

func (sp *synthPage) hline(y, x0, x1 float64) *synthPage {
	sp.p.Lines = append(sp.p.Lines, extract.Segment{X0: x0, X1: x1, Y0: y, Y1: y, Width: 0.5})
	return sp
}

func (sp *synthPage) vline(x, y0, y1 float64) *synthPage {
	sp.p.Lines = append(sp.p.Lines, extract.Segment{X0: x, X1: x, Y0: y0, Y1: y1, Width: 0.5})
	return sp
}

// fullGrid draws every boundary of a rows×cols grid.
func (sp *synthPage) fullGrid(xs, ys []float64) *synthPage {
	for _, y := range ys {
		sp.hline(y, xs[0], xs[len(xs)-1])
	}
	for _, x := range xs {
		sp.vline(x, ys[0], ys[len(ys)-1])
	}
	return sp
}
