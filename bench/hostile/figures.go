package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"sort"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/schema"
)

// figureOracle tells whether an ok variant lost or doubled figures, by
// what poppler's pdftotext (a reader independent of juesuan) reads on
// each page of the variant and of its original: a figure the original's
// line_items hold on a page must be in the variant's there too, unless
// the variant no longer prints it (the damage removed it from the page),
// and no figure may be held more often than the page prints it. Without
// pdftotext the comparison is skipped, and said so.
type figureOracle struct {
	missing bool
	pages   map[string]map[int]map[int64]int // pdf path → page → cents → count
	items   map[string]map[int]map[int64]int // line_items file → the same
}

func newFigureOracle() *figureOracle {
	_, err := exec.LookPath("pdftotext")
	return &figureOracle{missing: err != nil, pages: map[string]map[int]map[int64]int{}, items: map[string]map[int]map[int64]int{}}
}

func (f *figureOracle) note() string {
	if f.missing {
		return " (pdftotext not found: figures of ok variants not compared)"
	}
	return ""
}

// compare returns what the ok variant v (at path) lost or doubled against
// its original o (at origPath), or "".
func (f *figureOracle) compare(origPath, path string, o, v report) (string, error) {
	if f.missing {
		return "", nil
	}
	po, err := f.printed(origPath)
	if err != nil {
		return "", err
	}
	pv, err := f.printed(path)
	if err != nil {
		return "", err
	}
	ho, err := f.held(o.items)
	if err != nil {
		return "", err
	}
	hv, err := f.held(v.items)
	if err != nil {
		return "", err
	}
	var lost, doubled []string
	for _, page := range pageNumbers(ho, hv) {
		values := map[int64]bool{}
		for c := range po[page] {
			values[c] = true
		}
		for c := range pv[page] {
			values[c] = true
		}
		for c := range values {
			was, now := po[page][c], pv[page][c]
			need := ho[page][c] - max(0, was-now)
			allowed := ho[page][c] + max(0, now-was)
			switch got := hv[page][c]; {
			case got < need:
				lost = append(lost, fmt.Sprintf("page %d %s ×%d", page, decimal(c), need-got))
			case got > allowed:
				doubled = append(doubled, fmt.Sprintf("page %d %s ×%d", page, decimal(c), got-allowed))
			}
		}
	}
	sort.Strings(lost)
	sort.Strings(doubled)
	var msg []string
	if len(lost) > 0 {
		msg = append(msg, fmt.Sprintf("%d figures it still prints are not in line_items (%s)", len(lost), strings.Join(lost[:min(3, len(lost))], ", ")))
	}
	if len(doubled) > 0 {
		msg = append(msg, fmt.Sprintf("%d figures are in line_items more often than printed (%s)", len(doubled), strings.Join(doubled[:min(3, len(doubled))], ", ")))
	}
	return strings.Join(msg, "; "), nil
}

// printed reads the figures of each page of a PDF with pdftotext.
func (f *figureOracle) printed(path string) (map[int]map[int64]int, error) {
	if p, ok := f.pages[path]; ok {
		return p, nil
	}
	var out bytes.Buffer
	cmd := exec.Command("pdftotext", "-layout", "-q", path, "-")
	cmd.Stdout = &out
	var exit *exec.ExitError
	if err := cmd.Run(); err != nil && !errors.As(err, &exit) {
		return nil, fmt.Errorf("pdftotext %s: %w", path, err)
	}
	pages := map[int]map[int64]int{}
	for i, text := range strings.Split(out.String(), "\f") {
		m := map[int64]int{}
		tables.EachFigure(text, func(s string) {
			if c, ok := cents(s); ok {
				m[c]++
			}
		})
		pages[i+1] = m
	}
	f.pages[path] = pages
	return pages, nil
}

// held reads the amounts of a line_items file by page, in cents.
func (f *figureOracle) held(items string) (map[int]map[int64]int, error) {
	if h, ok := f.items[items]; ok {
		return h, nil
	}
	h := map[int]map[int64]int{}
	if items != "" {
		rows, err := parquet.ReadFile[schema.LineItem](items)
		if err != nil && !strings.Contains(err.Error(), "no such file") {
			return nil, fmt.Errorf("%s: %w", items, err)
		}
		for _, r := range rows {
			if r.Amount == nil {
				continue
			}
			if h[int(r.Page)] == nil {
				h[int(r.Page)] = map[int64]int{}
			}
			h[int(r.Page)][*r.Amount]++
		}
	}
	f.items[items] = h
	return h, nil
}

func pageNumbers(ms ...map[int]map[int64]int) []int {
	seen := map[int]bool{}
	var out []int
	for _, m := range ms {
		for p := range m {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.Ints(out)
	return out
}

// cents parses a figure as printed (1,234.5, -0.50) into cents; false for
// percentages and figures with more than two decimals.
func cents(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.Replace(s, "−", "-", 1), ",", "")
	if strings.HasSuffix(s, "%") || strings.HasSuffix(s, "％") {
		return 0, false
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	return n, err == nil
}

func decimal(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}
