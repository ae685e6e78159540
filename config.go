package juesuan

import (
	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/extract/pdfraw"
)

// Option configures Convert and ConvertReader.
type Option func(*config)

type config struct {
	sourcePath  string
	toolVersion string
	reportID    string
	memory      int64

	ocr        *ocr.Reader
	ocrMode    OCRMode
	ocrMissing error // why OCR was unavailable, with how to install it (set when a scan met it)
}

func newConfig(opts []Option) *config {
	cfg := &config{memory: pdfraw.DefaultQuota}
	for _, o := range opts {
		o(cfg)
	}
	return cfg
}

// WithSourcePath sets the path the report row names as its source
// (reports.source_path): where the file was found, as the user gave it.
// Nothing is read from it. Default "".
func WithSourcePath(p string) Option { return func(c *config) { c.sourcePath = p } }

// WithMemoryLimit sets the memory limit of one conversion, in bytes
// (default pdfraw.DefaultQuota, 512 MB; n <= 0 keeps it): the file's own
// bytes and everything the PDF decodes to (streams, every layer of a
// filter chain, pages, objects, glyphs) are charged to it, and a file
// that needs more fails quickly, its Err wrapping pdfraw.ErrTooLarge,
// without the memory ever being taken.
func WithMemoryLimit(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.memory = n
		}
	}
}

// WithToolVersion sets the version written into the report row
// (reports.tool_version). Default "".
func WithToolVersion(v string) Option { return func(c *config) { c.toolVersion = v } }

// WithReportID passes the report ID (ReportID of the bytes) a caller has
// already computed, so the file is not hashed twice.
func WithReportID(id string) Option { return func(c *config) { c.reportID = id } }

// WithOCR reads scanned pages with r in mode (default: no OCR; a scan
// fails with advice). When r finds no tesseract, a scan fails with the
// advice to install it.
func WithOCR(r *ocr.Reader, mode OCRMode) Option {
	return func(c *config) { c.ocr, c.ocrMode = r, mode }
}

// OCRMode says which pages OCR reads.
type OCRMode string

const (
	// OCRAuto reads the pages without a text layer that draw an image.
	OCRAuto OCRMode = "auto"
	// OCRNever reads none: a scan fails with advice, as before OCR.
	OCRNever OCRMode = "never"
	// OCRAlways reads every page that draws an image, its text layer
	// (if any) set aside: for PDFs whose text layer is garbage.
	OCRAlways OCRMode = "always"
)
