package pdfraw

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/ledongthuc/pdf"
)

// Prepare returns a PDF whose text layer (see the package comment)
// github.com/ledongthuc/pdf opens and reads completely: data itself when
// the library already can (Info.Rewritten false), otherwise a repaired,
// decrypted, filter-decoded rewrite of the objects reachable from the
// trailer, without the tag tree. Image streams (/Subtype /Image, or
// DCT/JPX/CCITTFax/JBIG2 data) and font programs keep their encoded data
// and filters. Errors wrap ErrEmpty, ErrNotPDF,
// ErrPasswordRequired, ErrDamaged or ErrTooLarge, or are the quota's
// context error. Prepare never panics and is safe for concurrent use.
func Prepare(data []byte, opts ...Option) (out []byte, info Info, err error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.quota == nil {
		cfg.quota = NewQuota(context.Background(), DefaultQuota)
	}
	defer func() {
		if r := recover(); r != nil {
			out, info = nil, Info{}
			if stop, ok := stoppedBy(r); ok {
				err = fmt.Errorf("pdfraw: %w", stop)
				return
			}
			err = fmt.Errorf("pdfraw: internal error reading the PDF (%v): %w", r, ErrDamaged)
		}
	}()
	if err := cfg.quota.Err(); err != nil {
		return nil, info, err
	}
	if err := CheckHeader(data[:min(len(data), HeaderWindow)], int64(len(data))); err != nil {
		return nil, info, err
	}
	hdr := bytes.Index(data[:min(len(data), HeaderWindow)], []byte("%PDF-"))
	if !cfg.forceRewrite {
		if ok, decoded, xref := libraryReadable(data, cfg.quota, cfg.decoded != nil); ok {
			if cfg.reader == nil {
				xref = nil // the caller opens data itself: check that
			}
			if r, err := libraryOpensCompact(data, xref); err == nil {
				if cfg.decoded != nil {
					cfg.decoded(decoded)
				}
				if cfg.reader != nil {
					cfg.reader(r)
				}
				return data, info, nil
			}
		}
	}
	var decoded map[ObjectID][]byte
	out, info, decoded, err = rewrite(data, hdr, cfg, false)
	if errors.Is(err, errNeedRebuild) {
		out, info, decoded, err = rewrite(data, hdr, cfg, true)
	}
	if err != nil {
		return nil, info, err
	}
	// Cheap (xref only) and it guards the contract: never hand over a file
	// the library rejects.
	r, err := libraryOpens(out)
	if err != nil {
		return nil, info, fmt.Errorf("pdfraw: the rewritten file does not open (%v): %w", err, ErrDamaged)
	}
	if cfg.decoded != nil {
		cfg.decoded(decoded)
	}
	if cfg.reader != nil {
		cfg.reader(r)
	}
	return out, info, nil
}

// libraryOpens opens data with ledongthuc/pdf, reporting whether it accepts it.
func libraryOpens(data []byte) (r *pdf.Reader, err error) {
	return libraryOpensAt(bytes.NewReader(data), int64(len(data)))
}

func libraryOpensAt(f io.ReaderAt, size int64) (r *pdf.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("library panic: %v", p)
		}
	}()
	return pdf.NewReader(f, size)
}

// libraryOpensCompact is libraryOpens through a compact cross-reference
// section appended to data (compactXref; never copied), when there is one
// and the library accepts it: the bytes Prepare returns stay data itself,
// and only the reader it hands over reads the short section.
func libraryOpensCompact(data, xref []byte) (*pdf.Reader, error) {
	if xref != nil {
		ra := appendedReaderAt{data: data, tail: xref}
		if r, err := libraryOpensAt(ra, ra.size()); err == nil {
			return r, nil
		}
	}
	return libraryOpens(data)
}

var errNeedRebuild = errors.New("cross-reference data unusable")

// HeaderWindow is how far into a file its %PDF- header may start.
const HeaderWindow = 1024

