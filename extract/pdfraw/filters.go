package pdfraw

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"sync"
)

// filterChain is what remains of a stream's filters after decoding.
type filterChain struct {
	names []name
	parms []object
}

// Filter abbreviations used by some producers outside inline images.
var filterAliases = map[name]name{
	"AHx": "ASCIIHexDecode", "A85": "ASCII85Decode", "LZW": "LZWDecode",
	"Fl": "FlateDecode", "RL": "RunLengthDecode", "DCT": "DCTDecode", "CCF": "CCITTFaxDecode",
}

// imageFilters are left to image consumers: they are never decoded here.
var imageFilters = map[name]bool{"DCTDecode": true, "JPXDecode": true, "CCITTFaxDecode": true, "JBIG2Decode": true}

// streamFilters lists a stream's filters with their parameter dictionaries.
func (d *document) streamFilters(s *stream) filterChain {
	var fc filterChain
	f := d.resolve(s.dict.get("Filter"))
	p := d.resolve(s.dict.get("DecodeParms"))
	if p == nil {
		p = d.resolve(s.dict.get("DP"))
	}
	switch f := f.(type) {
	case name:
		fc.names = []name{canonicalFilter(f)}
		if pa, ok := p.(array); ok && len(pa) > 0 {
			p = d.resolve(pa[0])
		}
		fc.parms = []object{p}
	case array:
		pa, _ := p.(array)
		for i, x := range f {
			n, ok := d.resolve(x).(name)
			if !ok {
				continue
			}
			fc.names = append(fc.names, canonicalFilter(n))
			var pi object
			if i < len(pa) {
				pi = d.resolve(pa[i])
			}
			fc.parms = append(fc.parms, pi)
		}
	}
	return fc
}

func canonicalFilter(n name) name {
	if full, ok := filterAliases[n]; ok {
		return full
	}
	return n
}

// isImage reports whether a stream is image data that is kept untouched.
func (d *document) isImage(s *stream) bool {
	if st, _ := d.resolve(s.dict.get("Subtype")).(name); st == "Image" {
		return true
	}
	for _, f := range d.streamFilters(s).names {
		if imageFilters[f] {
			return true
		}
	}
	return false
}

// decode applies the stream's filters in order up to the first one it does
// not implement; rest holds the filters still to apply. Every layer's
// output is charged to the document's budget as it is produced, so a
// chain of filters is bounded in total, not per layer. damage is set when
// the encoded data was damaged and data holds only what decoded before
// the damage.
func (d *document) decode(s *stream) (data []byte, rest filterChain, damage, err error) {
	fc := d.streamFilters(s)
	data = s.raw
	for i, f := range fc.names {
		parms := asDict(fc.parms[i])
		var err error
		switch f {
		case "FlateDecode":
			data, err = inflate(data, d.budget)
			if err == nil {
				data, err = d.unpredict(data, parms)
			}
		case "LZWDecode":
			early := int64(1)
			if v, ok := asInt(d.resolve(parms.get("EarlyChange"))); ok {
				early = v
			}
			data, err = lzwDecode(data, early != 0, d.budget)
			if err == nil {
				data, err = d.unpredict(data, parms)
			}
		case "RunLengthDecode":
			data, err = runLengthDecode(data, d.budget)
		case "ASCIIHexDecode":
			data, err = asciiHexDecode(data, d.budget)
		case "ASCII85Decode":
			data, err = ascii85Decode(data, d.budget)
		case "Crypt":
			// Decryption already happened when the object was loaded.
		default:
			return data, filterChain{names: fc.names[i:], parms: fc.parms[i:]}, damage, nil
		}
		if err != nil {
			var partial *partialError
			if !errors.As(err, &partial) {
				return nil, fc, damage, fmt.Errorf("%s: %w", f, err)
			}
			d.warn("%s: %v (kept %d decoded bytes)", f, partial.err, len(data))
			damage = fmt.Errorf("%s: %w", f, partial.err)
		}
		d.filters[string(f)] = true
	}
	return data, filterChain{}, damage, nil
}

// unpredict reverses a predictor, charging its output.
func (d *document) unpredict(data []byte, parms *dict) ([]byte, error) {
	out, err := unpredict(data, parms, d)
	if err != nil || len(out) == 0 || len(data) > 0 && &out[0] == &data[0] {
		return out, err // nothing new allocated
	}
	return out, d.budget.Charge(int64(len(out)))
}

// partialError marks damaged encoded data of which a prefix was decoded.
type partialError struct{ err error }

func (e *partialError) Error() string { return "damaged data: " + e.err.Error() }

// inflate decodes zlib (or, failing its header, raw deflate) data, keeping
// whatever decoded before a truncation or checksum error.
func inflate(raw []byte, b *Budget) ([]byte, error) {
	zr, err := getZlib(raw)
	if err == nil {
		defer zlibReaders.Put(zr)
		out, err := b.ReadAll(zr, len(raw)*4)
		if err != nil && !Stopped(err) {
			return out, &partialError{err}
		}
		return out, err
	}
	// No zlib header: raw deflate, or a damaged header over deflate data.
	out, err := b.ReadAll(flate.NewReader(bytes.NewReader(raw)), len(raw)*4)
	if err == nil || Stopped(err) {
		return out, err
	}
	if len(raw) > 2 {
		alt, err2 := b.ReadAll(flate.NewReader(bytes.NewReader(raw[2:])), len(raw)*4)
		if err2 == nil || Stopped(err2) {
			return alt, err2
		}
		if len(alt) > len(out) {
			out, err = alt, err2
		}
	}
	return out, &partialError{err}
}

