package extract

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/juesuan/juesuan/internal/hostile"
)

// stops runs fn and returns the error it panicked with, or nil.
func stops(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err, _ = r.(error)
		}
	}()
	fn()
	return nil
}

// TestLexerNestingIsBounded: "[" or "<<" nested millions deep stops the
// stream at pdfraw.MaxNesting with an error, having taken no memory to
// speak of (before, 20 million "[" took 2 GB).
func TestLexerNestingIsBounded(t *testing.T) {
	for name, data := range map[string]string{
		"arrays":               strings.Repeat("[", 5_000_000),
		"arrays closed":        strings.Repeat("[", 5_000_000) + strings.Repeat("]", 5_000_000) + " TJ",
		"dictionaries":         "/P " + strings.Repeat("<< /A ", 2_000_000) + " BDC",
		"arrays then an op":    strings.Repeat("[ 1 0 0 1 0 0 cm ", 1000),
		"arrays in an array":   "[" + strings.Repeat("[1]", 1000) + "] TJ",
		"nesting at the limit": strings.Repeat("[", pdfraw.MaxNesting) + strings.Repeat("]", pdfraw.MaxNesting) + " TJ",
	} {
		t.Run(name, func(t *testing.T) {
			var ops int
			var lx *contentLexer
			b := []byte(data)
			n := hostile.Allocated(func() {
				lx = newContentLexer(b, pdfraw.NewQuota(context.Background(), 64<<20))
				for {
					if _, ok := lx.next(); !ok {
						break
					}
					ops++
				}
			})
			deep := strings.Contains(name, "arrays") && !strings.Contains(name, "op") && !strings.Contains(name, "in an") && !strings.Contains(name, "limit") ||
				name == "dictionaries"
			if deep != (lx.err != nil) || deep && !errors.Is(lx.err, pdfraw.ErrNesting) {
				t.Errorf("err %v (after %d operators), want a nesting error: %v", lx.err, ops, deep)
			}
			if n > 1<<20 {
				t.Errorf("allocated %d MB", n>>20)
			}
		})
	}
}

// TestLexerAndCMapStopWithTheirContext: a stream of millions of operands
// without an operator, and a CMap of millions of entries, stop at once
// when the quota's context is done, and take no memory past the quota.
func TestLexerAndCMapStopWithTheirContext(t *testing.T) {
	done, cancel := context.WithCancel(context.Background())
	cancel()
	operands := []byte(strings.Repeat("0 ", 8_000_000))
	if err := stops(func() {
		lx := newContentLexer(operands, pdfraw.NewQuota(done, 1<<30))
		for {
			if _, ok := lx.next(); !ok {
				break
			}
		}
	}); !errors.Is(err, context.Canceled) {
		t.Errorf("lexer: %v, want context.Canceled", err)
	}
	var cmap strings.Builder
	cmap.WriteString("1 begincodespacerange <0000> <ffff> endcodespacerange 100000 beginbfrange\n")
	for range 100_000 {
		cmap.WriteString("<0000> <ffff> <4e00>\n")
	}
	cmap.WriteString("endbfrange")
	if err := stops(func() { parseCMap([]byte(cmap.String()), pdfraw.NewQuota(done, 1<<30)) }); !errors.Is(err, context.Canceled) {
		t.Errorf("CMap: %v, want context.Canceled", err)
	}
	// Without a deadline the CMap stops at maxCMapCodes, not after 6.5
	// billion map writes.
	cm := parseCMap([]byte(cmap.String()), pdfraw.NewQuota(context.Background(), 1<<30))
	if cm.err == nil || len(cm.uni) != 65536 {
		t.Errorf("CMap of 100,000 full ranges: %d codes, err %v", len(cm.uni), cm.err)
	}
	// An array of millions of elements is charged before it grows.
	array := []byte("[" + strings.Repeat("0 ", 8_000_000) + "] TJ")
	if err := stops(func() {
		lx := newContentLexer(array, pdfraw.NewQuota(context.Background(), 32<<20))
		for {
			if _, ok := lx.next(); !ok {
				break
			}
		}
	}); !errors.Is(err, pdfraw.ErrTooLarge) {
		t.Errorf("array of 8 million elements under 32 MB: %v, want ErrTooLarge", err)
	}
}
