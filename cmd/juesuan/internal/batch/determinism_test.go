//go:build unix

package batch

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/schema"
)

// TestDatasetsSameEveryRun converts the same inputs 20 times into fresh
// folders, with 1 to 4 workers and random delays before each read (so
// that any input may be read first): the sample report under three names
// and in a folder, files that fail (not a PDF, empty, zeros, missing). Every
// dataset file must be the same bytes every time: the report of the
// duplicated bytes names the first input in its reports row and in its
// checks, whatever worker converted it.
func TestDatasetsSameEveryRun(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "fixtures", "sample.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	writeInputs(t, in, map[string]string{
		"a/sample.pdf": string(sample), "b/copy.pdf": string(sample), "c.pdf": string(sample),
		"not-a-pdf.pdf": "<html>404</html>", "empty.pdf": "", "zeros.pdf": strings.Repeat("\x00", 4096),
	})
	inputs := []string{filepath.Join(in, "c.pdf"), in, filepath.Join(in, "missing.pdf"), filepath.Join(in, "a", "sample.pdf")}
	convert := func(ctx context.Context, data []byte, id, path string) *juesuan.Result {
		return juesuan.Convert(ctx, data, juesuan.WithSourcePath(path), juesuan.WithReportID(id), juesuan.WithToolVersion("test"))
	}
	var first map[string]string
	for run := range 20 {
		out := t.TempDir()
		r := New(out, convert, Workers(1+run%4), ToolVersion("test"), CheckHeader(juesuan.CheckHeader), MaxMemory(64<<20))
		rng := rand.New(rand.NewPCG(uint64(run), 7))
		delays := map[string]time.Duration{}
		for _, p := range []string{"a/sample.pdf", "b/copy.pdf", "c.pdf", "not-a-pdf.pdf", "empty.pdf", "zeros.pdf"} {
			delays[filepath.Join(in, p)] = time.Duration(rng.IntN(40)) * time.Millisecond
		}
		r.read = func(path string, c inputCheck) (inputData, error) {
			time.Sleep(delays[path])
			return readInput(path, c)
		}
		if _, err := r.Run(context.Background(), inputs, strings.NewReader("")); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for name, data := range contents(t, out) {
			if strings.HasSuffix(name, ".parquet") {
				got[name] = data
			}
		}
		if first == nil {
			first = got
			rows := reportRows(t, out)
			if n := len(rows); n != 5 { // the sample once, three failures, the missing file
				t.Fatalf("%d reports, want 5: %v", n, rows)
			}
			if p := rows[juesuan.ReportID(sample)].SourcePath; p != filepath.Join(in, "c.pdf") {
				t.Fatalf("the sample's row names %s, want the first input", p)
			}
			files, _ := filepath.Glob(filepath.Join(out, schema.DatasetChecks, "*", juesuan.ReportID(sample)+".parquet"))
			if len(files) != 1 {
				t.Fatalf("the sample's checks: %v", files)
			}
			checks, err := parquet.ReadFile[schema.Check](files[0])
			if err != nil || len(checks) == 0 || checks[0].SourcePath != filepath.Join(in, "c.pdf") {
				t.Fatalf("the sample's checks name %v (%v), want the first input", checks[:min(1, len(checks))], err)
			}
			continue
		}
		for name, data := range got {
			if first[name] != data {
				t.Errorf("run %d (-j %d): %s differs from the first run's", run, 1+run%4, name)
			}
		}
		if len(got) != len(first) {
			t.Errorf("run %d: %d dataset files, the first run %d", run, len(got), len(first))
		}
	}
}