// CheckHeader says whether a file of size bytes that starts with head
// (its first HeaderWindow bytes, or all of it) can be a PDF: an error
// wrapping ErrEmpty or ErrNotPDF, in words that say what the bytes are,
// or nil. A caller may look at head alone before reading the rest.
func CheckHeader(head []byte, size int64) error {
	switch {
	case size == 0:
		return fmt.Errorf("pdfraw: 0 bytes: %w", ErrEmpty)
	case bytes.Contains(head, []byte("%PDF-")):
		return nil
	case looksLikeHTML(head):
		return fmt.Errorf("pdfraw: this looks like an HTML page saved as .pdf (a failed download?): %w", ErrNotPDF)
	case len(bytes.Trim(head, "\x00")) == 0:
		return fmt.Errorf("pdfraw: no %%PDF- header in the first %d bytes, which are all zero bytes (of %d; an incomplete download?): %w",
			len(head), size, ErrNotPDF)
	case len(bytes.Trim(head, " \t\r\n\f\x00")) == 0:
		return fmt.Errorf("pdfraw: no %%PDF- header in the first %d bytes, which are all white space (of %d): %w", len(head), size, ErrNotPDF)
	}
	return fmt.Errorf("pdfraw: no %%PDF- header in the first %d bytes (of %d): %w", len(head), size, ErrNotPDF)
}

func looksLikeHTML(head []byte) bool {
	l := bytes.ToLower(head)
	for _, marker := range []string{"<!doctype html", "<html", "<head", "<body", "<script"} {
		if bytes.Contains(l, []byte(marker)) {
			return true
		}
	}
	return false
}

// rewrite loads the document (from its xref, or by scanning when rebuild is
// set) and writes it back as a clean classic PDF. When cfg asks for them,
// decoded holds the data of the streams it decoded, by output object.
func rewrite(data []byte, hdr int, cfg config, rebuild bool) (out []byte, info Info, decoded map[ObjectID][]byte, err error) {
	info = Info{Rewritten: true}
	var d *document
	defer func() {
		if r := recover(); r != nil {
			if stop, ok := stoppedBy(r); ok {
				err = fmt.Errorf("pdfraw: at object %d: %w", d.current, stop)
				return
			}
			err = fmt.Errorf("pdfraw: internal error at object %d (%v): %w", d.current, r, ErrDamaged)
		}
	}()
	// Truncated: no %%EOF, or object data after the last one (an
	// incremental update cut short).
	if eof := bytes.LastIndex(data, []byte("%%EOF")); eof < 0 || bytes.LastIndex(data, []byte("obj")) > eof {
		info.Truncated = true
	}
	d = newDocument(data, &info, cfg.quota)
	if cfg.decoded != nil {
		d.keptDecoded = map[ObjectID][]byte{}
	}
	if !rebuild {
		if info.Truncated {
			return nil, info, nil, errNeedRebuild
		}
		if err := d.loadFromXref(hdr); err != nil {
			return nil, info, nil, errNeedRebuild
		}
	} else {
		d.rebuild()
		info.Repaired = true
		info.Warnings = append(info.Warnings, "cross-reference data rebuilt by scanning the file")
	}
	if err := d.setupEncryption(); err != nil {
		return nil, info, nil, err
	}
	d.expandObjStms()
	if err := d.checkCatalog(rebuild); err != nil {
		return nil, info, nil, err
	}
	out, err = d.write()
	if err != nil {
		return nil, info, nil, fmt.Errorf("pdfraw: writing the repaired PDF: %w", err)
	}
	for f := range d.filters {
		info.Filters = append(info.Filters, f)
	}
	sort.Strings(info.Filters)
	return out, info, d.keptDecoded, nil
}

