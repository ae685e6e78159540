package check

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// fixtureMeta is the part of NAME.meta.json (written by fixtures/gen) these
// tests read.
type fixtureMeta struct {
	Unit       string `json:"unit"`
	FiscalYear int    `json:"fiscal_year"`
	Doctored   *struct {
		Table string `json:"table"`
		Row   string `json:"row_item"`
		Code  string `json:"row_code"`
		Key   string `json:"column_key"`
		Text  string `json:"printed_text"`
	} `json:"doctored"`
}

// TestFixtureTruth runs the checks on the ground truth of every generated
// fixture (normalized by package normalize): a fixture that is not doctored
// must pass every check; a doctored one must fail exactly the checks that
// read the doctored cell, and at least one.
func TestFixtureTruth(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures")
	paths, _ := filepath.Glob(filepath.Join(dir, "*.truth.json"))
	if len(paths) == 0 {
		t.Skip("no fixtures in " + dir)
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".truth.json")
		t.Run(name, func(t *testing.T) {
			var ts []tables.Table
			readJSONFile(t, path, &ts)
			var meta fixtureMeta
			readJSONFile(t, filepath.Join(dir, name+".meta.json"), &meta)
			items, errs := normalize.LineItems("fixture", normalize.Meta{Unit: meta.Unit, FiscalYear: meta.FiscalYear, DocKind: schema.KindFinal}, ts)
			for _, e := range errs {
				t.Logf("normalize (its own tests cover this): %v", e)
			}
			results := run(ts, items)
			var doctored *cellRef
			if d := meta.Doctored; d != nil {
				doctored = findCell(t, ts, d.Table, d.Row, d.Code, d.Key)
			}
			var fails, involved []string
			missing := missingTables(t, dir, name)
			for _, r := range results {
				c := r.check
				line := c.CheckID + " @ " + c.Location + ": " + c.Description
				if missing[c.CheckID[:min(3, len(c.CheckID))]] || missing[c.Location[:min(3, len(c.Location))]] {
					continue // a table left out of the fixture on purpose (narrative fixtures)
				}
				if c.Status == schema.CheckFail || c.Status == schema.CheckSkipped {
					fails = append(fails, line)
				}
				if doctored == nil || c.Status == schema.CheckInfo {
					continue
				}
				for _, cr := range r.cells {
					if cr == *doctored {
						involved = append(involved, line)
						break
					}
				}
			}
			var cs []schema.Check
			for _, r := range results {
				cs = append(cs, r.check)
			}
			p, f, s, i := Summary(cs)
			t.Logf("%d checks: %d pass, %d fail, %d skipped, %d info", len(cs), p, f, s, i)
			sort.Strings(fails)
			sort.Strings(involved)
			if doctored != nil && len(fails) == 0 {
				t.Errorf("doctored cell %+v: no check fails", *doctored)
			}
			if strings.Join(fails, "\n") != strings.Join(involved, "\n") {
				t.Errorf("failed:\n  %s\nwant (checks reading the doctored cell %v):\n  %s",
					strings.Join(fails, "\n  "), doctored, strings.Join(involved, "\n  "))
			}
		})
	}
}

// missingTables lists the tables a fixture's NAME.narrative.json says are
// left out on purpose (a mistake caught by T0n.present).
func missingTables(t *testing.T, dir, name string) map[string]bool {
	t.Helper()
	path := filepath.Join(dir, name+".narrative.json")
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	var truth struct{ Mistakes []struct{ Checks []string } }
	readJSONFile(t, path, &truth)
	out := map[string]bool{}
	for _, m := range truth.Mistakes {
		for _, id := range m.Checks {
			if table, ok := strings.CutSuffix(id, ".present"); ok {
				out[table] = true
			}
		}
	}
	return out
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// findCell locates the doctored cell: the first row of the table with that
// item (and code, when given), as fixtures/gen applies it. normalize numbers
// rows from 1 in table order, so the row's index gives its row_seq.
func findCell(t *testing.T, ts []tables.Table, id, item, code, key string) *cellRef {
	t.Helper()
	for _, tb := range ts {
		if tb.ID != id {
			continue
		}
		for i, r := range tb.Rows {
			if r.Item == item && (code == "" || strings.Join(r.Code, "") == code) {
				return &cellRef{id, int32(i + 1), key}
			}
		}
	}
	t.Fatalf("doctored cell %s/%s/%s/%s not in truth", id, item, code, key)
	return nil
}
