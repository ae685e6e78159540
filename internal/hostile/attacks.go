package hostile

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
)

// AttackOptions sizes the hostile files of Attacks.
type AttackOptions struct {
	ArrayDepth  int // "[" nested in a content stream (20 million: a 40 KB file)
	ObjectDepth int // arrays and dictionaries nested in an object (written in plain text)
	CMapEntries int // bfchar entries of a ToUnicode CMap
	CMapRanges  int // bfrange entries of 65,536 codes each, all over the same codes
}

// DefaultAttackOptions are the sizes of issue 24's hostile batch.
var DefaultAttackOptions = AttackOptions{
	ArrayDepth:  20_000_000,
	ObjectDepth: 2_000_000,
	CMapEntries: 3_000_000,
	CMapRanges:  200_000,
}

// Attacks returns the second round of hostile files (issue 24), each a
// whole PDF of its own rather than a variant of a report: arrays and
// dictionaries nested millions deep, in a content stream (closed and
// never closed) and in an object; a ToUnicode CMap of millions of
// entries, and one of ranges that write the same codes again and again
// (minutes of work in a few KB); font and XObject names of GBK bytes, and
// a BaseFont of bytes valid in no encoding.
func Attacks(o AttackOptions) []Variant {
	page := func(content string) []byte {
		return OnePage(Stream{"", "/Filter /FlateDecode", Flate([]byte(content))})
	}
	text := "BT /F1 9 Tf 72 700 Td (hello) Tj ET\n"
	open := strings.Repeat("[", o.ArrayDepth)
	dicts := strings.Repeat("<< /A ", o.ArrayDepth/2)
	return []Variant{
		{"nest-array-content-open", page(text + open)},
		{"nest-array-content-closed", page(text + open + strings.Repeat("]", o.ArrayDepth) + " TJ\n" + text)},
		{"nest-array-content-ops", page(text + strings.Repeat("[ 1 0 0 1 0 0 cm ", o.ArrayDepth/16))},
		{"nest-dict-content", page(text + "/Span " + dicts + " BDC\n" + text)},
		{"nest-array-object", nestedObject(strings.Repeat("[", o.ObjectDepth) + strings.Repeat("]", o.ObjectDepth))},
		{"nest-array-object-open", nestedObject(strings.Repeat("[", o.ObjectDepth))},
		{"nest-dict-object", nestedObject(strings.Repeat("<</A", o.ObjectDepth) + strings.Repeat(">>", o.ObjectDepth))},
		{"cmap-bfchar", withToUnicode(bfchars(o.CMapEntries))},
		{"cmap-bfrange-repeat", withToUnicode(bfranges(o.CMapRanges))},
		{"gbk-names", GBKNames()},
		{"font-widths", cidWidths(o.CMapRanges)},
	}
}

// Slow are hostile files whose whole work is minutes, for the deadline
// check: a page of n long rulings each way (n² pairs to test for contact)
// and a form of tokens operands with no operator, drawn 2,000 times.
func Slow(n int, tokens int64) []Variant {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "0 %d m %d %d l %d 0 m %d %d l\n", 3*i, 3*n, 3*i, 3*i, 3*i, 3*n)
	}
	b.WriteString("S\nBT /F1 9 Tf 72 700 Td (hello) Tj ET\n")
	grid := onePageWith(fmt.Sprintf("0 0 %d %d", 3*n, 3*n), "<< /Font << /F1 5 0 R >> >>", b.String(),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	// A form of 4 million operands without an operator, drawn 2,000
	// times: 8 billion tokens from 10 KB.
	unit := bytes.Repeat([]byte("0 1 2 3 4 5 6 7 "), 1<<16) // 8 tokens in 16 bytes, 1 MB a copy
	form := Stream{"", "/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Filter /FlateDecode", repeatFlate(unit, 2*tokens)}
	operands := onePageWith("0 0 600 800", "<< /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >>",
		"BT /F1 9 Tf 72 700 Td (hello) Tj ET\n"+strings.Repeat("/X Do\n", 2000),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", streamObject(form))
	return []Variant{
		{"slow-grid-rulings", grid},
		{"slow-form-operands", operands},
	}
}

// cidWidths is a one-page PDF whose CID font's W array repeats a range
// of all 65,536 CIDs n times.
func cidWidths(n int) []byte {
	return onePageWith("0 0 600 800", "<< /Font << /F1 5 0 R /F2 7 0 R >> >>", "BT /F1 9 Tf 72 700 Td <00410042> Tj /F2 9 Tf (hello) Tj ET",
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W ["+strings.Repeat("0 65535 500 ", n)+"] >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
}

// onePageWith is a one-page PDF: its page of mediaBox ("0 0 600 800")
// and resources, drawn by content (compressed), then the objects of more,
// numbered from 5.
func onePageWith(mediaBox, resources, content string, more ...string) []byte {
	return Build("%PDF-1.7\n", append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [" + mediaBox + "] /Resources " + resources + " /Contents 4 0 R >>",
		streamObject(Stream{"", "/Filter /FlateDecode", Flate([]byte(content))}),
	}, more...), "/Root 1 0 R")
}

