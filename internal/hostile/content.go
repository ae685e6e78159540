package hostile

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
)

// Damage to what a page prints rather than to how the file is stored: one
// text-showing operator of a page's (decompressed) content stream changed,
// the stream stored again, so that the file is sound and only the page's
// text differs. These are the damages the figure ledger must catch when
// they cost the dataset a figure: a header word lost makes its column's
// figures homeless, a run moved across a column rule splits a figure.

// A ShowOp is one text-showing operator (Tj, TJ, ' or ") of a content
// stream, with where its run is placed.
type ShowOp struct {
	Start, End int // bytes of its operand (string or array) through the operator
	OpStart    int // byte of the operator
	// Pos is the span of the last Td, TD or Tm before it in its text
	// object (both 0 when none), and X, Y its translation.
	PosStart, PosEnd int
	X, Y             float64
}

// ShowOps finds the text-showing operators of a content stream. It reads
// the stream's syntax loosely: what it cannot read it skips.
func ShowOps(data []byte) []ShowOp {
	var ops []ShowOp
	operands := -1 // start of the current operator's operands
	var nums []float64
	var pos ShowOp // the last positioning operator of the text object
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
			continue
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
			continue
		}
		start := i
		if operands < 0 {
			operands = start
		}
		switch c {
		case '(':
			i = skipLiteral(data, i)
			nums = nums[:0]
			continue
		case '<':
			if i+1 < len(data) && data[i+1] == '<' {
				i += 2
			} else {
				for i < len(data) && data[i] != '>' {
					i++
				}
				i++
			}
			nums = nums[:0]
			continue
		case '[', ']', '>', '{', '}', '/':
			i++
			if c == '/' {
				for i < len(data) && isRegularByte(data[i]) {
					i++
				}
			}
			continue
		}
		for i < len(data) && isRegularByte(data[i]) {
			i++
		}
		tok := data[start:i]
		if f, err := strconv.ParseFloat(string(tok), 64); err == nil {
			nums = append(nums, f)
			continue
		}
		switch string(tok) {
		case "Tj", "TJ", "'", `"`:
			op := pos
			op.Start, op.End, op.OpStart = operands, i, start
			ops = append(ops, op)
		case "Td", "TD":
			if len(nums) >= 2 {
				pos = ShowOp{PosStart: operands, PosEnd: i, X: nums[len(nums)-2], Y: nums[len(nums)-1]}
			}
		case "Tm":
			if len(nums) >= 6 {
				pos = ShowOp{PosStart: operands, PosEnd: i, X: nums[len(nums)-2], Y: nums[len(nums)-1]}
			}
		case "BT", "ET":
			pos = ShowOp{}
		}
		operands = -1
		nums = nums[:0]
	}
	return ops
}

// skipLiteral returns the index after the literal string starting at i.
func skipLiteral(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return i
}

func isRegularByte(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}

// A Content is one page content stream of a file: a Flate stream that a
// page's /Contents names, decoded.
type Content struct {
	ref  ref
	Data []byte
}

// Contents decodes the Flate content streams pages name, in file order.
// Streams it cannot find or decode (in an object stream, another filter)
// are left out.
func Contents(pdf []byte) []Content {
	var out []Content
	for _, r := range contentRefs(pdf) {
		body := objectBody(pdf, r)
		if body == nil || !bytes.Contains(body, []byte("FlateDecode")) {
			continue
		}
		loc := streamRe.FindIndex(body)
		if loc == nil {
			continue
		}
		raw := body[loc[1]:]
		if end := bytes.LastIndex(raw, []byte("endstream")); end >= 0 {
			raw = raw[:end]
		}
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(zr, 64<<20))
		if err != nil && len(data) == 0 {
			continue
		}
		out = append(out, Content{ref: r, Data: data})
	}
	return out
}

// Replace returns pdf with content c's stream replaced by data (stored
// with Flate), as an incremental update.
func Replace(pdf []byte, c Content, data []byte) []byte {
	return Update(pdf, map[ref]string{c.ref: streamObject(Stream{Filter: "/Filter /FlateDecode", Data: Flate(data)})}, nil)
}

// Damages to one text-showing operator, by kind (the variant name's
// first word).
const (
	DamageSep   = "textsep"   // the byte before the operator turned to 0xA0: the operator is unknown, its run not shown
	DamageFlip  = "textflip"  // a byte in the middle of its operand inverted
	DamageDrop  = "textdrop"  // the operator and its operand removed
	DamageShift = "textshift" // the runs placed at its x (within 20 pt) moved 12 pt right
)

// DamageOp returns data with op damaged as kind says.
func DamageOp(data []byte, ops []ShowOp, op ShowOp, kind string) []byte {
	switch kind {
	case DamageSep:
		out := bytes.Clone(data)
		if b := op.OpStart - 1; b >= 0 && (out[b] == ' ' || out[b] == '\n' || out[b] == '\r' || out[b] == '\t') {
			out[b] = 0xA0
			return out
		}
		return append(append(out[:op.OpStart:op.OpStart], 0xA0), data[op.OpStart:]...)
	case DamageFlip:
		out := bytes.Clone(data)
		out[(op.Start+op.OpStart)/2] ^= 0xff
		return out
	case DamageDrop:
		return append(bytes.Clone(data[:op.Start]), data[op.End:]...)
	case DamageShift:
		// Each positioning operator is rewritten once, last first so
		// that earlier offsets stay right.
		seen := map[int]bool{}
		out := bytes.Clone(data)
		for i := len(ops) - 1; i >= 0; i-- {
			o := ops[i]
			if o.PosEnd == 0 || seen[o.PosStart] || o.X < op.X-20 || o.X > op.X+20 {
				continue
			}
			seen[o.PosStart] = true
			out = shiftX(out, o, 12)
		}
		return out
	}
	return data
}

// shiftX rewrites the positioning operator of o with its x moved by dx.
func shiftX(data []byte, o ShowOp, dx float64) []byte {
	fields := bytes.Fields(data[o.PosStart:o.PosEnd])
	n := len(fields)
	if n < 3 {
		return data
	}
	fields[n-3] = []byte(strconv.FormatFloat(o.X+dx, 'f', 3, 64))
	repl := bytes.Join(fields, []byte(" "))
	return append(append(bytes.Clone(data[:o.PosStart]), repl...), data[o.PosEnd:]...)
}

// TextDamages returns copies of pdf with one text-showing operator of a
// page damaged by each kind, for up to maxStreams content streams holding
// at least 40 such operators (pages of tables; spread over the file) and,
// in each, the operators at a tenth, a third and two thirds of the way
// (early ones are the header of a table page).
func TextDamages(pdf []byte, maxStreams int) []Variant {
	var pages []Content
	for _, c := range Contents(pdf) {
		if len(ShowOps(c.Data)) >= 40 {
			pages = append(pages, c)
		}
	}
	step := 1.0
	if len(pages) > maxStreams {
		step = float64(len(pages)) / float64(maxStreams)
	}
	var out []Variant
	for f := 0.0; int(f) < len(pages); f += step {
		c := pages[int(f)]
		ops := ShowOps(c.Data)
		for _, at := range []float64{0.1, 1.0 / 3, 2.0 / 3} {
			i := int(at * float64(len(ops)))
			for _, kind := range []string{DamageSep, DamageFlip, DamageDrop, DamageShift} {
				name := fmt.Sprintf("%s-%d-%03d", kind, c.ref.num, i)
				out = append(out, Variant{name, Replace(pdf, c, DamageOp(c.Data, ops, ops[i], kind))})
			}
		}
	}
	return out
}
