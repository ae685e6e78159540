package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// dumpPage renders a page's glyphs and lines as stable text.
func dumpPage(p *Page) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "page %d size %.2fx%.2f rotate %d glyphs %d lines %d images %d replacement %d\n",
		p.Number, p.Width, p.Height, p.Rotate, len(p.Glyphs), len(p.Lines), p.Images, p.Replacement)
	for i, f := range p.Fonts {
		fmt.Fprintf(&sb, "font %d %q\n", i, f)
	}
	sb.WriteString("# text lines\n")
	for _, l := range p.TextLines() {
		fmt.Fprintf(&sb, "| %s\n", l)
	}
	sb.WriteString("# glyphs: text x0 y0 x1 y1 baseline size rotation font\n")
	for _, g := range p.Glyphs {
		fmt.Fprintf(&sb, "%q %.2f %.2f %.2f %.2f %.2f %.2f %d %d\n",
			g.Text, g.X0, g.Y0, g.X1, g.Y1, g.Baseline, g.Size, g.Rotation, g.FontID)
	}
	sb.WriteString("# lines: x0 y0 x1 y1 width\n")
	for _, s := range p.Lines {
		fmt.Fprintf(&sb, "%.2f %.2f %.2f %.2f %.2f\n", s.X0, s.Y0, s.X1, s.Y1, s.Width)
	}
	return sb.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d", path, len(gl), len(wl))
	}
}

// TestGoldenFixtures dumps the producer fixtures (always available).
func TestGoldenFixtures(t *testing.T) {
	for _, name := range []string{"chromium_table", "libreoffice_table", "cairo_table"} {
		t.Run(name, func(t *testing.T) {
			doc, err := Open(filepath.Join("testdata", "fixtures", name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := doc.Page(1)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, name, dumpPage(p))
		})
	}
}

// TestGoldenCorpus dumps one table page per producer of the real corpus.
func TestGoldenCorpus(t *testing.T) {
	cases := []struct {
		prefix, producer string
		page             int
	}{
		{"r03", "wps_writer", 6},
		{"r06", "wps_sheet", 13},
		{"r02", "word2010", 8},
		{"r33", "excel2010", 2},
		{"r22", "distiller_rotated", 6},
	}
	for _, c := range cases {
		t.Run(c.producer, func(t *testing.T) {
			doc, err := Open(corpusFile(t, c.prefix))
			if err != nil {
				t.Fatal(err)
			}
			p, err := doc.Page(c.page)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, fmt.Sprintf("%s_p%d_%s", c.prefix, c.page, c.producer), dumpPage(p))
		})
	}
}

// TestSameTableAcrossProducers checks that the same table printed by
// Chromium (Type3 fonts, filled-rectangle borders), LibreOffice (stroked
// borders) and cairo yields the same text lines and the same grid shape.
func TestSameTableAcrossProducers(t *testing.T) {
	want := []string{
		"收入支出决算总表（一般公共预算）",
		"项目 行次 金额",
		"一、一般公共预算财政拨款收入 1 1,234.56",
		"二、政府性基金预算财政拨款收入 2 78.90",
		"本年收入合计 3 1,313.46",
	}
	for _, name := range []string{"chromium_table", "libreoffice_table", "cairo_table"} {
		t.Run(name, func(t *testing.T) {
			doc, err := Open(filepath.Join("testdata", "fixtures", name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := doc.Page(1)
			if err != nil {
				t.Fatal(err)
			}
			lines := p.TextLines()
			start := -1
			for i, l := range lines {
				if l == want[0] {
					start = i
					break
				}
			}
			if start < 0 || start+len(want) > len(lines) {
				t.Fatalf("title not found or table truncated; lines: %q", lines)
			}
			for i, w := range want {
				if lines[start+i] != w {
					t.Errorf("line %d: got %q, want %q", i, lines[start+i], w)
				}
			}
			// 4 rows → 5 distinct horizontal rules; 3 columns → 4 vertical.
			h, v := distinctRules(p.Lines)
			if h != 5 || v != 4 {
				t.Errorf("got %d horizontal and %d vertical rule positions, want 5 and 4", h, v)
			}
		})
	}
}

// distinctRules counts distinct positions (1 pt apart) of horizontal and
// vertical segments.
func distinctRules(lines []Segment) (h, v int) {
	var hs, vs []float64
	add := func(list []float64, x float64) []float64 {
		for _, y := range list {
			if x-y < 1 && y-x < 1 {
				return list
			}
		}
		return append(list, x)
	}
	for _, s := range lines {
		if s.Horizontal() {
			hs = add(hs, s.Y0)
		} else {
			vs = add(vs, s.X0)
		}
	}
	return len(hs), len(vs)
}
