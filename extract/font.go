package extract

import (
	"fmt"
	"math"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/juesuan/juesuan/internal/textenc"
)

// font is a decoded font resource: everything the interpreter needs to
// turn string bytes into glyphs, computed once per font object.
type font struct {
	name string // BaseFont, decoded to UTF-8 when producers wrote GBK bytes
	// damage is why the font was read only in part (a CMap cut short), or
	// nil: the pages drawn with it report it.
	damage error
	id     int // index into Page.Fonts, set per page

	composite bool             // Type0: multi-byte codes, CIDs, /W widths
	spaces    []codespaceRange // code lengths (Type0)
	encCMap   *cmapData        // embedded encoding CMap (Type0), nil for Identity
	vertical  bool             // Identity-V and other -V CMaps

	// Simple fonts: per-code text and width (text space units per 1 of
	// font size, i.e. /Widths/1000 or ×FontMatrix for Type3).
	simpleText  [256]string
	simpleWidth [256]float64

	// Composite fonts.
	uni       map[uint32]string // ToUnicode by code
	cidWidths []float32         // by CID, in text space units
	dw        float64           // default width

	// Vertical writing (WMode 1): DW2 = [vOrigin vAdvance] in em, the
	// position vector's y and the (negative) vertical displacement.
	vOrigin, vAdvance float64

	// em box in text space units: ascent above, descent (negative) below
	// the baseline, as poppler computes them.
	ascent, descent float64

	// yScale converts the Tf size to the glyph's em size: 1, except for
	// Type3 fonts whose FontMatrix does not map a 1000-unit em to 1.
	yScale float64

	textCache map[uint32]string // normalized text per code (composite)
	// textRecent is a direct-mapped cache in front of textCache (by the
	// code's low byte): most glyphs hit it without a map lookup.
	textRecent *[256]recentText

	// Predefined CMaps: text from the code when there is no ToUnicode,
	// and ASCII codes mapped to CIDs 1–95 for widths.
	codeText  func(code uint32, n int) string
	asciiCIDs bool
}

// streamReader returns the decoded data of a stream.
type streamReader func(pdf.Value) ([]byte, error)

// decodeFont builds a font from its dictionary, reading its CMaps with
// read; quota is charged their entries, and its context stops the work
// (a panic, recovered by the page).
func decodeFont(v pdf.Value, read streamReader, quota *pdfraw.Quota) *font {
	f := &font{dw: 1, ascent: 0.95, descent: -0.35, yScale: 1, vOrigin: 0.88, vAdvance: -1}
	f.name = fontName(v.Key("BaseFont").Name())
	subtype := v.Key("Subtype").Name()
	if f.name == "" { // Type3 fonts have no BaseFont; Chromium names them in the descriptor
		f.name = fontName(v.Key("FontDescriptor").Key("FontName").Name())
	}
	if f.name == "" {
		f.name = subtype
	}
	var toUni *cmapData
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data, err := read(tu); err == nil {
			toUni = parseCMap(data, quota)
			f.noteCMap("ToUnicode", toUni)
		}
	}
	switch subtype {
	case "Type0":
		f.decodeComposite(v, toUni, read, quota)
	default:
		f.decodeSimple(v, subtype, toUni)
	}
	return f
}

// noteCMap records a CMap read only in part.
func (f *font) noteCMap(which string, cm *cmapData) {
	if cm.err != nil && f.damage == nil {
		f.damage = fmt.Errorf("font %s: its %s CMap %w", f.name, which, cm.err)
	}
}

// fontName returns a BaseFont name as UTF-8; Word writes Chinese font
// names as raw GBK bytes.
func fontName(n string) string { return textenc.Valid(n) }

// pdfName is a resource name (font, XObject) for a message: valid UTF-8,
// its GBK bytes decoded, any other byte written \xNN.
func pdfName(n string) string { return textenc.Valid(n) }

// readStream returns the decoded data of stream v: pdfraw's copy when it
// decoded the stream already, else the library's.
func (d *Document) readStream(v pdf.Value) ([]byte, error) { return d.streamData(v, false) }

// readPageStream is readStream for a page's content stream, which is
// usually read once: pdfraw's copy is released after use (a stream shared
// by several pages is then read again through the library, same bytes).
func (d *Document) readPageStream(v pdf.Value) ([]byte, error) { return d.streamData(v, true) }

