package pdfraw

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// libraryReadable decides whether ledongthuc/pdf reads data completely as it
// is: its header, tail and xref rules, no encryption, nothing its lexer
// rejects, only the filters it implements, and Flate data that inflates to
// its end. Only the objects text extraction can reach are checked: the
// catalog, the page tree with everything its nodes refer to, and /Info
// (the library parses an object only when it is dereferenced, so the tag
// tree, outlines or metadata never matter). Font programs are not inflated
// (the bulk of the bytes, never read as text).
//
// When keep is set, the inflated data of the Flate streams checked is
// returned by object, so the caller need not inflate them again. xref is
// a compact cross-reference section listing only the checked objects, to
// append to data for the library (compactXref), or nil.
func libraryReadable(data []byte, quota *Quota, keep bool) (ok bool, decoded map[ObjectID][]byte, xref []byte) {
	if len(data) < 100 || !bytes.HasPrefix(data, []byte("%PDF-1.")) || data[7] < '0' || data[7] > '7' ||
		data[8] != '\r' && data[8] != '\n' {
		return false, nil, nil
	}
	tail := bytes.TrimRight(data[len(data)-100:], "\r\n\t ")
	if !bytes.HasSuffix(tail, []byte("%%EOF")) {
		return false, nil, nil
	}
	i := lastLine(tail, "startxref")
	if i < 0 {
		return false, nil, nil
	}
	p := &parser{data: tail, pos: i + len("startxref")}
	p.skipSpace()
	off, ok := p.readUint()
	if !ok {
		return false, nil, nil
	}
	d := newDocument(data, &Info{}, quota)
	if !d.loadClassicXref(int(off)) {
		return false, nil, nil
	}
	if d.trailer.get("Encrypt") != nil {
		return false, nil, nil
	}
	size, ok := asInt(d.trailer.get("Size"))
	if !ok || size > int64(2*len(d.entries)+1000) {
		return false, nil, nil // the library allocates its table to /Size: renumber
	}
	for num, e := range d.entries {
		if int64(num) >= size || e.kind != entryFree && e.kind != entryOffset {
			return false, nil, nil
		}
	}
	v := fastValidator{d: d}
	if keep {
		v.decoded = map[ObjectID][]byte{}
	}
	if !v.checkReachable() {
		return false, nil, nil
	}
	if !hasPageTree(d, d.trailer.get("Root")) || !d.pageTreeComplete() {
		return false, nil, nil
	}
	return true, v.decoded, compactXref(d, v.seen, len(data))
}

// maxKeptDecoded bounds the inflated data libraryReadable hands back; past
// it the caller inflates the rest itself (memory stays bounded).
const maxKeptDecoded = 32 << 20

// fastValidator checks objects for libraryReadable.
type fastValidator struct {
	d       *document
	decoded map[ObjectID][]byte // nil: do not keep
	kept    int
	seen    map[uint32]bool // the objects checked (or queued)
}

// checkReachable parses and checks the catalog, everything reachable from
// its /Pages, and everything reachable from the trailer's /Info.
func (v *fastValidator) checkReachable() bool {
	d := v.d
	v.seen = map[uint32]bool{}
	var queue []uint32
	visit := func(r ref) {
		if !v.seen[r.num] {
			v.seen[r.num] = true
			queue = append(queue, r.num)
		}
	}
	// Of the catalog only /Pages matters: extraction reads nothing else.
	onlyPages := func(k name) bool { return k != "Pages" }
	rootNum, rootIsRef := uint32(0), false
	if r, isRef := d.trailer.get("Root").(ref); isRef {
		rootNum, rootIsRef = r.num, true
		visit(r)
	} else {
		forEachRef(d.trailer.get("Root"), onlyPages, visit, 0)
	}
	forEachRef(d.trailer.get("Info"), nil, visit, 0)
	for len(queue) > 0 {
		d.tick()
		num := queue[0]
		queue = queue[1:]
		obj, present, ok := v.check(num)
		if !ok {
			return false
		}
		if !present {
			continue
		}
		var skip func(name) bool
		if rootIsRef && num == rootNum {
			skip = onlyPages
		}
		forEachRef(obj, skip, visit, 0)
	}
	return true
}

