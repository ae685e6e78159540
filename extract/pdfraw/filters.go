package pdfraw

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"sync"
)

// ErrTooLarge is returned when a decoded stream exceeds the size cap.
var ErrTooLarge = errors.New("decoded stream exceeds the size limit")

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
// not implement; rest holds the filters still to apply.
func (d *document) decode(s *stream) ([]byte, filterChain, error) {
	fc := d.streamFilters(s)
	data := s.raw
	for i, f := range fc.names {
		parms := asDict(fc.parms[i])
		var err error
		switch f {
		case "FlateDecode":
			data, err = inflate(data, d.maxStream)
			if err == nil {
				data, err = unpredict(data, parms, d)
			}
		case "LZWDecode":
			early := int64(1)
			if v, ok := asInt(d.resolve(parms.get("EarlyChange"))); ok {
				early = v
			}
			data, err = lzwDecode(data, early != 0, d.maxStream)
			if err == nil {
				data, err = unpredict(data, parms, d)
			}
		case "RunLengthDecode":
			data, err = runLengthDecode(data, d.maxStream)
		case "ASCIIHexDecode":
			data = asciiHexDecode(data)
		case "ASCII85Decode":
			data = ascii85Decode(data)
		case "Crypt":
			// Decryption already happened when the object was loaded.
		default:
			return data, filterChain{names: fc.names[i:], parms: fc.parms[i:]}, nil
		}
		if err != nil {
			var partial *partialError
			if errors.As(err, &partial) {
				d.warn("%s: %v (kept %d decoded bytes)", f, partial.err, len(data))
			} else {
				return nil, fc, fmt.Errorf("%s: %w", f, err)
			}
		}
		d.filters[string(f)] = true
	}
	return data, filterChain{}, nil
}

// partialError marks damaged encoded data of which a prefix was decoded.
type partialError struct{ err error }

func (e *partialError) Error() string { return "damaged data: " + e.err.Error() }

// inflate decodes zlib (or, failing its header, raw deflate) data, keeping
// whatever decoded before a truncation or checksum error.
func inflate(raw []byte, max int64) ([]byte, error) {
	zr, err := getZlib(raw)
	if err == nil {
		defer zlibReaders.Put(zr)
		out, err := readCapped(zr, max, len(raw)*4)
		if err != nil && err != ErrTooLarge {
			return out, &partialError{err}
		}
		return out, err
	}
	// No zlib header: raw deflate, or a damaged header over deflate data.
	out, err := readCapped(flate.NewReader(bytes.NewReader(raw)), max, len(raw)*4)
	if err == nil || err == ErrTooLarge {
		return out, err
	}
	if len(raw) > 2 {
		alt, err2 := readCapped(flate.NewReader(bytes.NewReader(raw[2:])), max, len(raw)*4)
		if err2 == nil || err2 == ErrTooLarge {
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

// readCapped reads r to the end, failing with ErrTooLarge beyond max bytes.
// On another error it returns what was read with the error.
func readCapped(r io.Reader, max int64, hint int) ([]byte, error) {
	bp := scratchBuffers.Get().(*[]byte)
	defer scratchBuffers.Put(bp)
	buf := (*bp)[:0]
	if cap(buf) < hint && int64(hint) <= max {
		buf = make([]byte, 0, hint)
	}
	var err error
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		var n int
		n, err = r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			*bp = buf[:0]
			return nil, ErrTooLarge
		}
		if err != nil {
			break
		}
	}
	if cap(buf) <= 16<<20 {
		*bp = buf[:0] // keep a grown buffer for the next stream, within reason
	}
	out := append([]byte(nil), buf...)
	if err == io.EOF {
		return out, nil
	}
	return out, err
}

func runLengthDecode(raw []byte, max int64) ([]byte, error) {
	out := make([]byte, 0, len(raw)*2)
	for i := 0; i < len(raw); {
		l := int(raw[i])
		i++
		switch {
		case l == 128:
			return out, nil
		case l < 128:
			n := l + 1
			if i+n > len(raw) {
				out = append(out, raw[i:]...)
				return out, &partialError{errors.New("run cut short")}
			}
			out = append(out, raw[i:i+n]...)
			i += n
		default:
			if i >= len(raw) {
				return out, &partialError{errors.New("run cut short")}
			}
			for k := 0; k < 257-l; k++ {
				out = append(out, raw[i])
			}
			i++
		}
		if int64(len(out)) > max {
			return nil, ErrTooLarge
		}
	}
	return out, nil
}

func asciiHexDecode(raw []byte) []byte {
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
	return out
}

func ascii85Decode(raw []byte) []byte {
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
	return out
}

// lzwDecode implements the PDF LZW variant (MSB-first codes of 9 to 12 bits).
// Every table entry is a run of the output: the entry added after a code is
// the previous code's output plus one byte, which directly follows it.
func lzwDecode(raw []byte, earlyChange bool, max int64) ([]byte, error) {
	early := 0
	if earlyChange {
		early = 1
	}
	out := make([]byte, 0, len(raw)*3)
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
			return out, nil // end of data without an EOD code
		}
		code := int(bits>>(nbits-width)) & (1<<width - 1)
		nbits -= width
		switch {
		case code == 256:
			width, next, prevOff = 9, 258, -1
			continue
		case code == 257:
			return out, nil
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
		if int64(len(out)) > max {
			return nil, ErrTooLarge
		}
	}
}

func isTooLarge(err error) bool { return errors.Is(err, ErrTooLarge) }
