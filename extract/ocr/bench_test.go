package ocr_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/internal/scanpdf"
)

// scanCases are the renderings the README reports: the bundled sample's
// pages at 300 dpi grey (JPEG) and 200 dpi bilevel, skewed and noisy.
var scanCases = []struct {
	name string
	opts scanpdf.Options
}{
	{"300dpi_grey", scanpdf.Options{DPI: 300, SkewDeg: 0.4, Noise: 0.05, Seed: 1}},
	{"200dpi_bilevel", scanpdf.Options{DPI: 200, Bilevel: true, SkewDeg: 0.4, Noise: 0.002, Seed: 1}},
}

// scanPages are the sample's pages read: T04, T05 and T06 (a two-sided
// total table, a coded table and a two-block one).
var scanPages = []int{4, 5, 6}

// BenchmarkScan OCRs rendered pages of fixtures/sample.pdf and reports
// pages/s and the share of value and code cells read right (make bench).
func BenchmarkScan(b *testing.B) {
	r := newReader(b)
	var want []tables.Table
	raw, err := os.ReadFile("../../fixtures/sample.truth.json")
	if err != nil {
		b.Fatal(err)
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		b.Fatal(err)
	}
	for _, tc := range scanCases {
		b.Run(tc.name, func(b *testing.B) {
			o := tc.opts
			o.Pages = scanPages
			data, err := scanpdf.Make(context.Background(), "../../fixtures/sample.pdf", o)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var right, total int
			for range b.N {
				pages, _ := readScan(b, r, data)
				for i, p := range pages {
					p.Number = scanPages[i]
				}
				got, _ := tables.Find(pages)
				rt, tt, _ := cellAccuracy(got, want, scanPages)
				right, total = right+rt, total+tt
			}
			b.ReportMetric(float64(len(scanPages)*b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(100*float64(right)/float64(max(total, 1)), "%cells_right")
		})
	}
}