// loadFromXref reads the file's own cross-reference data and checks that
// every entry points at its object (possibly offset by junk before the header).
func (d *document) loadFromXref(hdr int) error {
	off, err := findStartxref(d.data)
	if err != nil {
		return err
	}
	if err := d.loadXref(off); err != nil {
		if hdr == 0 {
			return err
		}
		d.entries, d.trailer = map[uint32]xrefEntry{}, &dict{}
		if err := d.loadXref(off + hdr); err != nil {
			return err
		}
	}
	if d.trailer.get("Root") == nil {
		return errors.New("trailer has no /Root")
	}
	if d.checkEntries(0) {
		return nil
	}
	if hdr > 0 && d.checkEntries(hdr) {
		for num, e := range d.entries {
			if e.kind == entryOffset {
				e.offset += hdr
				d.entries[num] = e
			}
		}
		return nil
	}
	return errors.New("cross-reference entries do not match the objects")
}

// setupEncryption derives the key with the empty user password.
func (d *document) setupEncryption() error {
	encObj := d.trailer.get("Encrypt")
	if encObj == nil {
		return nil
	}
	if r, ok := encObj.(ref); ok {
		d.encNum = r.num
	}
	enc := asDict(d.resolve(encObj))
	if enc == nil {
		d.warn("the /Encrypt dictionary is missing; reading the file as unencrypted")
		return nil
	}
	var id0 []byte
	if ids, ok := d.resolve(d.trailer.get("ID")).(array); ok && len(ids) > 0 {
		id0, _ = d.resolve(ids[0]).(pdfString)
	}
	sec, err := newSecurity(enc, id0, d)
	if errors.Is(err, errWrongPassword) {
		return fmt.Errorf("pdfraw: %w", ErrPasswordRequired)
	}
	if err != nil {
		return fmt.Errorf("pdfraw: cannot decrypt (%v): %w", err, ErrPasswordRequired)
	}
	d.crypt = sec
	d.info.Encryption = sec.desc
	// Objects read so far (only the /Encrypt dictionary) were read undecrypted.
	d.cache = map[uint32]object{}
	d.objstms = map[uint32]map[uint32]object{}
	return nil
}

// checkCatalog makes sure /Root leads to a catalog with a page tree; after a
// rebuild it falls back to the newest /Type /Catalog object.
func (d *document) checkCatalog(rebuilt bool) error {
	if hasPageTree(d, d.trailer.get("Root")) {
		if rebuilt || d.pageTreeComplete() {
			return nil
		}
		// Pages or contents the xref cannot find: scanning may find them.
		return errNeedRebuild
	}
	if !rebuilt {
		return errNeedRebuild
	}
	r, ok := d.findCatalog()
	if ok && hasPageTree(d, r) {
		d.warn("trailer /Root replaced by catalog object %d", r.num)
	} else if r, ok = d.synthesizeCatalog(); !ok {
		return fmt.Errorf("pdfraw: no document catalog, page tree or page found: %w", ErrDamaged)
	}
	d.trailer.set("Root", r)
	return nil
}

func hasPageTree(d *document, root object) bool {
	cat := asDict(d.resolve(root))
	if cat == nil {
		return false
	}
	pages := asDict(d.resolve(cat.get("Pages")))
	return pages != nil
}

// pageTreeComplete reports whether every node of the page tree and every
// page's /Contents resolve through the cross-reference data.
func (d *document) pageTreeComplete() bool {
	cat := asDict(d.resolve(d.trailer.get("Root")))
	seen := map[uint32]bool{}
	var walk func(o object, depth int) bool
	walk = func(o object, depth int) bool {
		if depth > 64 {
			return false
		}
		if r, ok := o.(ref); ok {
			if seen[r.num] {
				return true
			}
			seen[r.num] = true
			if _, ok := d.load(r.num); !ok {
				return false
			}
		}
		node := asDict(d.resolve(o))
		if node == nil {
			return false
		}
		if kids, ok := d.resolve(node.get("Kids")).(array); ok {
			for _, k := range kids {
				if !walk(k, depth+1) {
					return false
				}
			}
			return true
		}
		contents := d.resolve(node.get("Contents"))
		parts, _ := contents.(array)
		if parts == nil {
			parts = array{node.get("Contents")}
		}
		for _, c := range parts {
			if r, ok := c.(ref); ok {
				if _, ok := d.load(r.num); !ok {
					return false
				}
			}
		}
		return true
	}
	return walk(cat.get("Pages"), 0)
}
