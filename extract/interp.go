package extract

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/extract/pdfraw"
)

// maxFormDepth bounds nested form XObjects (a guard against reference
// cycles and pathological nesting).
const maxFormDepth = 12

// gstate is the part of the PDF graphics state that affects glyph
// positions and ruling lines; q/Q save and restore it.
type gstate struct {
	ctm matrix

	font                   *font
	size                   float64 // Tf operand
	charSpace, wordSpace   float64 // Tc, Tw
	hScale                 float64 // Tz / 100
	leading, rise          float64 // TL, Ts
	lineWidth              float64
	strokeWhite, fillWhite bool
}

// resources is a resource dictionary with the lookups of one content
// stream memoized (ledongthuc/pdf re-reads an object on every Key).
type resources struct {
	fontDict, xobjDict pdf.Value
	fonts              map[string]*font
	xobjs              map[string]xobject
}

type xobject struct {
	kind string // "Form", "Image" or ""
	v    pdf.Value
	ref  objRef
	has  bool // ref is valid
}

func newResources(res pdf.Value) *resources {
	return &resources{
		fontDict: res.Key("Font"),
		xobjDict: res.Key("XObject"),
		fonts:    make(map[string]*font),
		xobjs:    make(map[string]xobject),
	}
}

// interp interprets the content streams of one page.
type interp struct {
	doc  *Document
	page *Page

	gs    gstate
	stack []gstate
	tm    matrix // text matrix
	tlm   matrix // text line matrix

	path   pathBuilder
	fontID map[*font]int

	formDepth  int
	activeForm map[objRef]bool
	stackFloor int // Q never pops below the state saved by an enclosing form

	// ops counts operators to the next checkpoint; charged counts the
	// glyphs and lines already charged to the quota.
	ops                         int
	chargedGlyphs, chargedLines int
}

func newInterp(doc *Document, page *Page, base matrix) *interp {
	return &interp{
		doc:        doc,
		page:       page,
		gs:         gstate{ctm: base, hScale: 1, lineWidth: 1},
		tm:         identity,
		tlm:        identity,
		fontID:     make(map[*font]int),
		activeForm: make(map[objRef]bool),
	}
}

func num(args []operand, i int) float64 {
	if i >= 0 && i < len(args) && args[i].kind == opNumber {
		return args[i].num
	}
	return 0
}

// numbers reports whether args ends with n numbers and returns them.
func numbers(args []operand, n int) ([]operand, bool) {
	if len(args) < n {
		return nil, false
	}
	a := args[len(args)-n:]
	for _, o := range a {
		if o.kind != opNumber {
			return nil, false
		}
	}
	return a, true
}

func matrixArgs(args []operand) (matrix, bool) {
	a, ok := numbers(args, 6)
	if !ok {
		return matrix{}, false
	}
	return matrix{a[0].num, a[1].num, a[2].num, a[3].num, a[4].num, a[5].num}, true
}

