package pdfraw

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/internal/hostile"
)

// buildPDF writes a classic PDF whose object i+1 has body objs[i], with a
// correct xref table; trailer is the trailer dictionary's inner text.
var buildPDF = hostile.Build

// streamBody is the body of a stream object with extra dictionary entries.
func streamBody(extra string, data []byte) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// pageObjects is a one-page document: 1 catalog, 2 pages, 3 page, 4 the
// content stream (given), 5 the font.
func pageObjects(content string) []string {
	return []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		content,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
}

const helloContent = "BT /F1 24 Tf 72 700 Td (Hello, pdfraw!) Tj ET\n"

// longContent is a content stream long enough to push LZW past 12-bit codes.
func longContent() []byte {
	var b bytes.Buffer
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&b, "BT /F1 9 Tf %d %d Td (Row %d: value %d.%02d) Tj ET\n", 40+i%7, 780-i%90*8, i, i*37%1000, i*13%100)
	}
	return b.Bytes()
}

// openLibrary opens out with ledongthuc/pdf, failing the test on error.
func openLibrary(t *testing.T, out []byte) *pdf.Reader {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("library cannot open the output: %v", err)
	}
	return r
}

// pageContent reads page n's /Contents through the library.
func pageContent(t *testing.T, r *pdf.Reader, n int) []byte {
	t.Helper()
	defer func() {
		if x := recover(); x != nil {
			t.Fatalf("library panicked reading page %d: %v", n, x)
		}
	}()
	if n > r.NumPage() {
		t.Fatalf("page %d of %d", n, r.NumPage())
	}
	c := r.Page(n).V.Key("Contents")
	parts := []pdf.Value{c}
	if c.Kind() == pdf.Array {
		parts = nil
		for i := 0; i < c.Len(); i++ {
			parts = append(parts, c.Index(i))
		}
	}
	var b bytes.Buffer
	for _, p := range parts {
		if p.Kind() != pdf.Stream {
			t.Fatalf("page %d: /Contents is %v, not a stream", n, p.Kind())
		}
		data, err := io.ReadAll(p.Reader())
		if err != nil {
			t.Fatalf("page %d contents: %v", n, err)
		}
		b.Write(data)
	}
	return b.Bytes()
}

// walkAll visits, through the library, every object text extraction can
// reach (Prepare's contract): the catalog's page tree with everything its
// nodes refer to, and /Info; it decodes every stream but images and font
// programs (extraction only checks that those exist). A panic or read
// error fails.
func walkAll(t *testing.T, r *pdf.Reader) {
	t.Helper()
	visited := map[uint32]bool{}
	quota := 100000 // a self-reference looks like a direct sub-object: bound the walk
	var walk func(v pdf.Value, parent uint32, depth int)
	walk = func(v pdf.Value, parent uint32, depth int) {
		if depth > 100 || quota == 0 {
			return
		}
		quota--
		id, _, _ := Ref(v)
		if id != parent {
			if visited[id] {
				return
			}
			visited[id] = true
		}
		switch v.Kind() {
		case pdf.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), id, depth+1)
			}
		case pdf.Dict, pdf.Stream:
			for _, k := range v.Keys() {
				walk(v.Key(k), id, depth+1)
			}
			if v.Kind() == pdf.Stream && !libraryImage(v) && !libraryFontProgram(v) {
				if _, err := io.ReadAll(v.Reader()); err != nil {
					t.Errorf("object %d: stream does not decode: %v", id, err)
				}
			}
		}
	}
	defer func() {
		if x := recover(); x != nil {
			t.Fatalf("library panicked walking the objects: %v", x)
		}
	}()
	walk(r.Trailer().Key("Root").Key("Pages"), 0, 0)
	walk(r.Trailer().Key("Info"), 0, 0)
}

// libraryFontProgram recognises an embedded font file, as isFontProgram.
func libraryFontProgram(v pdf.Value) bool {
	if v.Key("Length1").Kind() != pdf.Null {
		return true
	}
	switch v.Key("Subtype").Name() {
	case "Type1C", "CIDFontType0C", "OpenType":
		return true
	}
	return false
}

// checkHello prepares in, then checks through the library that page 1's
// content is want and that every object is readable.
func checkPrepared(t *testing.T, in []byte, want []byte, opts ...Option) Info {
	t.Helper()
	out, info, err := Prepare(in, opts...)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	r := openLibrary(t, out)
	if got := pageContent(t, r, 1); !bytes.Equal(got, want) {
		t.Errorf("page 1 content:\n got %q\nwant %q", trunc(got), trunc(want))
	}
	walkAll(t, r)
	return info
}

