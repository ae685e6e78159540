package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/outdir"
	"github.com/juesuan/juesuan/extract/tables"
)

// readBackScript dumps every sheet of a workbook as ExcelJS reads it:
// each cell's value, its JavaScript type and its number format.
const readBackScript = `
const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[2]);
  const out = {};
  wb.eachSheet(ws => {
    const rows = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r), cells = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        let v = cell.value;
        if (v && typeof v === "object" && v.richText) v = v.richText.map(x => x.text).join("");
        cells.push({v: v, t: v === null ? "null" : typeof v, f: cell.numFmt || ""});
      }
      rows.push(cells);
    }
    out[ws.name] = rows;
  });
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
`

type jsCell struct {
	V any    `json:"v"`
	T string `json:"t"`
	F string `json:"f"`
}

// excelJS installs ExcelJS from npm into a cache folder once, or skips.
func excelJS(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed: the workbooks are not read back with ExcelJS", tool)
		}
	}
	dir := filepath.Join(os.TempDir(), "juesuan-test-exceljs")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "exceljs", "package.json")); err == nil {
		return dir
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	os.MkdirAll(dir, 0o755)
	cmd := exec.CommandContext(ctx, "npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "--silent", "exceljs@4")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("npm install exceljs failed (offline?): %v\n%s", err, out)
	}
	return dir
}

// TestXLSXReadBackMatchesParquet exports the corpus to a workbook, reads
// it back with ExcelJS (an XLSX reader that is not the one that wrote
// it), and finds every amount of the line_items Parquet in its cell, as
// a number in #,##0.00, each once, and every word column's text as
// text; codes read as text, is_total as a boolean; the quality sheet
// names every report.
func TestXLSXReadBackMatchesParquet(t *testing.T) {
	t.Parallel() // juesuan and node run as processes of their own
	corpus := corpusDir(t)
	modules := excelJS(t)
	dir := t.TempDir()
	out, book := filepath.Join(dir, "out"), filepath.Join(dir, "corpus.xlsx")
	runBin(t, nil, "convert", "-q", "-o", out, corpus)
	if _, stderr, code := runBin(t, nil, "export", "-q", "-o", book, out); code > 1 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	script := filepath.Join(dir, "read.js")
	os.WriteFile(script, []byte(readBackScript), 0o644)
	cmd := exec.Command("node", script, book)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(modules, "node_modules"))
	js, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var sheets map[string][][]jsCell
	if err := json.Unmarshal(js, &sheets); err != nil {
		t.Fatal(err)
	}

	reports, err := outdir.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	type cellKey struct {
		report, table, section, column string
		seq                            int
	}
	want := map[cellKey]*int64{}
	texts := map[cellKey]*string{} // word columns' cells (B13's 专项名称 …)
	for _, r := range reports {
		for _, it := range r.Items {
			k := cellKey{it.ReportID, it.TableID, it.Section, it.ColumnKey, int(it.RowSeq)}
			want[k] = it.Amount
			if it.Text != nil || tables.IsTextKey(it.ColumnKey) {
				texts[k] = it.Text
			}
		}
	}
	seen := map[cellKey]int{}
	var numbers, blanks, words int
	for name, rows := range sheets {
		if name == "quality" || name == "质量" {
			sources := map[string]bool{}
			src := -1
			for i, c := range rows[1] {
				if c.V == "source_path" {
					src = i
				}
			}
			for _, r := range rows[2:] {
				sources[fmt.Sprint(r[src].V)] = true
			}
			if len(sources) != len(reports) {
				t.Errorf("quality sheet names %d reports, OUT holds %d", len(sources), len(reports))
			}
			continue
		}
		keys := make([]string, len(rows[1]))
		for i, c := range rows[1] {
			keys[i] = fmt.Sprint(c.V)
		}
		at := map[string]int{}
		for i, k := range keys {
			at[k] = i
		}
		for ri, r := range rows[2:] {
			str := func(k string) string {
				if r[at[k]].V == nil {
					return ""
				}
				return fmt.Sprint(r[at[k]].V)
			}
			for i, k := range keys {
				c := r[i]
				sec, col, sided := strings.Cut(k, ".")
				if !sided {
					sec, col = "", k
				}
				switch col {
				case "code", "parent_code":
					if c.T != "null" && c.T != "string" {
						t.Errorf("%s row %d %s: a %s, want text", name, ri+3, k, c.T)
					}
					continue
				case "is_total":
					if c.T != "null" && c.T != "boolean" {
						t.Errorf("%s row %d %s: a %s, want a boolean", name, ri+3, k, c.T)
					}
					continue
				}
				seqKey := "row_seq"
				if sided {
					seqKey = sec + ".row_seq"
				}
				if _, ok := at[seqKey]; !ok || str(seqKey) == "" {
					continue
				}
				seq, _ := strconv.Atoi(str(seqKey))
				ck := cellKey{str("report_id"), str("table_id"), sec, col, seq}
				w, isItem := want[ck]
				if !isItem {
					continue // not an amount column
				}
				seen[ck]++
				if tx, isText := texts[ck]; isText {
					switch {
					case tx == nil && c.T != "null":
						t.Errorf("%s row %d %s: %v, the Parquet has null", name, ri+3, k, c.V)
					case tx != nil && (c.T != "string" || c.V != *tx):
						t.Errorf("%s row %d %s: a %s %v, want the text %q", name, ri+3, k, c.T, c.V, *tx)
					case tx != nil:
						words++
					}
					continue
				}
				switch {
				case w == nil && c.T == "null":
					blanks++
				case w == nil:
					t.Errorf("%s row %d %s: %v, the Parquet has null", name, ri+3, k, c.V)
				case c.T != "number":
					t.Errorf("%s row %d %s: a %s %v, want the number %d cents", name, ri+3, k, c.T, c.V, *w)
				case int64(math.Round(c.V.(float64)*100)) != *w:
					t.Errorf("%s row %d %s: %v, the Parquet has %d cents", name, ri+3, k, c.V, *w)
				case c.F != "#,##0.00":
					t.Errorf("%s row %d %s: number format %q, want #,##0.00", name, ri+3, k, c.F)
				default:
					numbers++
				}
			}
		}
	}
	for k := range want {
		if seen[k] != 1 {
			t.Errorf("line item %+v is in %d cells of the workbook, want 1", k, seen[k])
		}
	}
	t.Logf("%d amounts, %d blank cells and %d cells of words of %d line items matched", numbers, blanks, words, len(want))
	if numbers < 1000 {
		t.Errorf("only %d amounts compared", numbers)
	}
}
