package check

import (
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// TestRunFailedCellsIsRun: the same checks as Run, each failed identity
// naming the doctored cell it read, the others none.
func TestRunFailedCellsIsRun(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures")
	var ts []tables.Table
	readJSONFile(t, filepath.Join(dir, "sh2024_lo_split_doctored.truth.json"), &ts)
	var meta fixtureMeta
	readJSONFile(t, filepath.Join(dir, "sh2024_lo_split_doctored.meta.json"), &meta)
	items, _ := normalize.LineItems("id", normalize.Meta{Unit: meta.Unit, FiscalYear: meta.FiscalYear, DocKind: schema.KindFinal}, ts)
	d := meta.Doctored
	doctored := findCell(t, ts, d.Table, d.Row, d.Code, d.Key)
	want := Run("id", nil, ts, items)
	got, cells := RunFailedCells("id", nil, ts, items)
	if !reflect.DeepEqual(got, want) || len(cells) != len(got) {
		t.Fatalf("RunFailedCells differs from Run: %d checks, %d cell lists, want %d", len(got), len(cells), len(want))
	}
	failed := 0
	for i, c := range got {
		if c.Status != schema.CheckFail || c.Expected == nil {
			if c.Status != schema.CheckFail && cells[i] != nil {
				t.Errorf("%s (%s) lists cells %v: only failed checks list theirs", c.CheckID, c.Status, cells[i])
			}
			continue
		}
		failed++
		if len(cells[i]) < 2 || !slices.Contains(cells[i], CellRef{doctored.table, doctored.seq, doctored.key}) {
			t.Errorf("%s at %s read %v: want the total and its parts, the doctored cell among them", c.CheckID, c.Location, cells[i])
		}
	}
	if failed == 0 {
		t.Fatal("the doctored fixture fails no identity")
	}
}