// run interprets one content stream with its resources.
func (in *interp) run(data []byte, res *resources) {
	lx := in.doc.takeLexer(data)
	defer in.doc.returnLexer(lx)
	for {
		op, ok := lx.next()
		if !ok {
			switch {
			case lx.err != nil: // the stream was cut short: say why, not the open arrays it left
				in.page.Damage = append(in.page.Damage, fmt.Errorf("its content stream is damaged or hostile: %w", lx.err))
			case lx.damage != "":
				in.page.Damage = append(in.page.Damage, fmt.Errorf("its content stream is damaged (%s): some of its text was lost", lx.damage))
			}
			return
		}
		if in.ops++; in.ops == checkpointOps {
			in.checkpoint()
		}
		args := lx.operands
		switch string(op) {
		// Graphics state.
		case "q":
			in.stack = append(in.stack, in.gs)
		case "Q":
			// Tolerate unbalanced Q: some producers emit more Q than q.
			if n := len(in.stack); n > in.stackFloor {
				in.gs = in.stack[n-1]
				in.stack = in.stack[:n-1]
			}
		case "cm":
			if m, ok := matrixArgs(args); ok {
				in.gs.ctm = m.mul(in.gs.ctm)
			}
		case "w":
			if a, ok := numbers(args, 1); ok {
				in.gs.lineWidth = a[0].num
			}
		case "G", "g", "RG", "rg", "K", "k", "SC", "sc", "SCN", "scn":
			in.setColor(string(op), args)
		case "CS", "cs":
			if op[0] == 'C' {
				in.gs.strokeWhite = false
			} else {
				in.gs.fillWhite = false
			}

		// Text objects and state.
		case "BT":
			in.tm, in.tlm = identity, identity
		case "ET":
		case "Tm":
			if m, ok := matrixArgs(args); ok {
				in.tm, in.tlm = m, m
			}
		case "Td":
			if a, ok := numbers(args, 2); ok {
				in.moveLine(a[0].num, a[1].num)
			}
		case "TD":
			if a, ok := numbers(args, 2); ok {
				in.gs.leading = -a[1].num
				in.moveLine(a[0].num, a[1].num)
			}
		case "T*":
			in.moveLine(0, -in.gs.leading)
		case "TL":
			in.gs.leading = num(args, len(args)-1)
		case "Tc":
			in.gs.charSpace = num(args, len(args)-1)
		case "Tw":
			in.gs.wordSpace = num(args, len(args)-1)
		case "Tz":
			in.gs.hScale = num(args, len(args)-1) / 100
		case "Ts":
			in.gs.rise = num(args, len(args)-1)
		case "Tf":
			if len(args) >= 2 && args[len(args)-2].kind == opName {
				in.gs.font = in.lookupFont(res, lx.bytesOf(&args[len(args)-2]))
				in.gs.size = args[len(args)-1].num
			}
		case "Tj":
			if len(args) > 0 && args[len(args)-1].kind == opString {
				in.show(lx.bytesOf(&args[len(args)-1]))
			}
		case "'":
			in.moveLine(0, -in.gs.leading)
			if len(args) > 0 && args[len(args)-1].kind == opString {
				in.show(lx.bytesOf(&args[len(args)-1]))
			}
		case "\"":
			if len(args) >= 3 {
				in.gs.wordSpace = num(args, len(args)-3)
				in.gs.charSpace = num(args, len(args)-2)
			}
			in.moveLine(0, -in.gs.leading)
			if len(args) > 0 && args[len(args)-1].kind == opString {
				in.show(lx.bytesOf(&args[len(args)-1]))
			}
		case "TJ":
			if len(args) > 0 && args[len(args)-1].kind == opArray {
				arr := lx.arrayOf(&args[len(args)-1])
				for i := range arr {
					e := &arr[i]
					switch e.kind {
					case opString:
						in.show(lx.bytesOf(e))
					case opNumber:
						in.kern(e.num)
					}
				}
			}

		// XObjects and inline images.
		case "Do":
			if len(args) > 0 && args[len(args)-1].kind == opName {
				in.doXObject(res, lx.bytesOf(&args[len(args)-1]))
			}
		case "ID":
			lx.skipInlineImage()
			in.page.Images++

		// Paths.
		case "m":
			if a, ok := numbers(args, 2); ok {
				in.path.moveTo(in.gs.ctm.apply(a[0].num, a[1].num))
			}
		case "l":
			if a, ok := numbers(args, 2); ok {
				in.path.lineTo(in.gs.ctm.apply(a[0].num, a[1].num))
			}
		case "c":
			if a, ok := numbers(args, 6); ok {
				in.path.curveTo(in.gs.ctm.apply(a[4].num, a[5].num))
			}
		case "v", "y":
			if a, ok := numbers(args, 4); ok {
				in.path.curveTo(in.gs.ctm.apply(a[2].num, a[3].num))
			}
		case "h":
			in.path.closePath()
		case "re":
			if a, ok := numbers(args, 4); ok {
				x, y, w, h := a[0].num, a[1].num, a[2].num, a[3].num
				m := in.gs.ctm
				in.path.moveTo(m.apply(x, y))
				in.path.lineTo(m.apply(x+w, y))
				in.path.lineTo(m.apply(x+w, y+h))
				in.path.lineTo(m.apply(x, y+h))
				in.path.closePath()
			}
		case "W", "W*":
			// Clipping: the usual "W n" discards the path at n; a path that
			// is also painted (W S, W f) counts as painted.
		case "n":
			in.path.reset()
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			in.paint(string(op))
		}
	}
}

