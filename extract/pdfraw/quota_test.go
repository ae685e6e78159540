package pdfraw

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/internal/hostile"
)

// TestDecodersStopAtTheQuota runs each decoder on data that decodes to
// 256 MB under a 4 MB quota: each fails with ErrTooLarge having
// allocated about the quota (never the 256 MB).
func TestDecodersStopAtTheQuota(t *testing.T) {
	const quota, size = 4 << 20, 256 << 20
	zlibZeros := hostile.Zeros(size)
	lzw := func(raw []byte, b *Quota) ([]byte, error) { return lzwDecode(raw, true, b) }
	for _, tc := range []struct {
		name   string
		in     []byte
		decode func([]byte, *Quota) ([]byte, error)
	}{
		{"inflate", zlibZeros, inflate},
		{"inflate raw deflate", zlibZeros[2:], inflate},
		{"lzw", hostile.ZeroLZW(size), lzw},
		{"runlength", bytes.Repeat([]byte{129, 0}, size/128), runLengthDecode},
		{"ascii85", bytes.Repeat([]byte("z"), size/4), ascii85Decode},
		{"asciihex", bytes.Repeat([]byte("00"), quota), asciiHexDecode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			n := hostile.Allocated(func() { _, err = tc.decode(tc.in, NewQuota(context.Background(), quota)) })
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "expands to more than 4 MB") {
				t.Errorf("err = %v, want ErrTooLarge", err)
			}
			if n > 2*quota+1<<20 {
				t.Errorf("allocated %d MB, quota %d MB", n>>20, quota>>20)
			}
		})
	}
}

// TestQuotaCoversTheDocument: the quota is charged by every stream of a
// document and every layer of a chain, so streams each within it fail
// together, and a chain of two Flate layers is bounded in total.
func TestQuotaCoversTheDocument(t *testing.T) {
	const quota = 8 << 20
	third := hostile.Zeros(3 << 20) // 3 MB each: three exceed 8 MB together
	chain := hostile.Flate(hostile.Zeros(64 << 20))
	three := buildPDF("%PDF-1.4\n", append(pageObjects(streamBody("/Filter /FlateDecode", third)),
		streamBody("/Filter /FlateDecode", third), streamBody("/Filter /FlateDecode", third)),
		"/Root 1 0 R /Info << /A 6 0 R /B 7 0 R >>")
	twice := buildPDF("%PDF-1.4\n", pageObjects(streamBody("/Filter [/FlateDecode /FlateDecode]", chain)), "/Root 1 0 R")
	for _, tc := range []struct {
		name    string
		in      []byte
		rewrite bool
	}{
		{"three streams", three, false},
		{"three streams, rewritten", three, true},
		{"flate twice, rewritten", twice, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := []Option{WithQuota(NewQuota(context.Background(), quota))}
			if tc.rewrite {
				opts = append(opts, WithForceRewrite())
			}
			var err error
			n := hostile.Allocated(func() { _, _, err = Prepare(tc.in, opts...) })
			if !errors.Is(err, ErrTooLarge) {
				t.Errorf("err = %v, want ErrTooLarge", err)
			}
			if n > 4*quota {
				t.Errorf("allocated %d MB, quota %d MB", n>>20, quota>>20)
			}
		})
	}
}

// TestQuotaCountsObjects: parsed objects are charged, so a file of a few
// MB holding millions of tiny objects in one array fails within its quota.
func TestQuotaCountsObjects(t *testing.T) {
	arr := "[" + strings.Repeat("0 ", 1<<19) + "]"
	in := buildPDF("%PDF-1.4\n", append(pageObjects(streamBody("", []byte(helloContent))), arr), "/Root 1 0 R /Info << /Big 6 0 R >>")
	_, _, err := Prepare(in, WithQuota(NewQuota(context.Background(), 4<<20)), WithForceRewrite())
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
	if _, _, err := Prepare(in, WithQuota(NewQuota(context.Background(), 64<<20)), WithForceRewrite()); err != nil {
		t.Errorf("with room for it: %v", err)
	}
}

// cancelAfter is a reader of zeros that cancels its context after n reads.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
}

func (r *cancelAfter) Read(p []byte) (int, error) {
	if r.n--; r.n == 0 {
		r.cancel()
	}
	clear(p)
	return len(p), nil
}

// TestReadAllStopsWhenCancelled: an endless stream under a large quota
// stops at the first chunk after its context is cancelled.
func TestReadAllStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	b := NewQuota(ctx, 1<<40)
	_, err := b.ReadAll(&cancelAfter{n: 3, cancel: cancel}, 0)
	if !errors.Is(err, context.Canceled) || !Stopped(err) {
		t.Errorf("ReadAll: %v, want context.Canceled", err)
	}
	if err := b.Drain(io.LimitReader(&cancelAfter{n: 1, cancel: func() {}}, 1<<20)); !errors.Is(err, context.Canceled) {
		t.Errorf("Drain: %v, want context.Canceled", err)
	}
	if _, _, err := Prepare(buildPDF("%PDF-1.4\n", pageObjects(streamBody("", []byte(helloContent))), "/Root 1 0 R"), WithQuota(b)); !errors.Is(err, context.Canceled) {
		t.Errorf("Prepare: %v, want context.Canceled", err)
	}
}

// TestDamagedStreamsAreListed: a Flate stream with a byte flipped, or a
// stream no filter decodes, is named in Info.Damaged (and a harmless
// repair is not).
func TestDamagedStreamsAreListed(t *testing.T) {
	enc := flateEncode(longContent())
	enc[len(enc)/2] ^= 0xff
	for _, tc := range []struct {
		name    string
		in      []byte
		damaged bool
	}{
		{"flipped byte", buildPDF("%PDF-1.4\n", pageObjects(streamBody("/Filter /FlateDecode", enc)), "/Root 1 0 R"), true},
		{"unknown filter", buildPDF("%PDF-1.4\n", pageObjects(streamBody("/Filter /NoSuchDecode", []byte(helloContent))), "/Root 1 0 R"), true},
		{"xref off by some bytes", append([]byte("junk before the header\n"),
			buildPDF("%PDF-1.4\n", pageObjects(streamBody("/Filter /FlateDecode", flateEncode(longContent()))), "/Root 1 0 R")...), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, info, err := Prepare(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			_, got := info.Damaged[ObjectID{Num: 4}]
			if got != tc.damaged || len(info.Damaged) != map[bool]int{true: 1}[tc.damaged] {
				t.Errorf("Damaged = %v, want object 4 listed: %v", info.Damaged, tc.damaged)
			}
		})
	}
}
