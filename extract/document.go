package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/extract/pdfraw"
)

// Conventions of the text layer (see also page.go):
//
//   - Page space: points, origin at the top-left of the visible page (the
//     CropBox clipped to the MediaBox), after the page's /Rotate, y down —
//     the space of pdftotext -bbox.
//   - Glyph boxes follow poppler's TextOutputDev so that they line up with
//     pdftotext -bbox (checked within 0.5 pt by TestGlyphsMatchPdftotext):
//     X0 is the glyph origin and X1 = X0 + the glyph's width (character and
//     word spacing move the pen but are not part of the box); Y0/Y1 are the
//     baseline minus ascent and minus descent, with ascent/descent from the
//     FontDescriptor (defaults 0.95/-0.35 em, poppler's), base-14 metrics
//     for non-embedded standard fonts, and FontBBox×FontMatrix for Type3.
//     For rotated writing (Glyph.Rotation ≠ 0) the box is the axis-aligned
//     box of the rotated em box and Baseline is the baseline's x.
//   - Glyphs whose text is only white space are not emitted (gaps carry
//     the spacing), nor glyphs entirely outside the page. Glyphs without a
//     Unicode mapping are dropped and counted in Page.Replacement.
//   - Lines are every horizontal/vertical stroked segment and the centre
//     line of thin (≤ 2 pt) filled axis-aligned shapes; white strokes and
//     fills, clipping paths, paths with curves and large fills are ignored;
//     segments are clipped to the page, never merged.

// Document is an opened PDF. A Document is not safe for concurrent use:
// fonts are decoded lazily into a shared cache, so use one goroutine per
// document (different documents may be processed in parallel).
type Document struct {
	reader *pdf.Reader
	pages  []pageNode // page objects in order, resolved once
	info   Info

	prepared pdfraw.Info // what pdfraw.Prepare did (repair, decryption)
	// Streams pdfraw already inflated while checking the file, by object:
	// read from here instead of inflating them again through the library.
	decoded  map[pdfraw.ObjectID][]byte
	fonts    map[objRef]*font
	warnings []error
	// glyphSlab holds the glyphs of the pages read so far, each page's a
	// capped window of it, and the page being read appends into its free
	// tail: one allocation for many pages and no copying. (Growing a fresh
	// slice per page allocated about twice the glyphs kept; collecting into
	// a scratch buffer and copying out cost a copy of every glyph.)
	glyphSlab []Glyph
	// lastGlyphs is the glyph count of the last page read without error,
	// maxGlyphs the largest; pagesRead and glyphsRead count those pages
	// and their glyphs.
	lastGlyphs, maxGlyphs int
	pagesRead, glyphsRead int
	lexers                []*contentLexer // idle lexers, for their buffers

	// reading is the page being read, to which damage met while reading
	// its streams is attributed.
	reading *Page
	// damaged is what pdfraw.Prepare found damaged, by object.
	damaged map[pdfraw.ObjectID]error
	damage  []error // data lost outside any page (see Damage)

	opts options

	// raw is the prepared file the reader reads: image streams are read
	// from it undecoded (PageImages).
	raw []byte
}

// Info is document metadata.
type Info struct{ Producer, Creator, Title string }

// Option configures Load and Open.
type Option func(*options)

type options struct {
	maxWarnings int
	quota       *pdfraw.Quota
	prepare     []pdfraw.Option
}

// WithQuota charges everything the document decodes and builds (streams,
// pages, glyphs) to b, and stops the work with b's error once b is spent
// or its context done: Load fails, Page returns the error. Default: a
// fresh pdfraw.DefaultQuota without deadline.
func WithQuota(b *pdfraw.Quota) Option { return func(o *options) { o.quota = b } }

func (o *options) defaults() {
	if o.quota == nil {
		o.quota = pdfraw.NewQuota(context.Background(), pdfraw.DefaultQuota)
	}
}

// WithPrepareOptions passes options to pdfraw.Prepare.
func WithPrepareOptions(opts ...pdfraw.Option) Option {
	return func(o *options) { o.prepare = append(o.prepare, opts...) }
}

// WithMaxWarnings bounds the number of non-fatal problems (a broken form
// XObject, an unreadable font) kept for Warnings. Default 100.
func WithMaxWarnings(n int) Option { return func(o *options) { o.maxWarnings = n } }

// ErrNoPages is returned when a PDF has no page tree.
var ErrNoPages = errors.New("no pages")