// scratchBuffers recycle the growing buffers decoders read into, so each
// decoded stream costs one exact-size allocation.
var scratchBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 256<<10); return &b }}

// growChecked is the budget check of the decoders that append byte by
// byte: it charges the bytes added since the last call once they reach a
// chunk, so that the output stops within a chunk of the limit.
type growChecked struct {
	b       *Budget
	charged int
}

const chargeChunk = 64 << 10

func (g *growChecked) check(n int) error {
	if n-g.charged < chargeChunk {
		return nil
	}
	err := g.b.Charge(int64(n - g.charged))
	g.charged = n
	return err
}

func (g *growChecked) done(n int) error { return g.b.Charge(int64(n - g.charged)) }

func runLengthDecode(raw []byte, b *Budget) ([]byte, error) {
	g := growChecked{b: b}
	out := make([]byte, 0, int(min(int64(len(raw))*2, b.Remaining())))
	for i := 0; i < len(raw); {
		l := int(raw[i])
		i++
		switch {
		case l == 128:
			return out, g.done(len(out))
		case l < 128:
			n := l + 1
			if i+n > len(raw) {
				out = append(out, raw[i:]...)
				if err := g.done(len(out)); err != nil {
					return nil, err
				}
				return out, &partialError{errors.New("run cut short")}
			}
			out = append(out, raw[i:i+n]...)
			i += n
		default:
			if i >= len(raw) {
				if err := g.done(len(out)); err != nil {
					return nil, err
				}
				return out, &partialError{errors.New("run cut short")}
			}
			for k := 0; k < 257-l; k++ {
				out = append(out, raw[i])
			}
			i++
		}
		if err := g.check(len(out)); err != nil {
			return nil, err
		}
	}
	return out, g.done(len(out))
}

// asciiHexDecode halves its input: it is charged, never checked midway.
func asciiHexDecode(raw []byte, b *Budget) ([]byte, error) {
	out := make([]byte, 0, len(raw)/2)
	hi := -1
	for _, c := range raw {
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue // white space or junk
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out, b.Charge(int64(len(out)))
}

// ascii85Decode may expand its input four times ('z' is four zero bytes):
// it is checked as it goes.
func ascii85Decode(raw []byte, b *Budget) ([]byte, error) {
	g := growChecked{b: b}
	if bytes.HasPrefix(bytes.TrimLeft(raw, " \t\r\n\f\x00"), []byte("<~")) {
		raw = raw[bytes.Index(raw, []byte("<~"))+2:]
	}
	out := make([]byte, 0, len(raw)*4/5+4)
	var group [5]byte
	n := 0
	flush := func(count int) {
		var v uint32
		for k := 0; k < 5; k++ {
			v = v*85 + uint32(group[k]-'!')
		}
		b := [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
		out = append(out, b[:count]...)
	}
	for _, c := range raw {
		switch {
		case c == '~':
			goto done
		case c == 'z' && n == 0:
			out = append(out, 0, 0, 0, 0)
			if err := g.check(len(out)); err != nil {
				return nil, err
			}
		case c >= '!' && c <= 'u':
			group[n] = c
			n++
			if n == 5 {
				flush(4)
				n = 0
			}
		}
	}
done:
	if n > 1 {
		for k := n; k < 5; k++ {
			group[k] = 'u'
		}
		flush(n - 1)
	}
	return out, g.done(len(out))
}

// lzwDecode implements the PDF LZW variant (MSB-first codes of 9 to 12 bits).
// Every table entry is a run of the output: the entry added after a code is
// the previous code's output plus one byte, which directly follows it.
func lzwDecode(raw []byte, earlyChange bool, b *Budget) ([]byte, error) {
	g := growChecked{b: b}
	early := 0
	if earlyChange {
		early = 1
	}
	out := make([]byte, 0, int(min(int64(len(raw))*3, b.Remaining())))
	var off, ln [4096]int
	width, next := 9, 258
	prevOff, prevLen := -1, 0
	var bits uint32
	nbits := 0
	for i := 0; ; {
		for nbits < width && i < len(raw) {
			bits = bits<<8 | uint32(raw[i])
			nbits += 8
			i++
		}
		if nbits < width {
			return out, g.done(len(out)) // end of data without an EOD code
		}
		code := int(bits>>(nbits-width)) & (1<<width - 1)
		nbits -= width
		switch {
		case code == 256:
			width, next, prevOff = 9, 258, -1
			continue
		case code == 257:
			return out, g.done(len(out))
		}
		start := len(out)
		switch {
		case code < 256:
			out = append(out, byte(code))
		case code < next && prevOff >= 0:
			out = append(out, out[off[code]:off[code]+ln[code]]...)
		case code == next && prevOff >= 0:
			out = append(out, out[prevOff:prevOff+prevLen]...)
			out = append(out, out[prevOff])
		default:
			if err := g.done(len(out)); err != nil {
				return nil, err
			}
			return out, &partialError{fmt.Errorf("invalid code %d", code)}
		}
		if prevOff >= 0 && next < 4096 {
			off[next], ln[next] = prevOff, prevLen+1
			next++
			if next+early >= 1<<width && width < 12 {
				width++
			}
		}
		prevOff, prevLen = start, len(out)-start
		if err := g.check(len(out)); err != nil {
			return nil, err
		}
	}
}
