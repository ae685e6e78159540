package extract

import (
	"bytes"
	"fmt"
	"strconv"
	"unsafe"

	"github.com/juesuan/juesuan/extract/pdfraw"
)

// The content-stream tokenizer is our own rather than pdf.Interpret because
// Interpret boxes every operand in an interface (allocation per token),
// treats inline image data (BI … ID <binary> EI) as tokens — binary bytes
// such as "(" or "<" then swallow the rest of the stream — and offers no
// way to skip raw bytes from its callback. This lexer works on the decoded
// stream bytes, reuses its operand buffers between operators and skips
// inline image data the way poppler does (up to whitespace + "EI").

type operandKind uint8

const (
	opNumber operandKind = iota + 1
	opString
	opName
	opArray
	opDict
	opBool
	opNull

	arrayClose operandKind = 200 // "]" token, never an operand
)

// operand is one operand of a content-stream operator. Strings, names and
// arrays are spans [lo, hi) of buffers owned by the lexer (read them with
// bytesOf and arrayOf), valid only until the next operator is returned.
// The operand holds no pointers: the lexer copies one per token, and a
// pointer-free copy needs no write barrier and leaves the GC nothing to scan.
type operand struct {
	kind  operandKind
	inBuf bool // strings and names: in strBuf, else in data; arrays: in arena, else in elems
	num   float64
	lo    int
	hi    int
}

// bytesOf returns the bytes of a string or name operand.
func (lx *contentLexer) bytesOf(o *operand) []byte {
	if o.inBuf {
		return lx.strBuf[o.lo:o.hi:o.hi]
	}
	return lx.data[o.lo:o.hi:o.hi]
}

// arrayOf returns the elements of an array operand.
func (lx *contentLexer) arrayOf(o *operand) []operand {
	if o.inBuf {
		return lx.arena[o.lo:o.hi:o.hi]
	}
	return lx.elems[o.lo:o.hi:o.hi]
}

// contentLexer splits a content stream (or a CMap) into operators with
// their operands.
type contentLexer struct {
	data []byte
	pos  int

	operands []operand // operands of the current operator
	arrStack []int     // start in elems of each open array
	elems    []operand // elements of the open and the closed top-level arrays
	arena    []operand // elements of closed nested arrays
	strBuf   []byte    // decoded strings of the current operator
	// damage names the first syntax error the lexer recovered from (a
	// string running to the end of the data, an array never closed): a
	// damaged stream, some of whose text was lost. "" for none.
	damage string

	// quota is charged the lexer's buffers before they grow and its
	// context read every tokensPerCheck tokens: a stream of millions of
	// operands without an operator (or a "[" nested millions deep) never
	// returns to the interpreter's own checkpoints. nil: no limit (tests).
	quota   *pdfraw.Quota
	tokens  int
	charged int // bytes of strBuf's capacity charged so far
	// err is why the lexer stopped before the end of the data (arrays or
	// dictionaries nested deeper than pdfraw.MaxNesting): the rest of the
	// stream is skipped and the caller reports the loss.
	err error
}

func newContentLexer(data []byte, quota *pdfraw.Quota) *contentLexer {
	return &contentLexer{data: data, quota: quota}
}

// tokensPerCheck is how many tokens the lexer reads between two looks at
// its quota's context: tens of microseconds of work.
const tokensPerCheck = 4096

// maxPendingOperands bounds the operands kept for one operator outside
// arrays: no operator takes more than a few, a CMap block a hundred
// entries. Past it next returns them under an empty operator (which the
// interpreter ignores and parseCMap reads as more entries of its block),
// so a stream of operands without an operator costs no memory. A multiple
// of 2 and 3, so that CMap entries are never split.
const maxPendingOperands = 6 * 1024

// stopNesting ends the stream at a nesting past the limit.
func (lx *contentLexer) stopNesting(what string) {
	lx.err = fmt.Errorf("%s nested more than %d deep at byte %d (%w); the rest of the stream was skipped",
		what, pdfraw.MaxNesting, lx.pos, pdfraw.ErrNesting)
	lx.pos = len(lx.data)
}

// checkpoint charges what strBuf grew by and stops the work (a panic the
// page recovers into its error) once the quota is spent or its context
// done.
func (lx *contentLexer) checkpoint() {
	lx.tokens = 0
	if lx.quota == nil {
		return
	}
	if grown := cap(lx.strBuf) - lx.charged; grown > 0 {
		lx.charged = cap(lx.strBuf)
		if err := lx.quota.Charge(int64(grown)); err != nil {
			panic(err)
		}
	}
	if err := lx.quota.Err(); err != nil {
		panic(err)
	}
}

