package extract

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// BenchmarkPages extracts every page of the real corpus (Load included)
// and reports pages/s and allocations per page.
func BenchmarkPages(b *testing.B) {
	files := corpusFiles(b)
	data := make([][]byte, len(files))
	for i, f := range files {
		var err error
		if data[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	var before, after, pageStart, pageEnd runtime.MemStats
	var pageMallocs uint64
	runtime.ReadMemStats(&before)
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range data {
			doc, err := Load(d)
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 {
				runtime.ReadMemStats(&pageStart)
			}
			for n := 1; n <= doc.NumPages(); n++ {
				if _, err := doc.Page(n); err != nil {
					b.Fatal(err)
				}
				pages++
			}
			if i == 0 {
				runtime.ReadMemStats(&pageEnd)
				pageMallocs += pageEnd.Mallocs - pageStart.Mallocs
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(pages), "allocs/page")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(pages), "B/page")
	// Page() alone, without Load (pdfraw.Prepare and the xref), first pass.
	b.ReportMetric(float64(pageMallocs)/float64(pages/b.N), "page-allocs/page")
}

// BenchmarkPdftotextBbox runs poppler's pdftotext -bbox over the same
// files, for comparison (process start-up included, as a CLI user sees it).
func BenchmarkPdftotextBbox(b *testing.B) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext not installed")
	}
	files := corpusFiles(b)
	pages := 0
	for _, f := range files {
		doc, err := Open(f)
		if err != nil {
			b.Fatal(err)
		}
		pages += doc.NumPages()
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			if err := exec.Command(tool, "-bbox", f, os.DevNull).Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPageInterp runs Page over every page of the real corpus with
// Load outside the timer: the content interpreter alone. Documents are
// loaded again for each round, as Page releases the content streams that
// Load inflated (each page is normally read once).
func BenchmarkPageInterp(b *testing.B) {
	var data [][]byte
	for _, f := range corpusFiles(b) {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		data = append(data, d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range data {
			b.StopTimer()
			doc, err := Load(d)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for n := 1; n <= doc.NumPages(); n++ {
				if _, err := doc.Page(n); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
