package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this binary as the juesuan command itself, to
// send it real signals.
func TestMain(m *testing.M) {
	if os.Getenv("JUESUAN_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// lockedBuffer is a bytes.Buffer safe for one writer and one reader at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "JUESUAN_TEST_MAIN=1")
	return cmd
}

// TestSIGINTStopsCleanlyAndResumes interrupts a real batch mid-way: exit 1,
// finished files kept, no temporary file left, and the next run completes
// to the same datasets as an uninterrupted run.
func TestSIGINTStopsCleanlyAndResumes(t *testing.T) {
	corpus := corpusDir(t)
	tmp := t.TempDir()
	ref, out := filepath.Join(tmp, "ref"), filepath.Join(tmp, "out")
	if err := command("convert", "--quiet", "-o", ref, corpus).Run(); err != nil && exitStatus(err) != 1 {
		t.Fatalf("reference run: %v", err)
	}

	cmd := command("convert", "-j", "1", "-o", out, corpus)
	var stderr lockedBuffer // read here while exec's goroutine writes it
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once the first files are done.
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), `"message":"file"`) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if exitStatus(err) != 1 {
		t.Fatalf("interrupted run: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stderr.String(), "goroutine ") {
		t.Errorf("a stack trace reached the user:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("the run finished before the signal, or did not say it was interrupted:\n%s", stderr.String())
	}
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.Contains(filepath.Base(p), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})

	if err := command("convert", "--quiet", "-o", out, corpus).Run(); exitStatus(err) != 1 {
		t.Fatalf("resumed run: %v", err)
	}
	want, got := snapshot(t, ref), snapshot(t, out)
	if len(got) != len(want) {
		t.Errorf("resumed run wrote %d files, uninterrupted %d", len(got), len(want))
	}
	for p := range want {
		rel, _ := filepath.Rel(ref, p)
		if rel == "juesuan.db" {
			continue
		}
		a, err1 := os.ReadFile(p)
		b, err2 := os.ReadFile(filepath.Join(out, rel))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs after resuming (%v, %v)", rel, err1, err2)
		}
	}
	lakeAgrees(t, out)
}

func exitStatus(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}