// check parses object num at its xref offset as the library will; present
// is false for a free or absent entry (the library reads null there).
func (v *fastValidator) check(num uint32) (obj object, present, ok bool) {
	d := v.d
	e, found := d.entries[num]
	if !found || e.kind == entryFree {
		return nil, false, true
	}
	ind, err := readIndirect(d.data, e.offset, d.lengthOf, d.elements)
	if err != nil || ind.lax || ind.num != num || ind.gen != e.gen {
		return nil, false, false
	}
	d.charge(objectCost(ind, e.offset))
	if s, isStream := ind.obj.(*stream); isStream && !v.libraryStream(s, ObjectID{Num: num, Gen: e.gen}) {
		return nil, false, false
	}
	d.cache[num] = ind.obj
	return ind.obj, true, true
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

// libraryStream reports whether the library's Reader decodes s without
// panicking or stopping midway; a single-Flate stream's data is kept in
// v.decoded under id when asked.
func (v *fastValidator) libraryStream(s *stream, id ObjectID) bool {
	d := v.d
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
			if len(s.raw) == 0 || isFontProgram(s.dict) {
				continue
			}
			if v.decoded == nil || len(names) != 1 || v.kept >= maxKeptDecoded {
				if !inflatesCleanly(s.raw, d.quota) {
					return false
				}
				continue
			}
			out, ok := inflateAll(s.raw, d.quota, maxKeptDecoded-v.kept)
			if !ok {
				return false
			}
			if out != nil {
				v.decoded[id] = out
				v.kept += len(out)
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
// checksum (the library would return an error midway otherwise), within
// the quota, which is charged for the bytes decoded (and dropped).
func inflatesCleanly(raw []byte, b *Quota) bool {
	zr, err := getZlib(raw)
	if err != nil {
		return false
	}
	defer zlibReaders.Put(zr)
	return b.Drain(zr) == nil
}

// inflateAll is inflatesCleanly that keeps the data, at its exact size,
// when it is at most keep bytes; a larger stream is checked without being
// kept (out nil): a bomb read this way holds no memory.
func inflateAll(raw []byte, b *Quota, keep int) (out []byte, ok bool) {
	zr, err := getZlib(raw)
	if err != nil {
		return nil, false
	}
	defer zlibReaders.Put(zr)
	out, err = b.ReadAll(io.LimitReader(zr, int64(keep)+1), min(len(raw)*4, keep))
	if err != nil {
		return nil, false
	}
	if len(out) <= keep {
		return out, true
	}
	return nil, b.Drain(zr) == nil
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

// compactXref returns a cross-reference section, with its trailer, that
// lists only the objects in nums of d, to append to d's data (dataLen bytes):
// the library then reads that section alone, and every offset in it is an
// offset into the unchanged data. Word, Acrobat and Chromium files carry
// thousands of objects extraction never reads (tag trees, annotations),
// and the library parsed each of their xref lines token by token: 2 ms of
// the 17 ms a Chromium-printed report takes. It returns nil when the full
// section is small, or most objects are read anyway, or the trailer is
// not the usual one (/Root and /Info references).
func compactXref(d *document, nums map[uint32]bool, dataLen int) []byte {
	if len(d.entries) < 256 || 2*len(nums) > len(d.entries) {
		return nil
	}
	root, rootOK := d.trailer.get("Root").(ref)
	size, sizeOK := asInt(d.trailer.get("Size"))
	if !rootOK || !sizeOK {
		return nil
	}
	info, hasInfo := d.trailer.get("Info").(ref)
	if d.trailer.get("Info") != nil && !hasInfo {
		return nil
	}
	sorted := make([]uint32, 0, len(nums))
	for n := range nums {
		if e, ok := d.entries[n]; ok && e.kind == entryOffset {
			sorted = append(sorted, n)
		}
	}
	slices.Sort(sorted)
	out := make([]byte, 0, 64+20*len(sorted)+16*4)
	out = append(out, "\nxref\n"...)
	xrefAt := dataLen + 1
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[j] == sorted[j-1]+1 {
			j++
		}
		out = fmt.Appendf(out, "%d %d\n", sorted[i], j-i)
		for _, n := range sorted[i:j] {
			e := d.entries[n]
			out = fmt.Appendf(out, "%010d %05d n\r\n", e.offset, e.gen)
		}
		i = j
	}
	out = fmt.Appendf(out, "trailer\n<< /Size %d /Root %d %d R", size, root.num, root.gen)
	if hasInfo {
		out = fmt.Appendf(out, " /Info %d %d R", info.num, info.gen)
	}
	return fmt.Appendf(out, " >>\nstartxref\n%d\n%%%%EOF\n", xrefAt)
}

// appendedReaderAt reads data followed by tail, without copying data.
type appendedReaderAt struct{ data, tail []byte }

func (a appendedReaderAt) size() int64 { return int64(len(a.data) + len(a.tail)) }

func (a appendedReaderAt) ReadAt(p []byte, off int64) (n int, err error) {
	if off < 0 {
		return 0, errors.New("pdfraw: negative offset")
	}
	for n < len(p) {
		pos := off + int64(n)
		var src []byte
		switch {
		case pos < int64(len(a.data)):
			src = a.data[pos:]
		case pos < a.size():
			src = a.tail[pos-int64(len(a.data)):]
		default:
			return n, io.EOF
		}
		n += copy(p[n:], src)
	}
	return n, nil
}
