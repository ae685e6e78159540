package zstdcodec

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func TestRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	page := make([]byte, 300<<10) // larger than a page, smaller than the window below
	for i := range page {
		page[i] = byte('a' + rnd.IntN(4))
	}
	for _, tc := range []struct {
		name string
		opts []Option
	}{
		{"defaults", nil},
		{"fastest", []Option{Level(zstd.SpeedFastest)}},
		{"1 MB window", []Option{Window(1 << 20)}},
		{"keep none", []Option{Keep(0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tc.opts...)
			for _, src := range [][]byte{nil, []byte("合计 307.82"), page} {
				enc, err := c.Encode(nil, src)
				if err != nil {
					t.Fatal(err)
				}
				dec, err := c.Decode(nil, enc)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(dec, src) {
					t.Fatalf("%d bytes: decoded %d bytes that differ", len(src), len(dec))
				}
				// A decoder of its own, as any reader has, reads it.
				if other, err := zstd.NewReader(nil); err != nil {
					t.Fatal(err)
				} else if dec, err := other.DecodeAll(enc, nil); err != nil || !bytes.Equal(dec, src) {
					t.Fatalf("%d bytes: another decoder read %d bytes, %v", len(src), len(dec), err)
				}
			}
		})
	}
}

// TestReuse checks that encoders and decoders are kept, up to Keep, and
// that the codec is safe for concurrent use (go test -race).
func TestReuse(t *testing.T) {
	c := New(Keep(2))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := bytes.Repeat([]byte{byte(i)}, 1000)
			enc, err := c.Encode(nil, src)
			if err != nil {
				t.Error(err)
				return
			}
			if dec, err := c.Decode(nil, enc); err != nil || !bytes.Equal(dec, src) {
				t.Errorf("round trip %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if len(c.encoders) == 0 || len(c.encoders) > 2 || len(c.decoders) == 0 || len(c.decoders) > 2 {
		t.Errorf("kept %d encoders and %d decoders, want 1 or 2 of each", len(c.encoders), len(c.decoders))
	}
}

// TestFlippedBitIsAnError: a bit flipped anywhere in a compressed page
// (the disk, a copy) decodes to an error, never to other bytes: the
// frames carry a checksum. Without it, a quarter of the single-bit flips
// in a real line_items file read, in DuckDB, as other figures.
func TestFlippedBitIsAnError(t *testing.T) {
	c := New()
	for _, src := range [][]byte{
		[]byte("合计 307.82"),
		bytes.Repeat([]byte("2080505 机关事业单位基本养老保险缴费支出 446.11\n"), 40),
	} {
		enc, err := c.Encode(nil, src)
		if err != nil {
			t.Fatal(err)
		}
		for i := range len(enc) * 8 {
			bad := bytes.Clone(enc)
			bad[i/8] ^= 1 << (i % 8)
			if dec, err := c.Decode(nil, bad); err == nil && !bytes.Equal(dec, src) {
				t.Fatalf("%d-byte page: bit %d of %d flipped decodes without an error into other bytes", len(src), i, len(enc)*8)
			}
		}
	}
}
