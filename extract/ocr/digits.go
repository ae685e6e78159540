package ocr

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// digitPass reads every figure again, digits only: each figure (the ink
// of its cell where it is in one, else its word's box) is its own
// one-line image (--psm 7, only 0-9 . , - allowed), and the page's
// figures are read by one process per model from a list file. Two
// models read each: Debian's Chinese and English ones misread different
// digits of this print (the Chinese reads 5 well, the English 6). Where
// they agree the reading is kept with the better confidence; where they
// differ the more confident wins, with its confidence halved, so that
// the cell shows as doubtful. A figure neither reads keeps its first
// reading.
func (r *Reader) digitPass(ctx context.Context, b *bitmap, ws []pword, cells []cell, dpi int) ([]pword, error) {
	type slot struct {
		x0, y0, x1, y1 int
		words          []int // indexes into ws
		unsure         bool  // not read as a figure but doubtful: replaced only by a well-formed figure
	}
	var slots []slot
	byCell := map[int]int{} // cell → slot
	for i, w := range ws {
		k := cellOf(cells, w.left+w.width/2, w.top+w.height/2)
		if k >= 0 {
			if s, ok := byCell[k]; ok {
				slots[s].words = append(slots[s].words, i)
				continue
			}
			byCell[k] = len(slots)
			slots = append(slots, slot{words: []int{i}})
			continue
		}
		slots = append(slots, slot{words: []int{i}})
	}
	// Keep the slots that read as one figure; their box is the ink of
	// their words (padded, within the cell).
	kept := slots[:0]
	for _, s := range slots {
		var sb strings.Builder
		first := ws[s.words[0]]
		s.x0, s.y0, s.x1, s.y1 = first.left, first.top, first.left+first.width, first.top+first.height
		sameLine := true
		for _, i := range s.words {
			w := ws[i]
			sb.WriteString(w.text)
			s.x0, s.y0 = min(s.x0, w.left), min(s.y0, w.top)
			s.x1, s.y1 = max(s.x1, w.left+w.width), max(s.y1, w.top+w.height)
			if w.top > first.top+first.height || first.top > w.top+w.height {
				sameLine = false
			}
		}
		if !sameLine {
			continue
		}
		if !digitHeavy(sb.String()) {
			// A short word read with little confidence may be a figure
			// the Chinese model made nothing of (有.52).
			text := []rune(sb.String())
			if !(len(s.words) <= 8 && len(text) <= 12 && (minConf(ws, s.words) < 50 || !mostlyCJK(text))) {
				continue
			}
			s.unsure = true
		}
		pad := max((s.y1-s.y0)/3, 3)
		s.x0, s.y0, s.x1, s.y1 = max(s.x0-pad, 0), max(s.y0-pad, 0), min(s.x1+pad, b.w), min(s.y1+pad, b.h)
		if k := cellOf(cells, (s.x0+s.x1)/2, (s.y0+s.y1)/2); k >= 0 {
			c := cells[k]
			s.x0, s.y0, s.x1, s.y1 = max(s.x0, c.x0+3), max(s.y0, c.y0+3), min(s.x1, c.x1-3), min(s.y1, c.y1-3)
		}
		if s.x1 > s.x0 && s.y1 > s.y0 {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return ws, nil
	}
	dir, err := os.MkdirTemp("", "juesuan-ocr")
	if err != nil {
		return nil, fmt.Errorf("digits pass: %w", err)
	}
	defer os.RemoveAll(dir)
	var list strings.Builder
	for k, s := range kept {
		const margin = 12
		crop := &bitmap{w: s.x1 - s.x0 + 2*margin, h: s.y1 - s.y0 + 2*margin}
		crop.pix = make([]uint8, crop.w*crop.h)
		for yy := s.y0; yy < s.y1; yy++ {
			copy(crop.pix[(yy-s.y0+margin)*crop.w+margin:], b.pix[yy*b.w+s.x0:yy*b.w+s.x1])
		}
		name := filepath.Join(dir, itoa(k)+".pbm")
		if err := os.WriteFile(name, crop.pbm(), 0o600); err != nil {
			return nil, fmt.Errorf("digits pass: %w", err)
		}
		list.WriteString(name + "\n")
	}
	listFile := filepath.Join(dir, "list.txt")
	if err := os.WriteFile(listFile, []byte(list.String()), 0o600); err != nil {
		return nil, fmt.Errorf("digits pass: %w", err)
	}
	var readings [2][]reading // chi_sim, eng
	for m, lang := range []string{"chi_sim", "eng"} {
		got, err := r.eng.recognizeFile(ctx, listFile, dpi, "-l", lang, "--psm", "7",
			"-c", "tessedit_char_whitelist=0123456789.,-")
		if err != nil {
			return nil, err
		}
		readings[m] = collect(got, len(kept))
	}
	drop := map[int]bool{}
	var out []pword
	for k, s := range kept {
		var first strings.Builder
		for _, i := range s.words {
			first.WriteString(ws[i].text)
		}
		best, ok := vote(readings[0][k], readings[1][k], tidyFigure(first.String()))
		// A doubtful word becomes a figure only when the figure read is
		// well formed and not a lone digit or two (项目 read as 8).
		if !ok || s.unsure && (!figureRe.MatchString(best.text) || len(best.text) < 3) {
			continue
		}
		// The figure's word: the ink box of the words it replaces.
		w := ws[s.words[0]]
		right, bottom := w.left+w.width, w.top+w.height
		for _, i := range s.words {
			o := ws[i]
			w.left, w.top = min(w.left, o.left), min(w.top, o.top)
			right, bottom = max(right, o.left+o.width), max(bottom, o.top+o.height)
			drop[i] = true
		}
		w.width, w.height = right-w.left, bottom-w.top
		w.text, w.conf, w.digits = best.text, best.conf, true
		out = append(out, w)
	}
	for i, w := range ws {
		if !drop[i] {
			out = append(out, w)
		}
	}
	return out, nil
}

// vote chooses between the Chinese (chi) and English (eng) models'
// readings of a figure. Agreeing, they win with the better confidence.
// Disagreeing, the winner's confidence is halved (the cell shows as
// doubtful) and it is: where the two differ only in digits one model is
// known to confuse in print (English reads a serif 5 as 9, Chinese reads
// 6 as 0; measured on the renderings of the fixtures), the other model's
// reading; else the one the first pass agrees with; else the more
// confident.
func vote(chi, eng reading, first string) (reading, bool) {
	switch {
	case chi.text == "" && eng.text == "":
		return reading{}, false
	case chi.text == eng.text:
		chi.conf = max(chi.conf, eng.conf)
		return chi, true
	case chi.text == "":
		eng.conf /= 2
		return eng, true
	case eng.text == "":
		chi.conf /= 2
		return chi, true
	}
	best := chi
	switch {
	case onlyConfusions(chi.text, eng.text, '5', '9'):
		best = chi
	case onlyConfusions(eng.text, chi.text, '6', '0'):
		best = eng
	case first == chi.text:
		best = chi
	case first == eng.text:
		best = eng
	case eng.conf > chi.conf:
		best = eng
	}
	best.conf /= 2
	return best, true
}

// onlyConfusions reports whether right and wrong, of one length, differ
// only where right has r and wrong has w.
func onlyConfusions(right, wrong string, r, w byte) bool {
	if len(right) != len(wrong) {
		return false
	}
	for i := 0; i < len(right); i++ {
		if right[i] != wrong[i] && (right[i] != r || wrong[i] != w) {
			return false
		}
	}
	return true
}

// reading is what one model read of one figure image.
type reading struct {
	text string
	conf float64
}

// collect joins the words read from each of n images, left to right, and
// tidies the figure: no spaces, no stray point or comma at either end.
func collect(got []word, n int) []reading {
	per := make([][]word, n)
	for _, g := range got {
		if k := g.page - 1; k >= 0 && k < n {
			per[k] = append(per[k], g)
		}
	}
	out := make([]reading, n)
	for k, t := range per {
		if len(t) == 0 {
			continue
		}
		sort.Slice(t, func(a, b int) bool { return t[a].left < t[b].left })
		var sb strings.Builder
		conf := 100.0
		for _, g := range t {
			sb.WriteString(g.text)
			conf = min(conf, g.conf)
		}
		out[k] = reading{text: tidyFigure(sb.String()), conf: conf}
	}
	return out
}

// tidyFigure drops what cannot belong to a printed figure: spaces, and a
// point or comma at either end (a speck of dirt beside the figure). A
// comma before the last two digits of a figure without a point is its
// decimal point (a thousands comma groups three digits).
func tidyFigure(s string) string {
	s = strings.Trim(strings.ReplaceAll(s, " ", ""), ".,")
	if n := len(s); n >= 4 && s[n-3] == ',' && !strings.Contains(s, ".") && isDigit(s[n-2]) && isDigit(s[n-1]) {
		s = s[:n-3] + "." + s[n-2:]
	}
	return s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// cellOf returns the index of the cell holding point (x, y), or -1.
func cellOf(cells []cell, x, y int) int {
	for i, c := range cells {
		if x >= c.x0 && x < c.x1 && y >= c.y0 && y < c.y1 {
			return i
		}
	}
	return -1
}

// digitHeavy reports whether s is mostly digits: a figure or code as the
// first pass read it (perhaps with a misread character in it).
func digitHeavy(s string) bool {
	n, d := 0, 0
	for _, r := range s {
		n++
		if r >= '0' && r <= '9' {
			d++
		}
	}
	return d > 0 && d*2 >= n
}

// figureRe is a printed figure: digits with thousands commas, a point and
// decimals, a sign.
var figureRe = regexp.MustCompile(`^-?\d{1,3}(,?\d{3})*(\.\d+)?$`)

func minConf(ws []pword, idx []int) float64 {
	m := 100.0
	for _, i := range idx {
		m = min(m, ws[i].conf)
	}
	return m
}
