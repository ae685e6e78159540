package juesuan

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/internal/scanpdf"
	"github.com/juesuan/juesuan/schema"
)

// lowConfidence is the confidence under which a cell read by OCR counts
// as doubtful (README: Scanned reports).
const lowConfidence = 0.6

// TestScanReadAndJudged converts scans of the sample's T04, T05 and T06
// pages (a two-sided total table, a coded one, a two-block one) and of a
// corpus report's T05 and checks the promises against the text
// original: the cells (figures and codes) read right, at least 99 % at
// 300 dpi grey and 97 % at 200 dpi bilevel, and every wrong figure
// either in a table whose identity fails or of low confidence.
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
	const (
		sample = "fixtures/sample.pdf"
		// r02's T05 (pages 14–15): another printer's type and a table
		// over two pages.
		corpus = "../shared/corpus/real/r02_putuo_planning_2024_final.pdf"
	)
	grey300 := scanpdf.Options{DPI: 300, SkewDeg: 0.4, Noise: 0.05, Seed: 2}
	bilevel200 := scanpdf.Options{DPI: 200, Bilevel: true, SkewDeg: 0.4, Noise: 0.002, Seed: 2}
	for _, tc := range []struct {
		name  string
		src   string
		pages []int
		o     scanpdf.Options
		min   float64
	}{
		{"sample_300dpi_grey", sample, []int{4, 5, 6}, grey300, 0.99},
		{"sample_200dpi_bilevel", sample, []int{4, 5, 6}, bilevel200, 0.97},
		{"r02_T05_300dpi_grey", corpus, []int{14, 15}, grey300, 0.99},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // tesseract runs one thread: a core each
			data, err := os.ReadFile(tc.src)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					t.Skipf("%s is not on this machine", tc.src)
				}
				t.Fatal(err)
			}
			text := Convert(context.Background(), data, WithSourcePath(tc.src))
			o := tc.o
			o.Pages = tc.pages
			scan, err := scanpdf.Make(context.Background(), tc.src, o)
			if err != nil {
				t.Fatal(err)
			}
			res := Convert(context.Background(), scan, WithSourcePath("scan.pdf"), WithOCR(r, OCRAuto))
			if src := res.Report.TextSource; src == nil || *src != schema.TextSourceOCR {
				t.Errorf("text source %v, want %q", src, schema.TextSourceOCR)
			}
			right, total := scoreScan(t, text.LineItems, res.LineItems, tc.pages)
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

// scoreScan compares the line items read from a scan of pages with the
// text original's items printed there: each figure, and each row's code,
// is a cell. A wrong figure must be ocr_suspect or of low confidence; a
// wrong code must be in a row one of whose figures is (a code enters no
// identity, so its confidence is its row's).
func scoreScan(t *testing.T, text, scan []schema.LineItem, pages []int) (right, total int) {
	t.Helper()
	type key struct {
		table, section, col string
		row                 int32
	}
	got := map[key]schema.LineItem{}
	rowDoubtful := map[key]bool{} // col empty: the row
	for _, it := range scan {
		got[key{it.TableID, it.Section, it.ColumnKey, it.RowSeq}] = it
		if doubtful(it) {
			rowDoubtful[key{it.TableID, it.Section, "", it.RowSeq}] = true
		}
	}
	codeSeen := map[key]bool{}
	for _, want := range text {
		if !slices.Contains(pages, int(want.Page)) {
			continue
		}
		where := fmt.Sprintf("%s row %d %s.%s", want.TableID, want.RowSeq, want.Section, want.ColumnKey)
		row := key{want.TableID, want.Section, "", want.RowSeq}
		g, ok := got[key{want.TableID, want.Section, want.ColumnKey, want.RowSeq}]
		if !ok {
			total++
			t.Errorf("%s: not read", where)
			continue
		}
		total++
		if amount(g.Amount) == amount(want.Amount) {
			right++
		} else {
			t.Logf("%s: read %s, printed %s (suspect %v, confidence %v)", where,
				amount(g.Amount), amount(want.Amount), g.OCRSuspect != nil && *g.OCRSuspect, conf(g.OCRConfidence))
			if !doubtful(g) {
				t.Errorf("%s: read %s, printed %s, yet neither suspect nor of low confidence", where, amount(g.Amount), amount(want.Amount))
			}
		}
		if codeSeen[row] || want.Code == nil {
			continue
		}
		codeSeen[row] = true
		total++
		if str(g.Code) == *want.Code {
			right++
			continue
		}
		t.Logf("%s row %d: code read %s, printed %s", want.TableID, want.RowSeq, str(g.Code), *want.Code)
		if !rowDoubtful[row] {
			t.Errorf("%s row %d: code read %s, printed %s, yet no figure of its row is suspect or of low confidence",
				want.TableID, want.RowSeq, str(g.Code), *want.Code)
		}
	}
	return right, total
}

// doubtful reports whether an OCR cell is marked as possibly misread.
func doubtful(it schema.LineItem) bool {
	return (it.OCRSuspect != nil && *it.OCRSuspect) || (it.OCRConfidence != nil && *it.OCRConfidence < lowConfidence)
}

func str(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
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
