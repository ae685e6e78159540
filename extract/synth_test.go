package extract

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/juesuan/juesuan/internal/hostile"
)

// synthPDF builds a one-page PDF from a content stream and extra objects.
// Objects are numbered from 1: 1 catalog, 2 pages, 3 page, 4 content,
// then extra[0] is object 5, extra[1] object 6, … The page's resources
// dictionary is given literally (it may reference extra objects).
func synthPDF(pageExtra, resources, content string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] " + pageExtra + " /Resources " + resources + " /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
	}
	objs = append(objs, extra...)
	return hostile.Build("%PDF-1.4\n", objs, "/Root 1 0 R /Info << /Producer (synth) /Title <FEFF6D4B8BD5> >>")
}

// streamObj returns a stream object with the given dictionary entries.
func streamObj(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Object 5: a simple Helvetica-like font with widths 500 for 32..126
// (space 250) and a Differences entry; object 6: a Type0 Identity-H font
// whose ToUnicode (object 7) maps CIDs 1..3 through a bfrange with carry.
var synthFonts = func() []string {
	widths := make([]string, 0, 95)
	for c := 32; c <= 126; c++ {
		if c == 32 {
			widths = append(widths, "250")
		} else {
			widths = append(widths, "500")
		}
	}
	cmap := strings.Join([]string{
		"/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
		"/CMapName /Test def 1 begincodespacerange <0000> <FFFF> endcodespacerange",
		"2 beginbfrange <0001> <0002> <00FF> <0003> <0003> [<D840DC00>] endbfrange",
		"2 beginbfchar <0004> <FF11> <0005> <2ED4> endbfchar",
		"endcmap CMapName currentdict /CMap defineresource pop end end",
	}, "\n")
	return []string{
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 /Widths [" +
			strings.Join(widths, " ") + "] /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /uni4E00 /Aring] >> " +
			"/FontDescriptor << /Ascent 800 /Descent -200 /FontFile 99 0 R >> >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /TestCID /Encoding /Identity-H /ToUnicode 7 0 R " +
			"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [1 [600 700] 3 5 900] " +
			"/FontDescriptor << /Ascent 880 /Descent -120 >> >>] >>",
		streamObj("", cmap),
	}
}()

const synthRes = "<< /Font << /F1 5 0 R /F2 6 0 R >> >>"

func synthPage(t *testing.T, pageExtra, content string, extra ...string) *Page {
	t.Helper()
	objs := append(append([]string{}, synthFonts...), extra...)
	doc, err := Load(synthPDF(pageExtra, synthRes, content, objs...))
	if err != nil {
		t.Fatal(err)
	}
	p, err := doc.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func glyphTexts(p *Page) string {
	var sb strings.Builder
	for _, g := range p.Glyphs {
		sb.WriteString(g.Text)
	}
	return sb.String()
}

func TestTextStateOperators(t *testing.T) {
	cases := []struct {
		name    string
		content string
		want    []float64 // X0 of each glyph
		text    string
	}{
		// Size 10: "ab" advances 5 each.
		{"Tj", "BT /F1 10 Tf 100 700 Td (ab) Tj ET", []float64{100, 105}, "ab"},
		// Tc adds 1 after each glyph.
		{"Tc", "BT /F1 10 Tf 1 Tc 100 700 Td (ab) Tj ET", []float64{100, 106}, "ab"},
		// Tw applies to the single-byte space only: a(5) space(2.5+3) b.
		{"Tw", "BT /F1 10 Tf 3 Tw 100 700 Td (a b) Tj ET", []float64{100, 110.5}, "ab"},
		// TJ: -1000 moves right one em (10), positive moves left.
		{"TJ", "BT /F1 10 Tf 100 700 Td [(a) -1000 (b) 500 (c)] TJ ET", []float64{100, 115, 115}, "abc"},
		// Tz 50 halves advances.
		{"Tz", "BT /F1 10 Tf 50 Tz 100 700 Td (ab) Tj ET", []float64{100, 102.5}, "ab"},
		// Tm scale 2 with size 10: advance 10.
		{"Tm", "BT /F1 10 Tf 2 0 0 2 100 700 Tm (ab) Tj ET", []float64{100, 110}, "ab"},
		// TD sets leading, T* and ' use it.
		{"TD", "BT /F1 10 Tf 100 700 Td 0 -20 TD (a) Tj T* (b) Tj (c) ' ET", []float64{100, 100, 100}, "abc"},
		// " sets word and char spacing then shows on the next line.
		{"quote", "BT /F1 10 Tf 12 TL 100 700 Td 2 1 (a b) \" ET", []float64{100, 100 + 5 + 1 + 2.5 + 1 + 2}, "ab"},
		// cm translates; q/Q restore; an extra Q is ignored.
		{"cm", "q 1 0 0 1 50 0 cm BT /F1 10 Tf 100 700 Td (a) Tj ET Q Q Q BT /F1 10 Tf 100 700 Td (b) Tj ET", []float64{150, 100}, "ab"},
		// Differences [65 /uni4E00 /Aring]: 65 → 一, 66 → Å, 67 stays C.
		{"Differences", "BT /F1 10 Tf 100 700 Td (ABC) Tj ET", []float64{100, 105, 110}, "一ÅC"},
		// Type0 widths from /W: CID1 600, CID2 700, CID3..5 900.
		{"Type0", "BT /F2 10 Tf 100 700 Td <000100020003> Tj ET", []float64{100, 106, 113}, "\u00FF\u0100\U00020000"},
		// ToUnicode normalization: full-width 1 → "1", radical ⻔ → 门.
		{"normalize", "BT /F2 10 Tf 100 700 Td <00040005> Tj ET", []float64{100, 109}, "1门"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := synthPage(t, "", c.content)
			if got := glyphTexts(p); got != c.text {
				t.Fatalf("text %q, want %q", got, c.text)
			}
			if len(p.Glyphs) != len(c.want) {
				t.Fatalf("%d glyphs, want %d", len(p.Glyphs), len(c.want))
			}
			for i, g := range p.Glyphs {
				if !near(g.X0, c.want[i]) {
					t.Errorf("glyph %d %q: X0 %.3f, want %.3f", i, g.Text, g.X0, c.want[i])
				}
			}
		})
	}
}

func TestGlyphBoxAndBaseline(t *testing.T) {
	p := synthPage(t, "", "BT /F2 10 Tf 2 Ts 100 700 Td <0001> Tj ET")
	if len(p.Glyphs) != 1 {
		t.Fatalf("%d glyphs", len(p.Glyphs))
	}
	g := p.Glyphs[0]
	// Baseline at y=700+2 (rise) in PDF space → 800-702 = 98 from the top;
	// ascent 0.88 em, descent -0.12 em; width 600/1000 em.
	want := Glyph{Text: g.Text, X0: 100, X1: 106, Y0: 98 - 8.8, Y1: 98 + 1.2, Baseline: 98, Size: 10}
	if !near(g.X0, want.X0) || !near(g.X1, want.X1) || !near(g.Y0, want.Y0) || !near(g.Y1, want.Y1) ||
		!near(g.Baseline, want.Baseline) || !near(g.Size, want.Size) || g.Rotation != 0 {
		t.Errorf("got %+v, want %+v", g, want)
	}
}

func TestPageRotation(t *testing.T) {
	// Text at (100, 700) on a 600×800 page.
	cases := []struct {
		rotate       int
		x, base      float64
		w, h         float64
		glyphRotates int
	}{
		{0, 100, 100, 600, 800, 0},
		{90, 700, 100, 800, 600, 90},   // X = y, baseline is x = 700... see below
		{180, 500, 700, 600, 800, 180}, // X = 600-100, Y = 700
		{270, 100, 500, 800, 600, 270}, // X = 800-700, Y = 600-100
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.rotate), func(t *testing.T) {
			p := synthPage(t, fmt.Sprintf("/Rotate %d", c.rotate), "BT /F1 10 Tf 100 700 Td (a) Tj ET")
			if !near(p.Width, c.w) || !near(p.Height, c.h) || p.Rotate != c.rotate {
				t.Fatalf("page %vx%v rotate %d", p.Width, p.Height, p.Rotate)
			}
			g := p.Glyphs[0]
			if g.Rotation != c.glyphRotates {
				t.Errorf("rotation %d, want %d", g.Rotation, c.glyphRotates)
			}
			switch c.rotate {
			case 0:
				if !near(g.X0, 100) || !near(g.Baseline, 100) {
					t.Errorf("got %+v", g)
				}
			case 90: // displayed X = y = 700, Y = x = 100; text runs down
				if !near(g.Baseline, 700) || !near(g.Y0, 100) || !near(g.Y1, 105) {
					t.Errorf("got %+v", g)
				}
			case 180: // X = 600-x, Y = y: text runs right to left
				if !near(g.Baseline, 700) || !near(g.X1, 500) || !near(g.X0, 495) {
					t.Errorf("got %+v", g)
				}
			case 270: // X = 800-y = 100, Y = 600-x = 500, text runs up
				if !near(g.Baseline, 100) || !near(g.Y1, 500) || !near(g.Y0, 495) {
					t.Errorf("got %+v", g)
				}
			}
		})
	}
}

