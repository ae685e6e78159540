package pdfraw

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// write serializes the document as a classic PDF the library reads. Only
// objects reachable from the trailer are written, without the catalog's
// /StructTreeRoot: in Word's files the tag tree is most of the objects, and
// text extraction never reads it.
func (d *document) write() ([]byte, error) {
	reach := d.reachable()
	nums := make([]uint32, 0, len(reach))
	stored, maxStored := 0, uint32(0) // over all objects, reachable or not
	for num, e := range d.entries {
		if e.kind == entryFree || num == 0 || num == d.encNum {
			continue
		}
		stored, maxStored = stored+1, max(maxStored, num)
		if reach[num] {
			nums = append(nums, num)
		}
	}
	sort.Slice(nums, func(i, j int) bool { return nums[i] < nums[j] })
	// Renumber by the density of the whole file, so that leaving the tag
	// tree out does not by itself trigger it.
	if len(nums) > 0 && maxStored > uint32(2*stored+1000) {
		nums = d.renumber(nums)
	}
	w := &writer{buf: make([]byte, 0, 64<<10)}
	w.buf = append(w.buf, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)
	// The library reads the last 100 bytes blindly: a tiny file must be longer.
	w.buf = append(w.buf, "% rewritten by juesuan pdfraw\n"...)
	offsets := map[uint32]int{}
	gens := map[uint32]uint16{}
	for _, num := range nums {
		obj, ok := d.load(num)
		if !ok {
			continue
		}
		if _, isRef := obj.(ref); isRef {
			// "2 0 obj 1 0 R endobj": the library cannot resolve a reference
			// to a reference, so write the target's value here.
			obj = d.resolve(obj)
		}
		if s, isStream := obj.(*stream); isStream {
			if t, _ := s.dict.get("Type").(name); t == "ObjStm" || t == "XRef" {
				continue // expanded or replaced by the new xref table
			}
		}
		gen := d.entries[num].gen
		d.current = num
		offsets[num], gens[num] = w.offset(), gen
		if err := w.object(d, num, gen, obj); err != nil {
			return nil, err
		}
	}
	trailer := &dict{}
	maxNum := uint32(0)
	for num := range offsets {
		maxNum = max(maxNum, num)
	}
	// /Root and /Info must be references; a direct dictionary becomes a new object.
	for _, key := range []name{"Root", "Info"} {
		v := d.trailer.get(key)
		switch v.(type) {
		case ref:
			trailer.set(key, v)
		case *dict:
			maxNum++
			offsets[maxNum], gens[maxNum] = w.offset(), 0
			if err := w.object(d, maxNum, 0, v); err != nil {
				return nil, err
			}
			trailer.set(key, ref{num: maxNum})
		}
	}
	if id, ok := d.resolve(d.trailer.get("ID")).(array); ok {
		trailer.set("ID", id)
	}
	size := maxNum + 1
	trailer.keys = append([]name{"Size"}, trailer.keys...)
	trailer.vals = append([]object{number(strconv.FormatUint(uint64(size), 10))}, trailer.vals...)

	xrefAt := w.offset()
	w.buf = append(w.buf, "xref\n0 "...)
	w.buf = strconv.AppendUint(w.buf, uint64(size), 10)
	w.buf = append(w.buf, '\n')
	for num := uint32(0); num < size; num++ {
		off, ok := offsets[num]
		if !ok {
			w.buf = append(w.buf, "0000000000 65535 f\r\n"...)
			continue
		}
		w.buf = appendPadded(w.buf, uint64(off), 10)
		w.buf = append(w.buf, ' ')
		w.buf = appendPadded(w.buf, uint64(gens[num]), 5)
		w.buf = append(w.buf, " n\r\n"...)
	}
	w.buf = append(w.buf, "trailer\n"...)
	w.value(trailer)
	w.buf = append(w.buf, "\nstartxref\n"...)
	w.buf = strconv.AppendInt(w.buf, int64(xrefAt), 10)
	w.buf = append(w.buf, "\n%%EOF\n"...)
	return w.bytes(d.quota)
}

