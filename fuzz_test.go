package juesuan

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/juesuan/juesuan/schema"
)

// fuzzHang is how long one input may take before it counts as a hang; the
// largest real report takes well under a second.
const fuzzHang = 10 * time.Second

// fuzzMemoryLimit is the memory limit of each fuzzed conversion, and
// fuzzMaxAlloc what one may allocate in all: the memory limit bounds what is
// decoded and built from the input (a growing buffer allocates about
// twice what it keeps), the rest (tables, checks) is small.
const (
	fuzzMemoryLimit = 32 << 20
	fuzzMaxAlloc    = 4*fuzzMemoryLimit + 64<<20
)

// FuzzConvert feeds arbitrary bytes through the whole path (repair, text
// layer, tables, normalize, checks): whatever the input, Convert returns a
// report, never panics, and allocates within a few times its memory
// budget. Seeds: the small committed PDFs of the project.
func FuzzConvert(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{
		filepath.Join("fixtures", "bad", "*.pdf"),
		filepath.Join("extract", "pdfraw", "testdata", "*.pdf"),
		filepath.Join("extract", "testdata", "*.pdf"),
	} {
		m, _ := filepath.Glob(pattern)
		seeds = append(seeds, m...)
	}
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err == nil && len(data) < 200_000 {
			f.Add(data)
		}
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]/Contents 4 0 R>>endobj\n4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 10 10 Td (收入决算表) Tj ET 0 0 m 50 0 l S\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is a bug too: the batch's per-file timeout would hide it
		// but leave a goroutine burning a core.
		done := make(chan *Result, 1)
		var allocated uint64
		go func() {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res := Convert(context.Background(), data, WithSourcePath("fuzz.pdf"), WithMemoryLimit(fuzzMemoryLimit))
			runtime.ReadMemStats(&after)
			allocated = after.TotalAlloc - before.TotalAlloc
			done <- res
		}()
		var res *Result
		select {
		case res = <-done:
		case <-time.After(fuzzHang):
			t.Fatalf("Convert did not return within %s", fuzzHang)
		}
		if allocated > fuzzMaxAlloc {
			t.Fatalf("Convert allocated %d MB, memory limit %d MB", allocated>>20, fuzzMemoryLimit>>20)
		}
		if res == nil {
			t.Fatal("nil result")
		}
		switch res.Report.Status {
		case schema.StatusOK, schema.StatusPartial, schema.StatusFailed:
		default:
			t.Fatalf("status %q", res.Report.Status)
		}
		if res.Report.Status == schema.StatusFailed && res.Report.Error == nil {
			t.Fatal("failed without an error")
		}
	})
}
