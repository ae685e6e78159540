package pdfraw

import (
	"bytes"
	"fmt"
)

// indirect is one "N G obj ... endobj" definition read from the file.
type indirect struct {
	num uint32
	gen uint16
	obj object
	end int  // offset just past the definition
	lax bool // something the library would reject was seen
	// lengthOK is false for a stream whose /Length did not match its data.
	lengthOK bool
	// truncated is true for a stream cut by the end of the file.
	truncated bool
}

// lengthResolver resolves an indirect /Length; ok is false if it cannot.
type lengthResolver func(r ref) (int64, bool)

// readIndirect parses the object definition that starts at off; elements
// (nil: none) is the parser's elements func.
func readIndirect(data []byte, off int, resolveLength lengthResolver, elements func()) (*indirect, error) {
	if off < 0 || off >= len(data) {
		return nil, fmt.Errorf("object offset %d outside the file (%d bytes)", off, len(data))
	}
	p := &parser{data: data, pos: off, elements: elements}
	p.skipSpace()
	num, ok1 := p.readUint()
	p.skipSpace()
	gen, ok2 := p.readUint()
	p.skipSpace()
	if !ok1 || !ok2 || num > 1<<31 || gen > 65535 || !keywordAt(data, p.pos, "obj") {
		return nil, fmt.Errorf("no object definition at offset %d", off)
	}
	p.pos += 3
	obj, err := p.object()
	if err != nil {
		return nil, fmt.Errorf("object %d %d at offset %d: %w", num, gen, off, err)
	}
	ind := &indirect{num: uint32(num), gen: uint16(gen), obj: obj, lengthOK: true}
	if k, ok := obj.(keyword); ok {
		// "N G obj endobj" (empty) or garbage: read as null.
		p.lax = true
		if k == "endobj" {
			ind.obj = nil
			ind.end = p.pos
			ind.lax = true
			return ind, nil
		}
		ind.obj = nil
	}
	p.skipSpace()
	if d, ok := obj.(*dict); ok && keywordAt(data, p.pos, "stream") {
		p.pos += len("stream")
		raw, lengthOK, next := streamData(p, d, resolveLength)
		ind.obj = &stream{dict: d, raw: raw}
		ind.lengthOK = lengthOK
		ind.truncated = !lengthOK && next == len(data)
		p.pos = next
		p.skipSpace()
		if keywordAt(data, p.pos, "endobj") {
			p.pos += len("endobj")
		}
		ind.end = p.pos
		ind.lax = p.lax || !lengthOK
		return ind, nil
	}
	if keywordAt(data, p.pos, "endobj") {
		p.pos += len("endobj")
	} else {
		p.lax = true // the library panics on a missing endobj
	}
	ind.end = p.pos
	ind.lax = p.lax
	return ind, nil
}

// streamData locates the stream bytes after the "stream" keyword (p.pos just
// past it). It trusts /Length only when "endstream" follows it; otherwise it
// searches for "endstream" (or takes everything to the end of a truncated
// file). It returns the data, whether /Length was right, and the offset after
// "endstream".
func streamData(p *parser, d *dict, resolveLength lengthResolver) ([]byte, bool, int) {
	data := p.data
	i := p.pos
	// The keyword must be followed by CRLF or LF; tolerate spaces and a lone CR.
	for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
		i++
		p.lax = true
	}
	switch {
	case i+1 < len(data) && data[i] == '\r' && data[i+1] == '\n':
		i += 2
	case i < len(data) && (data[i] == '\n' || data[i] == '\r'):
		i++
	default:
		p.lax = true
	}
	start := i
	length := int64(-1)
	switch l := d.get("Length").(type) {
	case number:
		if v, ok := l.int64Value(); ok {
			length = v
		}
	case ref:
		if resolveLength != nil {
			if v, ok := resolveLength(l); ok {
				length = v
			}
		}
	}
	if length >= 0 && length <= int64(len(data)-start) {
		end := start + int(length)
		j := end
		for j < len(data) && isSpace(data[j]) {
			j++
		}
		if keywordAt(data, j, "endstream") {
			return data[start:end], true, j + len("endstream")
		}
	}
	k := bytes.Index(data[start:], []byte("endstream"))
	if k < 0 {
		// Truncated file: keep what is there.
		return data[start:], false, len(data)
	}
	end := start + k
	// The EOL before endstream is not part of the data.
	if end > start && data[end-1] == '\n' {
		end--
	}
	if end > start && data[end-1] == '\r' {
		end--
	}
	return data[start:end], false, start + k + len("endstream")
}
