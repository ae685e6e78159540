package ocr

import (
	"context"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/internal/scanpdf"
)

func TestDbgCells(t *testing.T) {
	data, _ := scanpdf.Make(context.Background(), "../../fixtures/sample.pdf", scanpdf.Options{DPI: 300, Pages: []int{5}, SkewDeg: 0.4, Noise: 0.05})
	doc, _ := extract.Load(data)
	p, _ := doc.Page(1)
	r := New()
	op, err := r.ReadPage(context.Background(), doc, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range op.Words {
		if w.Y0 > 125 && w.Y0 < 140 {
			t.Logf("%.1f-%.1f %.1f-%.1f %q %.2f", w.X0, w.X1, w.Y0, w.Y1, w.Text, w.Conf)
		}
	}
}
