package extract

import (
	"unicode/utf16"
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

// parseCMap reads a CMap program. Malformed entries are skipped; a CMap
// never makes page extraction fail.
func parseCMap(data []byte) *cmapData {
	cm := &cmapData{}
	lx := newContentLexer(data)
	var tmp []byte
	for {
		op, ok := lx.next()
		if !ok {
			break
		}
		args := lx.operands
		switch string(op) {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := lx.bytesOf(&args[i]), lx.bytesOf(&args[i+1])
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				r := codespaceRange{n: len(lo)}
				copy(r.lo[:], lo)
				copy(r.hi[:], hi)
				cm.spaces = append(cm.spaces, r)
			}
		case "endbfchar":
			if cm.uni == nil {
				cm.uni = make(map[uint32]string)
			}
			for i := 0; i+1 < len(args); i += 2 {
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
		case "endbfrange":
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
				dst := args[i+2]
				switch dst.kind {
				case opString:
					for c := lo; c <= hi; c++ {
						tmp = addToBytes(tmp, lx.bytesOf(&dst), c-lo)
						cm.uni[c] = utf16BytesToString(tmp)
					}
				case opArray:
					for k, d := range lx.arrayOf(&dst) {
						if d.kind == opString && lo+uint32(k) <= hi {
							cm.uni[lo+uint32(k)] = utf16BytesToString(lx.bytesOf(&d))
						}
					}
				}
			}
		case "endcidchar":
			if cm.cid == nil {
				cm.cid = make(map[uint32]uint32)
			}
			for i := 0; i+1 < len(args); i += 2 {
				if args[i].kind == opString && args[i+1].kind == opNumber {
					cm.cid[codeValue(lx.bytesOf(&args[i]))] = uint32(args[i+1].num)
				}
			}
		case "endcidrange":
			for i := 0; i+2 < len(args); i += 3 {
				if args[i].kind == opString && args[i+1].kind == opString && args[i+2].kind == opNumber {
					cm.cidRng = append(cm.cidRng, cidRange{codeValue(lx.bytesOf(&args[i])), codeValue(lx.bytesOf(&args[i+1])), uint32(args[i+2].num)})
				}
			}
		}
	}
	return cm
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