// Open reads and loads the PDF file at path.
func Open(path string, opts ...Option) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open pdf: %w", err)
	}
	d, err := Load(data, opts...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

// Load opens a PDF held in memory. The data is first passed through
// pdfraw.Prepare (repair, decryption).
func Load(data []byte, opts ...Option) (doc *Document, err error) {
	o := options{maxWarnings: 100}
	for _, opt := range opts {
		opt(&o)
	}
	o.defaults()
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("load pdf: %w", panicError(r))
		}
	}()
	// Reuse what Prepare computed anyway: the inflated streams and the
	// library's reader over the prepared bytes.
	var (
		decoded map[pdfraw.ObjectID][]byte
		rd      *pdf.Reader
	)
	reuse := []pdfraw.Option{
		pdfraw.WithDecodedStreams(func(m map[pdfraw.ObjectID][]byte) { decoded = m }),
		pdfraw.WithLibraryReader(func(r *pdf.Reader) { rd = r }),
		pdfraw.WithQuota(o.quota),
	}
	prepared, prepInfo, err := pdfraw.Prepare(data, append(reuse, o.prepare...)...)
	if err != nil {
		return nil, fmt.Errorf("prepare pdf: %w", err)
	}
	if rd == nil {
		if rd, err = pdf.NewReader(bytes.NewReader(prepared), int64(len(prepared))); err != nil {
			return nil, fmt.Errorf("read pdf: %w", err)
		}
	}
	doc, err = newDocument(rd, o)
	if err != nil {
		if errors.Is(err, ErrNoPages) && len(prepInfo.Warnings) > 0 {
			// Why the page tree is empty is in what pdfraw could not read
			// (an object nested past the limit, a broken reference).
			err = fmt.Errorf("%w (%s)", err, strings.Join(prepInfo.Warnings[:min(3, len(prepInfo.Warnings))], "; "))
		}
		return nil, err
	}
	doc.prepared, doc.decoded, doc.damaged, doc.raw = prepInfo, decoded, prepInfo.Damaged, prepared
	for _, w := range prepInfo.Warnings {
		doc.warn(fmt.Errorf("pdfraw: %s", w))
	}
	return doc, nil
}

// newDocument reads the page tree and metadata of a prepared PDF.
func newDocument(rd *pdf.Reader, o options) (*Document, error) {
	o.defaults()
	doc := &Document{reader: rd, fonts: make(map[objRef]*font), opts: o}
	root := rd.Trailer().Key("Root")
	w := pageWalk{seen: map[objRef]bool{}}
	if err := doc.collectPages(root.Key("Pages"), pageNode{}, 0, &w, objRef{}); err != nil {
		return nil, err
	}
	if w.missing > 0 {
		doc.damage = append(doc.damage, fmt.Errorf("the page tree lists %d pages or groups of pages that are missing from the file", w.missing))
	}
	if w.repeated > 0 {
		doc.warn(fmt.Errorf("the page tree lists %d pages or page-tree nodes more than once (a loop or repeats); each was read once", w.repeated))
	}
	if len(doc.pages) == 0 {
		return nil, ErrNoPages
	}
	info := rd.Trailer().Key("Info")
	doc.info = Info{
		Producer: decodeInfoText(info.Key("Producer").RawString()),
		Creator:  decodeInfoText(info.Key("Creator").RawString()),
		Title:    decodeInfoText(info.Key("Title").RawString()),
	}
	return doc, nil
}

// pageNode is a page object with its inheritable attributes resolved.
type pageNode struct {
	v                                    pdf.Value
	resources, mediaBox, cropBox, rotate pdf.Value
}

// pageWalk is the state of one walk of the page tree: the nodes met, so
// that a node listed twice (a loop back to an ancestor, or one page
// listed many times in /Kids) is read once.
type pageWalk struct {
	seen     map[objRef]bool
	repeated int
	missing  int // kids that refer to objects absent from the file
}

// pageCost is what one page of the page tree is charged to the quota
// before it is read: its node, and a share of the tables built from it.
const pageCost = 4 << 10

