package batch

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

// fakeConvert stands in for the PDF pipeline: the file's text decides the
// outcome ("panic", "sleep", "fail"), and it counts its calls.
type fakeConvert struct{ calls atomic.Int64 }

func (f *fakeConvert) convert(ctx context.Context, data []byte, id, path string) *pipeline.Result {
	f.calls.Add(1)
	text := string(data)
	switch {
	case strings.Contains(text, "panic"):
		panic("boom")
	case strings.Contains(text, "sleep"):
		select {
		case <-time.After(5 * time.Second):
		case <-ctx.Done():
		}
	case strings.Contains(text, "fail"):
		return pipeline.Failed(id, path, "test", os.ErrInvalid)
	}
	year := int32(2024)
	amount := int64(len(data))
	return &pipeline.Result{
		Report: schema.Report{ReportID: id, SourcePath: path, FiscalYear: &year, DocKind: schema.KindFinal,
			Status: schema.StatusOK, Tables: 1, ToolVersion: "test"},
		LineItems: []schema.LineItem{{ReportID: id, FiscalYear: &year, TableID: "T01", RowSeq: 1,
			Item: text, ColumnKey: "amount", Amount: &amount, Unit: "元", Page: 1}},
	}
}

func writeInputs(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree lists every file under out with its modification time, but the
// lock file, which each run rewrites with its own pid.
func tree(t *testing.T, out string) map[string]time.Time {
	t.Helper()
	files := map[string]time.Time{}
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.Name() != LockName {
			rel, _ := filepath.Rel(out, p)
			files[rel] = info.ModTime()
		}
		return nil
	})
	return files
}

func runBatch(t *testing.T, ctx context.Context, out string, f *fakeConvert, paths []string, opts ...Option) Summary {
	t.Helper()
	opts = append([]Option{Workers(2), ToolVersion("test"), Timeout(2 * time.Second)}, opts...)
	sum, err := New(out, f.convert, opts...).Run(ctx, paths, strings.NewReader(""))
	if err != nil && ctx.Err() == nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

func TestIncrementalRunRewritesNothing(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "report a", "sub/b.PDF": "report b", "c.txt": "not walked", "d.pdf": "fail"})
	f := &fakeConvert{}
	first := runBatch(t, context.Background(), out, f, []string{in})
	if first.Files != 3 || first.OK != 2 || first.Failed != 1 || f.calls.Load() != 3 {
		t.Fatalf("first run: %+v, %d calls", first, f.calls.Load())
	}
	before := tree(t, out)
	time.Sleep(10 * time.Millisecond)
	second := runBatch(t, context.Background(), out, f, []string{in})
	if f.calls.Load() != 3 {
		t.Errorf("second run converted again: %d calls", f.calls.Load())
	}
	if second.Unchanged != 3 || second.Failed != 1 || second.AllConverted() {
		t.Errorf("second run: %+v (a failed file stays failed and counts)", second)
	}
	after := tree(t, out)
	for name, mt := range before {
		if !after[name].Equal(mt) {
			t.Errorf("%s rewritten on an unchanged run", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("files before %d, after %d", len(before), len(after))
	}
	// --force converts everything again.
	runBatch(t, context.Background(), out, f, []string{in}, Force(true))
	if f.calls.Load() != 6 {
		t.Errorf("--force: %d calls, want 6", f.calls.Load())
	}
}

func TestChangedFileReplacesItsRows(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "version one"})
	f := &fakeConvert{}
	runBatch(t, context.Background(), out, f, []string{in})
	oldID := pipeline.ReportID([]byte("version one"))
	writeInputs(t, in, map[string]string{"a.pdf": "version two"})
	runBatch(t, context.Background(), out, f, []string{in})
	newID := pipeline.ReportID([]byte("version two"))
	files := tree(t, out)
	var names []string
	for n := range files {
		names = append(names, n)
		if strings.Contains(n, oldID) {
			t.Errorf("old version's file %s still there", n)
		}
	}
	sort.Strings(names)
	want := []string{
		StateName,
		filepath.Join("line_items", "fiscal_year=2024", newID+".parquet"),
		filepath.Join("reports", "fiscal_year=2024", newID+".parquet"),
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	rows, err := parquet.ReadFile[schema.Report](filepath.Join(out, want[2]))
	if err != nil || len(rows) != 1 || rows[0].SourcePath != filepath.Join(in, "a.pdf") {
		t.Errorf("report rows %+v, %v", rows, err)
	}
}

func TestSameBytesUnderTwoPathsConvertOnce(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "same", "copy/a.pdf": "same", "copy/b.pdf": "same"})
	f := &fakeConvert{}
	sum := runBatch(t, context.Background(), out, f, []string{in})
	if f.calls.Load() != 1 || sum.Files != 3 || sum.OK != 3 {
		t.Errorf("%d conversions, summary %+v; want 1 conversion recorded for 3 paths", f.calls.Load(), sum)
	}
	if s, r := countRows(t, out, "juesuan_sources"), countRows(t, out, "juesuan_reports"); s != 3 || r != 1 {
		t.Errorf("state: %d sources, %d reports; want 3, 1", s, r)
	}
}

