package pipeline

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/internal/scanpdf"
	"github.com/juesuan/juesuan/schema"
)

// lowConfidence is the confidence under which a cell read by OCR counts
// as doubtful (README: Scanned reports).
const lowConfidence = 0.6

// TestScanReadAndJudged converts scans of the sample's T05 page and checks
// the promises against the text original: the cells read right
// (at least 99 % at 300 dpi grey, 97 % at 200 dpi bilevel), and every
// wrong cell either in a table whose identity fails or of low confidence.
func TestScanReadAndJudged(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes seconds a page")
	}
	if !scanpdf.Available() {
		t.Skip("pdftoppm is not installed")
	}
	r := ocr.New()
	if err := r.Available(); err != nil {
		t.Skip(err)
	}
	const src = "../../../../fixtures/sample.pdf"
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	text := Convert(context.Background(), data, src)
	pages := []int{5}
	for _, tc := range []struct {
		name string
		o    scanpdf.Options
		min  float64
	}{
		{"300dpi_grey", scanpdf.Options{DPI: 300, SkewDeg: 0.4, Noise: 0.05, Seed: 2}, 0.99},
		{"200dpi_bilevel", scanpdf.Options{DPI: 200, Bilevel: true, SkewDeg: 0.4, Noise: 0.002, Seed: 2}, 0.97},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.o.Pages = pages
			scan, err := scanpdf.Make(context.Background(), src, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			res := Convert(context.Background(), scan, "scan.pdf", WithOCR(r, OCRAuto))
			if src := res.Report.TextSource; src == nil || *src != schema.TextSourceOCR {
				t.Errorf("text source %v, want %q", src, schema.TextSourceOCR)
			}
			// The scan's page 1 is the original's page 5.
			type key struct{ table, col string }
			got := map[key][]schema.LineItem{}
			for _, it := range res.LineItems {
				got[key{it.TableID, it.ColumnKey}] = append(got[key{it.TableID, it.ColumnKey}], it)
			}
			right, total := 0, 0
			for _, want := range text.LineItems {
				if int(want.Page) != pages[0] {
					continue
				}
				total++
				k := key{want.TableID, want.ColumnKey}
				var g *schema.LineItem
				for i := range got[k] {
					if got[k][i].RowSeq == want.RowSeq {
						g = &got[k][i]
					}
				}
				switch {
				case g == nil:
					t.Errorf("%s row %d %s: not read", want.TableID, want.RowSeq, want.ColumnKey)
				case amount(g.Amount) == amount(want.Amount):
					right++
				default:
					doubtful := (g.OCRSuspect != nil && *g.OCRSuspect) || (g.OCRConfidence != nil && *g.OCRConfidence < lowConfidence)
					t.Logf("%s row %d %s: read %s, printed %s (suspect %v, confidence %v)", want.TableID, want.RowSeq, want.ColumnKey,
						amount(g.Amount), amount(want.Amount), g.OCRSuspect != nil && *g.OCRSuspect, conf(g.OCRConfidence))
					if !doubtful {
						t.Errorf("%s row %d %s: read %s, printed %s, yet neither suspect nor of low confidence",
							want.TableID, want.RowSeq, want.ColumnKey, amount(g.Amount), amount(want.Amount))
					}
				}
			}
			share := float64(right) / float64(max(total, 1))
			t.Logf("%d of %d cells right (%.1f%%), status %s", right, total, 100*share, res.Report.Status)
			if share < tc.min {
				t.Errorf("%.1f%% of cells right, want at least %.0f%%", 100*share, 100*tc.min)
			}
			for _, c := range res.Checks {
				if strings.HasPrefix(c.CheckID, "OCR.") {
					t.Logf("%s %s: %s", c.CheckID, c.Location, c.Description)
				}
			}
		})
	}
}

func amount(v *int64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(*v)
}

func conf(c *float32) string {
	if c == nil {
		return "null"
	}
	return fmt.Sprintf("%.2f", *c)
}
