package pdfraw

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// parser reads PDF objects from a byte slice. It is lenient (it recovers from
// the usual producer mistakes) and records in lax whether it saw anything
// ledongthuc/pdf's stricter lexer would reject, which the fast path uses to
// decide whether the input can be handed over unchanged.
type parser struct {
	data  []byte
	pos   int
	depth int
	lax   bool
	// elements, when set, is called every elementsPerCall array elements
	// or dictionary entries parsed: one object of a hundred million
	// elements would otherwise take gigabytes and seconds before its
	// cost is charged (document.elements charges them and reads the
	// context).
	elements func()
	count    int
}

// elementsPerCall is how many elements the parser reads between two
// calls of its elements func.
const elementsPerCall = 4096

// element counts one array element or dictionary entry.
func (p *parser) element() {
	if p.count++; p.count == elementsPerCall {
		p.count = 0
		if p.elements != nil {
			p.elements()
		}
	}
}

// MaxNesting is how deep arrays and dictionaries may nest, in objects and
// in content streams (extract's lexer): real files nest a handful deep,
// and the bound keeps both the recursion and the memory of a hostile
// file ("[" repeated millions of times) small.
const MaxNesting = 500

var errEOF = errors.New("unexpected end of data")

// ErrNesting is wrapped by the error of an object nested past MaxNesting:
// the object is unreadable (damaged or hostile).
var ErrNesting = errors.New("past the nesting limit")

func isSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelim(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skipSpace skips white space and comments.
func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if isSpace(c) {
			p.pos++
			continue
		}
		if c == '%' {
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
			continue
		}
		return
	}
}

// word returns the run of regular characters at pos without consuming it.
func (p *parser) peekWord() []byte {
	i := p.pos
	for i < len(p.data) && isRegular(p.data[i]) {
		i++
	}
	return p.data[p.pos:i]
}

// readUint reads an unsigned decimal integer token; ok is false (pos
// unchanged) if the next token is not one.
func (p *parser) readUint() (int64, bool) {
	w := p.peekWord()
	if len(w) == 0 || len(w) > 10 {
		return 0, false
	}
	var v int64
	for _, c := range w {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	p.pos += len(w)
	return v, true
}

// keywordAt reports whether the keyword kw starts at i and ends at a token boundary.
func keywordAt(data []byte, i int, kw string) bool {
	if !bytes.HasPrefix(data[i:], []byte(kw)) {
		return false
	}
	j := i + len(kw)
	return j >= len(data) || !isRegular(data[j])
}

// object reads one direct object (references included).
func (p *parser) object() (object, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > MaxNesting {
		return nil, fmt.Errorf("arrays or dictionaries nested more than %d deep at offset %d: %w", MaxNesting, p.pos, ErrNesting)
	}
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil, errEOF
	}
	c := p.data[p.pos]
	switch {
	case c == '/':
		return p.name(), nil
	case c == '(':
		return p.literalString(), nil
	case c == '<':
		if p.pos+1 < len(p.data) && p.data[p.pos+1] == '<' {
			p.pos += 2
			return p.dictBody()
		}
		return p.hexString(), nil
	case c == '[':
		p.pos++
		return p.arrayBody()
	case isDelim(c):
		return nil, fmt.Errorf("unexpected %q at offset %d", c, p.pos)
	case c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.':
		return p.numberOrRef(), nil
	}
	w := p.peekWord()
	p.pos += len(w)
	switch string(w) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	return keyword(w), nil
}

func (p *parser) numberOrRef() object {
	start := p.pos
	w := p.peekWord()
	p.pos += len(w)
	if !libraryNumber(w) {
		p.lax = true
	}
	// An unsigned integer may start "N G R".
	if isDigits(w) && len(w) <= 10 {
		save := p.pos
		p.skipSpace()
		if g, ok := p.readUint(); ok {
			p.skipSpace()
			if p.pos < len(p.data) && p.data[p.pos] == 'R' && keywordAt(p.data, p.pos, "R") {
				p.pos++
				num, _ := strconv.ParseUint(string(w), 10, 32)
				if g > 65535 {
					p.lax = true
					return nil
				}
				return ref{uint32(num), uint16(g)}
			}
		}
		p.pos = save
	}
	return number(p.data[start : start+len(w)])
}