// nestedObject is a one-page PDF whose page resources hold obj under /X.
func nestedObject(obj string) []byte {
	return onePageWith("0 0 600 800", "<< /Font << /F1 5 0 R >> /X "+obj+" >>", "BT /F1 9 Tf 72 700 Td (hello) Tj ET",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
}

// withToUnicode is a one-page PDF whose font has cmap as its ToUnicode.
func withToUnicode(cmap []byte) []byte {
	return onePageWith("0 0 600 800", "<< /Font << /F1 5 0 R >> >>", "BT /F1 9 Tf 72 700 Td (hello) Tj ET",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
		streamObject(Stream{"", "/Filter /FlateDecode", Flate(cmap)}))
}

const cmapHead = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00000000> <ffffffff> endcodespacerange\n"
const cmapTail = "endcmap CMapName currentdict /CMap defineresource pop end end\n"

// bfchars is a CMap of n distinct four-byte codes in one bfchar block.
func bfchars(n int) []byte {
	var b bytes.Buffer
	b.WriteString(cmapHead)
	fmt.Fprintf(&b, "%d beginbfchar\n", n)
	for i := range n {
		fmt.Fprintf(&b, "<%08x> <%04x>\n", i, 0x4e00+i%20000)
	}
	b.WriteString("endbfchar\n" + cmapTail)
	return b.Bytes()
}

// bfranges is a CMap of n ranges that each map the same 65,536 codes.
func bfranges(n int) []byte {
	var b bytes.Buffer
	b.WriteString(cmapHead)
	for i := 0; i < n; i += 100 {
		b.WriteString("100 beginbfrange\n")
		for range 100 {
			b.WriteString("<00000000> <0000ffff> <4e00>\n")
		}
		b.WriteString("endbfrange\n")
	}
	b.WriteString(cmapTail)
	return b.Bytes()
}

// GBKNames is a one-page PDF drawing with a font and a form whose
// resource names are GBK bytes (宋体, 表格) and missing, beside a font
// whose BaseFont is bytes valid in no encoding: the names reach the
// report's error.
func GBKNames() []byte {
	return onePageWith("0 0 600 800", "<< /Font << /F1 5 0 R /#CB#CE#CC#E5 9 0 R >> /XObject << /#B1#ED#B8#F1 9 0 R >> >>",
		"BT /#CB#CE#CC#E5 9 Tf 72 700 Td (hello) Tj ET /#B1#ED#B8#F1 Do\nBT /F1 9 Tf 72 680 Td (world) Tj ET\n",
		"<< /Type /Font /Subtype /Type1 /BaseFont /#FF#FE#CB#80 >>")
}

// FillStrings sets every string and *string field of the struct row
// points to to s: a row of a dataset made of hostile text, for tests.
func FillStrings(row any, s string) {
	v := reflect.ValueOf(row).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.String:
			f.SetString(s)
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String:
			c := s
			f.Set(reflect.ValueOf(&c))
		}
	}
}
