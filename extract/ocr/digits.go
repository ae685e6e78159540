package ocr

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// digitPass reads every figure again with tesseract's English model and
// only digits, the decimal point, comma and minus allowed: the Chinese
// model reads 6 as 0, 0 as 9 and a comma as a colon more often. All the
// figures of a page go into one strip image, one to a line, so that the
// pass costs one process per page. A figure the pass reads nothing for
// keeps its first reading.
func (r *Reader) digitPass(ctx context.Context, b *bitmap, ws []pword, dpi int) ([]pword, error) {
	bw, bh := b.w, b.h
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
		s := slot{x0: max(w.left-pad, 0), y0: max(w.top-pad, 0), x1: min(w.left+w.width+pad, bw), y1: min(w.top+w.height+pad, bh)}
		slots[k] = s
		maxW, maxH = max(maxW, s.x1-s.x0), max(maxH, s.y1-s.y0)
	}
	// Each figure is its own image (one line, --psm 7), all read by one
	// process from a list file: one process per page, and no figure
	// read in the context of another.
	dir, err := os.MkdirTemp("", "juesuan-ocr")
	if err != nil {
		return nil, fmt.Errorf("digits pass: %w", err)
	}
	defer os.RemoveAll(dir)
	var list strings.Builder
	for k, s := range slots {
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
	got, err := r.eng.recognizeFile(ctx, listFile, dpi, "-l", digitLang(), "--psm", "7",
		"-c", "tessedit_char_whitelist=0123456789.,-")
	if err != nil {
		return nil, err
	}
	texts := make([][]word, len(slots))
	for _, g := range got {
		if k := g.page - 1; k >= 0 && k < len(slots) {
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

func digitLang() string {
	if l := os.Getenv("JUESUAN_OCR_DIGITS"); l != "" {
		return l
	}
	return "chi_sim"
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
