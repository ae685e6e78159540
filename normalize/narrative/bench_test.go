package narrative

import (
	"path/filepath"
	"testing"
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
	in := loadInput(b, filepath.Join("..", "..", "..", "shared", "corpus", "real", name))
	b.ReportAllocs()
	for b.Loop() {
		a := Analyze(in)
		_ = a.Statements("x", nil, nil)
	}
}
