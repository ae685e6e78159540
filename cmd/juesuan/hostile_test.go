//go:build unix

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/schema"
)

var sample = filepath.Join("..", "..", "fixtures", "sample.pdf")

// TestAdviceInErrorsWorks follows each error's advice end to end: the run
// fails and says what to do; doing it (and nothing else) converts the
// file.
func TestAdviceInErrorsWorks(t *testing.T) {
	for _, tc := range []struct {
		name          string
		setup         func(out string)
		first         []string
		advice        string // in the row's error, or in the run's error
		second        []string
		rowHasAdvice  bool
		manifestBroke bool
		input         string // default sample
	}{
		{name: "timeout", first: []string{"--timeout", "1ns"}, advice: "--timeout", second: []string{"--timeout", "60s"}, rowHasAdvice: true},
		{name: "size", first: []string{"--max-file-size", "1KB"}, advice: "--max-file-size", second: []string{"--max-file-size", "512MB"}, rowHasAdvice: true},
		// sample.pdf decodes to less than the smallest budget.
		{name: "memory", first: []string{"--max-memory", "1MB"}, advice: "--max-memory", second: []string{"--max-memory", "512MB"}, rowHasAdvice: true,
			input: filepath.Join("..", "..", "fixtures", "sh2024_chromium_split.pdf")},
		{name: "corrupt manifest", setup: func(out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, batch.ManifestName), []byte("{\"version\":1,\"sources\":"), 0o644)
		}, advice: "--force", second: []string{"--force"}},
		{name: "old manifest", setup: func(out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, batch.ManifestName), []byte(`{"version":0}`), 0o644)
		}, advice: "--force", second: []string{"--force"}},
		{name: "corrupt state", setup: func(out string) {
			os.MkdirAll(out, 0o755)
			os.WriteFile(filepath.Join(out, batch.StateName), []byte(strings.Repeat("not SQLite ", 500)), 0o644)
		}, advice: "--force", second: []string{"--force"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if tc.setup != nil {
				tc.setup(out)
			}
			input := sample
			if tc.input != "" {
				input = tc.input
			}
			_, _, err := runCmd(t, append([]string{"convert", "--quiet", "-o", out, input}, tc.first...)...)
			if exitCode(err) != 1 {
				t.Fatalf("first run: exit %d (%v), want 1", exitCode(err), err)
			}
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			if tc.rowHasAdvice {
				for _, r := range readReports(t, out) {
					if r.Status != schema.StatusFailed || r.Error == nil {
						t.Fatalf("row %+v, want failed", r)
					}
					msg = *r.Error
				}
			}
			if !strings.Contains(msg, tc.advice) {
				t.Fatalf("the error %q does not advise %s", msg, tc.advice)
			}
			t.Logf("advice: %s", msg)
			_, stderr, err := runCmd(t, append([]string{"convert", "--quiet", "-o", out, input}, tc.second...)...)
			if err != nil {
				t.Fatalf("following the advice: %v\n%s", err, stderr)
			}
			reps := readReports(t, out)
			if files := mustGlob(t, filepath.Join(out, "reports", "*", "*.parquet")); len(files) != 1 {
				t.Fatalf("report files %v, want the new one only", files)
			}
			for _, r := range reps {
				if r.Status != schema.StatusOK {
					t.Errorf("after following the advice: %s %v", r.Status, r.Error)
				}
			}
		})
	}
}

// TestSecondRunOnOneOut: with --no-wait a run finding OUT in use exits 2 at
// once, naming the other process.
func TestSecondRunOnOneOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	release, started := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hold := func(ctx context.Context, data []byte, id, path string) *pipeline.Result {
		once.Do(func() { close(started) })
		<-release
		return pipeline.Failed(id, path, version, os.ErrInvalid)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		batch.New(out, hold).Run(context.Background(), []string{sample}, strings.NewReader(""))
	}()
	<-started
	start := time.Now()
	_, _, err := runCmd(t, "convert", "--no-wait", "-o", out, sample)
	close(release)
	<-done
	if exitCode(err) != 2 || !strings.Contains(err.Error(), "pid ") {
		t.Errorf("second run: exit %d (%v), want 2 naming the other run's pid", exitCode(err), err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("--no-wait took %s", el)
	}
}

// TestFIFOOnTheCommandLine: the real command, given a FIFO nobody writes,
// ends with a failed row instead of hanging.
func TestFIFOOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := command("convert", "--quiet", "-o", filepath.Join(dir, "out"), fifo)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
	defer timer.Stop()
	if err := cmd.Wait(); exitStatus(err) != 1 {
		t.Fatalf("exit %v, want 1 (a failed row)", err)
	}
	reps := readReports(t, filepath.Join(dir, "out"))
	if len(reps) != 1 {
		t.Fatalf("%d rows, want 1", len(reps))
	}
	for _, r := range reps {
		if r.SourcePath != fifo || r.Error == nil || !strings.Contains(*r.Error, "FIFO") {
			t.Errorf("row %+v", r)
		}
	}
}
