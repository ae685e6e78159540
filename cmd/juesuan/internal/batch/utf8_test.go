package batch

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/internal/hostile"
	"github.com/juesuan/juesuan/schema"
)

// hostileText is not UTF-8: 宋体 in GBK, then a byte of no encoding.
const hostileText = "\xcb\xce\xcc\xe5 \xff"

// duckDB returns a folder holding node_modules/@duckdb/node-api (npm
// installs it into a temporary folder kept across runs, or
// JUESUAN_DUCKDB_DIR), or skips the test without node and npm.
func duckDB(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no npm install")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node")
	}
	dir := os.Getenv("JUESUAN_DUCKDB_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "juesuan-duckdb")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err == nil {
		return dir
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("no npm")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("npm", "i", "-E", "--no-save", "@duckdb/node-api@1.5.6-r.1")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("npm could not install @duckdb/node-api: %v\n%s", err, out)
	}
	return dir
}

// readAllScript reads every column of every dataset under OUT with
// DuckDB (which checks each string's encoding) and prints, per dataset,
// the rows as JSON.
const readAllScript = `import { DuckDBInstance } from '@duckdb/node-api';
const out = process.argv[2];
const con = await (await DuckDBInstance.create(':memory:')).connect();
const res = {};
for (const ds of ['reports', 'line_items', 'checks', 'statements']) {
  const r = await con.runAndReadAll("SELECT * FROM read_parquet('" + out + "/" + ds + "/*/*.parquet', hive_partitioning = false)");
  res[ds] = r.getRowObjectsJson();
}
console.log(JSON.stringify(res));
`

// TestStringColumnsReadByDuckDB: text that is not UTF-8, from every
// hostile source (font and XObject names in a real conversion's error, a
// GBK file name, and every string column of every dataset set to such
// bytes), is written so that DuckDB reads every dataset whole.
func TestStringColumnsReadByDuckDB(t *testing.T) {
	dir := duckDB(t)
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{
		"gbk-\xcb\xce\xcc\xe5.pdf": string(hostile.GBKNames()),
		"every-column-\xff.pdf":    "every column",
	})
	convert := func(ctx context.Context, data []byte, id, path string) *juesuan.Result {
		if string(data) != "every column" {
			return juesuan.Convert(ctx, data, juesuan.WithSourcePath(path), juesuan.WithReportID(id), juesuan.WithToolVersion("test"))
		}
		year := int32(2024)
		res := &juesuan.Result{LineItems: make([]schema.LineItem, 1), Checks: make([]schema.Check, 1), Statements: make([]schema.Statement, 1)}
		hostile.FillStrings(&res.Report, hostileText)
		hostile.FillStrings(&res.LineItems[0], hostileText)
		hostile.FillStrings(&res.Checks[0], hostileText)
		hostile.FillStrings(&res.Statements[0], hostileText)
		res.Report.ReportID, res.Report.FiscalYear, res.Report.Status, res.Report.ToolVersion = id, &year, schema.StatusOK, "test"
		res.LineItems[0].ReportID, res.LineItems[0].FiscalYear = id, &year
		res.Checks[0].ReportID, res.Checks[0].FiscalYear = id, &year
		res.Statements[0].ReportID, res.Statements[0].FiscalYear = id, &year
		return res
	}
	if _, err := New(out, convert, ToolVersion("test"), Workers(2)).Run(context.Background(), []string{in}, strings.NewReader("")); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "juesuan-read-all.mjs")
	if err := os.WriteFile(script, []byte(readAllScript), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", script, out)
	cmd.Dir = dir
	stdout, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("DuckDB cannot read the datasets: %v\n%s", err, msg)
	}
	var got map[string][]map[string]any
	if err := json.Unmarshal(stdout, &got); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	for _, ds := range []string{"reports", "line_items", "checks", "statements"} {
		if len(got[ds]) == 0 {
			t.Errorf("%s: no rows read", ds)
		}
	}
	var sawGBKError, sawColumns bool
	for _, r := range got["reports"] {
		errText, _ := r["error"].(string)
		src, _ := r["source_path"].(string)
		switch {
		case strings.Contains(src, "gbk-"):
			sawGBKError = true
			if src != filepath.Join(in, `gbk-\xcb\xce\xcc\xe5.pdf`) {
				t.Errorf("source_path %q: the file name's bytes should be escaped", src)
			}
			if !strings.Contains(errText, "font /宋体") || !strings.Contains(errText, "XObject /表格") {
				t.Errorf("error %q: the GBK names should read 宋体 and 表格", errText)
			}
		default:
			sawColumns = true
			if r["department"] != `宋体 \xff` || r["doc_kind"] != `宋体 \xff` {
				t.Errorf("report %v: want GBK decoded and the other byte escaped", r)
			}
		}
	}
	if !sawGBKError || !sawColumns {
		t.Errorf("reports read: %v", got["reports"])
	}
}