// grow charges the growth of an operand buffer about to be appended to
// while full, before the memory is taken: an operand is 40 bytes, so a
// stream of one-byte tokens would otherwise take 40 times its size.
func (lx *contentLexer) grow(buf []operand) {
	if lx.quota != nil && cap(buf) >= 1024 {
		if err := lx.quota.Charge(int64(cap(buf)) * int64(unsafe.Sizeof(operand{}))); err != nil {
			panic(err)
		}
	}
}

// takeLexer returns a lexer over data, reusing the buffers of one that a
// finished content stream of this document gave back (a nested form takes
// another one: an enclosing stream's operands stay valid).
func (d *Document) takeLexer(data []byte) *contentLexer {
	n := len(d.lexers)
	if n == 0 {
		return newContentLexer(data, d.opts.quota)
	}
	lx := d.lexers[n-1]
	d.lexers = d.lexers[:n-1]
	lx.data, lx.pos, lx.damage, lx.err = data, 0, "", nil
	return lx
}

// returnLexer gives a lexer back for reuse once its stream is done.
func (d *Document) returnLexer(lx *contentLexer) {
	lx.data = nil
	d.lexers = append(d.lexers, lx)
}

// Byte classes of the PDF syntax, looked up rather than compared: the
// tokenizer tests every byte of every content stream.
const (
	classSpace uint8 = 1 << iota
	classDelim
)

var byteClass = func() (t [256]uint8) {
	for _, c := range []byte(" \n\r\t\f\x00") {
		t[c] = classSpace
	}
	for _, c := range []byte("()<>[]{}/%") {
		t[c] = classDelim
	}
	return t
}()

func isPDFSpace(c byte) bool { return byteClass[c]&classSpace != 0 }

func isPDFDelim(c byte) bool { return byteClass[c]&classDelim != 0 }

// isRegular reports a byte that continues a name, number or keyword.
func isRegular(c byte) bool { return byteClass[c] == 0 }

// next returns the next operator and its operands, or ok=false at the end
// of the data. Operands are in lx.operands.
func (lx *contentLexer) next() (op []byte, ok bool) {
	lx.operands = lx.operands[:0]
	lx.strBuf = lx.strBuf[:0]
	lx.elems = lx.elems[:0]
	lx.arena = lx.arena[:0]
	lx.arrStack = lx.arrStack[:0]
	for {
		if lx.tokens++; lx.tokens == tokensPerCheck {
			lx.checkpoint()
		}
		if len(lx.operands) >= maxPendingOperands && len(lx.arrStack) == 0 {
			return []byte{}, true
		}
		// The token is read straight into its place: building it in a
		// local and copying it over cost more than reading it.
		o := lx.slot()
		kw, more := lx.token(o)
		if !more {
			lx.unslot()
			return nil, false
		}
		if kw != nil {
			switch string(kw) {
			case "true":
				*o = operand{kind: opBool, num: 1}
			case "false":
				*o = operand{kind: opBool}
			case "null":
				*o = operand{kind: opNull}
			default:
				lx.unslot()
				// An operator inside an array means the array was never
				// closed: close it rather than swallow the rest of the
				// stream.
				if len(lx.arrStack) > 0 {
					lx.damaged("an array is not closed before an operator")
				}
				for len(lx.arrStack) > 0 {
					lx.closeArray()
				}
				return kw, true
			}
			continue
		}
		switch o.kind {
		case 0:
			lx.unslot()
		case opArray: // "["
			lx.unslot()
			if len(lx.arrStack) >= pdfraw.MaxNesting {
				lx.stopNesting("arrays")
				return nil, false
			}
			lx.arrStack = append(lx.arrStack, len(lx.elems))
		case arrayClose: // "]"
			lx.unslot()
			lx.closeArray()
		}
	}
}

// damaged records the first syntax error of the stream.
func (lx *contentLexer) damaged(what string) {
	if lx.damage == "" {
		lx.damage = what
	}
}

// slot appends a zero operand to the current operator or the open array
// and returns it.
func (lx *contentLexer) slot() *operand {
	if len(lx.arrStack) > 0 {
		if len(lx.elems) == cap(lx.elems) {
			lx.grow(lx.elems)
		}
		lx.elems = append(lx.elems, operand{})
		return &lx.elems[len(lx.elems)-1]
	}
	if len(lx.operands) == cap(lx.operands) {
		lx.grow(lx.operands)
	}
	lx.operands = append(lx.operands, operand{})
	return &lx.operands[len(lx.operands)-1]
}

// unslot removes the operand slot returned last (the array nesting has
// not changed since).
func (lx *contentLexer) unslot() {
	if len(lx.arrStack) > 0 {
		lx.elems = lx.elems[:len(lx.elems)-1]
		return
	}
	lx.operands = lx.operands[:len(lx.operands)-1]
}