// checkpointOps is how many operators run between two checkpoints: a few
// microseconds of work, so cancellation is prompt and costs nothing.
const checkpointOps = 1024

// checkpoint charges the glyphs and lines drawn since the last one to the
// quota and stops the page (a panic Page recovers into its error) when
// the quota is spent or its context done: a content stream can draw far
// more than its own size (a form drawn many times, a loop of text).
func (in *interp) checkpoint() {
	in.ops = 0
	g, l := len(in.page.Glyphs), len(in.page.Lines)
	cost := int64(g-in.chargedGlyphs)*int64(unsafe.Sizeof(Glyph{})) + int64(l-in.chargedLines)*int64(unsafe.Sizeof(Segment{}))
	in.chargedGlyphs, in.chargedLines = g, l
	if err := in.doc.opts.quota.Charge(cost); err != nil {
		panic(err)
	}
}

func (in *interp) moveLine(tx, ty float64) {
	in.tlm.translateBy(tx, ty)
	in.tm = in.tlm
}

func (in *interp) kern(adj float64) {
	gs := &in.gs
	d := -adj / 1000 * gs.size
	if gs.font != nil && gs.font.vertical {
		in.tm.translateBy(0, d)
		return
	}
	in.tm.translateBy(d*gs.hScale, 0)
}

func (in *interp) setColor(op string, args []operand) {
	stroke := op[0] >= 'A' && op[0] <= 'Z'
	var white bool
	switch op {
	case "G", "g":
		white = num(args, len(args)-1) >= 0.999
	case "RG", "rg":
		a, ok := numbers(args, 3)
		white = ok && a[0].num >= 0.999 && a[1].num >= 0.999 && a[2].num >= 0.999
	case "K", "k":
		a, ok := numbers(args, 4)
		white = ok && a[0].num <= 0.001 && a[1].num <= 0.001 && a[2].num <= 0.001 && a[3].num <= 0.001
	default: // SC/sc/SCN/scn: guess the colour space from the operand count
		n := 0
		for _, o := range args {
			if o.kind == opNumber {
				n++
			}
		}
		switch {
		case n == 1:
			white = args[0].num >= 0.999
		case n == 3:
			white = args[0].num >= 0.999 && args[1].num >= 0.999 && args[2].num >= 0.999
		case n == 4:
			white = args[0].num <= 0.001 && args[1].num <= 0.001 && args[2].num <= 0.001 && args[3].num <= 0.001
		}
	}
	if stroke {
		in.gs.strokeWhite = white
	} else {
		in.gs.fillWhite = white
	}
}

