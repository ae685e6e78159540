package grid

import (
	"context"
	"testing"
	"time"

	"github.com/juesuan/juesuan/extract"
)

// TestAnalyzeStopsWithContext: a page of 60,000 long rulings each way
// (3.6 billion pairs to test for contact, minutes of work) returns
// promptly once its context is done, and a grid of more atomic cells than
// maxAtomicCells is never built.
func TestAnalyzeStopsWithContext(t *testing.T) {
	const n = 60_000
	p := &extract.Page{Number: 1, Width: 3 * n, Height: 3 * n}
	for i := range n {
		at := float64(3 * i)
		p.Lines = append(p.Lines,
			extract.Segment{X0: 0, Y0: at, X1: 3 * n, Y1: at, Width: 1},
			extract.Segment{X0: at, Y0: 0, X1: at, Y1: 3 * n, Width: 1})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	done := make(chan *Layout, 1)
	start := time.Now()
	go func() {
		lay, _ := AnalyzeGrids(p, WithContext(ctx))
		done <- lay
	}()
	select {
	case lay := <-done:
		if len(lay.Grids) != 0 {
			t.Errorf("%d grids from a cancelled analysis", len(lay.Grids))
		}
		// The bound is loose for a loaded machine; the full work is minutes.
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("returned after %s", took)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("still running 30 s after its context ended")
	}
}