// closeArray closes the innermost open array (a stray "]" is ignored) and
// adds it to the current operator or the enclosing array.
func (lx *contentLexer) closeArray() {
	n := len(lx.arrStack)
	if n == 0 {
		return
	}
	start := lx.arrStack[n-1]
	lx.arrStack = lx.arrStack[:n-1]
	var o operand
	if n == 1 {
		// A top-level array (TJ's) keeps its elements in place: the
		// next array of this operator starts after them.
		o = operand{kind: opArray, lo: start, hi: len(lx.elems)}
	} else {
		// A nested array moves to the arena, so that its parent's
		// elements stay contiguous.
		a := len(lx.arena)
		if len(lx.arena)+len(lx.elems)-start > cap(lx.arena) {
			lx.grow(lx.arena)
		}
		lx.arena = append(lx.arena, lx.elems[start:]...)
		lx.elems = lx.elems[:start]
		o = operand{kind: opArray, inBuf: true, lo: a, hi: len(lx.arena)}
	}
	if len(lx.arrStack) > 0 {
		lx.elems = append(lx.elems, o) // room: the array's "[" was a slot
		return
	}
	lx.operands = append(lx.operands, o)
}

// token reads one token. It returns either an operand (kind != 0), a
// keyword (kw != nil), or more=false at the end of data. An operand of
// kind opArray signals "[", arrayClose signals "]".
func (lx *contentLexer) token(o *operand) (kw []byte, more bool) {
	d := lx.data
	for lx.pos < len(d) {
		c := d[lx.pos]
		if isPDFSpace(c) {
			lx.pos++
			continue
		}
		if c == '%' {
			for lx.pos < len(d) && d[lx.pos] != '\n' && d[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		break
	}
	if lx.pos >= len(d) {
		return nil, false
	}
	c := d[lx.pos]
	switch {
	case c == '[':
		lx.pos++
		*o = operand{kind: opArray}
		return nil, true
	case c == ']':
		lx.pos++
		*o = operand{kind: arrayClose}
		return nil, true
	case c == '(':
		lx.pos++
		start := len(lx.strBuf)
		lx.literalString()
		*o = operand{kind: opString, inBuf: true, lo: start, hi: len(lx.strBuf)}
		return nil, true
	case c == '<':
		if lx.pos+1 < len(d) && d[lx.pos+1] == '<' {
			lx.pos += 2
			lx.skipDict()
			*o = operand{kind: opDict}
			return nil, true
		}
		lx.pos++
		start := len(lx.strBuf)
		lx.hexString()
		*o = operand{kind: opString, inBuf: true, lo: start, hi: len(lx.strBuf)}
		return nil, true
	case c == '>':
		lx.pos++ // stray
		*o = operand{}
		return nil, true
	case c == '/':
		lx.pos++
		start := lx.pos
		for lx.pos < len(d) && isRegular(d[lx.pos]) {
			lx.pos++
		}
		*o = operand{kind: opName, lo: start, hi: lx.pos}
		if bytes.IndexByte(d[start:lx.pos], '#') >= 0 {
			b := len(lx.strBuf)
			lx.unescapeName(d[start:lx.pos])
			*o = operand{kind: opName, inBuf: true, lo: b, hi: len(lx.strBuf)}
		}
		return nil, true
	case c == '{' || c == '}' || c == ')':
		lx.pos++
		*o = operand{}
		return nil, true
	}
	start := lx.pos
	for lx.pos < len(d) && isRegular(d[lx.pos]) {
		lx.pos++
	}
	word := d[start:lx.pos]
	if c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
		if v, ok := parseNumber(word); ok {
			*o = operand{kind: opNumber, num: v}
			return nil, true
		}
	}
	*o = operand{}
	return word, true
}

// parseNumber parses PDF integers and reals, tolerating producer quirks
// such as "--5" or "5.-".
func parseNumber(b []byte) (float64, bool) {
	// Fast path for plain integers.
	neg := false
	i := 0
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	// The first 15 digits add up in an integer: below 2^53 the float steps
	// v*10 + digit were exact, so the value is the same.
	var n uint64
	digits := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9' && digits < 15; i++ {
		n = n*10 + uint64(b[i]-'0')
		digits++
	}
	v := float64(n)
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		v = v*10 + float64(b[i]-'0')
		digits++
	}
	if i == len(b) && digits > 0 {
		if neg {
			v = -v
		}
		return v, true
	}
	if i < len(b) && b[i] == '.' {
		i++
		scale := 0.1
		for k := 1; i < len(b) && b[i] >= '0' && b[i] <= '9'; i, k = i+1, k+1 {
			v += float64(b[i]-'0') * scale
			if k < len(decimalScales) {
				scale = decimalScales[k]
			} else {
				scale /= 10
			}
			digits++
		}
		if i == len(b) && digits > 0 {
			if neg {
				v = -v
			}
			return v, true
		}
	}
	// Odd forms: let strconv try after trimming repeated signs.
	s := string(bytes.TrimLeft(b, "+-"))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if digits > 0 { // e.g. "5.-": keep the digits read so far
			if neg {
				v = -v
			}
			return v, true
		}
		return 0, false
	}
	if bytes.Count(b[:len(b)-len(s)], []byte("-"))%2 == 1 {
		f = -f
	}
	return f, true
}

