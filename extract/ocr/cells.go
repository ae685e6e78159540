package ocr

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// cell is a rectangle of the page enclosed by rulings, in pixels.
type cell struct{ x0, y0, x1, y1 int }

// findCells returns the regions the rulings enclose (merged cells are one
// region), as the white areas of a mask of the rulings that do not reach
// the image border. The mask is at half resolution: cells are far larger
// than two pixels.
func findCells(w, h int, rules []rule) []cell {
	const s = 2
	mw, mh := w/s+1, h/s+1
	mask := make([]int32, mw*mh) // -1 ruling, 0 unlabelled, >0 region
	for _, r := range rules {
		ext := 3 // close the small gaps where a line stops short of another
		half := r.thick/2 + 1
		x0, x1, y0, y1 := r.x0-ext, r.x1+ext, r.y0-half, r.y0+half
		if !r.horizontal {
			x0, x1, y0, y1 = r.x0-half, r.x0+half, r.y0-ext, r.y1+ext
		}
		for y := max(y0/s, 0); y <= min(y1/s, mh-1); y++ {
			for x := max(x0/s, 0); x <= min(x1/s, mw-1); x++ {
				mask[y*mw+x] = -1
			}
		}
	}
	var cells []cell
	var stack []int
	label := int32(0)
	for start := range mask {
		if mask[start] != 0 {
			continue
		}
		label++
		mask[start] = label
		stack = append(stack[:0], start)
		c := cell{x0: mw, y0: mh, x1: -1, y1: -1}
		border := false
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%mw, i/mw
			c.x0, c.y0, c.x1, c.y1 = min(c.x0, x), min(c.y0, y), max(c.x1, x), max(c.y1, y)
			if x == 0 || y == 0 || x == mw-1 || y == mh-1 {
				border = true
			}
			for _, j := range [4]int{i - 1, i + 1, i - mw, i + mw} {
				if j >= 0 && j < len(mask) && mask[j] == 0 && (j/mw == y || j%mw == x) {
					mask[j] = label
					stack = append(stack, j)
				}
			}
		}
		if !border {
			cells = append(cells, cell{c.x0 * s, c.y0 * s, min((c.x1+1)*s, w), min((c.y1+1)*s, h)})
		}
	}
	return cells
}

// readCells reads each cell with ink on its own (one image each, all by
// one process): tesseract's page layout then never joins the lines of
// two cells, as it does with a two-line header cell beside one-line
// ones. It returns the cells read and their words in page pixels, each
// word's page the 1-based index of its cell.
func (r *Reader) readCells(ctx context.Context, g *image.Gray, bits *bitmap, cells []cell, dpi int, bolder bool) ([]cell, []word, error) {
	dir, err := os.MkdirTemp("", "juesuan-ocr")
	if err != nil {
		return nil, nil, fmt.Errorf("cells: %w", err)
	}
	defer os.RemoveAll(dir)
	const margin = 12
	var list strings.Builder
	var read, rects []cell // ink boxes read, and their cells
	for _, c := range cells {
		box, ok := inkBox(bits, c)
		if !ok {
			continue
		}
		crop := image.NewGray(image.Rect(0, 0, box.x1-box.x0+2*margin, box.y1-box.y0+2*margin))
		for i := range crop.Pix {
			crop.Pix[i] = 255
		}
		for y := box.y0; y < box.y1; y++ {
			copy(crop.Pix[(y-box.y0+margin)*crop.Stride+margin:], g.Pix[y*g.Stride+box.x0:y*g.Stride+box.x1])
		}
		if bolder {
			crop = embolden(crop)
		}
		name := filepath.Join(dir, itoa(len(read))+".pgm")
		if err := os.WriteFile(name, pgm(crop), 0o600); err != nil {
			return nil, nil, fmt.Errorf("cells: %w", err)
		}
		list.WriteString(name + "\n")
		read = append(read, box)
		rects = append(rects, c)
	}
	if len(read) == 0 {
		return nil, nil, nil
	}
	listFile := filepath.Join(dir, "list.txt")
	if err := os.WriteFile(listFile, []byte(list.String()), 0o600); err != nil {
		return nil, nil, fmt.Errorf("cells: %w", err)
	}
	psm := "6"
	if bolder {
		psm = "7"
	}
	got, err := r.eng.recognizeFile(ctx, listFile, dpi, "-l", "chi_sim", "--psm", psm)
	if err != nil {
		return nil, nil, err
	}
	var out []word
	for _, w := range got {
		k := w.page - 1
		if k < 0 || k >= len(read) {
			continue
		}
		w.left += read[k].x0 - margin
		w.top += read[k].y0 - margin
		// Lines of different cells are never one tesseract line.
		w.block += 1000 * w.page
		out = append(out, w)
	}
	return rects, out, nil
}