// collectPages walks the page tree once, passing inheritable attributes
// down (ledongthuc/pdf's Reader.Page walks the tree from the root for
// every call, and each Key("Parent") re-parses the parent node). A node
// already met is skipped; each page is charged to the quota.
func (d *Document) collectPages(node pdf.Value, inh pageNode, depth int, w *pageWalk, parent objRef) error {
	if depth > 64 || node.Kind() != pdf.Dict {
		return nil
	}
	id := parent
	if num, gen, ok := pdfraw.Ref(node); ok && (objRef{num, gen}) != parent {
		// A node written inline in its parent's /Kids reports the parent's
		// object: only a node that is an object of its own is keyed.
		id = objRef{num, gen}
		w.seen[id] = true
	}
	for _, a := range []struct {
		key string
		dst *pdf.Value
	}{{"Resources", &inh.resources}, {"MediaBox", &inh.mediaBox}, {"CropBox", &inh.cropBox}, {"Rotate", &inh.rotate}} {
		if v := node.Key(a.key); !v.IsNull() {
			*a.dst = v
		}
	}
	kids := node.Key("Kids")
	if node.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && !node.Key("Contents").IsNull()) {
		if err := d.opts.quota.Charge(pageCost); err != nil {
			return err
		}
		inh.v = node
		d.pages = append(d.pages, inh)
		return nil
	}
	for i := 0; i < kids.Len(); i++ {
		if r, ok := elemRef(kids, i); ok && w.seen[r] {
			w.repeated++
			continue
		}
		kid := kids.Index(i)
		if kid.IsNull() {
			w.missing++
			continue
		}
		if err := d.collectPages(kid, inh, depth+1, w, id); err != nil {
			return err
		}
	}
	return nil
}

// NumPages returns the page count.
func (d *Document) NumPages() int { return len(d.pages) }

// Info returns the document information dictionary.
func (d *Document) Info() Info { return d.info }

// Prepared reports what pdfraw.Prepare did to the file before parsing.
func (d *Document) Prepared() pdfraw.Info { return d.prepared }

// Damage lists data lost outside any one page: pages missing from the
// page tree. (Page.Damage lists a page's own.)
func (d *Document) Damage() []error { return d.damage }

// Warnings returns non-fatal problems met so far (capped).
func (d *Document) Warnings() []error { return d.warnings }

func (d *Document) warn(err error) {
	if len(d.warnings) < d.opts.maxWarnings {
		d.warnings = append(d.warnings, err)
	}
}

// fontByRef returns the decoded font object ref, decoding it on first use.
func (d *Document) fontByRef(ref objRef, resolve func() pdf.Value) *font {
	if f, ok := d.fonts[ref]; ok {
		return f
	}
	var f *font
	if v := resolve(); v.Kind() == pdf.Dict {
		f = decodeFont(v, d.readStream, d.opts.quota)
	}
	d.fonts[ref] = f
	return f
}

// Page returns the text layer of 1-based page n. Once the document's
// quota is spent or its context done, it returns that error (test it
// with pdfraw.Stopped): the caller should stop reading pages.
func (d *Document) Page(n int) (page *Page, err error) {
	if n < 1 || n > len(d.pages) {
		return nil, fmt.Errorf("page %d: out of range 1..%d", n, len(d.pages))
	}
	if err := d.opts.quota.Err(); err != nil {
		return nil, err
	}
	defer func() {
		d.reading = nil
		if r := recover(); r != nil {
			page, err = nil, fmt.Errorf("page %d: %w", n, panicError(r))
		}
	}()
	pn := d.pages[n-1]
	page = &Page{Number: n}
	d.reading = page

	box := rectOf(pn.mediaBox)
	if box == nil {
		box = []float64{0, 0, 612, 792}
	}
	if crop := rectOf(pn.cropBox); crop != nil {
		// poppler clips the crop box to the media box.
		x0, y0 := math.Max(crop[0], box[0]), math.Max(crop[1], box[1])
		x1, y1 := math.Min(crop[2], box[2]), math.Min(crop[3], box[3])
		if x1 > x0 && y1 > y0 {
			box = []float64{x0, y0, x1, y1}
		}
	}
	rot := int(math.Round(pn.rotate.Float64())) % 360
	if rot < 0 {
		rot += 360
	}
	rot = rot / 90 * 90
	page.Rotate = rot
	page.Width, page.Height = box[2]-box[0], box[3]-box[1]
	if rot == 90 || rot == 270 {
		page.Width, page.Height = page.Height, page.Width
	}

	contents := pn.v.Key("Contents")
	if _, isRef := entryRef(pn.v, "Contents"); isRef && contents.IsNull() {
		page.Damage = append(page.Damage, errors.New("its content stream is missing from the file"))
	}
	content, err := d.pageContent(contents)
	if err != nil {
		return nil, fmt.Errorf("page %d: content stream: %w", n, err)
	}
	free := d.freeGlyphs()
	page.Glyphs = free
	in := newInterp(d, page, pageMatrix(box[0], box[1], box[2], box[3], rot))
	in.run(content, newResources(pn.resources))
	page.Glyphs = d.keepGlyphs(page.Glyphs, free)
	return page, nil
}