func TestCropBoxOffset(t *testing.T) {
	p := synthPage(t, "/CropBox [50 100 550 700]", "BT /F1 10 Tf 100 600 Td (a) Tj ET 50 100 m 550 100 l S")
	g := p.Glyphs[0]
	if !near(p.Width, 500) || !near(p.Height, 600) || !near(g.X0, 50) || !near(g.Baseline, 100) {
		t.Errorf("page %vx%v glyph %+v", p.Width, p.Height, g)
	}
	if len(p.Lines) != 1 || !near(p.Lines[0].Y0, 600) || !near(p.Lines[0].X1, 500) {
		t.Errorf("lines %+v", p.Lines)
	}
}

func TestRulingLines(t *testing.T) {
	cases := []struct {
		name    string
		content string
		want    []Segment
	}{
		{"stroked lines", "2 w 10 700 m 110 700 l 10 700 m 10 600 l S",
			[]Segment{{10, 100, 110, 100, 2}, {10, 100, 10, 200, 2}}},
		{"stroked re", "0.5 w 10 600 100 50 re S",
			[]Segment{{10, 200, 110, 200, 0.5}, {110, 150, 110, 200, 0.5}, {10, 150, 110, 150, 0.5}, {10, 150, 10, 200, 0.5}}},
		{"closed by s", "1 w 10 700 m 110 700 l 110 600 l s",
			[]Segment{{10, 100, 110, 100, 1}, {110, 100, 110, 200, 1}}},
		{"thin fill is a rule", "10 699.5 100 1 re f", []Segment{{10, 100, 110, 100, 1}}},
		{"thin vertical fill", "q 1 0 0 1 5 0 cm 10 600 0.75 100 re f Q", []Segment{{15.375, 100, 15.375, 200, 0.75}}},
		{"big fill is a background", "10 600 100 50 re f", nil},
		{"clip path", "10 600 100 50 re W n", nil},
		{"curves are glyph outlines", "10 700 m 20 710 30 710 40 700 c 110 700 l S", nil},
		{"slanted", "10 700 m 110 650 l S", nil},
		{"white stroke", "1 G 10 700 m 110 700 l S", nil},
		{"off page", "-50 700 m -10 700 l S 10 900 m 100 900 l S", nil},
		{"clipped to page", "-50 700 m 100 700 l S", []Segment{{0, 100, 100, 100, 1}}},
		{"zero length", "10 700 m 10 700 l S", nil},
		{"scaled width", "2 0 0 2 0 0 cm 1 w 10 350 m 60 350 l S", []Segment{{20, 100, 120, 100, 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := synthPage(t, "", c.content)
			if len(p.Lines) != len(c.want) {
				t.Fatalf("got %+v, want %+v", p.Lines, c.want)
			}
			for i, s := range p.Lines {
				w := c.want[i]
				if !near(s.X0, w.X0) || !near(s.Y0, w.Y0) || !near(s.X1, w.X1) || !near(s.Y1, w.Y1) || !near(s.Width, w.Width) {
					t.Errorf("segment %d: got %+v, want %+v", i, s, w)
				}
			}
		})
	}
}

func TestFormXObjectAndImages(t *testing.T) {
	form := streamObj("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Matrix [1 0 0 1 100 0] /Resources << /Font << /G1 6 0 R >> /XObject << /Self 8 0 R >> >>",
		"BT /G1 10 Tf 0 700 Td <0001> Tj ET 0 690 m 50 690 l S /Self Do")
	image := streamObj("/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray", "\x80")
	content := "q /Fm1 Do Q /Im1 Do BI /W 4 /H 1 /BPC 8 /CS /G ID \x28\x5b\x3c\xff EI BT /F1 10 Tf 10 700 Td (a) Tj ET"
	objs := append(append([]string{}, synthFonts...), form, image)
	doc, err := Load(synthPDF("", "<< /Font << /F1 5 0 R >> /XObject << /Fm1 8 0 R /Im1 9 0 R >> >>", content, objs...))
	if err != nil {
		t.Fatal(err)
	}
	p, err := doc.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	if got := glyphTexts(p); got != "\u00FFa" {
		t.Errorf("text %q, want form glyph then page glyph", got)
	}
	if len(p.Glyphs) == 2 && !near(p.Glyphs[0].X0, 100) {
		t.Errorf("form glyph at %.2f, want 100 (form /Matrix)", p.Glyphs[0].X0)
	}
	if len(p.Lines) != 1 || !near(p.Lines[0].X0, 100) {
		t.Errorf("lines %+v", p.Lines)
	}
	if p.Images != 2 {
		t.Errorf("images %d, want 2 (XObject + inline)", p.Images)
	}
	if len(p.Fonts) != 2 || p.Fonts[0] != "TestCID" {
		t.Errorf("fonts %q", p.Fonts)
	}
}

func TestInfoAndErrors(t *testing.T) {
	doc, err := Load(synthPDF("", synthRes, "BT ET", synthFonts...))
	if err != nil {
		t.Fatal(err)
	}
	if info := doc.Info(); info.Producer != "synth" || info.Title != "测试" {
		t.Errorf("info %+v", info)
	}
	if doc.NumPages() != 1 {
		t.Errorf("pages %d", doc.NumPages())
	}
	if _, err := doc.Page(2); err == nil || !strings.Contains(err.Error(), "page 2") {
		t.Errorf("page 2: err %v", err)
	}
	if _, err := Load([]byte("not a pdf")); err == nil {
		t.Error("garbage loaded without error")
	}
}

func TestReplacementCounted(t *testing.T) {
	// CID 9 has no ToUnicode entry; its width is /DW (1000).
	p := synthPage(t, "", "BT /F2 10 Tf 100 700 Td <00090001> Tj ET")
	if p.Replacement != 1 || len(p.Glyphs) != 1 || !near(p.Glyphs[0].X0, 110) {
		t.Errorf("replacement %d glyphs %+v", p.Replacement, p.Glyphs)
	}
}

func TestTextLines(t *testing.T) {
	p := synthPage(t, "", "BT /F1 10 Tf 100 700 Td (ab) Tj 20 0 Td (cd) Tj 10 -1 Td (x) Tj -50 -19 Td (Z) Tj ET")
	got := strings.Join(p.TextLines(), "|")
	if want := "ab cdx|Z"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPredefinedCMapWithoutToUnicode(t *testing.T) {
	fonts := []string{
		"<< /Type /Font /Subtype /Type0 /BaseFont /GBKFont /Encoding /GBK-EUC-H " +
			"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /DW 1000 /W [1 95 500] >>] >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /UCSFont /Encoding /UniGB-UCS2-H " +
			"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /DW 1000 /W [1 95 500] >>] >>",
	}
	doc, err := Load(synthPDF("", "<< /Font << /G 5 0 R /U 6 0 R >> >>",
		"BT /G 10 Tf 100 700 Td <41B2E241> Tj /U 10 Tf 0 -20 Td <00416D4B0041> Tj ET", fonts...))
	if err != nil {
		t.Fatal(err)
	}
	p, err := doc.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	if got := glyphTexts(p); got != "A测AA测A" {
		t.Fatalf("text %q", got)
	}
	for i, want := range []float64{100, 105, 115, 100, 105, 115} {
		if !near(p.Glyphs[i].X0, want) {
			t.Errorf("glyph %d X0 %.2f, want %.2f", i, p.Glyphs[i].X0, want)
		}
	}
}

func TestTextLinesRotatedContent(t *testing.T) {
	// Content drawn rotated 90° counter-clockwise in PDF space (text runs
	// upwards on the displayed page) without /Rotate.
	p := synthPage(t, "", "BT /F1 10 Tf 0 1 -1 0 300 100 Tm (ab) Tj 0 1 -1 0 320 100 Tm (cd) Tj ET")
	got := strings.Join(p.TextLines(), "|")
	if want := "ab|cd"; got != want {
		t.Errorf("got %q, want %q (glyphs %+v)", got, want, p.Glyphs)
	}
}

func TestVerticalWriting(t *testing.T) {
	vfont := "<< /Type /Font /Subtype /Type0 /BaseFont /TestCIDV /Encoding /Identity-V /ToUnicode 7 0 R " +
		"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [1 [600 700]] " +
		"/FontDescriptor << /Ascent 880 /Descent -120 >> >>] >>"
	objs := append(append([]string{}, synthFonts...), vfont)
	doc, err := Load(synthPDF("", "<< /Font << /V 8 0 R >> >>", "BT /V 10 Tf 100 700 Td <00010002> Tj ET", objs...))
	if err != nil {
		t.Fatal(err)
	}
	p, err := doc.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Glyphs) != 2 {
		t.Fatalf("glyphs %+v", p.Glyphs)
	}
	// Pen at (100, 700) PDF = (100, 100) displayed; glyphs hang below the
	// pen, centred on it, one em (10) apart.
	for i, g := range p.Glyphs {
		w := []float64{6, 7}[i]
		top := 100 + 10*float64(i)
		if g.Rotation != 90 || !near(g.X0, 100-w/2) || !near(g.X1, 100+w/2) || !near(g.Y0, top) || !near(g.Y1, top+10) {
			t.Errorf("glyph %d: %+v", i, g)
		}
	}
	if got := strings.Join(p.TextLines(), "|"); got != "\u00FF\u0100" {
		t.Errorf("text lines %q", got)
	}
}

func TestBrokenFormFailsThePage(t *testing.T) {
	form := streamObj("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Filter /NoSuchDecode", "xx")
	objs := append(append([]string{}, synthFonts...), form)
	data := synthPDF("", "<< /XObject << /Fm1 8 0 R >> >>", "/Fm1 Do", objs...)

	// pdfraw.Prepare drops the undecodable stream and says so.
	doc, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if w := doc.Warnings(); len(w) == 0 || !strings.Contains(w[0].Error(), "NoSuchDecode") {
		t.Errorf("warnings %v, want pdfraw's note about the dropped stream", w)
	}

	// Read directly, the stream cannot be decoded: the page fails and the
	// error names the page and the form.
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err = newDocument(rd, options{maxWarnings: 10})
	if err != nil {
		t.Fatal(err)
	}
	_, err = doc.Page(1)
	if err == nil || !strings.Contains(err.Error(), "page 1") || !strings.Contains(err.Error(), "/Fm1") {
		t.Errorf("err = %v, want an error naming page 1 and /Fm1", err)
	}
}

func TestType3Font(t *testing.T) {
	// Glyph space of 100 units per em; widths scaled by the FontMatrix;
	// text from /Differences (no ToUnicode).
	t3 := "<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FontBBox [0 -20 100 80] " +
		"/FirstChar 65 /LastChar 66 /Widths [50 60] /Encoding << /Type /Encoding /Differences [65 /uni5143 /B] >> " +
		"/CharProcs << >> /Resources << >> >>"
	objs := append(append([]string{}, synthFonts...), t3)
	doc, err := Load(synthPDF("", "<< /Font << /T 8 0 R >> >>", "BT /T 10 Tf 100 700 Td (AB) Tj ET", objs...))
	if err != nil {
		t.Fatal(err)
	}
	p, err := doc.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	if got := glyphTexts(p); got != "元B" {
		t.Fatalf("text %q", got)
	}
	a, b := p.Glyphs[0], p.Glyphs[1]
	if !near(a.X0, 100) || !near(a.X1, 105) || !near(b.X0, 105) || !near(b.X1, 111) {
		t.Errorf("x: %+v %+v", a, b)
	}
	// Box from FontBBox: 0.8 em above, 0.2 below the baseline (100).
	if !near(a.Y0, 92) || !near(a.Y1, 102) || !near(a.Size, 10) {
		t.Errorf("y/size: %+v", a)
	}
}