// renumber gives the objects consecutive numbers: the library allocates its
// xref table up to the largest object number, which a sparse (or hostile)
// file can make huge. References are rewritten; dangling ones become null.
func (d *document) renumber(nums []uint32) []uint32 {
	remap := make(map[uint32]ref, len(nums))
	for i, num := range nums {
		remap[num] = ref{uint32(i + 1), d.entries[num].gen}
	}
	entries := make(map[uint32]xrefEntry, len(nums))
	cache := make(map[uint32]object, len(nums))
	out := make([]uint32, 0, len(nums))
	for _, num := range nums {
		obj, ok := d.load(num)
		if !ok {
			continue
		}
		r := remap[num]
		entries[r.num] = xrefEntry{kind: entryOffset, gen: r.gen, offset: -1}
		cache[r.num] = renumberRefs(obj, remap, 0)
		out = append(out, r.num)
	}
	for i := range d.trailer.vals {
		d.trailer.vals[i] = renumberRefs(d.trailer.vals[i], remap, 0)
	}
	d.entries, d.cache, d.encNum = entries, cache, 0
	d.warn("objects renumbered: numbers up to %d for %d objects", nums[len(nums)-1], len(nums))
	return out
}

func renumberRefs(o object, remap map[uint32]ref, depth int) object {
	if depth > MaxNesting {
		return nil
	}
	switch v := o.(type) {
	case ref:
		if r, ok := remap[v.num]; ok && r.gen == v.gen {
			return r
		}
		return nil
	case array:
		for i := range v {
			v[i] = renumberRefs(v[i], remap, depth+1)
		}
	case *dict:
		for i := range v.vals {
			v.vals[i] = renumberRefs(v.vals[i], remap, depth+1)
		}
	case *stream:
		renumberRefs(v.dict, remap, depth+1)
	}
	return o
}

// writer accumulates the output as text chunks plus the stream data slices
// themselves, joined once at the end (no repeated growth of a huge buffer).
type writer struct {
	buf     []byte   // current text chunk
	chunks  [][]byte // finished chunks and stream data
	flushed int      // bytes in chunks
}

func (w *writer) offset() int { return w.flushed + len(w.buf) }

func (w *writer) data(b []byte) {
	if len(b) < 4096 {
		w.buf = append(w.buf, b...)
		return
	}
	w.chunks = append(w.chunks, w.buf, b)
	w.flushed += len(w.buf) + len(b)
	w.buf = make([]byte, 0, 8<<10)
}

func (w *writer) bytes(b *Quota) ([]byte, error) {
	if err := b.Charge(int64(w.offset())); err != nil {
		return nil, err
	}
	// bytes.Join allocates without zeroing the (large) result first.
	return bytes.Join(append(w.chunks, w.buf), nil), nil
}

