// Package extract reads the text layer of a PDF: every glyph with its true
// position and advance width, and every drawn horizontal or vertical ruling
// line, page by page.
//
// Coordinates are PDF points in "page space as displayed": origin at the
// top-left corner of the visible page (CropBox, after /Rotate), x to the
// right, y DOWN. This is the convention of pdftotext -bbox, so positions can
// be compared with poppler directly.
package extract

// Glyph is one decoded character (or ligature) drawn on a page.
type Glyph struct {
	Text string // Unicode text of the glyph after normalization (usually one rune)

	// Bounding box in page space (y down). X0 is the glyph origin, X1 = X0 +
	// advance width; Y0 is the top of the em box (baseline - ascent), Y1 the
	// bottom (baseline - descent).
	X0, Y0, X1, Y1 float64

	Baseline float64 // y of the baseline in page space
	Size     float64 // effective font size in points (text matrix × CTM applied)
	Rotation int     // 0, 90, 180 or 270: direction of writing on the displayed page
	FontID   int     // index into Page.Fonts, for style heuristics (bold headers)
}

// Segment is a ruling line: a horizontal (Y0 == Y1) or vertical (X0 == X1)
// stroke or a thin filled rectangle, in page space, with X0 <= X1 and Y0 <= Y1.
type Segment struct {
	X0, Y0, X1, Y1 float64
	Width          float64 // stroke width (or rectangle thickness) in points
}

// Horizontal reports whether s runs left to right.
func (s Segment) Horizontal() bool { return s.Y1-s.Y0 <= s.X1-s.X0 }

// Page is the text layer of one page.
type Page struct {
	Number        int     // 1-based
	Width, Height float64 // displayed size in points (after /Rotate)
	Rotate        int     // the page's /Rotate, normalized to 0, 90, 180, 270
	Glyphs        []Glyph // in content-stream order
	Lines         []Segment
	Fonts         []string // BaseFont names, indexed by Glyph.FontID
	Images        int      // image XObjects and inline images drawn (scanned-page detection)
	Replacement   int      // glyphs that decoded to U+FFFD and were dropped
	// Damage lists what was lost on this page though the page was read: a
	// damaged content stream, font or form of which only part decoded, a
	// content stream missing from the file. The page holds what could be
	// read; the document's text is incomplete there.
	Damage []error

	imageDraws []imageDraw // image XObjects drawn, for PageImages
}
