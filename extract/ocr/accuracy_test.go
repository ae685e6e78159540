package ocr_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/grid"
	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/scanpdf"
)

// readScan OCRs every page of the image-only PDF data.
func readScan(t testing.TB, r *ocr.Reader, data []byte) ([]*extract.Page, []*ocr.Page) {
	t.Helper()
	doc, err := extract.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	var pages []*extract.Page
	var read []*ocr.Page
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			t.Fatal(err)
		}
		if !ocr.NeedsOCR(p) {
			t.Fatalf("page %d: not a scan", n)
		}
		op, err := r.ReadPage(context.Background(), doc, p)
		if err != nil {
			t.Fatal(err)
		}
		pages, read = append(pages, p), append(read, op)
	}
	return pages, read
}

func newReader(t testing.TB) *ocr.Reader {
	t.Helper()
	if !scanpdf.Available() {
		t.Skip("pdftoppm is not installed")
	}
	r := ocr.New()
	if err := r.Available(); err != nil {
		t.Skip(err)
	}
	return r
}

// TestScanDebug OCRs pages of a fixture and prints what was read
// (JUESUAN_SCAN=sample:5:300 or sample:5:200b).
func TestScanDebug(t *testing.T) {
	spec := os.Getenv("JUESUAN_SCAN")
	if spec == "" {
		t.Skip("set JUESUAN_SCAN=fixture:pages:dpi[b]")
	}
	r := newReader(t)
	f := strings.Split(spec, ":")
	var o scanpdf.Options
	for _, p := range strings.Split(f[1], ",") {
		n, _ := strconv.Atoi(p)
		o.Pages = append(o.Pages, n)
	}
	o.Bilevel = strings.HasSuffix(f[2], "b")
	o.DPI, _ = strconv.Atoi(strings.TrimSuffix(f[2], "b"))
	o.SkewDeg, o.Noise, o.Seed = 0.4, 0.002, 1
	if !o.Bilevel {
		o.Noise = 0.05
	}
	src := filepath.Join("..", "..", "fixtures", f[0]+".pdf")
	data, err := scanpdf.Make(context.Background(), src, o)
	if err != nil {
		t.Fatal(err)
	}
	pages, read := readScan(t, r, data)
	for _, op := range read {
		t.Logf("page %d: skew %.2f°, %d dpi, %d words", op.Number, op.Skew, op.DPI, len(op.Words))
	}
	for i, p := range pages {
		p.Number = o.Pages[i]
		if os.Getenv("JUESUAN_SCAN_LINES") != "" {
			for _, l := range p.Lines {
				t.Logf("rule %.1f,%.1f-%.1f,%.1f", l.X0, l.Y0, l.X1, l.Y1)
			}
			for _, tl := range grid.Lines(p.Glyphs) {
				t.Logf("%.1f %.1f %q", tl.X0, tl.Baseline, tl.Text)
			}
		}
	}
	got, errs := tables.Find(pages)
	for _, e := range errs {
		t.Log(e)
	}
	for _, tb := range got {
		var b strings.Builder
		tables.Render(&b, tb)
		t.Log(b.String())
	}
	var want []tables.Table
	raw, _ := os.ReadFile(strings.TrimSuffix(src, ".pdf") + ".truth.json")
	json.Unmarshal(raw, &want)
	right, total, wrong := cellAccuracy(got, want, o.Pages)
	t.Logf("cells right %d of %d (%.2f%%)", right, total, 100*float64(right)/float64(max(total, 1)))
	for _, w := range wrong {
		t.Log(w)
	}
}

// cellAccuracy compares the value cells (and codes) of the truth tables
// printed on pages with what was read.
func cellAccuracy(got, want []tables.Table, pages []int) (right, total int, wrong []string) {
	on := map[int]bool{}
	for _, p := range pages {
		on[p] = true
	}
	byID := map[string]tables.Table{}
	for _, g := range got {
		if _, ok := byID[g.ID]; !ok {
			byID[g.ID] = g
		}
	}
	for _, w := range want {
		g := byID[w.ID]
		i := 0
		for _, wr := range w.Rows {
			if !on[wr.Page] {
				continue
			}
			var gr tables.Row
			if i < len(g.Rows) {
				gr = g.Rows[i]
			}
			i++
			for _, wc := range wr.Cells {
				total++
				gt := "<missing>"
				for _, gc := range gr.Cells {
					if gc.Key == wc.Key && gc.Label == wc.Label {
						gt = gc.Text
					}
				}
				if gt == wc.Text {
					right++
				} else {
					wrong = append(wrong, fmt.Sprintf("%s row %d (%s) %s: got %q, want %q", w.ID, i, wr.Item, wc.Key, gt, wc.Text))
				}
			}
			total++
			if strings.Join(gr.Code, "") == strings.Join(wr.Code, "") {
				right++
			} else {
				wrong = append(wrong, fmt.Sprintf("%s row %d (%s) code: got %q, want %q", w.ID, i, wr.Item, gr.Code, wr.Code))
			}
		}
	}
	return right, total, wrong
}
