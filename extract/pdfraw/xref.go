package pdfraw

import (
	"bytes"
	"errors"
	"fmt"
)

// findStartxref returns the offset named by the last "startxref" of the file.
func findStartxref(data []byte) (int, error) {
	from := len(data) - 4096
	if from < 0 {
		from = 0
	}
	// Only the file's end counts: an earlier startxref in a truncated file
	// belongs to a previous revision and would hide the newer objects.
	i := bytes.LastIndex(data[from:], []byte("startxref"))
	if i < 0 {
		return 0, errors.New("no startxref at the end of the file")
	}
	i += from
	p := &parser{data: data, pos: i + len("startxref")}
	p.skipSpace()
	off, ok := p.readUint()
	if !ok {
		return 0, errors.New("startxref not followed by an offset")
	}
	return int(off), nil
}

// loadXref reads the cross-reference sections starting at off, following
// /Prev and /XRefStm, newest definitions first.
func (d *document) loadXref(off int) error {
	seen := map[int]bool{}
	pending := []int{off}
	for len(pending) > 0 {
		off := pending[0]
		pending = pending[1:]
		if seen[off] {
			continue // a /Prev loop
		}
		seen[off] = true
		if len(seen) > 1000 {
			return errors.New("too many cross-reference sections")
		}
		if off <= 0 || off >= len(d.data) {
			return fmt.Errorf("cross-reference offset %d outside the file", off)
		}
		p := &parser{data: d.data, pos: off}
		p.skipSpace()
		var trailer *dict
		var err error
		if keywordAt(d.data, p.pos, "xref") {
			p.pos += 4
			trailer, err = d.readXrefTable(p)
			if err != nil {
				return err
			}
			// Hybrid file: the stream holds the compressed objects; it ranks
			// after this table but before the older sections.
			if x, ok := asInt(trailer.get("XRefStm")); ok {
				pending = append([]int{int(x)}, pending...)
			}
		} else {
			trailer, err = d.readXrefStream(off)
			if err != nil {
				return err
			}
		}
		d.mergeTrailer(trailer)
		if prev, ok := asInt(trailer.get("Prev")); ok {
			pending = append(pending, int(prev))
		}
	}
	return nil
}

func (d *document) readXrefTable(p *parser) (*dict, error) {
	for {
		p.skipSpace()
		if keywordAt(p.data, p.pos, "trailer") {
			p.pos += len("trailer")
			t, err := p.object()
			if err != nil {
				return nil, fmt.Errorf("xref trailer: %w", err)
			}
			td, ok := t.(*dict)
			if !ok {
				return nil, errors.New("xref trailer is not a dictionary")
			}
			return td, nil
		}
		start, ok1 := p.readUint()
		p.skipSpace()
		count, ok2 := p.readUint()
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("malformed xref subsection at offset %d", p.pos)
		}
		if len(d.entries) == 0 && count > 0 && count <= int64(len(p.data)/20) {
			// Sized once (an entry is 20 bytes): growing the map step by
			// step was most of reading a 5,000-entry table.
			d.entries = make(map[uint32]xrefEntry, count)
		}
		for i := int64(0); i < count; i++ {
			d.tick()
			p.skipSpace()
			off, ok1 := p.readUint()
			p.skipSpace()
			gen, ok2 := p.readUint()
			p.skipSpace()
			w := p.peekWord()
			if !ok1 || !ok2 || len(w) != 1 || w[0] != 'n' && w[0] != 'f' {
				return nil, fmt.Errorf("malformed xref entry at offset %d", p.pos)
			}
			p.pos++
			num := uint32(start + i)
			if _, done := d.entries[num]; done || start+i > 1<<31 {
				continue
			}
			if w[0] == 'n' && off > 0 {
				d.entries[num] = xrefEntry{kind: entryOffset, gen: uint16(gen), offset: int(off)}
			} else {
				d.entries[num] = xrefEntry{kind: entryFree}
			}
		}
	}
}

func (d *document) readXrefStream(off int) (*dict, error) {
	ind, err := readIndirect(d.data, off, nil, d.elements)
	if err != nil {
		return nil, fmt.Errorf("cross-reference stream: %w", err)
	}
	s, ok := ind.obj.(*stream)
	if !ok || asDict(s).get("W") == nil {
		return nil, fmt.Errorf("offset %d holds no cross-reference stream", off)
	}
	// The xref stream itself is never encrypted.
	data, rest, _, err := d.decode(s)
	if err != nil || len(rest.names) > 0 {
		return nil, fmt.Errorf("cross-reference stream %d: cannot decode (%v %v)", ind.num, err, rest.names)
	}
	var w [3]int
	wa, _ := s.dict.get("W").(array)
	if len(wa) < 3 {
		return nil, fmt.Errorf("cross-reference stream %d: bad /W", ind.num)
	}
	total := 0
	for i := 0; i < 3; i++ {
		v, _ := asInt(wa[i])
		if v < 0 || v > 8 {
			return nil, fmt.Errorf("cross-reference stream %d: bad /W", ind.num)
		}
		w[i] = int(v)
		total += w[i]
	}
	if total == 0 {
		return nil, fmt.Errorf("cross-reference stream %d: empty /W", ind.num)
	}
	size, _ := asInt(s.dict.get("Size"))
	index, _ := s.dict.get("Index").(array)
	if len(index) == 0 {
		index = array{number("0"), number(fmt.Sprint(size))}
	}
	pos := 0
	for k := 0; k+1 < len(index); k += 2 {
		start, _ := asInt(index[k])
		count, _ := asInt(index[k+1])
		for i := int64(0); i < count && pos+total <= len(data); i++ {
			d.tick()
			row := data[pos : pos+total]
			pos += total
			typ := int64(1)
			if w[0] > 0 {
				typ = beInt(row[:w[0]])
			}
			f2 := beInt(row[w[0] : w[0]+w[1]])
			f3 := beInt(row[w[0]+w[1]:])
			num := start + i
			if num < 0 || num > 1<<31 {
				continue
			}
			if _, done := d.entries[uint32(num)]; done {
				continue
			}
			switch typ {
			case 0:
				d.entries[uint32(num)] = xrefEntry{kind: entryFree}
			case 1:
				if f2 > 0 {
					d.entries[uint32(num)] = xrefEntry{kind: entryOffset, gen: uint16(f3), offset: int(f2)}
				}
			case 2:
				d.entries[uint32(num)] = xrefEntry{kind: entryCompressed, stm: uint32(f2)}
			}
		}
	}
	return s.dict, nil
}

func beInt(b []byte) int64 {
	var v int64
	for _, c := range b {
		v = v<<8 | int64(c)
	}
	return v
}

// checkEntries reports whether every plain entry points at its "N G obj";
// if not, it tries the same offsets shifted by the junk before the header.
func (d *document) checkEntries(shift int) bool {
	for num, e := range d.entries {
		if e.kind == entryOffset && !definesAt(d.data, e.offset+shift, num, e.gen) {
			return false
		}
	}
	return true
}

// definesAt reports whether "num gen obj" starts at off (white space allowed before it).
func definesAt(data []byte, off int, num uint32, gen uint16) bool {
	if off < 0 || off >= len(data) {
		return false
	}
	p := &parser{data: data, pos: off}
	p.skipSpace()
	n, ok1 := p.readUint()
	p.skipSpace()
	g, ok2 := p.readUint()
	p.skipSpace()
	return ok1 && ok2 && n == int64(num) && g == int64(gen) && keywordAt(data, p.pos, "obj")
}
