package tables

import (
	"regexp"
	"strings"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/internal/textfold"
)

// Synthetic pages for table tests: a text layer and rulings drawn the way
// Word/WPS draw them (one segment per cell edge).

const fs = 9.0 // synthetic font size

func runeWidth(r rune) float64 {
	if textfold.IsWide(r) {
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

type page struct{ p *extract.Page }

func newPage(n int) *page { return &page{p: &extract.Page{Number: n, Width: 842, Height: 595}} }

// text puts s with its left edge at x on baseline y.
func (pg *page) text(s string, x, y float64) *page {
	for _, r := range s {
		w := runeWidth(r)
		if r != ' ' {
			pg.p.Glyphs = append(pg.p.Glyphs, extract.Glyph{Text: string(r), X0: x, X1: x + w,
				Y0: y - 0.88*fs, Y1: y + 0.12*fs, Baseline: y, Size: fs})
		}
		x += w
	}
	return pg
}

func (pg *page) seg(x0, y0, x1, y1 float64) {
	pg.p.Lines = append(pg.p.Lines, extract.Segment{X0: x0, Y0: y0, X1: x1, Y1: y1, Width: 0.5})
}

var amountText = regexp.MustCompile(`^-?[\d,]+\.\d+$`)

// table draws a grid at (x, y) with the given column widths and row height.
// A cell "<" merges with its left neighbour, "^" with the one above; "\n"
// breaks a cell's text into lines. Amounts are right-aligned.
func (pg *page) table(x, y float64, widths []float64, rowH float64, rows [][]string) *page {
	return pg.layout(x, y, widths, rowH, rows, true)
}

// plain places the same text as table but draws no rulings.
func (pg *page) plain(x, y float64, widths []float64, rowH float64, rows [][]string) *page {
	return pg.layout(x, y, widths, rowH, rows, false)
}

func (pg *page) layout(x, y float64, widths []float64, rowH float64, rows [][]string, ruled bool) *page {
	lines := len(pg.p.Lines)
	defer func() {
		if !ruled {
			pg.p.Lines = pg.p.Lines[:lines]
		}
	}()
	xs := []float64{x}
	for _, w := range widths {
		xs = append(xs, xs[len(xs)-1]+w)
	}
	ys := []float64{y}
	for range rows {
		ys = append(ys, ys[len(ys)-1]+rowH)
	}
	at := func(r, c int) string {
		if r < 0 || r >= len(rows) || c < 0 || c >= len(rows[r]) {
			return ""
		}
		return rows[r][c]
	}
	for r := range rows {
		for c := range widths {
			// left edge unless merged with left; top edge unless merged with above
			if at(r, c) != "<" {
				pg.seg(xs[c], ys[r], xs[c], ys[r+1])
			}
			if at(r, c) != "^" {
				pg.seg(xs[c], ys[r], xs[c+1], ys[r])
			}
		}
		pg.seg(xs[len(widths)], ys[r], xs[len(widths)], ys[r+1])
	}
	pg.seg(xs[0], ys[len(rows)], xs[len(widths)], ys[len(rows)])
	for r, row := range rows {
		// Header rows (no amount, no code) are centred, as printers do.
		header := true
		for _, s := range row {
			if decimalRe.MatchString(s) || codeRe.MatchString(s) {
				header = false
			}
		}
		for c, s := range row {
			if s == "<" || s == "^" || s == "" {
				continue
			}
			if header {
				end := c + 1
				for end < len(row) && row[end] == "<" {
					end++
				}
				for i, l := range strings.Split(s, "\n") {
					base := ys[r] + rowH/2 - float64(strings.Count(s, "\n"))*fs/2 + fs*0.4
					pg.text(l, (xs[c]+xs[end]-textWidth(l))/2, base+float64(i)*fs*1.1)
				}
				continue
			}
			lines := strings.Split(s, "\n")
			base := ys[r] + rowH/2 - float64(len(lines)-1)*fs/2 + fs*0.4
			for i, l := range lines {
				if amountText.MatchString(l) {
					pg.text(l, xs[c+1]-2-textWidth(l), base+float64(i)*fs*1.1)
				} else {
					pg.text(l, xs[c]+2, base+float64(i)*fs*1.1)
				}
			}
		}
	}
	return pg
}
