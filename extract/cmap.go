package extract

import (
	"fmt"
	"unicode/utf16"

	"github.com/juesuan/juesuan/extract/pdfraw"
)

// codespaceRange is one begincodespacerange entry: codes of n bytes whose
// every byte lies between the bytes of lo and hi.
type codespaceRange struct {
	n      int
	lo, hi [4]byte
}

// cmapData is a parsed CMap: a ToUnicode CMap fills uni, an encoding CMap
// (Type0 /Encoding stream) fills cid.
type cmapData struct {
	spaces []codespaceRange
	uni    map[uint32]string
	cid    map[uint32]uint32
	cidRng []cidRange
	err    error // why the CMap was read only in part, or nil
}

type cidRange struct{ lo, hi, cid uint32 }

func codeValue(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// utf16BytesToString decodes big-endian UTF-16 (surrogate pairs included);
// an odd trailing byte is taken as a Latin-1 character.
func utf16BytesToString(b []byte) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	var buf [8]uint16
	u := buf[:0]
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// addToBytes adds n to the big-endian number b (carrying across bytes).
func addToBytes(dst []byte, src []byte, n uint32) []byte {
	dst = append(dst[:0], src...)
	carry := n
	for i := len(dst) - 1; i >= 0 && carry > 0; i-- {
		s := uint32(dst[i]) + carry&0xFF
		dst[i] = byte(s)
		carry = carry>>8 + s>>8
	}
	return dst
}

// maxCMapCodes bounds the codes one CMap may map, ranges counted code by
// code (overwrites too): a font has at most 65,536 glyphs, and a hostile
// CMap of a few KB could otherwise ask for billions of map writes.
const maxCMapCodes = 1 << 20

// cmapEntryCost is what one mapped code is charged to the quota: a map
// slot, its string header and a short string.
const cmapEntryCost = 64

// cmapBlock is the kind of begin…end block a CMap is in.
type cmapBlock uint8

const (
	noBlock cmapBlock = iota
	codespaceBlock
	bfcharBlock
	bfrangeBlock
	cidcharBlock
	cidrangeBlock
)

var cmapBlocks = map[string]cmapBlock{
	"begincodespacerange": codespaceBlock, "endcodespacerange": codespaceBlock,
	"beginbfchar": bfcharBlock, "endbfchar": bfcharBlock,
	"beginbfrange": bfrangeBlock, "endbfrange": bfrangeBlock,
	"begincidchar": cidcharBlock, "endcidchar": cidcharBlock,
	"begincidrange": cidrangeBlock, "endcidrange": cidrangeBlock,
}

// cmapParser fills a cmapData, counting the codes it maps.
type cmapParser struct {
	cm      *cmapData
	lx      *contentLexer
	quota   *pdfraw.Quota
	written int // codes mapped so far, overwrites included
	checked int // written at the last checkpoint
	charged int // entries charged so far
	tmp     []byte
}

// parseCMap reads a CMap program. Malformed entries are skipped; a CMap
// never makes page extraction fail. A CMap mapping more than maxCMapCodes
// codes, or nesting arrays too deep, is read up to there and cm.err says
// so. Its entries are charged to quota (nil: none), whose context stops
// the parse (a panic, as the content lexer's).
func parseCMap(data []byte, quota *pdfraw.Quota) *cmapData {
	p := &cmapParser{cm: &cmapData{}, lx: newContentLexer(data, quota), quota: quota}
	block := noBlock
	for p.cm.err == nil {
		op, ok := p.lx.next()
		if !ok {
			if p.lx.err != nil {
				p.cm.err = p.lx.err
			}
			break
		}
		if len(op) == 0 { // a block's entries, passed on in parts
			p.entries(block)
			continue
		}
		b, isBlock := cmapBlocks[string(op)]
		switch {
		case !isBlock:
		case op[0] == 'b':
			block = b
		default:
			p.entries(b)
			block = noBlock
		}
	}
	p.checkpoint()
	return p.cm
}

// mapped counts n codes mapped and checks the quota now and then; false
// once the CMap has mapped too many.
func (p *cmapParser) mapped(n int) bool {
	p.written += n
	if p.written > maxCMapCodes {
		p.cm.err = fmt.Errorf("maps more than %d codes (a font has at most 65,536 glyphs); the rest was ignored", maxCMapCodes)
		return false
	}
	if p.written-p.checked >= 4096 {
		p.checkpoint()
	}
	return true
}

// checkpoint charges the entries added since the last one and stops the
// work once the quota is spent or its context done.
func (p *cmapParser) checkpoint() {
	p.checked = p.written
	if p.quota == nil {
		return
	}
	n := len(p.cm.uni) + len(p.cm.cid) + len(p.cm.cidRng)
	if err := p.quota.Charge(int64(n-p.charged) * cmapEntryCost); err != nil {
		panic(err)
	}
	p.charged = n
	if err := p.quota.Err(); err != nil {
		panic(err)
	}
}

// entries reads the operands of a block of kind b.
func (p *cmapParser) entries(b cmapBlock) {
	cm, lx, args := p.cm, p.lx, p.lx.operands
	switch b {
	case codespaceBlock:
		for i := 0; i+1 < len(args); i += 2 {
			lo, hi := lx.bytesOf(&args[i]), lx.bytesOf(&args[i+1])
			if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) || len(cm.spaces) >= 256 {
				continue
			}
			r := codespaceRange{n: len(lo)}
			copy(r.lo[:], lo)
			copy(r.hi[:], hi)
			cm.spaces = append(cm.spaces, r)
		}
	case bfcharBlock:
		if cm.uni == nil {
			cm.uni = make(map[uint32]string)
		}
		for i := 0; i+1 < len(args) && p.mapped(1); i += 2 {
			if args[i].kind != opString {
				continue
			}
			dst := args[i+1]
			switch dst.kind {
			case opString:
				cm.uni[codeValue(lx.bytesOf(&args[i]))] = utf16BytesToString(lx.bytesOf(&dst))
			case opName: // rare: glyph name destination
				if s, ok := glyphNameToRune(string(lx.bytesOf(&dst))); ok {
					cm.uni[codeValue(lx.bytesOf(&args[i]))] = s
				}
			}
		}
	case bfrangeBlock:
		if cm.uni == nil {
			cm.uni = make(map[uint32]string)
		}
		for i := 0; i+2 < len(args); i += 3 {
			if args[i].kind != opString || args[i+1].kind != opString {
				continue
			}
			lo, hi := codeValue(lx.bytesOf(&args[i])), codeValue(lx.bytesOf(&args[i+1]))
			if hi < lo || hi-lo > 0xFFFF {
				continue
			}
			if !p.mapped(int(hi-lo) + 1) {
				return
			}
			dst := args[i+2]
			switch dst.kind {
			case opString:
				for c := lo; c <= hi; c++ {
					p.tmp = addToBytes(p.tmp, lx.bytesOf(&dst), c-lo)
					cm.uni[c] = utf16BytesToString(p.tmp)
				}
			case opArray:
				for k, d := range lx.arrayOf(&dst) {
					if d.kind == opString && lo+uint32(k) <= hi {
						cm.uni[lo+uint32(k)] = utf16BytesToString(lx.bytesOf(&d))
					}
				}
			}
		}
	case cidcharBlock:
		if cm.cid == nil {
			cm.cid = make(map[uint32]uint32)
		}
		for i := 0; i+1 < len(args) && p.mapped(1); i += 2 {
			if args[i].kind == opString && args[i+1].kind == opNumber {
				cm.cid[codeValue(lx.bytesOf(&args[i]))] = uint32(args[i+1].num)
			}
		}
	case cidrangeBlock:
		for i := 0; i+2 < len(args) && p.mapped(1); i += 3 {
			if args[i].kind == opString && args[i+1].kind == opString && args[i+2].kind == opNumber {
				cm.cidRng = append(cm.cidRng, cidRange{codeValue(lx.bytesOf(&args[i])), codeValue(lx.bytesOf(&args[i+1])), uint32(args[i+2].num)})
			}
		}
	}
}

// lookupCID maps a code through an encoding CMap.
func (cm *cmapData) lookupCID(code uint32) (uint32, bool) {
	if c, ok := cm.cid[code]; ok {
		return c, true
	}
	for _, r := range cm.cidRng {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo, true
		}
	}
	return 0, false
}

// codeLength returns the byte length of the code starting at s, following
// the codespace ranges (the shortest range length when none matches, as
// poppler does).
func codeLength(spaces []codespaceRange, s []byte) int {
	shortest := 0
	for _, r := range spaces {
		if shortest == 0 || r.n < shortest {
			shortest = r.n
		}
		if r.n > len(s) {
			continue
		}
		match := true
		for k := 0; k < r.n; k++ {
			if s[k] < r.lo[k] || s[k] > r.hi[k] {
				match = false
				break
			}
		}
		if match {
			return r.n
		}
	}
	if shortest == 0 {
		shortest = 1
	}
	if shortest > len(s) {
		shortest = len(s)
	}
	return shortest
}
