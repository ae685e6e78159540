// Package hostile builds damaged and malicious PDFs for the tests and the
// hostile-batch benchmark (bench/hostile): decompression bombs through
// every filter chain pdfraw and ledongthuc/pdf decode, page trees that loop
// or list a page many times, flipped bytes in compressed streams and
// truncations. Everything is generated in memory in a fraction of a
// second, so no such file is ever committed. No conversion uses it.
package hostile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"runtime"
)

// A Stream is a PDF stream's data with the filter entries that decode it.
type Stream struct {
	Name   string // what it is, for test and file names
	Filter string // dictionary entries: "/Filter [...] /DecodeParms ..."
	Data   []byte
}

// Bombs returns one stream per filter chain, each decoding to at least
// size bytes of zeros (white space in a content stream) from a few KB or
// MB: zlib, zlib twice, zlib over ASCIIHex, ASCII85 and RunLength, LZW
// alone and under zlib, and zlib with a PNG predictor.
func Bombs(size int64) []Stream {
	flat := Zeros(size)
	hexText := bytes.Repeat([]byte("0"), 1<<20) // 1 MB of hex digits: 512 KB of zeros
	a85 := bytes.Repeat([]byte("z"), 1<<20)     // 1 MB of 'z': 4 MB of zeros
	rl := bytes.Repeat([]byte{129, 0}, 1<<19)   // 1 MB of runs: 128 zeros per 2 bytes
	// PNG rows of 100 zeros, each tagged Up (2), the one PNG predictor
	// ledongthuc/pdf decodes.
	rows := bytes.Repeat(append([]byte{2}, make([]byte, 100)...), 10_000)
	return []Stream{
		{"flate", "/Filter /FlateDecode", flat},
		{"flate-flate", "/Filter [/FlateDecode /FlateDecode]", Flate(flat)},
		{"flate-asciihex", "/Filter [/FlateDecode /ASCIIHexDecode]", repeatFlate(hexText, 2*size)},
		{"flate-ascii85", "/Filter [/FlateDecode /ASCII85Decode]", repeatFlate(a85, size/4)},
		{"flate-runlength", "/Filter [/FlateDecode /RunLengthDecode]", repeatFlate(rl, size/64)},
		{"lzw", "/Filter /LZWDecode", ZeroLZW(size)},
		{"flate-lzw", "/Filter [/FlateDecode /LZWDecode]", Flate(ZeroLZW(size))},
		{"flate-png-predictor", "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 100 >>", repeatFlate(rows, size)},
		{"flate-flate-predictor", "/Filter [/FlateDecode /FlateDecode] /DecodeParms [null << /Predictor 12 /Columns 100 >>]", Flate(repeatFlate(rows, size))},
	}
}

// Flate compresses data as zlib at the best ratio.
func Flate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// Zeros is a zlib stream of n zero bytes (rounded up to a MiB), made
// without compressing them: one flushed block of a MiB of zeros is
// repeated (its back references only ever reach zeros), then the stream is
// closed with the right checksum.
func Zeros(n int64) []byte {
	return repeatFlate(make([]byte, 1<<20), n)
}

// repeatFlate is a zlib stream of unit repeated until it holds at least n
// bytes. Each copy of unit is compressed as its own byte-aligned run of
// blocks; a copy may refer back into the previous one, which holds the
// same bytes at the same distance, so the copies are interchangeable.
func repeatFlate(unit []byte, n int64) []byte {
	var head, block bytes.Buffer
	w, _ := zlib.NewWriterLevel(&head, zlib.BestCompression)
	w.Write(unit)
	w.Flush()
	first := head.Len()
	w.Write(unit)
	w.Flush()
	block.Write(head.Bytes()[first:])
	copies := max((n+int64(len(unit))-1)/int64(len(unit)), 2)
	out := bytes.NewBuffer(make([]byte, 0, first+int(copies)*block.Len()+16))
	out.Write(head.Bytes()[:first])
	for i := int64(1); i < copies; i++ {
		out.Write(block.Bytes())
	}
	out.Write([]byte{3, 0}) // an empty final fixed-Huffman block
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler32Repeated(unit, copies))
	out.Write(sum[:])
	return out.Bytes()
}

// adler32Repeated is the Adler-32 of unit repeated copies times: each copy
// moves (a, b) by the same affine map, a += S and b += L·a + T, with S the
// sum of unit's bytes, L its length and T the sum of its prefix sums.
func adler32Repeated(unit []byte, copies int64) uint32 {
	const mod = 65521
	var s, t uint64
	for _, c := range unit {
		s = (s + uint64(c)) % mod
		t = (t + s) % mod
	}
	l := uint64(len(unit)) % mod
	a, b := uint64(1), uint64(0)
	for i := int64(0); i < copies; i++ {
		b = (b + l*a + t) % mod
		a = (a + s) % mod
	}
	return uint32(b<<16 | a)
}

// ZeroLZW is PDF LZW data (early change) of at least n zero bytes: after
// each clear code, codes 258, 259, ... each repeat the previous output
// plus one zero, so 3,837 codes of at most 12 bits give 7.4 MB.
func ZeroLZW(n int64) []byte {
	var bw BitWriter
	var total int64
	width := 9
	for total < n {
		bw.Write(256, width) // a clear code, at the width in force
		next := 258
		width = 9
		bw.Write(0, width)
		total++
		for run := int64(2); next < 4095 && total < n; run++ {
			bw.Write(uint32(next), width)
			total += run
			next++
			if next+1 >= 1<<width && width < 12 {
				width++
			}
		}
	}
	bw.Write(257, width)
	return bw.Bytes()
}

// A BitWriter packs codes most significant bit first, as LZW data is.
type BitWriter struct {
	buf   []byte
	acc   uint64
	nbits int
}

// Write appends the low width bits of code.
func (w *BitWriter) Write(code uint32, width int) {
	w.acc = w.acc<<width | uint64(code)
	w.nbits += width
	for w.nbits >= 8 {
		w.buf = append(w.buf, byte(w.acc>>(w.nbits-8)))
		w.nbits -= 8
	}
}

// Bytes returns the data, its last byte padded with zero bits.
func (w *BitWriter) Bytes() []byte {
	if w.nbits > 0 {
		return append(w.buf, byte(w.acc<<(8-w.nbits)))
	}
	return w.buf
}

// OnePage is a complete one-page PDF whose content is s, with a
// Helvetica font, every offset in its cross-reference table right.
func OnePage(s Stream) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		streamObject(s),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	return Build("%PDF-1.7\n", objs, "/Root 1 0 R")
}

// Build writes a classic PDF: header, then objects 1..len(objs) (their
// bodies: "<< ... >>", or a whole stream), a cross-reference table with
// every offset right, and a trailer whose dictionary holds /Size and
// trailer (its inner text, e.g. "/Root 1 0 R").
func Build(header string, objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

// streamObject is the body of an indirect stream object holding s.
func streamObject(s Stream) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(s.Data), s.Filter, s.Data)
}

// Allocated runs fn and returns the bytes allocated meanwhile (the
// process's TotalAlloc: every allocation, even one freed at once, so it
// bounds from above what fn held). Tests run fn alone to measure it.
func Allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
