package hostile

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

// TestRepeatedFlate: the streams built by repeating a compressed block
// decode, with a good checksum, to the data they stand for.
func TestRepeatedFlate(t *testing.T) {
	for _, tc := range []struct {
		name string
		z    []byte
		want []byte
	}{
		{"zeros", Zeros(3 << 20), make([]byte, 3<<20)},
		{"pattern", repeatFlate([]byte("abc\x00xyz"), 1000), bytes.Repeat([]byte("abc\x00xyz"), 143)},
	} {
		r, err := zlib.NewReader(bytes.NewReader(tc.z))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got, err := io.ReadAll(r) // zlib checks the Adler-32 at the end
		if err != nil || !bytes.Equal(got, tc.want) {
			t.Errorf("%s: %d bytes, %v; want %d", tc.name, len(got), err, len(tc.want))
		}
	}
}

// TestVariants: every kind of variant is made from a small PDF, each
// differs from it, and the page-tree ones end with a valid update.
func TestVariants(t *testing.T) {
	pdf := OnePage(Stream{"hello", "/Filter /FlateDecode", Flate([]byte("BT /F1 9 Tf 10 10 Td (hello) Tj ET " + strings.Repeat(" ", 64)))})
	kinds := map[string]int{}
	for _, v := range Variants(pdf, Options{BombSize: 1 << 20, Repeats: 3, MaxFlips: 5, Truncates: []float64{0.5}}) {
		kinds[strings.SplitN(v.Name, "-", 2)[0]]++
		if bytes.Equal(v.Data, pdf) {
			t.Errorf("%s: same bytes as the original", v.Name)
		}
		if !strings.HasPrefix(v.Name, "truncate") && !bytes.HasSuffix(v.Data, []byte("%%EOF\n")) {
			t.Errorf("%s: does not end with %%%%EOF", v.Name)
		}
	}
	want := map[string]int{"bomb": len(Bombs(1 << 20)), "cycle": 2, "kids": 1, "flip": 1, "truncate": 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s variants, want %d (all: %v)", kinds[k], k, n, kinds)
		}
	}
}