func (d *Document) streamData(v pdf.Value, page bool) ([]byte, error) {
	num, gen, hasRef := pdfraw.Ref(v)
	id := pdfraw.ObjectID{Num: num, Gen: gen}
	if hasRef {
		if err, ok := d.damaged[id]; ok {
			d.noteDamage(page, num, err)
		}
		if data, ok := d.decoded[id]; ok {
			if page {
				delete(d.decoded, id)
			}
			return data, nil
		}
	}
	data, err := d.libraryStream(v)
	if err != nil && !page && !pdfraw.Stopped(err) {
		// Fonts read their CMaps and go on without them: the loss is
		// recorded here. (A page's own stream fails the page instead.)
		d.noteDamage(false, num, err)
	}
	return data, err
}

// noteDamage records on the page being read that a stream it uses lost
// data: its content stream (page) or another (a font's, a form's).
func (d *Document) noteDamage(page bool, num uint32, err error) {
	p := d.reading
	if p == nil {
		return
	}
	if page {
		p.Damage = append(p.Damage, fmt.Errorf("its content stream is damaged (%w)", err))
		return
	}
	p.Damage = append(p.Damage, fmt.Errorf("object %d it draws with (a font or form) is damaged (%w)", num, err))
}

// libraryStream decodes stream v through the library, charged to the
// quota as it is read (a filter chain the library decodes is bounded).
func (d *Document) libraryStream(v pdf.Value) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	rc := v.Reader()
	defer rc.Close()
	return d.opts.quota.ReadAll(rc, 0)
}

// readDescriptor sets ascent/descent from a FontDescriptor with poppler's
// sanity rules (GfxFont::readFontDescriptor), so that glyph boxes match
// pdftotext -bbox.
func (f *font) readDescriptor(fd pdf.Value, scale float64) {
	if fd.Kind() != pdf.Dict {
		return
	}
	if a := fd.Key("Ascent"); a.Kind() == pdf.Integer || a.Kind() == pdf.Real {
		t := math.Abs(a.Float64() * scale)
		if t != 0 && t < 3 {
			f.ascent = t
		}
	}
	if d := fd.Key("Descent"); d.Kind() == pdf.Integer || d.Kind() == pdf.Real {
		t := d.Float64() * scale
		if t > 0 {
			t = -t
		}
		if t != 0 && t > -3 {
			f.descent = t
		}
	}
}