func TestBadFilesDoNotStopTheBatch(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "fine", "b.pdf": "panic", "c.pdf": "sleep", "d.pdf": "also fine"})
	f := &fakeConvert{}
	sum := runBatch(t, context.Background(), out, f, []string{in, filepath.Join(in, "missing.pdf")}, Timeout(200*time.Millisecond))
	if sum.OK != 2 || sum.Failed != 3 {
		t.Fatalf("summary %+v", sum)
	}
	for _, name := range []string{"b.pdf", "c.pdf"} {
		id := pipeline.ReportID([]byte(map[string]string{"b.pdf": "panic", "c.pdf": "sleep"}[name]))
		rows, err := parquet.ReadFile[schema.Report](filepath.Join(out, "reports", "fiscal_year=__HIVE_DEFAULT_PARTITION__", id+".parquet"))
		if err != nil || len(rows) != 1 || rows[0].Status != schema.StatusFailed || rows[0].Error == nil {
			t.Fatalf("%s: rows %+v, %v", name, rows, err)
		}
		if strings.Contains(*rows[0].Error, "goroutine") {
			t.Errorf("%s: a stack trace reached the user: %s", name, *rows[0].Error)
		}
		t.Logf("%s: %s", name, *rows[0].Error)
	}
}

func TestInterruptedRunResumes(t *testing.T) {
	in := t.TempDir()
	files := map[string]string{}
	for i := range 20 {
		files[filepath.Join("d", string(rune('a'+i))+".pdf")] = "report " + string(rune('a'+i))
	}
	writeInputs(t, in, files)

	ref := t.TempDir()
	runBatch(t, context.Background(), ref, &fakeConvert{}, []string{in})

	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	f := &fakeConvert{}
	slow := func(c context.Context, data []byte, id, path string) *pipeline.Result {
		if f.calls.Load() == 5 {
			cancel()
		}
		return f.convert(c, data, id, path)
	}
	_, err := New(out, slow, Workers(2), ToolVersion("test")).Run(ctx, []string{in}, strings.NewReader(""))
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("interrupted run returned %v", err)
	}
	for name := range tree(t, out) {
		if schema.IsTemp(filepath.Base(name)) {
			t.Errorf("temporary file %s survived", name)
		}
	}
	runBatch(t, context.Background(), out, &fakeConvert{}, []string{in})
	got, want := tree(t, out), tree(t, ref)
	if len(got) != len(want) {
		t.Errorf("resumed run has %d files, uninterrupted %d", len(got), len(want))
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("resumed run lacks %s", name)
			continue
		}
		if name == StateName {
			continue
		}
		a, _ := os.ReadFile(filepath.Join(out, name))
		b, _ := os.ReadFile(filepath.Join(ref, name))
		if string(a) != string(b) {
			t.Errorf("%s differs from the uninterrupted run", name)
		}
	}
}

func TestPathsFromStdin(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "a", "b.pdf": "b"})
	f := &fakeConvert{}
	list := filepath.Join(in, "a.pdf") + "\n\n" + filepath.Join(in, "b.pdf") + "\n"
	sum, err := New(out, f.convert, ToolVersion("test")).Run(context.Background(), []string{"-"}, strings.NewReader(list))
	if err != nil || sum.Files != 2 || sum.OK != 2 {
		t.Errorf("summary %+v, %v", sum, err)
	}
}

// TestLeftoverFilesAreRemoved: what a write killed before its report was
// recorded left (the temporary file, a file renamed in place), as its
// intent names it, goes at the next run; a file the state lists stays.
func TestLeftoverFilesAreRemoved(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "a"})
	runBatch(t, context.Background(), out, &fakeConvert{}, []string{in})
	id := pipeline.ReportID([]byte("a"))
	killed := strings.Repeat("c", 64) // a report whose write was killed
	listed := "reports/fiscal_year=2024/" + id + ".parquet"
	left := []string{
		"reports/fiscal_year=2024/." + killed + ".parquet.tmp-juesuan",
		"line_items/fiscal_year=2024/" + killed + ".parquet",
		"reports/fiscal_year=2024/." + id + ".parquet.tmp-juesuan",
	}
	writeInputs(t, out, map[string]string{left[0]: "half", left[1]: "whole", left[2]: "half"})
	execState(t, out,
		`INSERT INTO juesuan_intents VALUES ('reports/fiscal_year=2024/`+killed+`.parquet', 'write')`,
		`INSERT INTO juesuan_intents VALUES ('line_items/fiscal_year=2024/`+killed+`.parquet', 'write')`,
		`INSERT INTO juesuan_intents VALUES ('`+listed+`', 'write')`)
	runBatch(t, context.Background(), out, &fakeConvert{}, []string{in})
	for _, name := range left {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s survived", name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, listed)); err != nil {
		t.Errorf("the listed file was removed: %v", err)
	}
	if n := countRows(t, out, "juesuan_intents"); n != 0 {
		t.Errorf("%d intents left", n)
	}
}

// TestWriteFailureLeavesNoPartialSet makes the reports folder unusable:
// the file fails, its line items are removed again, and the next run (with
// the folder fixed) converts it.
func TestWriteFailureLeavesNoPartialSet(t *testing.T) {
	// A file where the folder belongs blocks it even for root, who
	// ignores permissions.
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "report a"})
	writeInputs(t, out, map[string]string{"reports": "a file where the reports folder belongs"})
	f := &fakeConvert{}
	sum := runBatch(t, context.Background(), out, f, []string{in})
	if sum.Failed != 1 {
		t.Fatalf("summary %+v, want the file failed", sum)
	}
	if files := tree(t, out); len(files) != 2 { // the blocking file and the manifest
		t.Errorf("files after a failed write: %v", files)
	}
	os.Remove(filepath.Join(out, "reports"))
	sum = runBatch(t, context.Background(), out, f, []string{in})
	if sum.OK != 1 || sum.Unchanged != 0 || f.calls.Load() != 2 {
		t.Errorf("after fixing the folder: %+v, %d calls", sum, f.calls.Load())
	}
}
