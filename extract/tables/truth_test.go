package tables

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata truth files from the current extraction (then re-verify them against the rendered pages)")

// realTruth names the hand-verified truth of each real final-account report.
var realTruth = []struct {
	pdf, truth string
	kind       Kind
}{
	{"r02_putuo_planning_2024_final.pdf", "r02.truth.json", Final},
	{"r03_putuo_socialwork_2024_final.pdf", "r03.truth.json", Final},
	// Budgets: a Shanghai department budget (split codes, 元, tables over
	// two pages) and a Jiangsu 公开表 attachment (twelve tables, joined
	// codes, rotated pages).
	{"r06_putuo_justice_2026_budget_dept.pdf", "r06.truth.json", Budget},
	{"r22_js_npc_2019_budget_tables.pdf", "r22.truth.json", Budget},
}

func TestRealTruth(t *testing.T) {
	for _, tc := range realTruth {
		t.Run(tc.truth, func(t *testing.T) {
			got := findReal(t, tc.pdf, WithKind(tc.kind))
			path := filepath.Join("testdata", tc.truth)
			if *update {
				writeJSON(t, path, got)
				return
			}
			var want []Table
			readJSON(t, path, &want)
			for _, d := range diffTables(got, want) {
				t.Error(d)
			}
		})
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// diffTables compares extracted tables with the truth cell for cell and
// describes every difference (at most a few per table).
func diffTables(got, want []Table) []string {
	var out []string
	byID := map[string][]Table{}
	for _, g := range got {
		byID[g.ID] = append(byID[g.ID], g)
	}
	for _, w := range want {
		gs := byID[w.ID]
		if len(gs) == 0 {
			out = append(out, fmt.Sprintf("%s (%s): not found", w.ID, w.Title))
			continue
		}
		g := gs[0]
		byID[w.ID] = gs[1:]
		out = append(out, diffTable(g, w)...)
	}
	for id, gs := range byID {
		for _, g := range gs {
			out = append(out, fmt.Sprintf("%s (%s) pages %v: extra table", id, g.Title, g.Pages))
		}
	}
	return out
}

func diffTable(g, w Table) []string {
	var out []string
	add := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("%s: ", w.ID)+fmt.Sprintf(format, args...))
	}
	if g.Title != w.Title || g.Unit != w.Unit || g.Marker != w.Marker || g.Empty != w.Empty ||
		g.Department != w.Department || g.Year != w.Year || fmt.Sprint(g.Pages) != fmt.Sprint(w.Pages) {
		add("header got %q %q %q empty=%v %q %q pages %v, want %q %q %q empty=%v %q %q pages %v",
			g.Title, g.Unit, g.Marker, g.Empty, g.Department, g.Year, g.Pages,
			w.Title, w.Unit, w.Marker, w.Empty, w.Department, w.Year, w.Pages)
	}
	if fmt.Sprint(g.Columns) != fmt.Sprint(w.Columns) {
		add("columns got %v, want %v", g.Columns, w.Columns)
	}
	if len(g.Rows) != len(w.Rows) {
		add("%d rows, want %d", len(g.Rows), len(w.Rows))
	}
	for i := 0; i < len(g.Rows) && i < len(w.Rows); i++ {
		gr, wr := g.Rows[i], w.Rows[i]
		if gr.Page != wr.Page || gr.Section != wr.Section || gr.LineNo != wr.LineNo ||
			fmt.Sprintf("%q", codeOrNil(gr.Code)) != fmt.Sprintf("%q", codeOrNil(wr.Code)) || gr.Item != wr.Item {
			add("row %d got p%d %s %q %q %q, want p%d %s %q %q %q", i+1,
				gr.Page, gr.Section, gr.LineNo, gr.Code, gr.Item, wr.Page, wr.Section, wr.LineNo, wr.Code, wr.Item)
			continue
		}
		if len(gr.Cells) != len(wr.Cells) {
			add("row %d (%s): %d cells, want %d", i+1, wr.Item, len(gr.Cells), len(wr.Cells))
			continue
		}
		for j := range wr.Cells {
			if gc, wc := gr.Cells[j], wr.Cells[j]; gc.Key != wc.Key || gc.Label != wc.Label || gc.Text != wc.Text {
				add("row %d (%s) cell %s: got %q, want %q", i+1, wr.Item, wr.Cells[j].Key, gr.Cells[j].Text, wr.Cells[j].Text)
			}
		}
	}
	return out
}

// codeOrNil treats a code of only blank parts (["", "", ""] printed split
// with nothing in it) as no code, the way the brief defines Row.Code.
func codeOrNil(c []string) []string {
	for _, p := range c {
		if p != "" {
			return c
		}
	}
	return nil
}
