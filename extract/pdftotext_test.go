package extract

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// bboxWord is one <word> of pdftotext -bbox.
type bboxWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var bboxWordRE = regexp.MustCompile(`<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>`)

func pdftotextWords(t *testing.T, tool, path string, page int) []bboxWord {
	t.Helper()
	n := strconv.Itoa(page)
	out, err := exec.Command(tool, "-bbox", "-f", n, "-l", n, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var words []bboxWord
	for _, m := range bboxWordRE.FindAllSubmatch(out, -1) {
		var w bboxWord
		w.x0, _ = strconv.ParseFloat(string(m[1]), 64)
		w.y0, _ = strconv.ParseFloat(string(m[2]), 64)
		w.x1, _ = strconv.ParseFloat(string(m[3]), 64)
		w.y1, _ = strconv.ParseFloat(string(m[4]), 64)
		w.text = html.UnescapeString(string(bytes.TrimSpace(m[5])))
		words = append(words, w)
	}
	return words
}

// TestGlyphsMatchPdftotext checks glyph positions against poppler: for
// every word of pdftotext -bbox, a glyph with the word's first character
// must start at (xMin, yMin) and one with its last character must end at
// (xMax, yMax), within 0.5 pt.
func TestGlyphsMatchPdftotext(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	const tol = 0.5
	samples := []struct {
		prefix string
		pages  []int
	}{
		{"r02", []int{1, 8, 14}},  // Word
		{"r03", []int{3, 6, 12}},  // WPS 文字
		{"r06", []int{10, 13}},    // WPS 表格
		{"r22", []int{1, 6, 12}},  // Acrobat Distiller, rotated pages
		{"r24", []int{2, 15, 21}}, // Word 2007
		{"r27", []int{2, 12}},     // Acrobat Pro
		{"r31", []int{3, 10}},     // Distiller, rotated
		{"r33", []int{2, 6}},      // Excel
	}
	for _, s := range samples {
		path := corpusFile(t, s.prefix)
		doc, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range s.pages {
			t.Run(fmt.Sprintf("%s/p%d", s.prefix, n), func(t *testing.T) {
				p, err := doc.Page(n)
				if err != nil {
					t.Fatal(err)
				}
				words := pdftotextWords(t, tool, path, n)
				if len(words) == 0 {
					t.Fatal("pdftotext found no words")
				}
				matched := 0
				var misses []string
				for _, w := range words {
					first, _ := utf8.DecodeRuneInString(w.text)
					last, _ := utf8.DecodeLastRuneInString(w.text)
					okFirst := findGlyph(p.Glyphs, normalizeGlyphText(string(first)), func(g *Glyph) bool {
						return math.Abs(g.X0-w.x0) <= tol && math.Abs(g.Y0-w.y0) <= tol ||
							g.Rotation != 0 && math.Abs(g.X0-w.x0) <= tol && math.Abs(g.Y1-w.y1) <= tol ||
							g.Rotation != 0 && math.Abs(g.X1-w.x1) <= tol && math.Abs(g.Y0-w.y0) <= tol
					})
					okLast := findGlyph(p.Glyphs, normalizeGlyphText(string(last)), func(g *Glyph) bool {
						return math.Abs(g.X1-w.x1) <= tol && math.Abs(g.Y1-w.y1) <= tol ||
							g.Rotation != 0 && math.Abs(g.X1-w.x1) <= tol && math.Abs(g.Y0-w.y0) <= tol ||
							g.Rotation != 0 && math.Abs(g.X0-w.x0) <= tol && math.Abs(g.Y1-w.y1) <= tol
					})
					if okFirst && okLast {
						matched++
					} else if len(misses) < 5 {
						misses = append(misses, fmt.Sprintf("%q [%.2f %.2f %.2f %.2f]", w.text, w.x0, w.y0, w.x1, w.y1))
					}
				}
				if rate := float64(matched) / float64(len(words)); rate < 0.97 {
					t.Errorf("%s page %d: %d of %d pdftotext words match glyph boxes (%.1f%%); e.g. %v",
						filepath.Base(path), n, matched, len(words), 100*rate, misses)
				}
			})
		}
	}
}

func findGlyph(glyphs []Glyph, text string, at func(*Glyph) bool) bool {
	for i := range glyphs {
		if glyphs[i].Text == text && at(&glyphs[i]) {
			return true
		}
	}
	return false
}

// TestCharsMatchPdftotext compares, page by page over the whole corpus (a
// quarter of it under -short), the multiset of characters we extract with
// pdftotext's text (after our normalization), so that no glyph is lost or
// invented.
func TestCharsMatchPdftotext(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	files := corpusFiles(t)
	if testing.Short() {
		// Every page of every fourth report (make check); go test without
		// -short compares the whole corpus.
		var some []string
		for i := 0; i < len(files); i += 4 {
			some = append(some, files[i])
		}
		files = some
	}
	for _, path := range files {
		doc, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		// One pdftotext run per file; pages are separated by form feeds.
		out, err := exec.Command(tool, "-raw", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		texts := strings.Split(string(out), "\f")
		if len(texts) < doc.NumPages() {
			t.Fatalf("%s: pdftotext gave %d pages, we see %d", filepath.Base(path), len(texts), doc.NumPages())
		}
		for n := 1; n <= doc.NumPages(); n++ {
			p, err := doc.Page(n)
			if err != nil {
				t.Fatal(err)
			}
			diff := map[rune]int{}
			for _, g := range p.Glyphs {
				for _, r := range g.Text {
					diff[r]++
				}
			}
			for _, r := range texts[n-1] {
				if r < 0x20 || r == ' ' || r == '\u00a0' {
					continue
				}
				for _, nr := range normalizeGlyphText(string(r)) {
					if nr != ' ' {
						diff[nr]--
					}
				}
			}
			var bad []string
			for r, d := range diff {
				if d != 0 {
					bad = append(bad, fmt.Sprintf("%q:%+d", r, d))
				}
			}
			if len(bad) > 0 {
				t.Errorf("%s page %d: character counts differ from pdftotext (ours minus theirs): %v",
					filepath.Base(path), n, bad)
			}
		}
	}
}
