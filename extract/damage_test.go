package extract

import (
	"bytes"
	"compress/zlib"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/internal/hostile"
)

// TestPageDamage: data lost on the way is listed on the page it concerns
// (a damaged or missing content stream, a missing font or XObject), and
// an intact page lists nothing.
func TestPageDamage(t *testing.T) {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(strings.Repeat("BT /F1 10 Tf 100 700 Td (A) Tj ET\n", 200)))
	w.Close()
	flipped := z.Bytes()
	flipped[len(flipped)/2] ^= 0xff
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
	for _, tc := range []struct {
		name string
		pdf  []byte
		want string // in the page's damage; "" for none
	}{
		{"intact", synthPDF("", "<< /Font << /F1 5 0 R >> >>", "BT /F1 10 Tf 100 700 Td (A) Tj ET", font), ""},
		// Broken syntax loses the text after it, as a viewer would: damage.
		{"string to the end", synthPDF("", "<< /Font << /F1 5 0 R >> >>", "BT /F1 10 Tf 100 700 Td (A) Tj (B Tj ET", font), "a string runs to its end"},
		{"array left open", synthPDF("", "<< /Font << /F1 5 0 R >> >>", "BT /F1 10 Tf 100 700 Td [(A) 10 (B) TJ ET", font), "an array is not closed"},
		{"hex string with a bad byte", synthPDF("", "<< /Font << /F1 5 0 R >> >>", "BT /F1 10 Tf 100 700 Td <41\xcf42> Tj ET", font), "not a hex digit"},
		{"missing font", synthPDF("", "<< /Font << /F1 9 0 R >> >>", "BT /F1 10 Tf 100 700 Td (A) Tj ET", font), "font /F1 is missing"},
		{"missing form", synthPDF("", "<< /Font << /F1 5 0 R >> /XObject << /X 9 0 R >> >>", "/X Do", font), "XObject /X is missing"},
		{"missing content", hostile.Build("%PDF-1.4\n", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 9 0 R >>",
		}, "/Root 1 0 R"), "content stream is missing"},
		{"missing part of the content", hostile.Build("%PDF-1.4\n", []string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents [4 0 R 9 0 R] >>",
			"<< /Length 2 >>\nstream\nq Q\nendstream",
		}, "/Root 1 0 R"), "part 2 of 2 of its content stream is missing"},
		{"damaged content", synthPDF("", "<< /Font << /F1 5 0 R >> /XObject << /Fm 6 0 R >> >>", "/Fm Do", font,
			streamObj("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Filter /FlateDecode", string(flipped))), "is damaged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Load(tc.pdf)
			if err != nil {
				t.Fatal(err)
			}
			p, err := doc.Page(1)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range p.Damage {
				got = append(got, e.Error())
			}
			joined := strings.Join(got, "; ")
			if tc.want == "" && len(got) > 0 || tc.want != "" && !strings.Contains(joined, tc.want) {
				t.Errorf("damage %q, want %q", joined, tc.want)
			}
		})
	}
}

// TestPageTreeWalk: a page tree that loops, repeats a page or lists a
// page missing from the file is read one page per page object, and the
// missing one is listed in the document's damage.
func TestPageTreeWalk(t *testing.T) {
	page := "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>"
	content := "<< /Length 3 >>\nstream\nq Q\nendstream"
	for _, tc := range []struct {
		name   string
		kids   string
		pages  int
		damage bool
	}{
		{"plain", "[3 0 R 5 0 R]", 2, false},
		{"loop to the root", "[3 0 R 2 0 R 5 0 R]", 2, false},
		{"loop through a node", "[3 0 R 6 0 R 5 0 R]", 2, false},
		{"repeated page", "[3 0 R 5 0 R 3 0 R 5 0 R 3 0 R]", 2, false},
		{"inline pages", "[<< /Type /Page /Contents 4 0 R >> << /Type /Page /Contents 4 0 R >>]", 2, false},
		{"missing page", "[3 0 R 9 0 R 5 0 R]", 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Load(hostile.Build("%PDF-1.4\n", []string{
				"<< /Type /Catalog /Pages 2 0 R >>",
				"<< /Type /Pages /Kids " + tc.kids + " /Count 2 >>",
				page, content, page,
				"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>",
			}, "/Root 1 0 R"))
			if err != nil {
				t.Fatal(err)
			}
			if doc.NumPages() != tc.pages || (len(doc.Damage()) > 0) != tc.damage {
				t.Errorf("%d pages, damage %v; want %d pages, damage %v", doc.NumPages(), doc.Damage(), tc.pages, tc.damage)
			}
		})
	}
}
