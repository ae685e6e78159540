package pdfraw

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/internal/hostile"
)

// TestHugeObjectIsCharged: one object of 10 million array elements (20 MB
// of text) is charged while it is parsed: under a 64 MB quota it fails
// with ErrTooLarge having allocated a fraction of the 600 MB its parse
// takes, and a cancelled context stops the parse.
func TestHugeObjectIsCharged(t *testing.T) {
	pdf := hostile.Build("%PDF-1.7\n", []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /X [" + strings.Repeat("0 ", 10_000_000) + "] >>",
	}, "/Root 1 0 R")
	var err error
	n := hostile.Allocated(func() { _, _, err = Prepare(pdf, WithQuota(NewQuota(context.Background(), 64<<20))) })
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err %v, want ErrTooLarge", err)
	}
	if n > 200<<20 {
		t.Errorf("allocated %d MB under a 64 MB quota", n>>20)
	}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Prepare(pdf, WithQuota(NewQuota(done, 1<<30))); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