func (f *font) decodeSimple(v pdf.Value, subtype string, toUni *cmapData) {
	scale, yUnit := 0.001, 0.001 // text space per glyph space unit, x and y
	var fm pdf.Value
	if subtype == "Type3" {
		if fm = v.Key("FontMatrix"); fm.Len() == 6 {
			if a := fm.Index(0).Float64(); a != 0 {
				scale = a
			}
			if d := fm.Index(3).Float64(); d != 0 {
				yUnit = math.Abs(d)
			}
		}
		f.yScale = yUnit / 0.001
	}
	fd := v.Key("FontDescriptor")
	f.readDescriptor(fd, yUnit)
	if subtype != "Type3" && fd.Key("FontFile").IsNull() && fd.Key("FontFile2").IsNull() && fd.Key("FontFile3").IsNull() {
		// Like poppler, do not trust the descriptor of a non-embedded font
		// that stands in for a base-14 font: use the base-14 metrics.
		if asc, desc, ok := base14Metrics(f.name); ok {
			f.ascent, f.descent = asc, desc
		}
	}
	if bb := v.Key("FontBBox"); subtype == "Type3" && bb.Len() == 4 && fm.Len() == 6 {
		// Type3 descriptors are optional and usually lack metrics: the
		// font's bounding box through the FontMatrix (whose y axis may
		// point down: Chromium) gives the em box. For Glyph.Size, a
		// FontMatrix of 0.001 means the usual 1000-unit em (Chromium,
		// Skia, cairo; their bounding boxes are not exactly one em, e.g.
		// 1.07); any other glyph space takes the box height as the em.
		d := fm.Index(3).Float64()
		a, b := bb.Index(1).Float64()*d, bb.Index(3).Float64()*d
		top, bottom := math.Max(a, b), math.Min(a, b)
		if math.Abs(yUnit-0.001) > 0.00001 && top-bottom > 0.1 && top-bottom < 3 {
			f.yScale = top - bottom
		}
		if fd.Key("Ascent").IsNull() {
			if top > 0 && top < 3 {
				f.ascent = top
			}
			if bottom < 0 && bottom > -3 {
				f.descent = bottom
			}
		}
	}

	// Widths.
	missing := v.Key("FontDescriptor").Key("MissingWidth").Float64() * scale
	for i := range f.simpleWidth {
		f.simpleWidth[i] = missing
	}
	first := int(v.Key("FirstChar").Int64())
	if w := v.Key("Widths"); w.Kind() == pdf.Array {
		for i := 0; i < w.Len(); i++ {
			c := first + i
			if c >= 0 && c < 256 {
				f.simpleWidth[c] = w.Index(i).Float64() * scale
			}
		}
	} else if missing == 0 {
		// Non-embedded standard font without /Widths: half an em is a
		// better guess for Latin text than zero.
		for i := range f.simpleWidth {
			f.simpleWidth[i] = 0.5
		}
	}

	// Text: base encoding, then /Differences, then ToUnicode (which wins).
	var runes [256]rune
	base := &standardEncoding
	if subtype == "TrueType" || subtype == "Type3" {
		base = &winAnsiEncoding
	}
	enc := v.Key("Encoding")
	var diffs pdf.Value
	switch enc.Kind() {
	case pdf.Name:
		if t := baseEncoding(enc.Name()); t != nil {
			base = t
		}
	case pdf.Dict:
		if t := baseEncoding(enc.Key("BaseEncoding").Name()); t != nil {
			base = t
		}
		diffs = enc.Key("Differences")
	}
	runes = *base
	var names [256]string
	if diffs.Kind() == pdf.Array {
		code := 0
		for i := 0; i < diffs.Len(); i++ {
			d := diffs.Index(i)
			switch d.Kind() {
			case pdf.Integer:
				code = int(d.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					names[code] = d.Name()
					runes[code] = noRune
				}
				code++
			}
		}
	}
	for c := 0; c < 256; c++ {
		var s string
		if names[c] != "" {
			if t, ok := glyphNameToRune(names[c]); ok {
				s = t
			}
		} else if r := runes[c]; r != noRune && r >= 0x20 {
			s = string(r)
		}
		if toUni != nil {
			if t, ok := toUni.uni[uint32(c)]; ok {
				s = t
			}
		}
		if s == "" {
			s = "\uFFFD"
		}
		f.simpleText[c] = normalizeGlyphText(s)
	}
}

func (f *font) decodeComposite(v pdf.Value, toUni *cmapData, read streamReader, quota *pdfraw.Quota) {
	f.composite = true
	desc := v.Key("DescendantFonts").Index(0)
	enc := v.Key("Encoding")
	f.spaces = []codespaceRange{{n: 2, lo: [4]byte{0, 0}, hi: [4]byte{0xFF, 0xFF}}}
	switch enc.Kind() {
	case pdf.Name:
		n := enc.Name()
		f.vertical = len(n) > 2 && n[len(n)-2:] == "-V"
		pre := lookupPredefinedCMap(n)
		f.spaces, f.codeText = pre.spaces, pre.text
		f.asciiCIDs = n != "Identity-H" && n != "Identity-V"
	case pdf.Stream:
		if data, err := read(enc); err == nil {
			cm := parseCMap(data, quota)
			f.noteCMap("Encoding", cm)
			if len(cm.spaces) > 0 {
				f.spaces = cm.spaces
			}
			f.encCMap = cm
		}
		f.vertical = enc.Key("WMode").Int64() == 1
	}
	if toUni != nil {
		f.uni = toUni.uni
	}
	f.readDescriptor(desc.Key("FontDescriptor"), 0.001)
	if dw2 := desc.Key("DW2"); dw2.Len() == 2 {
		f.vOrigin, f.vAdvance = dw2.Index(0).Float64()*0.001, dw2.Index(1).Float64()*0.001
	}
	if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64() * 0.001
	}
	w := desc.Key("W")
	n := w.Len()
	sets := 0
	set := func(cid int, width float64) {
		if cid < 0 || cid > 0xFFFF {
			return
		}
		sets++
		if cid >= len(f.cidWidths) {
			grown := make([]float32, cid+1, max(cid+1, 2*len(f.cidWidths)))
			copy(grown, f.cidWidths)
			for i := len(f.cidWidths); i < len(grown); i++ {
				grown[i] = float32(f.dw)
			}
			f.cidWidths = grown
		}
		f.cidWidths[cid] = float32(width * 0.001)
	}
	ranges := 0
	for i := 0; i < n; {
		first := w.Index(i)
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			c0 := int(first.Int64())
			for k := 0; k < next.Len(); k++ {
				set(c0+k, next.Index(k).Float64())
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		c0, c1 := int(first.Int64()), int(next.Int64())
		width := w.Index(i + 2).Float64()
		if c1-c0 <= 0xFFFF {
			for c := max(c0, 0); c <= min(c1, 0xFFFF); c++ {
				set(c, width)
			}
		}
		if sets > maxCMapCodes {
			// The same bound as a CMap's: a font has 65,536 CIDs at most.
			if f.damage == nil {
				f.damage = fmt.Errorf("font %s: its W array sets more than %d widths (a font has at most 65,536 glyphs); the rest was ignored", f.name, maxCMapCodes)
			}
			break
		}
		i += 3
		// A W array of a million ranges of 65,536 CIDs each is seconds
		// of work per thousand ranges: the context is read every 64.
		if ranges++; ranges%64 == 0 && quota != nil {
			if err := quota.Err(); err != nil {
				panic(err)
			}
		}
	}
	f.textCache = make(map[uint32]string)
	f.textRecent = new([256]recentText)
}

