package pdfraw

import (
	"bytes"
	"compress/zlib"
	"io"
	"sync"
)

// libraryReadable decides whether ledongthuc/pdf reads data completely as it
// is: its header, tail and xref rules, no encryption, nothing its lexer
// rejects, only the filters it implements, and Flate data that inflates to
// its end. It parses every object and inflates the non-font Flate streams
// (font programs are skipped: the bulk of the bytes, never read as text);
// on the real corpus that costs about a third of a rewrite.
func libraryReadable(data []byte, maxStream int64) bool {
	if len(data) < 100 || !bytes.HasPrefix(data, []byte("%PDF-1.")) || data[7] < '0' || data[7] > '7' ||
		data[8] != '\r' && data[8] != '\n' {
		return false
	}
	tail := bytes.TrimRight(data[len(data)-100:], "\r\n\t ")
	if !bytes.HasSuffix(tail, []byte("%%EOF")) {
		return false
	}
	i := lastLine(tail, "startxref")
	if i < 0 {
		return false
	}
	p := &parser{data: tail, pos: i + len("startxref")}
	p.skipSpace()
	off, ok := p.readUint()
	if !ok {
		return false
	}
	d := newDocument(data, &Info{}, maxStream)
	if !d.loadClassicXref(int(off)) {
		return false
	}
	if d.trailer.get("Encrypt") != nil {
		return false
	}
	size, ok := asInt(d.trailer.get("Size"))
	if !ok || size > int64(2*len(d.entries)+1000) {
		return false // the library allocates its table to /Size: renumber
	}
	for num, e := range d.entries {
		if int64(num) >= size {
			return false
		}
		if e.kind == entryFree {
			continue
		}
		if e.kind != entryOffset {
			return false
		}
		ind, err := readIndirect(data, e.offset, d.lengthOf)
		if err != nil || ind.lax || ind.num != num || ind.gen != e.gen {
			return false
		}
		if s, isStream := ind.obj.(*stream); isStream && !d.libraryStream(s) {
			return false
		}
		d.cache[num] = ind.obj
	}
	return hasPageTree(d, d.trailer.get("Root")) && d.pageTreeComplete()
}

// loadClassicXref loads a chain of xref tables as the library does; any
// xref stream, hybrid /XRefStm or /Prev loop makes it fail.
func (d *document) loadClassicXref(off int) bool {
	seen := map[int]bool{}
	for first := true; ; first = false {
		if seen[off] || off <= 0 || off >= len(d.data) {
			return false
		}
		seen[off] = true
		p := &parser{data: d.data, pos: off}
		p.skipSpace()
		if !keywordAt(d.data, p.pos, "xref") {
			return false
		}
		p.pos += 4
		t, err := d.readXrefTable(p)
		if err != nil || t.get("XRefStm") != nil {
			return false
		}
		if first {
			d.trailer = t
		}
		prev, ok := asInt(t.get("Prev"))
		if t.get("Prev") == nil {
			return true
		}
		if !ok {
			return false
		}
		off = int(prev)
	}
}

// libraryStream reports whether the library's Reader decodes s without panicking.
func (d *document) libraryStream(s *stream) bool {
	if t, _ := s.dict.get("Type").(name); t == "ObjStm" || t == "XRef" {
		return false
	}
	if d.isImage(s) {
		return true
	}
	filter := d.resolve(s.dict.get("Filter"))
	parms := d.resolve(s.dict.get("DecodeParms"))
	var names []object
	switch f := filter.(type) {
	case nil:
		return true
	case name:
		names = []object{f}
	case array:
		names = f
	default:
		return false
	}
	for _, f := range names {
		switch d.resolve(f) {
		case name("FlateDecode"):
			// The library panics on a bad zlib header and on any predictor but 12.
			if pd := asDict(parms); pd != nil && pd.get("Predictor") != nil {
				return false
			}
			if len(s.raw) > 0 && !zlibHeader(s.raw) {
				return false
			}
			// Damaged data makes the library stop with an error midway; a
			// rewrite keeps what decodes. Font programs are skipped: inflating
			// them is most of the cost and text extraction never reads them.
			if len(s.raw) > 0 && !isFontProgram(s.dict) && !inflatesCleanly(s.raw, d.maxStream) {
				return false
			}
		case name("ASCII85Decode"):
			if parms != nil {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func zlibHeader(b []byte) bool {
	return len(b) >= 2 && b[0]&0x0f == 8 && (int(b[0])<<8|int(b[1]))%31 == 0
}

// lastLine finds the last s that sits alone between line breaks, as the library requires.
func lastLine(buf []byte, s string) int {
	end := len(buf)
	for {
		i := bytes.LastIndex(buf[:end], []byte(s))
		if i <= 0 || i+len(s) >= len(buf) {
			return -1
		}
		if (buf[i-1] == '\n' || buf[i-1] == '\r') && (buf[i+len(s)] == '\n' || buf[i+len(s)] == '\r') {
			return i
		}
		end = i
	}
}

// zlibReaders recycles zlib readers: each holds a 32 KB window.
var zlibReaders sync.Pool

// getZlib returns a pooled zlib reader over raw (put it back when done).
func getZlib(raw []byte) (io.ReadCloser, error) {
	src := bytes.NewReader(raw)
	if pooled, ok := zlibReaders.Get().(io.ReadCloser); ok {
		if err := pooled.(zlib.Resetter).Reset(src, nil); err != nil {
			zlibReaders.Put(pooled)
			return nil, err
		}
		return pooled, nil
	}
	return zlib.NewReader(src)
}

// inflatesCleanly reports whether zlib data decodes to its end with a good
// checksum (the library would return an error midway otherwise), within max.
func inflatesCleanly(raw []byte, max int64) bool {
	zr, err := getZlib(raw)
	if err != nil {
		return false
	}
	defer zlibReaders.Put(zr)
	n, err := io.Copy(io.Discard, io.LimitReader(zr, max+1))
	return err == nil && n <= max
}

// isFontProgram recognises embedded font files (/FontFile, /FontFile2 carry
// /Length1; /FontFile3 a font /Subtype).
func isFontProgram(d *dict) bool {
	if d.get("Length1") != nil {
		return true
	}
	switch st, _ := d.get("Subtype").(name); st {
	case "Type1C", "CIDFontType0C", "OpenType":
		return true
	}
	return false
}