// chooseReadings keeps, for each cell, the cell pass's words (not misled
// by the lines of the next cell), unless only the page pass's reading is
// a standard title or header word (it knows the row around a short
// header such as 合计, which the cell pass misreads). Page words outside
// every cell stay.
func chooseReadings(page, cellWords []word, cells []cell) []word {
	inCell := make([][]word, len(cells))
	var out []word
	for _, w := range page {
		k := cellUnder(cells, w)
		if k < 0 {
			out = append(out, w)
			continue
		}
		inCell[k] = append(inCell[k], w)
	}
	byCell := make([][]word, len(cells))
	for _, w := range cellWords {
		byCell[w.page-1] = append(byCell[w.page-1], w)
	}
	for k := range cells {
		a, b := inCell[k], byCell[k]
		if len(b) == 0 || standard(a) && !standard(b) {
			out = append(out, snapCell(a)...)
		} else {
			out = append(out, snapCell(b)...)
		}
	}
	return out
}

// dropInBlank drops the page pass's words inside a cell the cell pass
// found blank (all the cells, read those with ink): its ink is nothing
// but specks, which tesseract reads as 二, | or 1 when it looks at the
// whole page, and such a word would become a row of its own.
func dropInBlank(page []word, all, read []cell) []word {
	var blank []cell
	for _, c := range all {
		if cellOf(read, (c.x0+c.x1)/2, (c.y0+c.y1)/2) < 0 {
			blank = append(blank, c)
		}
	}
	out := page[:0:0]
	for _, w := range page {
		if cellOf(blank, w.left+w.width/2, w.top+w.height/2) < 0 {
			out = append(out, w)
		}
	}
	return out
}

// dropSpecks drops the words of letters or digits read with little
// confidence whose box is smaller both ways than any printed character
// (half a millimetre at dpi): a speck of noise outside the cells, or
// left in a cell, read as 二 or 1. Punctuation is kept: a decimal point
// alone is that small. A confident reading is kept however small its box:
// tesseract gives the characters of a tiny print (a 66 dpi scan's 二十二)
// boxes of a few pixels.
func dropSpecks(ws []word, dpi int) []word {
	least := max(dpi/50, 2)
	out := ws[:0:0]
	for _, w := range ws {
		if w.width < least && w.height < least && w.conf < 60 && hasLetterOrDigit(w.text) {
			continue
		}
		out = append(out, w)
	}
	return out
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// cellUnder returns the cell holding w's centre, else the cell its box
// overlaps most (a page word read across a ruling, 166.31 and the next
// block's 30201 as one: the cells read that ink), else -1.
func cellUnder(cells []cell, w word) int {
	if k := cellOf(cells, w.left+w.width/2, w.top+w.height/2); k >= 0 {
		return k
	}
	k, most := -1, 0
	for i, c := range cells {
		dx := min(c.x1, w.left+w.width) - max(c.x0, w.left)
		dy := min(c.y1, w.top+w.height) - max(c.y0, w.top)
		if dx > 0 && dy > 0 && dx*dy > most {
			k, most = i, dx*dy
		}
	}
	return k
}

// standard reports whether a reading of a cell is a standard title or
// header word.
func standard(ws []word) bool {
	return len(ws) > 0 && isStandard(snap(joinWords(ws)))
}

func joinWords(ws []word) string {
	var sb strings.Builder
	for _, w := range ws {
		sb.WriteString(w.text)
	}
	return sb.String()
}

// snapCell snaps the text of a cell printed over several lines (一般公共 /
// 预算财政 / 拨款) as a whole: each line alone is too short to be known.
// A cell that reads as a standard word becomes one word with its text.
func snapCell(ws []word) []word {
	multi := false
	for _, w := range ws[1:] {
		if w.line != ws[0].line || w.par != ws[0].par || w.block != ws[0].block {
			multi = true
		}
	}
	if !multi {
		return ws
	}
	text := joinWords(ws)
	snapped := snap(text)
	if snapped == text || !isStandard(snapped) {
		return ws
	}
	w := ws[0]
	right, bottom := w.left+w.width, w.top+w.height
	for _, o := range ws[1:] {
		w.left, w.top = min(w.left, o.left), min(w.top, o.top)
		right, bottom = max(right, o.left+o.width), max(bottom, o.top+o.height)
		w.conf = min(w.conf, o.conf)
	}
	w.width, w.height, w.text = right-w.left, bottom-w.top, snapped
	return []word{w}
}

// inkBox is the box of the ink inside c (a few pixels in from its
// rulings), or false when c is blank. Specks (blobs of under 12 pixels:
// noise, dust, what is left of a ruling) are not ink.
func inkBox(b *bitmap, c cell) (cell, bool) {
	const in, speck = 3, 12
	x0, y0, x1, y1 := c.x0+in, c.y0+in, c.x1-in, c.y1-in
	if x1 <= x0 || y1 <= y0 {
		return cell{}, false
	}
	w := x1 - x0
	seen := make([]bool, w*(y1-y0))
	box := cell{x0: x1, y0: y1, x1: x0, y1: y0}
	found := false
	var stack, blob []int
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			i := (y-y0)*w + x - x0
			if seen[i] || b.pix[y*b.w+x] == 0 {
				continue
			}
			seen[i] = true
			stack, blob = append(stack[:0], i), blob[:0]
			for len(stack) > 0 {
				j := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				blob = append(blob, j)
				jx, jy := j%w, j/w
				for _, d := range [8][2]int{{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}} {
					nx, ny := jx+d[0], jy+d[1]
					if nx < 0 || ny < 0 || nx >= w || ny >= y1-y0 {
						continue
					}
					k := ny*w + nx
					if !seen[k] && b.pix[(ny+y0)*b.w+nx+x0] != 0 {
						seen[k] = true
						stack = append(stack, k)
					}
				}
			}
			if len(blob) < speck {
				continue
			}
			found = true
			for _, j := range blob {
				px, py := j%w+x0, j/w+y0
				box.x0, box.y0, box.x1, box.y1 = min(box.x0, px), min(box.y0, py), max(box.x1, px+1), max(box.y1, py+1)
			}
		}
	}
	return box, found
}

