package juesuan

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/juesuan/juesuan/internal/hostile"
	"github.com/juesuan/juesuan/schema"
)

// testMemoryLimit is the memory limit of the hostile tests: small, so that a
// conversion holding more than a few times it stands out.
const testMemoryLimit = 64 << 20

// maxAllocated is what a conversion under testMemoryLimit may allocate in all:
// the memory limit counts what is decoded and kept, and a growing buffer
// allocates its final size about twice over; the rest (parsing, tables)
// is small.
const maxAllocated = 4*testMemoryLimit + 32<<20

// TestBombsFailWithinMemoryLimit converts a page whose content stream is a
// decompression bomb of each filter chain (1 GB of zeros from a few KB):
// every one fails quickly with the memory limit's error, having allocated a
// few times the memory limit at most.
func TestBombsFailWithinMemoryLimit(t *testing.T) {
	for _, b := range hostile.Bombs(1 << 30) {
		t.Run(b.Name, func(t *testing.T) {
			pdf := hostile.OnePage(b)
			var res *Result
			n := hostile.Allocated(func() {
				res = Convert(context.Background(), pdf, WithSourcePath(b.Name+".pdf"), WithMemoryLimit(testMemoryLimit))
			})
			if res.Report.Status != schema.StatusFailed || !errors.Is(res.Err, pdfraw.ErrTooLarge) {
				t.Fatalf("status %s, err %v (%v); want failed with ErrTooLarge", res.Report.Status, res.Err, *res.Report.Error)
			}
			if msg := *res.Report.Error; !strings.Contains(msg, "expands to more than 64 MB when decompressed") {
				t.Errorf("error %q does not say why", msg)
			}
			if n > maxAllocated {
				t.Errorf("allocated %d MB converting it, budget %d MB", n>>20, testMemoryLimit>>20)
			}
		})
	}
}

// sampleVariants returns the committed sample report and what converting
// it gives.
func sample(t *testing.T) ([]byte, *Result) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "fixtures", "sample.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	res := Convert(context.Background(), data, WithSourcePath("sample.pdf"))
	if res.Report.Status != schema.StatusOK || len(res.LineItems) == 0 {
		t.Fatalf("sample.pdf: %s %v, %d line items", res.Report.Status, res.Report.Error, len(res.LineItems))
	}
	return data, res
}

// TestPageTreeLoopsAndRepeats: a page tree that loops back on itself, or
// lists a page 100,000 times, reads each page once: the report is the
// original's, page count included, within the memory limit.
func TestPageTreeLoopsAndRepeats(t *testing.T) {
	data, want := sample(t)
	variants := map[string]bool{}
	for _, v := range hostile.Variants(data, hostile.Options{Repeats: 100_000}) {
		if !strings.HasPrefix(v.Name, "cycle-") && !strings.HasPrefix(v.Name, "kids-") {
			continue
		}
		variants[v.Name] = true
		t.Run(v.Name, func(t *testing.T) {
			var res *Result
			n := hostile.Allocated(func() {
				res = Convert(context.Background(), v.Data, WithSourcePath(v.Name+".pdf"), WithMemoryLimit(testMemoryLimit))
			})
			if res.Report.Status != schema.StatusOK || res.Report.Pages != want.Report.Pages || len(res.LineItems) != len(want.LineItems) {
				t.Errorf("%s, %d pages, %d line items (error %v); want ok, %d pages, %d line items",
					res.Report.Status, res.Report.Pages, len(res.LineItems), res.Err, want.Report.Pages, len(want.LineItems))
			}
			if n > maxAllocated {
				t.Errorf("allocated %d MB converting it, budget %d MB", n>>20, testMemoryLimit>>20)
			}
		})
	}
	if len(variants) != 3 {
		t.Fatalf("variants %v; the sample's page tree was not found", variants)
	}
}

// TestDamagedStreamsAreNeverOK flips one byte in the middle of each
// compressed stream of the sample (content streams, fonts' CMaps, object
// streams) and cuts the file short: no variant that lost data is ok, and
// a damaged content stream makes the report partial, naming its page.
func TestDamagedStreamsAreNeverOK(t *testing.T) {
	data, want := sample(t)
	variants := hostile.Flips(data, 1000)
	if len(variants) < 9 {
		t.Fatalf("%d Flate streams found in the sample; want its 9 pages' at least", len(variants))
	}
	for _, f := range []float64{0.3, 0.6, 0.9} {
		variants = append(variants, hostile.Variant{Name: "truncate", Data: data[:int(float64(len(data))*f)]})
	}
	namedPages := 0
	for _, v := range variants {
		res := Convert(context.Background(), v.Data, WithSourcePath(v.Name+".pdf"))
		msg := ""
		if res.Report.Error != nil {
			msg = *res.Report.Error
		}
		if res.Report.Status == schema.StatusOK && len(res.LineItems) < len(want.LineItems) {
			t.Errorf("%s: ok with %d line items, the original has %d", v.Name, len(res.LineItems), len(want.LineItems))
		}
		if strings.Contains(msg, "content stream is damaged") {
			namedPages++
			if res.Report.Status != schema.StatusPartial || !strings.Contains(msg, "page ") || !strings.Contains(msg, "download the file again") {
				t.Errorf("%s: %s %q; want partial naming the page", v.Name, res.Report.Status, msg)
			}
		}
	}
	if namedPages < 9 {
		t.Errorf("%d variants reported a damaged content stream; each of the 9 pages' should", namedPages)
	}
}

// TestCancelStopsPromptly cancels conversions midway (bombs of every
// chain decoding under a memory limit too large to stop them) and checks that
// Convert returns within a second, failed with the context's error, and
// leaves no goroutine behind.
func TestCancelStopsPromptly(t *testing.T) {
	type cancelCase struct {
		name   string
		data   []byte
		cancel time.Duration
	}
	var cases []cancelCase
	for i, b := range hostile.Bombs(16 << 30) {
		cases = append(cases, cancelCase{b.Name, hostile.OnePage(b), 100 * time.Millisecond})
		if i == 1 { // flate-flate, read through the library
			cases = append(cases, cancelCase{b.Name + " at once", hostile.OnePage(b), 0})
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			goroutines := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan *Result, 1)
			go func() { done <- Convert(ctx, tc.data, WithSourcePath("x.pdf"), WithMemoryLimit(16<<30)) }()
			time.Sleep(tc.cancel)
			cancel()
			cancelled := time.Now()
			var res *Result
			select {
			case res = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Convert still running 5 s after its context was cancelled")
			}
			// Typically a few milliseconds; the bound is loose for a loaded
			// CI machine, and still far below what the bomb takes uncancelled.
			if took := time.Since(cancelled); took > 3*time.Second {
				t.Errorf("returned %s after the cancel; want well under a second", took)
			}
			if res.Report.Status != schema.StatusFailed || !errors.Is(res.Err, context.Canceled) {
				t.Errorf("status %s, err %v; want failed with context.Canceled", res.Report.Status, res.Err)
			}
			time.Sleep(10 * time.Millisecond)
			if n := runtime.NumGoroutine(); n > goroutines {
				t.Errorf("%d goroutines after Convert returned, %d before", n, goroutines)
			}
		})
	}
}
