package tables_test

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTruthAgainstPageImages reads the page images where pdftotext placed
// each agreeing figure, code and label, with tesseract: it catches a text
// layer that maps glyphs to the wrong characters, which juesuan and
// pdftotext would both believe. Slow (minutes: tesseract reads some 2,000
// crops), so opt-in:
// JUESUAN_OCR_TRUTH=1 go test ./extract/tables -run TestTruthAgainstPageImages
func TestTruthAgainstPageImages(t *testing.T) {
	if os.Getenv("JUESUAN_OCR_TRUTH") == "" {
		t.Skip("set JUESUAN_OCR_TRUTH=1 to read the truth's page images with tesseract")
	}
	for _, tool := range []string{"pdftotext", "pdftoppm", "tesseract"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	for _, tc := range pdftotextTruth {
		t.Run(tc.truth, func(t *testing.T) {
			pdf, tables, pages := loadTruth(t, tc.pdf, tc.truth)
			rep := checkTruth(tables, pages)
			dir := t.TempDir()
			var digits, labels []printedText
			for _, p := range rep.printed {
				if strings.HasSuffix(p.what, " label") {
					labels = append(labels, p)
				} else {
					digits = append(digits, p)
				}
			}
			// Figures and codes must read back exactly; Chinese labels are
			// read less reliably, so their differences are listed to be
			// looked at, not failed on.
			digitArgs := []string{"-l", "eng", "-c", "tessedit_char_whitelist=0123456789.,-"}
			bad := ocrCompare(t, pdf, dir, "digits", digits, digitsOnly, digitArgs)
			for _, b := range bad {
				t.Errorf("%s", b)
			}
			badLabels := ocrCompare(t, pdf, dir, "labels", labels, foldLabel, []string{"-l", "chi_sim"})
			for _, b := range badLabels {
				t.Logf("label: %s", b)
			}
			t.Logf("page images: %d figures and codes read, %d differ; %d label words read, %d differ",
				len(digits), len(bad), len(labels), len(badLabels))
		})
	}
}

// ocrCompare reads each text's box on its page image with tesseract and
// returns the texts that differ. Long figures read best at 150 dpi as a
// line, short codes (01, 303) at 300 or 450 dpi or as a word: a text
// differing in one reading is read again the next way, and differs only if
// all readings do.
func ocrCompare(t *testing.T, pdf, dir, name string, items []printedText, fold func(string) string, args []string) []string {
	t.Helper()
	var bad []string
	for _, pass := range []struct{ dpi, psm int }{{150, 7}, {300, 7}, {300, 8}, {450, 7}} {
		dpi := pass.dpi
		texts := ocrRead(t, pdf, dir, fmt.Sprintf("%s%d-%d", name, dpi, pass.psm), items, dpi,
			append([]string{"--psm", strconv.Itoa(pass.psm)}, args...))
		var again []printedText
		bad = bad[:0]
		for i, it := range items {
			if fold(texts[i]) != fold(it.truth) {
				again = append(again, it)
				bad = append(bad, fmt.Sprintf("%s p%d: truth %q, image reads %q", it.what, it.page, it.truth, strings.TrimSpace(texts[i])))
			}
		}
		items = again
	}
	return bad
}

// ocrRead crops each text's box (one point of margin: more takes in the
// cell's rules, read as | or 1) from its page rendered at dpi and reads all
// crops in one tesseract run.
func ocrRead(t *testing.T, pdf, dir, name string, items []printedText, dpi int, args []string) []string {
	t.Helper()
	if len(items) == 0 {
		return nil
	}
	images := map[int]image.Image{}
	var list []string
	for i, it := range items {
		img, ok := images[it.page]
		if !ok {
			img = renderPage(t, pdf, dir, it.page, dpi)
			images[it.page] = img
		}
		s := float64(dpi) / 72
		r := image.Rect(int((it.box.x0-1)*s), int((it.box.y0-1)*s), int((it.box.x1+1)*s), int((it.box.y1+1)*s))
		crop := image.NewGray(image.Rect(0, 0, r.Dx()+40, r.Dy()+40)) // white margin helps tesseract
		draw.Draw(crop, crop.Bounds(), image.White, image.Point{}, draw.Src)
		draw.Draw(crop, r.Sub(r.Min).Add(image.Pt(20, 20)), img, r.Min, draw.Src)
		path := filepath.Join(dir, fmt.Sprintf("%s-%05d.png", name, i))
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, crop); err != nil {
			t.Fatal(err)
		}
		f.Close()
		list = append(list, path)
	}
	listFile := filepath.Join(dir, name+".txt")
	if err := os.WriteFile(listFile, []byte(strings.Join(list, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("tesseract", append([]string{listFile, "stdout"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tesseract: %v: %s", err, stderr.String())
	}
	texts := strings.Split(string(out), "\f")
	if len(texts) < len(items) {
		t.Fatalf("tesseract read %d images, want %d", len(texts), len(items))
	}
	return texts[:len(items)]
}

func renderPage(t *testing.T, pdf, dir string, page, dpi int) image.Image {
	t.Helper()
	prefix := filepath.Join(dir, fmt.Sprintf("page%d-%d", page, dpi))
	out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile",
		"-f", strconv.Itoa(page), "-l", strconv.Itoa(page), pdf, prefix).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm page %d: %v: %s", page, err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("page %d image: %v", page, err)
	}
	return img
}

// digitsOnly keeps the digits: tesseract often reads a decimal point as a
// comma or doubles it, and the digits are what a wrong text layer changes.
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// foldLabel drops spaces and rules and folds the punctuation OCR reads
// either way.
func foldLabel(s string) string {
	return strings.NewReplacer("|", "", "（", "(", "）", ")", "〈", "(", "〉", ")", "，", ",", "：", ":", "．", ".", "“", "\"", "”", "\"").Replace(squash(s))
}