// freeGlyphs returns the slab's free tail, empty, for the next page to
// append its glyphs to. A new slab is sized for the pages not yet read at
// the average so far, plus an eighth: the glyphs are allocated (and
// zeroed) about once, in a few allocations. The first page, with nothing
// to go by, grows its own slice.
func (d *Document) freeGlyphs() []Glyph {
	if d.pagesRead == 0 {
		return nil
	}
	avg := d.glyphsRead / d.pagesRead
	if cap(d.glyphSlab)-len(d.glyphSlab) > avg {
		return d.glyphSlab[len(d.glyphSlab):]
	}
	left := max(len(d.pages)-d.pagesRead, 1)
	n := min(avg*left+avg*left/8, maxSlabGlyphs)
	d.glyphSlab = make([]Glyph, 0, max(n, d.maxGlyphs, 64))
	return d.glyphSlab
}

// maxSlabGlyphs bounds one slab (5 MB): a long document gets several.
const maxSlabGlyphs = 64 << 10

// keepGlyphs gives a page its glyphs g, collected by appending to free:
// within the slab (capped, so nothing appended later overwrites the next
// page), or, when the page outgrew the free room, a copy of exactly its
// size. A page without glyphs gets what it got when its slice was sized
// from the previous page: nil when no page with glyphs came just before
// it, else an empty slice.
func (d *Document) keepGlyphs(g, free []Glyph) []Glyph {
	prev := d.lastGlyphs
	d.lastGlyphs = len(g)
	d.maxGlyphs = max(d.maxGlyphs, len(g))
	d.pagesRead++
	d.glyphsRead += len(g)
	if len(g) == 0 {
		if prev == 0 {
			return nil
		}
		return []Glyph{}
	}
	if cap(g) != cap(free) || free == nil { // append moved the page out of the slab
		return append(make([]Glyph, 0, len(g)), g...)
	}
	d.glyphSlab = d.glyphSlab[:len(d.glyphSlab)+len(g)]
	return g[:len(g):len(g)]
}

// rectOf returns a normalized rectangle [x0 y0 x1 y1] or nil.
func rectOf(v pdf.Value) []float64 {
	if v.Kind() != pdf.Array || v.Len() != 4 {
		return nil
	}
	r := []float64{v.Index(0).Float64(), v.Index(1).Float64(), v.Index(2).Float64(), v.Index(3).Float64()}
	if r[0] > r[2] {
		r[0], r[2] = r[2], r[0]
	}
	if r[1] > r[3] {
		r[1], r[3] = r[3], r[1]
	}
	if r[2]-r[0] < 1 || r[3]-r[1] < 1 {
		return nil
	}
	return r
}

// pageContent returns the decoded content of a page: one stream or an
// array of streams joined by newlines (an operator may not span streams,
// but a token must not merge across them).
func (d *Document) pageContent(v pdf.Value) ([]byte, error) {
	switch v.Kind() {
	case pdf.Stream:
		return d.readPageStream(v)
	case pdf.Array:
		var buf bytes.Buffer
		for i := 0; i < v.Len(); i++ {
			part := v.Index(i)
			if part.IsNull() {
				d.reading.Damage = append(d.reading.Damage, fmt.Errorf("part %d of %d of its content stream is missing from the file", i+1, v.Len()))
				continue
			}
			data, err := d.readPageStream(part)
			if err != nil {
				return nil, fmt.Errorf("stream %d of %d: %w", i+1, v.Len(), err)
			}
			if err := d.opts.quota.Charge(int64(len(data) + 1)); err != nil {
				return nil, err
			}
			buf.Write(data)
			buf.WriteByte('\n')
		}
		return buf.Bytes(), nil
	case pdf.Null:
		return nil, nil // blank page
	}
	return nil, fmt.Errorf("unexpected /Contents of kind %v", v.Kind())
}

// panicError turns a recovered panic value into an error; runtime errors
// keep their stack position in the message for diagnosis.
func panicError(r any) error {
	switch e := r.(type) {
	case runtime.Error:
		return fmt.Errorf("internal error: %v", e)
	case error:
		return e
	case string:
		if e == "" {
			return io.ErrUnexpectedEOF
		}
		return errors.New(e)
	}
	return fmt.Errorf("%v", r)
}