func trunc(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

// ---- tiny encoders for building filtered inputs ----

func flateEncode(data []byte) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func asciiHexEncode(data []byte) []byte {
	var b strings.Builder
	for i, c := range data {
		if i > 0 && i%32 == 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%02x", c)
	}
	b.WriteByte('>')
	return []byte(b.String())
}

func runLengthEncode(data []byte) []byte {
	var out []byte
	for i := 0; i < len(data); {
		run := 1
		for i+run < len(data) && run < 128 && data[i+run] == data[i] {
			run++
		}
		if run >= 3 {
			out = append(out, byte(257-run), data[i])
			i += run
			continue
		}
		j := i
		for j < len(data) && j-i < 128 && !(j+2 < len(data) && data[j] == data[j+1] && data[j] == data[j+2]) {
			j++
		}
		if j == i {
			j = i + 1
		}
		out = append(out, byte(j-i-1))
		out = append(out, data[i:j]...)
		i = j
	}
	return append(out, 128)
}

// lzwEncode mirrors the decoder's code-width schedule; it emits a clear code
// before the table fills so the stream also exercises resets.
func lzwEncode(data []byte, early bool) []byte {
	e := 0
	if early {
		e = 1
	}
	bw := &hostile.BitWriter{}
	var dict map[string]int
	var next, width, k int
	reset := func() {
		dict = map[string]int{}
		for i := 0; i < 256; i++ {
			dict[string([]byte{byte(i)})] = i
		}
		next, width, k = 258, 9, 0
	}
	put := func(code int) {
		bw.Write(uint32(code), width)
		if k >= 1 && 258+k+e >= 1<<width && width < 12 {
			width++
		}
		k++
	}
	reset()
	bw.Write(256, 9)
	w := ""
	for _, c := range data {
		wc := w + string([]byte{c})
		if _, ok := dict[wc]; ok {
			w = wc
			continue
		}
		put(dict[w])
		dict[wc] = next
		next++
		w = string([]byte{c})
		if next >= 4000 {
			put(dict[w])
			bw.Write(256, width)
			reset()
			w = ""
		}
	}
	if w != "" {
		put(dict[w])
	}
	bw.Write(257, width)
	return bw.Bytes()
}

// pngEncode applies PNG row filters, cycling through types row by row.
func pngEncode(data []byte, rowLen, bpp int, types []byte) []byte {
	var out []byte
	prev := make([]byte, rowLen)
	for r, i := 0, 0; i < len(data); r, i = r+1, i+rowLen {
		row := data[i:min(i+rowLen, len(data))]
		t := types[r%len(types)]
		out = append(out, t)
		for x := range row {
			var left, upLeft byte
			if x >= bpp {
				left, upLeft = row[x-bpp], prev[x-bpp]
			}
			up := prev[x]
			var p byte
			switch t {
			case 1:
				p = left
			case 2:
				p = up
			case 3:
				p = byte((int(left) + int(up)) / 2)
			case 4:
				p = paeth(left, up, upLeft)
			}
			out = append(out, row[x]-p)
		}
		prev = make([]byte, rowLen)
		copy(prev, row)
	}
	return out
}

// tiffEncode applies TIFF predictor 2 (differences from the sample to the left).
func tiffEncode(data []byte, rowLen, colors, bpc int) []byte {
	out := append([]byte(nil), data...)
	for start := 0; start < len(out); start += rowLen {
		row := out[start:min(start+rowLen, len(out))]
		orig := append([]byte(nil), row...)
		samples := len(row) * 8 / bpc
		for s := colors; s < samples; s++ {
			if bpc == 16 {
				v := uint16(orig[2*s])<<8 | uint16(orig[2*s+1])
				p := uint16(orig[2*(s-colors)])<<8 | uint16(orig[2*(s-colors)+1])
				v -= p
				row[2*s], row[2*s+1] = byte(v>>8), byte(v)
				continue
			}
			v := getBits(orig, s, bpc) - getBits(orig, s-colors, bpc)
			setBits(row, s, bpc, v&(1<<bpc-1))
		}
	}
	return out
}

func readFileForFuzz(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", name))
}

// libraryImage mirrors isImage on the library's side: image streams are not
// read through Reader (the library has no image decoders).
func libraryImage(v pdf.Value) bool {
	if v.Key("Subtype").Name() == "Image" {
		return true
	}
	f := v.Key("Filter")
	names := []string{f.Name()}
	if f.Kind() == pdf.Array {
		names = nil
		for i := 0; i < f.Len(); i++ {
			names = append(names, f.Index(i).Name())
		}
	}
	for _, n := range names {
		switch n {
		case "DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode":
			return true
		}
	}
	return false
}