// lookupFont resolves a font resource name, decoding each font object
// once per document.
func (in *interp) lookupFont(res *resources, name []byte) *font {
	if f, ok := res.fonts[string(name)]; ok {
		return f
	}
	key := string(name)
	defer func() {
		// A font the library cannot read fails the page, naming the font:
		// dropping its glyphs silently would lose printed numbers. A
		// quota or context error passes as it is, for the caller to stop.
		if r := recover(); r != nil {
			if err, ok := r.(error); ok && pdfraw.Stopped(err) {
				panic(err)
			}
			panic(fmt.Errorf("font /%s: %w", pdfName(key), panicError(r)))
		}
	}()
	var f *font
	if ref, ok := entryRef(res.fontDict, key); ok {
		f = in.doc.fontByRef(ref, func() pdf.Value { return res.fontDict.Key(key) })
	} else if v := res.fontDict.Key(key); v.Kind() == pdf.Dict {
		f = decodeFont(v, in.doc.readStream, in.doc.opts.quota)
	}
	if f == nil {
		// Its text is lost: a page drawn with it is incomplete.
		in.page.Damage = append(in.page.Damage, fmt.Errorf("font /%s is missing from the file or unreadable, its text was skipped", pdfName(key)))
	} else if f.damage != nil {
		in.page.Damage = append(in.page.Damage, f.damage)
	}
	res.fonts[key] = f
	return f
}

func (in *interp) fontIndex(f *font) int {
	if id, ok := in.fontID[f]; ok {
		return id
	}
	id := len(in.page.Fonts)
	in.page.Fonts = append(in.page.Fonts, f.name)
	in.fontID[f] = id
	return id
}

// show draws the glyphs of one string operand.
func (in *interp) show(s []byte) {
	gs := &in.gs
	f := gs.font
	if f == nil {
		return
	}
	fid := in.fontIndex(f)
	for len(s) > 0 {
		code, n := f.nextCode(s)
		s = s[n:]
		// The glyph box spans the glyph's own width; character and word
		// spacing move the pen but are not part of the box (as poppler).
		width := f.widthOf(code) * gs.size
		spacing := gs.charSpace
		if n == 1 && code == 32 {
			spacing += gs.wordSpace
		}
		if f.vertical {
			// Vertical writing: the glyph hangs below the pen, centred on
			// it (position vector (w0/2, DW2[0])); the pen moves down by
			// DW2[1] (negative) plus spacing.
			vy := f.vOrigin * gs.size
			in.emitGlyph(f, fid, code, textBox{
				x0: -width / 2, x1: width / 2,
				y0: -vy + f.descent*gs.size, y1: -vy + f.ascent*gs.size,
				dirY: -1, adv: -f.vAdvance * gs.size,
			})
			in.tm.translateBy(0, f.vAdvance*gs.size-spacing)
			continue
		}
		w := width * gs.hScale
		in.emitGlyph(f, fid, code, textBox{
			x1: w, y0: f.descent * gs.size, y1: f.ascent * gs.size, dirX: 1, adv: w,
		})
		in.tm.translateBy((width+spacing)*gs.hScale, 0)
	}
}

// textBox is a glyph's box in text space relative to the pen (before the
// rise), with the writing direction and the advance along it.
type textBox struct {
	x0, x1, y0, y1 float64
	dirX, dirY     float64
	adv            float64
}