// cidOf maps a code of a composite font to its CID.
func (f *font) cidOf(code uint32) uint32 {
	if f.asciiCIDs {
		if code >= 0x20 && code <= 0x7E {
			return code - 31
		}
		return 0xFFFFFFFF // unknown CID: default width
	}
	if f.encCMap != nil {
		if c, ok := f.encCMap.lookupCID(code); ok {
			return c
		}
		if len(f.encCMap.cid) > 0 || len(f.encCMap.cidRng) > 0 {
			return 0
		}
	}
	return code
}

// widthOf returns the horizontal advance (text space units per unit font
// size) of a code.
func (f *font) widthOf(code uint32) float64 {
	if !f.composite {
		return f.simpleWidth[code&0xFF]
	}
	cid := f.cidOf(code)
	if int(cid) < len(f.cidWidths) {
		return float64(f.cidWidths[cid])
	}
	return f.dw
}

// textOf returns the normalized text of a code ("\uFFFD" when unknown).
func (f *font) textOf(code uint32) string {
	if !f.composite {
		return f.simpleText[code&0xFF]
	}
	slot := &f.textRecent[code&0xFF]
	if slot.ok && slot.code == code {
		return slot.text
	}
	if s, ok := f.textCache[code]; ok {
		*slot = recentText{code: code, text: s, ok: true}
		return s
	}
	s, ok := f.uni[code]
	if (!ok || s == "") && f.codeText != nil {
		s, ok = f.codeText(code, codeBytes(code)), true
	}
	if !ok || s == "" {
		s = "\uFFFD"
	}
	s = normalizeGlyphText(s)
	f.textCache[code] = s
	*slot = recentText{code: code, text: s, ok: true}
	return s
}

// recentText is one entry of font.textRecent.
type recentText struct {
	code uint32
	text string
	ok   bool
}

// nextCode splits the next code off s: its value and byte length.
func (f *font) nextCode(s []byte) (code uint32, n int) {
	if !f.composite {
		return uint32(s[0]), 1
	}
	n = codeLength(f.spaces, s)
	return codeValue(s[:n]), n
}

// base14Metrics returns the ascent and descent (em units) of the base-14
// font a non-embedded font name stands for, as poppler substitutes them.
func base14Metrics(name string) (ascent, descent float64, ok bool) {
	n := strings.ToLower(name)
	if i := strings.IndexByte(n, '+'); i == 6 {
		n = n[i+1:]
	}
	switch {
	case strings.Contains(n, "times"):
		return 0.683, -0.217, true
	case strings.Contains(n, "helvetica"), strings.Contains(n, "arial"):
		return 0.718, -0.207, true
	case strings.Contains(n, "courier"):
		return 0.629, -0.157, true
	case strings.Contains(n, "symbol"):
		return 1.010, -0.293, true
	case strings.Contains(n, "zapfdingbats"):
		return 0.820, -0.143, true
	}
	return 0, 0, false
}

// codeBytes is the byte length of a code value as split by nextCode (codes
// never have leading zero bytes except for one- and two-byte spaces, whose
// text functions do not depend on the length).
func codeBytes(code uint32) int {
	switch {
	case code > 0xFFFFFF:
		return 4
	case code > 0xFFFF:
		return 3
	case code > 0xFF:
		return 2
	}
	return 1
}