// decimalScales[k] is the scale of decimal digit k+1 as parseNumber
// computed it digit by digit (0.1, then divided by 10 each time), looked up
// rather than divided: a division per digit was most of parsing a number.
var decimalScales = func() (t [20]float64) {
	scale := 0.1
	for k := range t {
		t[k] = scale
		scale /= 10
	}
	return t
}()

func (lx *contentLexer) unescapeName(name []byte) []byte {
	start := len(lx.strBuf)
	for i := 0; i < len(name); i++ {
		if name[i] == '#' && i+2 < len(name) {
			h, l := unhexByte(name[i+1]), unhexByte(name[i+2])
			if h >= 0 && l >= 0 {
				lx.strBuf = append(lx.strBuf, byte(h<<4|l))
				i += 2
				continue
			}
		}
		lx.strBuf = append(lx.strBuf, name[i])
	}
	return lx.strBuf[start:len(lx.strBuf):len(lx.strBuf)]
}

func unhexByte(c byte) int {
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

func (lx *contentLexer) hexString() []byte {
	d := lx.data
	start := len(lx.strBuf)
	hi := -1
	closed := false
	for lx.pos < len(d) {
		c := d[lx.pos]
		lx.pos++
		if c == '>' {
			closed = true
			break
		}
		v := unhexByte(c)
		if v < 0 {
			if !isPDFSpace(c) {
				lx.damaged("a hex string holds a byte that is not a hex digit")
			}
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			lx.strBuf = append(lx.strBuf, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		lx.strBuf = append(lx.strBuf, byte(hi<<4))
	}
	if !closed {
		lx.damaged("a string runs to its end")
	}
	return lx.strBuf[start:len(lx.strBuf):len(lx.strBuf)]
}

func (lx *contentLexer) literalString() []byte {
	d := lx.data
	start := len(lx.strBuf)
	depth := 1
	for lx.pos < len(d) {
		c := d[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return lx.strBuf[start:len(lx.strBuf):len(lx.strBuf)]
			}
		case '\\':
			if lx.pos >= len(d) {
				continue
			}
			e := d[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(d) && d[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(d) && d[lx.pos] >= '0' && d[lx.pos] <= '7'; k++ {
						v = v*8 + int(d[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		lx.strBuf = append(lx.strBuf, c)
	}
	lx.damaged("a string runs to its end")
	return lx.strBuf[start:len(lx.strBuf):len(lx.strBuf)]
}

// skipDict skips a << … >> dictionary (properties of BDC/DP, nested
// dictionaries included). Content streams never need its entries except
// inline images, whose parameters follow BI without << >>.
func (lx *contentLexer) skipDict() {
	d := lx.data
	depth := 1
	for lx.pos < len(d) && depth > 0 {
		if depth > pdfraw.MaxNesting {
			lx.stopNesting("dictionaries")
			return
		}
		c := d[lx.pos]
		switch c {
		case '(':
			lx.pos++
			mark := len(lx.strBuf)
			lx.literalString()
			lx.strBuf = lx.strBuf[:mark]
			continue
		case '<':
			if lx.pos+1 < len(d) && d[lx.pos+1] == '<' {
				depth++
				lx.pos += 2
				continue
			}
			lx.pos++
			mark := len(lx.strBuf)
			lx.hexString()
			lx.strBuf = lx.strBuf[:mark]
			continue
		case '>':
			if lx.pos+1 < len(d) && d[lx.pos+1] == '>' {
				depth--
				lx.pos += 2
				continue
			}
		}
		lx.pos++
	}
}

// skipInlineImage is called after the "ID" operator: it skips the binary
// image data up to and including the "EI" operator (EI preceded by
// whitespace and followed by whitespace or the end of data).
func (lx *contentLexer) skipInlineImage() {
	d := lx.data
	if lx.pos < len(d) && isPDFSpace(d[lx.pos]) {
		lx.pos++
	}
	for i := lx.pos; i+1 < len(d); i++ {
		if d[i] == 'E' && d[i+1] == 'I' && i > lx.pos && isPDFSpace(d[i-1]) &&
			(i+2 == len(d) || isPDFSpace(d[i+2]) || isPDFDelim(d[i+2])) {
			lx.pos = i + 2
			return
		}
	}
	lx.pos = len(d)
}
