package extract

import "errors"

// TEMPORARY API sketch, owned by the text-layer helper, who replaces this file.

// Document is an opened PDF.
type Document struct{}

// Info is document metadata.
type Info struct{ Producer, Creator, Title string }

// Load opens a PDF held in memory.
func Load(data []byte) (*Document, error) { return nil, errors.New("not implemented") }

// NumPages returns the page count.
func (d *Document) NumPages() int { return 0 }

// Info returns the document information dictionary.
func (d *Document) Info() Info { return Info{} }

// Page returns the text layer of 1-based page n.
func (d *Document) Page(n int) (*Page, error) { return nil, errors.New("not implemented") }

// TextLines returns the page's text as lines in reading order (glyphs
// grouped by baseline, left to right, words separated by a space where the
// gap is wide), for metadata and title detection.
func (p *Page) TextLines() []string { return nil }
