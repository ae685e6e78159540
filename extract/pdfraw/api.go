// Package pdfraw turns any PDF a reader can open into one whose text layer
// github.com/ledongthuc/pdf reads completely: the page tree with everything
// its nodes refer to, and the document information dictionary. The tag
// tree, outlines and the like are not guaranteed (text extraction never
// reads them), nor the data of font programs and images (only their
// presence is used).
//
// The library only accepts a clean classic file (1.0-1.7 header, correct
// xref, Flate/ASCII85 filters, 128-bit-or-less encryption) and re-decodes an
// object stream at every lookup. Prepare returns such files unchanged and
// rewrites every other one: it repairs the cross-reference data, expands
// object streams, decrypts (empty user password), decodes the filters the
// library lacks and writes a plain uncompressed-xref PDF.
package pdfraw

import (
	"errors"

	"github.com/ledongthuc/pdf"
)

// Sentinel errors; Prepare wraps them with context (match with errors.Is).
var (
	ErrEmpty            = errors.New("the file is empty")
	ErrNotPDF           = errors.New("not a PDF file")
	ErrPasswordRequired = errors.New("the PDF is protected by a user password; juesuan cannot read it without the password")
	ErrDamaged          = errors.New("the PDF is damaged beyond repair: no page tree found")
)

// Info describes what Prepare did.
type Info struct {
	Rewritten  bool     // the output differs from the input
	Repaired   bool     // the cross-reference data was rebuilt by scanning the file
	Truncated  bool     // the file ends early (missing %%EOF, stream cut short)
	Encryption string   // e.g. "AES-256 R6", "RC4 40-bit R2"; "" if not encrypted
	Filters    []string // stream filters decoded during the rewrite, sorted
	Warnings   []string // recoverable problems, for logs
	// Damaged lists the streams of the returned file, by object, whose
	// encoded data was damaged (a corrupt or cut Flate stream, data no
	// filter could decode): they hold only what decoded before the damage,
	// or nothing. The error says what happened. Text read from them is
	// incomplete, unlike the repairs Warnings lists, which lose nothing.
	Damaged map[ObjectID]error
}

type config struct {
	quota        *Quota
	forceRewrite bool
	decoded      func(map[ObjectID][]byte)
	reader       func(*pdf.Reader)
}

// Option configures Prepare.
type Option func(*config)

// WithQuota sets the quota the document's decoding is charged to, and
// the context that stops it (default: DefaultQuota, no deadline). Pass
// the same Quota to the code that reads the prepared file, so that one
// limit covers the whole conversion.
func WithQuota(b *Quota) Option { return func(c *config) { c.quota = b } }

// WithForceRewrite rewrites even a file the library could read as is.
func WithForceRewrite() Option { return func(c *config) { c.forceRewrite = true } }

// ObjectID names an indirect object: number and generation.
type ObjectID struct {
	Num uint32
	Gen uint16
}

// WithDecodedStreams passes fn the data of the streams Prepare decoded on
// the way, by object of the returned file (content streams, forms, CMaps;
// not images or font programs), so that they need not be decoded a second
// time: the Flate streams it inflated to check a file it returns unchanged,
// or the streams it decoded into a rewrite. Each value is exactly what the
// library's stream Reader yields for that object of the returned bytes.
// The map is bounded in size: a stream missing from it is read as usual.
func WithDecodedStreams(fn func(map[ObjectID][]byte)) Option {
	return func(c *config) { c.decoded = fn }
}

// WithLibraryReader passes fn the ledongthuc/pdf Reader that Prepare opened
// over the returned bytes to check them, so the caller need not parse the
// cross-reference table a second time. It reads what text extraction reads
// (Prepare's contract); when the file holds many more objects than that
// (a tag tree, annotations), it reads them through a short cross-reference
// section of its own, and the other objects resolve to null.
func WithLibraryReader(fn func(*pdf.Reader)) Option {
	return func(c *config) { c.reader = fn }
}
