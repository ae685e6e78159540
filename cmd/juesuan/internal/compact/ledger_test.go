package compact

import (
	"context"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/schema"
)

// reportBeforeLedger is a reports row as juesuan wrote it before the
// figure ledger: without figures_printed, figures_unplaced, text_source.
type reportBeforeLedger struct {
	ReportID     string  `parquet:"report_id"`
	SourcePath   string  `parquet:"source_path"`
	Department   *string `parquet:"department,optional"`
	FiscalYear   *int32  `parquet:"fiscal_year,optional"`
	DocKind      string  `parquet:"doc_kind"`
	Unit         *string `parquet:"unit,optional"`
	Pages        int32   `parquet:"pages"`
	Tables       int32   `parquet:"tables"`
	Status       string  `parquet:"status"`
	Error        *string `parquet:"error,optional"`
	ChecksFailed int32   `parquet:"checks_failed"`
	ToolVersion  string  `parquet:"tool_version"`
}

// TestMergeReportsBeforeTheLedger: a reports file written before the
// ledger, compacted with one written after, reads as null in the ledger
// columns (not accounted), the newer row keeps its figures.
func TestMergeReportsBeforeTheLedger(t *testing.T) {
	dir := t.TempDir()
	a, b := "a", "b"
	printed, unplaced, src := int32(180), int32(0), schema.TextSourceText
	sources := []Source{
		writeReport(t, dir, "old", []reportBeforeLedger{{ReportID: "old", Department: &a, DocKind: "final", Status: "ok"}}),
		writeReport(t, dir, "new", []schema.Report{{ReportID: "new", Department: &b, DocKind: "final", Status: "ok",
			FiguresPrinted: &printed, FiguresUnplaced: &unplaced, TextSource: &src}}),
	}
	parts, err := Merge(context.Background(), dir, sources, func(string) bool { return true })
	if err != nil || len(parts) != 1 {
		t.Fatalf("merge: %v, %d parts", err, len(parts))
	}
	rows, err := parquet.ReadFile[schema.Report](parts[0].Temp)
	if err != nil || len(rows) != 2 {
		t.Fatalf("read part: %v, %d rows", err, len(rows))
	}
	for _, r := range rows {
		switch r.ReportID {
		case "old":
			if r.FiguresPrinted != nil || r.FiguresUnplaced != nil || r.TextSource != nil {
				t.Errorf("old row: %v %v %v, want nulls", r.FiguresPrinted, r.FiguresUnplaced, r.TextSource)
			}
		case "new":
			if r.FiguresPrinted == nil || *r.FiguresPrinted != 180 || r.FiguresUnplaced == nil || *r.FiguresUnplaced != 0 || r.TextSource == nil || *r.TextSource != "text" {
				t.Errorf("new row lost its ledger: %+v", r)
			}
		}
	}
}