// emitGlyph appends the glyph drawn at the current text position.
func (in *interp) emitGlyph(f *font, fid int, code uint32, b textBox) {
	text := f.textOf(code)
	if text == "\uFFFD" {
		in.page.Replacement++
		return
	}
	if isBlank(text) {
		return
	}
	gs := &in.gs
	m := in.tm.mul(gs.ctm)
	r := gs.rise
	ox, oy := m.apply(0, r)
	x0, y0 := m.apply(b.x0, b.y1+r)
	x1, y1 := m.apply(b.x1, b.y0+r)
	x2, y2 := m.apply(b.x1, b.y1+r)
	x3, y3 := m.apply(b.x0, b.y0+r)
	g := Glyph{
		Text: text,
		X0:   fmin(fmin(x0, x1), fmin(x2, x3)),
		X1:   fmax(fmax(x0, x1), fmax(x2, x3)),
		Y0:   fmin(fmin(y0, y1), fmin(y2, y3)),
		Y1:   fmax(fmax(y0, y1), fmax(y2, y3)),
		Size: math.Abs(gs.size) * f.yScale * math.Hypot(m[2], m[3]),
	}
	// Direction of writing on the page (y is down).
	dx, dy := m[0]*b.dirX+m[2]*b.dirY, m[1]*b.dirX+m[3]*b.dirY
	switch {
	case math.Abs(dx) >= math.Abs(dy) && dx >= 0:
		g.Rotation, g.Baseline = 0, oy
	case math.Abs(dx) >= math.Abs(dy):
		g.Rotation, g.Baseline = 180, oy
	case dy > 0:
		g.Rotation, g.Baseline = 90, ox
	default:
		g.Rotation, g.Baseline = 270, ox
	}
	if g.Rotation == 0 && b.dirX == 1 {
		g.X0 = ox // keep the origin exact, even with negative advances
		g.X1 = ox + (x2 - x0)
		if g.X1 < g.X0 {
			g.X0, g.X1 = g.X1, g.X0
		}
	}
	// Drop glyphs whose origin lies outside the visible page, with
	// poppler's rule (TextPage::addChar): producers park overflow text
	// (continued on the next page) just below the page edge.
	p := in.page
	ax, ay := dx*b.adv, dy*b.adv
	if ox+ax < 0 && ox < 0 || ox > p.Width && ox+ax > p.Width || oy+ay < 0 && oy < 0 || oy > p.Height && oy+ay > p.Height {
		return
	}
	g.FontID = fid
	p.Glyphs = append(p.Glyphs, g)
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			return false
		}
	}
	return true
}

// doXObject draws an XObject: forms are interpreted, images counted.
func (in *interp) doXObject(res *resources, name []byte) {
	xo, ok := res.xobjs[string(name)]
	if !ok {
		key := string(name)
		xo.ref, xo.has = entryRef(res.xobjDict, key)
		xo.v = res.xobjDict.Key(key)
		xo.kind = xo.v.Key("Subtype").Name()
		res.xobjs[key] = xo
		if xo.v.IsNull() {
			in.page.Damage = append(in.page.Damage, fmt.Errorf("XObject /%s is missing from the file", pdfName(key)))
		}
	}
	switch xo.kind {
	case "Image":
		in.page.Images++
		// Kept for OCR (Document.PageImages): the stream and where it is
		// drawn, nothing decoded.
		in.page.imageDraws = append(in.page.imageDraws, imageDraw{v: xo.v, ctm: in.gs.ctm})
	case "Form":
		if in.formDepth >= maxFormDepth || (xo.has && in.activeForm[xo.ref]) {
			return
		}
		data, err := in.doc.readStream(xo.v)
		if err != nil {
			// Fail the page (Page recovers and names it): a form may hold
			// the whole table, and losing it silently would lose numbers.
			panic(fmt.Errorf("form XObject /%s: %w", pdfName(string(name)), err))
		}
		formRes := res
		if r := xo.v.Key("Resources"); r.Kind() == pdf.Dict {
			formRes = newResources(r)
		}
		saved, savedStack, savedFloor, tm, tlm := in.gs, len(in.stack), in.stackFloor, in.tm, in.tlm
		in.stackFloor = savedStack
		if m, ok := valueMatrix(xo.v.Key("Matrix")); ok {
			in.gs.ctm = m.mul(in.gs.ctm)
		}
		in.formDepth++
		if xo.has {
			in.activeForm[xo.ref] = true
		}
		in.path.reset()
		in.run(data, formRes)
		in.path.reset()
		if xo.has {
			delete(in.activeForm, xo.ref)
		}
		in.formDepth--
		in.gs, in.stack, in.stackFloor, in.tm, in.tlm = saved, in.stack[:savedStack], savedFloor, tm, tlm
	}
}

func valueMatrix(v pdf.Value) (matrix, bool) {
	if v.Kind() != pdf.Array || v.Len() != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range m {
		m[i] = v.Index(i).Float64()
	}
	return m, true
}
