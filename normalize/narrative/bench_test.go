package narrative

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
)

// BenchmarkAnalyze is the narrative stage alone on the real final accounts
// (r02 and r03 with a full 情况说明, r05 the empty template): pages, tables
// and line items are prepared outside the loop, so that the figure compares
// with BenchmarkConvert/finals of package pipeline.
func BenchmarkAnalyze(b *testing.B) {
	for _, name := range []string{"r02_putuo_planning_2024_final.pdf", "r03_putuo_socialwork_2024_final.pdf",
		"r05_shanghai_template_2024_final.pdf"} {
		b.Run(name[:3], func(b *testing.B) { benchmarkAnalyze(b, name) })
	}
}

func benchmarkAnalyze(b *testing.B, name string) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "real", name)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skip(err)
	}
	doc, err := extract.Load(data)
	if err != nil {
		b.Fatal(err)
	}
	var pages []*extract.Page
	lines := make([][]string, doc.NumPages())
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		lines[n-1] = p.TextLines()
	}
	ts, _ := tables.Find(pages)
	meta := normalize.DetectMeta(lines, ts)
	items, _ := normalize.LineItems("x", meta, ts)
	in := Input{Pages: lines, Tables: ts, Items: items, Department: meta.Department, FiscalYear: meta.FiscalYear}
	b.ReportAllocs()
	for b.Loop() {
		a := Analyze(in)
		_ = a.Statements("x", nil, nil)
	}
}
