package ocr

import (
	"context"
	"sort"
	"strings"
)

// digitPass reads every figure again with tesseract's English model and
// only digits, the decimal point, comma and minus allowed: the Chinese
// model reads 6 as 0, 0 as 9 and a comma as a colon more often. All the
// figures of a page go into one strip image, one to a line, so that the
// pass costs one process per page. A figure the pass reads nothing for
// keeps its first reading.
func (r *Reader) digitPass(ctx context.Context, b *bitmap, ws []pword, rules []rule, dpi int) ([]pword, error) {
	var idx []int
	for i, w := range ws {
		if digitHeavy(w.text) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return ws, nil
	}
	type slot struct{ x0, y0, x1, y1, at int }
	slots := make([]slot, len(idx))
	maxW, maxH := 0, 0
	for k, i := range idx {
		w := ws[i]
		pad := max(w.height/3, 3)
		s := slot{x0: max(w.left-pad, 0), y0: max(w.top-pad, 0), x1: min(w.left+w.width+pad, b.w), y1: min(w.top+w.height+pad, b.h)}
		slots[k] = s
		maxW, maxH = max(maxW, s.x1-s.x0), max(maxH, s.y1-s.y0)
	}
	margin := maxH
	strip := &bitmap{w: maxW + 2*margin}
	y := margin
	for k := range slots {
		slots[k].at = y
		y += slots[k].y1 - slots[k].y0 + maxH
	}
	strip.h = y + margin
	strip.pix = make([]uint8, strip.w*strip.h)
	for _, s := range slots {
		for yy := s.y0; yy < s.y1; yy++ {
			copy(strip.pix[(s.at+yy-s.y0)*strip.w+margin:], b.pix[yy*b.w+s.x0:yy*b.w+s.x1])
		}
	}
	got, err := r.eng.recognize(ctx, strip.pbm(), dpi, "-l", "eng", "--psm", "6",
		"-c", "tessedit_char_whitelist=0123456789.,-", "-c", "load_system_dawg=0", "-c", "load_freq_dawg=0")
	if err != nil {
		return nil, err
	}
	// Each word read goes to the slot its middle lies in.
	texts := make([][]word, len(slots))
	for _, g := range got {
		mid := g.top + g.height/2
		k := sort.Search(len(slots), func(k int) bool { return slots[k].at+slots[k].y1-slots[k].y0+maxH/2 > mid })
		if k < len(slots) && mid >= slots[k].at-maxH/2 {
			texts[k] = append(texts[k], g)
		}
	}
	for k, i := range idx {
		t := texts[k]
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
		ws[i].text, ws[i].conf, ws[i].digits = sb.String(), conf, true
	}
	return ws, nil
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
