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
// output is charged to the document's quota as it is produced, so a
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
			data, err = inflate(data, d.quota)
			if err == nil {
				data, err = d.unpredict(data, parms)
			}
		case "LZWDecode":
			early := int64(1)
			if v, ok := asInt(d.resolve(parms.get("EarlyChange"))); ok {
				early = v
			}
			data, err = lzwDecode(data, early != 0, d.quota)
			if err == nil {
				data, err = d.unpredict(data, parms)
			}
		case "RunLengthDecode":
			data, err = runLengthDecode(data, d.quota)
		case "ASCIIHexDecode":
			data, err = asciiHexDecode(data, d.quota)
		case "ASCII85Decode":
			data, err = ascii85Decode(data, d.quota)
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
	return out, d.quota.Charge(int64(len(out)))
}

// partialError marks damaged encoded data of which a prefix was decoded.
type partialError struct{ err error }

func (e *partialError) Error() string { return "damaged data: " + e.err.Error() }

// inflate decodes zlib (or, failing its header, raw deflate) data, keeping
// whatever decoded before a truncation or checksum error.
func inflate(raw []byte, b *Quota) ([]byte, error) {
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

// output is the growing output of a decoder that appends as it goes. Its
// capacity is charged to the quota before each growth, so a bomb stops
// before the allocation that would exceed the quota, and the memory held
// (old and new array while one is copied) never exceeds what was charged.
type output struct {
	b     *Quota
	buf   []byte
	calls int
}

// reserve makes room for n more bytes. Every 16,384 calls it checks the
// quota's context too: growth alone is too rare to stop a cancelled
// decoder promptly.
func (o *output) reserve(n int) error {
	if o.calls++; o.calls&(1<<14-1) == 0 {
		if err := o.b.Err(); err != nil {
			return err
		}
	}
	if cap(o.buf)-len(o.buf) >= n {
		return nil
	}
	grown := int64(max(2*cap(o.buf), len(o.buf)+n, 4096))
	grown = min(grown, int64(len(o.buf)+n)+o.b.Remaining())
	if err := o.b.Charge(grown); err != nil {
		return err
	}
	buf := make([]byte, len(o.buf), grown)
	copy(buf, o.buf)
	o.buf = buf
	return nil
}

func runLengthDecode(raw []byte, b *Quota) ([]byte, error) {
	o := output{b: b}
	if err := o.reserve(len(raw) * 2); err != nil {
		return nil, err
	}
	for i := 0; i < len(raw); {
		l := int(raw[i])
		i++
		switch {
		case l == 128:
			return o.buf, nil
		case l < 128:
			n := l + 1
			if i+n > len(raw) {
				o.buf = append(o.buf, raw[i:]...) // within the reserved 2×
				return o.buf, &partialError{errors.New("run cut short")}
			}
			if err := o.reserve(n); err != nil {
				return nil, err
			}
			o.buf = append(o.buf, raw[i:i+n]...)
			i += n
		default:
			if i >= len(raw) {
				return o.buf, &partialError{errors.New("run cut short")}
			}
			n := 257 - l
			if err := o.reserve(n); err != nil {
				return nil, err
			}
			for k := 0; k < n; k++ {
				o.buf = append(o.buf, raw[i])
			}
			i++
		}
	}
	return o.buf, nil
}

// asciiHexDecode halves its input.
func asciiHexDecode(raw []byte, b *Quota) ([]byte, error) {
	o := output{b: b}
	if err := o.reserve(len(raw)/2 + 1); err != nil {
		return nil, err
	}
	out := o.buf
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
	return out, nil
}

// ascii85Decode may expand its input four times ('z' is four zero bytes).
func ascii85Decode(raw []byte, b *Quota) ([]byte, error) {
	if bytes.HasPrefix(bytes.TrimLeft(raw, " \t\r\n\f\x00"), []byte("<~")) {
		raw = raw[bytes.Index(raw, []byte("<~"))+2:]
	}
	o := output{b: b}
	if err := o.reserve(len(raw)*4/5 + 4); err != nil {
		return nil, err
	}
	var group [5]byte
	n := 0
	flush := func(count int) error {
		var v uint32
		for k := 0; k < 5; k++ {
			v = v*85 + uint32(group[k]-'!')
		}
		if err := o.reserve(4); err != nil {
			return err
		}
		b := [4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
		o.buf = append(o.buf, b[:count]...)
		return nil
	}
	for _, c := range raw {
		switch {
		case c == '~':
			goto done
		case c == 'z' && n == 0:
			if err := o.reserve(4); err != nil {
				return nil, err
			}
			o.buf = append(o.buf, 0, 0, 0, 0)
		case c >= '!' && c <= 'u':
			group[n] = c
			n++
			if n == 5 {
				if err := flush(4); err != nil {
					return nil, err
				}
				n = 0
			}
		}
	}
done:
	if n > 1 {
		for k := n; k < 5; k++ {
			group[k] = 'u'
		}
		if err := flush(n - 1); err != nil {
			return nil, err
		}
	}
	return o.buf, nil
}

// lzwDecode implements the PDF LZW variant (MSB-first codes of 9 to 12 bits).
// Every table entry is a run of the output: the entry added after a code is
// the previous code's output plus one byte, which directly follows it.
func lzwDecode(raw []byte, earlyChange bool, b *Quota) ([]byte, error) {
	early := 0
	if earlyChange {
		early = 1
	}
	o := output{b: b}
	if err := o.reserve(len(raw) * 3); err != nil {
		return nil, err
	}
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
			return o.buf, nil // end of data without an EOD code
		}
		code := int(bits>>(nbits-width)) & (1<<width - 1)
		nbits -= width
		switch {
		case code == 256:
			width, next, prevOff = 9, 258, -1
			continue
		case code == 257:
			return o.buf, nil
		}
		// An entry is at most 4,096 bytes: reserve for the longest.
		if err := o.reserve(4097); err != nil {
			return nil, err
		}
		out := o.buf
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
			return out, &partialError{fmt.Errorf("invalid code %d", code)}
		}
		o.buf = out
		if prevOff >= 0 && next < 4096 {
			off[next], ln[next] = prevOff, prevLen+1
			next++
			if next+early >= 1<<width && width < 12 {
				width++
			}
		}
		prevOff, prevLen = start, len(out)-start
	}
}