func isDigits(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// libraryNumber reports whether ledongthuc/pdf parses w as a number:
// optional sign, digits with at most one dot, fitting int64 if integral.
func libraryNumber(w []byte) bool {
	s := w
	if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	dots := 0
	for _, c := range s {
		if c == '.' {
			dots++
		} else if c < '0' || c > '9' {
			return false
		}
	}
	if dots > 1 || dots == 1 && len(s) == 1 {
		return false
	}
	if dots == 0 {
		_, err := strconv.ParseInt(string(w), 10, 64)
		return err == nil
	}
	return true
}

func (p *parser) name() name {
	p.pos++ // '/'
	var out []byte
	start := p.pos
	for p.pos < len(p.data) && isRegular(p.data[p.pos]) {
		c := p.data[p.pos]
		if c == '#' {
			if out == nil {
				out = append([]byte{}, p.data[start:p.pos]...)
			}
			if p.pos+2 < len(p.data) && unhex(p.data[p.pos+1]) >= 0 && unhex(p.data[p.pos+2]) >= 0 {
				out = append(out, byte(unhex(p.data[p.pos+1])<<4|unhex(p.data[p.pos+2])))
				p.pos += 3
				continue
			}
			p.lax = true // the library panics on a bad #xx escape
			out = append(out, '#')
			p.pos++
			continue
		}
		if out != nil {
			out = append(out, c)
		}
		p.pos++
	}
	if out == nil {
		return name(p.data[start:p.pos])
	}
	return name(out)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (p *parser) hexString() pdfString {
	p.pos++ // '<'
	out := make(pdfString, 0, 16)
	hi := -1
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		if c == '>' {
			if hi >= 0 {
				p.lax = true // odd digit count: the library rejects it
				out = append(out, byte(hi<<4))
			}
			return out
		}
		if isSpace(c) {
			continue
		}
		v := unhex(c)
		if v < 0 {
			p.lax = true
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	p.lax = true
	return out
}

func (p *parser) literalString() pdfString {
	p.pos++ // '('
	out := make(pdfString, 0, 16)
	depth := 1
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out
			}
			out = append(out, c)
		case '\r':
			// An unescaped end of line in a string reads as a single LF.
			if p.pos < len(p.data) && p.data[p.pos] == '\n' {
				p.pos++
			}
			out = append(out, '\n')
		case '\\':
			if p.pos >= len(p.data) {
				break
			}
			e := p.data[p.pos]
			p.pos++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '(', ')', '\\':
				out = append(out, e)
			case '\r':
				if p.pos < len(p.data) && p.data[p.pos] == '\n' {
					p.pos++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; k++ {
						v = v*8 + int(p.data[p.pos]-'0')
						p.pos++
					}
					if v > 255 {
						p.lax = true
					}
					out = append(out, byte(v))
					continue
				}
				// Unknown escape: the backslash is ignored (the library panics).
				p.lax = true
				out = append(out, e)
			}
		default:
			out = append(out, c)
		}
	}
	p.lax = true // unterminated
	return out
}

// structural keywords that end a broken (unclosed) dictionary or array.
func isStructuralKeyword(k keyword) bool {
	switch k {
	case "endobj", "stream", "endstream", "obj", "xref", "trailer", "startxref":
		return true
	}
	return false
}

func (p *parser) arrayBody() (object, error) {
	arr := array{}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			p.lax = true
			return arr, nil
		}
		switch p.data[p.pos] {
		case ']':
			p.pos++
			return arr, nil
		case '>', ')', '}', '{':
			p.lax = true
			p.pos++
			continue
		}
		save := p.pos
		p.element()
		v, err := p.object()
		if err != nil {
			return arr, err
		}
		if k, ok := v.(keyword); ok {
			p.lax = true
			if isStructuralKeyword(k) {
				p.pos = save
				return arr, nil
			}
			v = nil
		}
		arr = append(arr, v)
	}
}

func (p *parser) dictBody() (object, error) {
	// Room for a typical dictionary's entries in one allocation per slice
	// rather than growing them 1, 2, 4, 8.
	d := &dict{keys: make([]name, 0, 6), vals: make([]object, 0, 6)}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			p.lax = true
			return d, nil
		}
		c := p.data[p.pos]
		if c == '>' {
			if p.pos+1 < len(p.data) && p.data[p.pos+1] == '>' {
				p.pos += 2
			} else {
				p.lax = true
				p.pos++
			}
			return d, nil
		}
		if c != '/' {
			// A non-name key: skip one object and carry on.
			p.lax = true
			save := p.pos
			v, err := p.object()
			if err != nil {
				if p.pos == save {
					p.pos++
				}
				continue
			}
			if k, ok := v.(keyword); ok && isStructuralKeyword(k) {
				p.pos = save
				return d, nil
			}
			continue
		}
		key := p.name()
		p.element()
		p.skipSpace()
		if p.pos < len(p.data) && p.data[p.pos] == '>' {
			p.lax = true // key without a value
			d.keys, d.vals = append(d.keys, key), append(d.vals, nil)
			continue
		}
		save := p.pos
		v, err := p.object()
		if err != nil {
			return d, err
		}
		if k, ok := v.(keyword); ok {
			p.lax = true
			if isStructuralKeyword(k) {
				p.pos = save
				return d, nil
			}
			v = nil
		}
		// Duplicates are resolved on lookup (last wins) and on output.
		d.keys, d.vals = append(d.keys, key), append(d.vals, v)
	}
}