// embolden thickens the strokes of g by a pixel (the darkest of each
// pixel's neighbours): Debian's Chinese model reads thin print in a short
// cell wrong more often than bold (合计 as 容计).
func embolden(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(g.Rect)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := g.Pix[y*g.Stride+x]
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx >= 0 && yy >= 0 && xx < w && yy < h {
						v = min(v, g.Pix[yy*g.Stride+xx])
					}
				}
			}
			out.Pix[y*out.Stride+x] = v
		}
	}
	return out
}

// shortUnknown lists the cells whose chosen words read as a short word
// (up to 6 characters) that is no standard word, Chinese or read with
// little confidence: perhaps a header the model misread, read again in
// bold.
func shortUnknown(ws []word, cells []cell) []cell {
	texts := make([]strings.Builder, len(cells))
	conf := make([]float64, len(cells))
	for i := range conf {
		conf[i] = 100
	}
	for _, w := range ws {
		if k := cellOf(cells, w.left+w.width/2, w.top+w.height/2); k >= 0 {
			texts[k].WriteString(w.text)
			conf[k] = min(conf[k], w.conf)
		}
	}
	var out []cell
	for k := range cells {
		rs := []rune(texts[k].String())
		if len(rs) == 0 || len(rs) > 6 || isStandard(snap(string(rs))) {
			continue
		}
		// Chinese read as no standard word, or anything short read with
		// little confidence (项目 read as 8).
		if len(rs) >= 2 && mostlyCJK(rs) || conf[k] < 60 {
			out = append(out, cells[k])
		}
	}
	return out
}

// rereadBold reads the short unknown cells again in bold and takes the
// bold reading of a cell where it is a standard word.
func (r *Reader) rereadBold(ctx context.Context, g *image.Gray, bits *bitmap, ws []word, cells []cell, dpi int) ([]word, error) {
	again := shortUnknown(ws, cells)
	if len(again) == 0 {
		return ws, nil
	}
	rects, bold, err := r.readCells(ctx, g, bits, again, dpi, true)
	if err != nil {
		return nil, err
	}
	byCell := make([][]word, len(rects))
	for _, w := range bold {
		byCell[w.page-1] = append(byCell[w.page-1], w)
	}
	replace := map[int][]word{} // index into cells → new words
	for k, c := range rects {
		if !standard(byCell[k]) {
			continue
		}
		replace[cellOf(cells, (c.x0+c.x1)/2, (c.y0+c.y1)/2)] = byCell[k]
	}
	if len(replace) == 0 {
		return ws, nil
	}
	var out []word
	for _, w := range ws {
		if _, ok := replace[cellOf(cells, w.left+w.width/2, w.top+w.height/2)]; !ok {
			out = append(out, w)
		}
	}
	for _, nw := range replace {
		for _, w := range nw {
			w.page += 10000 // lines of their own
			out = append(out, w)
		}
	}
	return out, nil
}