func appendPadded(buf []byte, v uint64, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendUint(tmp[:0], v, 10)
	for i := len(s); i < width; i++ {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}

// object writes "num gen obj ... endobj", decoding every stream but images
// and embedded font programs: those keep their encoded data and filters
// (extraction only checks that a font program exists; inflating them was
// most of a rewrite's cost).
func (w *writer) object(d *document, num uint32, gen uint16, obj object) error {
	w.buf = strconv.AppendUint(w.buf, uint64(num), 10)
	w.buf = append(w.buf, ' ')
	w.buf = strconv.AppendUint(w.buf, uint64(gen), 10)
	w.buf = append(w.buf, " obj\n"...)
	s, ok := obj.(*stream)
	if !ok {
		w.value(obj)
		w.buf = append(w.buf, "\nendobj\n"...)
		return nil
	}
	hdr := &dict{keys: append([]name(nil), s.dict.keys...), vals: append([]object(nil), s.dict.vals...)}
	data := s.raw
	if !d.isImage(s) && !isFontProgram(s.dict) {
		decoded, rest, damage, err := d.decode(s)
		if Stopped(err) {
			return fmt.Errorf("object %d: %w", num, err)
		}
		if err == nil && len(rest.names) > 0 {
			err = fmt.Errorf("unsupported filter /%s", rest.names[0])
		}
		if err != nil {
			// The library would panic reading it: an empty stream is the
			// honest remainder.
			d.warn("object %d: stream dropped: %v", num, err)
			d.markDamaged(num, gen, fmt.Errorf("undecodable, left out: %w", err))
			decoded = nil
		} else if damage != nil {
			d.markDamaged(num, gen, damage)
		}
		if err == nil && d.keptDecoded != nil && d.keptBytes < maxKeptDecoded {
			d.keptDecoded[ObjectID{Num: num, Gen: gen}] = decoded
			d.keptBytes += len(decoded)
		}
		data = decoded
		hdr.del("Filter")
		hdr.del("DecodeParms")
		hdr.del("DP")
		hdr.del("DL")
	}
	hdr.set("Length", number(strconv.Itoa(len(data))))
	w.value(hdr)
	w.buf = append(w.buf, "\nstream\n"...)
	w.data(data)
	w.buf = append(w.buf, "\nendstream\nendobj\n"...)
	return nil
}

const hexDigits = "0123456789ABCDEF"

func (w *writer) value(o object) {
	switch v := o.(type) {
	case nil:
		w.buf = append(w.buf, "null"...)
	case bool:
		w.buf = strconv.AppendBool(w.buf, v)
	case number:
		w.buf = appendNumber(w.buf, v)
	case name:
		w.buf = appendName(w.buf, v)
	case pdfString:
		w.buf = append(w.buf, '<')
		for _, c := range v {
			w.buf = append(w.buf, hexDigits[c>>4], hexDigits[c&15])
		}
		w.buf = append(w.buf, '>')
	case ref:
		w.buf = strconv.AppendUint(w.buf, uint64(v.num), 10)
		w.buf = append(w.buf, ' ')
		w.buf = strconv.AppendUint(w.buf, uint64(v.gen), 10)
		w.buf = append(w.buf, " R"...)
	case array:
		w.buf = append(w.buf, '[')
		for i, x := range v {
			if i > 0 {
				w.buf = append(w.buf, ' ')
			}
			w.value(x)
		}
		w.buf = append(w.buf, ']')
	case *dict:
		w.buf = append(w.buf, "<<"...)
		dups := v.duplicates()
		for i, k := range v.keys {
			if dups != nil && dups[i] {
				continue
			}
			w.buf = appendName(w.buf, k)
			w.buf = append(w.buf, ' ')
			w.value(v.vals[i])
		}
		w.buf = append(w.buf, ">>"...)
	default: // keyword or a misplaced stream
		w.buf = append(w.buf, "null"...)
	}
}

// appendNumber keeps the original token unless the library could not parse it.
func appendNumber(buf []byte, n number) []byte {
	if libraryNumber([]byte(n)) {
		return append(buf, n...)
	}
	f, ok := n.floatValue()
	if !ok {
		return append(buf, '0')
	}
	if f == float64(int64(f)) && f > -1e15 && f < 1e15 {
		return strconv.AppendInt(buf, int64(f), 10)
	}
	start := len(buf)
	buf = strconv.AppendFloat(buf, f, 'f', -1, 64)
	if bytes.IndexByte(buf[start:], '.') < 0 {
		buf = append(buf, ".0"...) // too big for the library's int64 parsing
	}
	return buf
}

func appendName(buf []byte, n name) []byte {
	buf = append(buf, '/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c < 0x21 || c > 0x7e || c == '#' || isDelim(c) {
			buf = append(buf, '#', hexDigits[c>>4], hexDigits[c&15])
			continue
		}
		buf = append(buf, c)
	}
	return buf
}
