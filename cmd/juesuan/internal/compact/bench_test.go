package compact

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// BenchmarkMerge merges the line_items files of 512 reports of 400 rows
// each, as convert writes them (schema.Encode), into parts: the work of
// a compaction per report, without the batch's manifest, renames and
// removals. Profile it with
//
//	go test -run '^$' -bench Merge -cpuprofile /tmp/cpu.prof -o /tmp/compact.test ./cmd/juesuan/internal/compact/
func BenchmarkMerge(b *testing.B) {
	const reports, rows = 512, 400
	src := b.TempDir()
	sources := make([]Source, reports)
	rng := rand.New(rand.NewPCG(1, 2))
	for r := range reports {
		id := fmt.Sprintf("%064x", rng.Uint64())
		dept := fmt.Sprintf("部门%04d", rng.IntN(200))
		year := int32(2020)
		items := make([]schema.LineItem, rows)
		for k := range items {
			code := fmt.Sprintf("2%02d%02d%02d", k%30, k%7, k%5)
			amount := rng.Int64N(1e9)
			items[k] = schema.LineItem{ReportID: id, FiscalYear: &year, Department: &dept,
				TableID: fmt.Sprintf("B%02d", k/40+1), TableTitle: "一般公共预算财政拨款支出表", RowSeq: int32(k),
				Section: "支出", Code: &code, Item: "一般公共服务支出" + code[:3], ColumnKey: "total", ColumnLabel: "合计",
				Amount: &amount, AmountYuan: &amount, Unit: "元", Page: int32(k / 40)}
		}
		data, err := schema.Encode(items)
		if err != nil {
			b.Fatal(err)
		}
		p := filepath.Join(src, id+".parquet")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		sources[r] = Source{Path: p, ReportID: id, Department: dept}
	}
	keep := func(string) bool { return true }
	var size int64
	cpu := processCPU()
	b.ResetTimer()
	for b.Loop() {
		dir := b.TempDir()
		parts, err := Merge(context.Background(), dir, sources, keep)
		if err != nil || len(parts) == 0 {
			b.Fatalf("merge: %v, %d parts", err, len(parts))
		}
		size = 0
		for _, p := range parts {
			if st, err := os.Stat(p.Temp); err == nil {
				size += st.Size()
			}
			os.Remove(p.Temp)
		}
	}
	b.ReportMetric(float64(reports*b.N)/b.Elapsed().Seconds(), "reports/s")
	b.ReportMetric(float64((processCPU()-cpu).Microseconds())/1000/float64(reports*b.N), "cpu-ms/report")
	b.ReportMetric(float64(size)/reports, "part-bytes/report")
}
