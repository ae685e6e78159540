package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

// TestConvertCompact converts fixtures with --compact: every partition is
// one part, whose rows are those of a conversion without it.
func TestConvertCompact(t *testing.T) {
	fixtures, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.pdf"))
	narrative, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*_narrative.pdf"))
	if len(fixtures) < 2 || len(narrative) == 0 {
		t.Skip("fixtures not found")
	}
	// Two fixtures and one with a narrative, so that every dataset has rows.
	fixtures = append(fixtures[:2:2], narrative[0])
	plain, compacted := t.TempDir(), t.TempDir()
	if _, _, err := runCmd(t, append([]string{"convert", "--quiet", "-o", plain}, fixtures...)...); err != nil && exitCode(err) != 1 {
		t.Fatal(err)
	}
	stdout, _, err := runCmd(t, append([]string{"convert", "--compact", "-o", compacted}, fixtures...)...)
	if err != nil && exitCode(err) != 1 {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "compacted ") {
		t.Errorf("convert --compact printed no compaction: %q", stdout)
	}
	for _, ds := range schema.Datasets {
		files, _ := filepath.Glob(filepath.Join(compacted, ds, "*", "*.parquet"))
		for _, f := range files {
			if !strings.HasPrefix(filepath.Base(f), "part-") {
				t.Errorf("%s: not compacted", f)
			}
		}
		if got, want := readRows(t, compacted, ds), readRows(t, plain, ds); !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d rows compacted, %d converted", ds, len(got), len(want))
		}
	}
	stdout, _, err = runCmd(t, "compact", compacted)
	if err != nil || !strings.HasPrefix(stdout, "compacted 0 partitions") {
		t.Errorf("compacting again: %q, %v", stdout, err)
	}
}

func readRows(t *testing.T, out, ds string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, ds, "*", "*.parquet"))
	var rows []string
	for _, f := range files {
		var got []string
		var err error
		switch ds {
		case schema.DatasetLineItems:
			got, err = readAs[schema.LineItem](f)
		case schema.DatasetChecks:
			got, err = readAs[schema.Check](f)
		case schema.DatasetStatements:
			got, err = readAs[schema.Statement](f)
		default:
			got, err = readAs[schema.Report](f)
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, got...)
	}
	slices.Sort(rows)
	return rows
}

func readAs[T any](path string) ([]string, error) {
	rows, err := parquet.ReadFile[T](path)
	var out []string
	for _, r := range rows {
		b, _ := json.Marshal(r) // pointers as their values
		out = append(out, string(b))
	}
	return out, err
}

// TestCompactKilled kills a real `juesuan compact` process (SIGKILL: no
// deferred cleanup runs) at several moments, then runs it again: every
// report's rows are there exactly once. The in-process crash test of
// package batch stops at each step deterministically; this one checks the
// same with the process really gone.
//
// The kills are a fixed number, spread evenly over the time one unkilled
// compaction takes on this machine (plus a margin), so the test costs the
// same number of runs on a fast machine and a loaded one.
func TestCompactKilled(t *testing.T) {
	t.Parallel() // juesuan runs as a process of its own
	kills := 16
	if testing.Short() {
		kills = 4 // the start, two points inside the run and past its end
	}
	fixtures, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.pdf"))
	if len(fixtures) < 2 {
		t.Skip("fixtures not found")
	}
	tmp := t.TempDir()
	plain := filepath.Join(tmp, "plain")
	if err := command(append([]string{"convert", "--quiet", "-o", plain}, fixtures...)...).Run(); err != nil && exitStatus(err) != 1 {
		t.Fatal(err)
	}
	whole := filepath.Join(tmp, "whole")
	if err := os.CopyFS(whole, os.DirFS(plain)); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := command("compact", whole).Run(); err != nil {
		t.Fatal(err)
	}
	span := time.Since(start) * 5 / 4

	midway := 0
	for i := range kills {
		delay := span * time.Duration(i) / time.Duration(kills-1)
		out := filepath.Join(tmp, fmt.Sprint("out", i))
		if err := os.CopyFS(out, os.DirFS(plain)); err != nil {
			t.Fatal(err)
		}
		cmd := command("compact", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		own, _ := filepath.Glob(filepath.Join(out, "*", "*", "[0-9a-f]*.parquet"))
		parts, _ := filepath.Glob(filepath.Join(out, "*", "*", "part-*.parquet"))
		if len(parts) > 0 && len(own) > 0 {
			midway++
		}
		if err := command("compact", out).Run(); err != nil {
			t.Fatalf("killed after %s: compact again: %v", delay, err)
		}
		for _, ds := range schema.Datasets {
			if got, want := readRows(t, out, ds), readRows(t, plain, ds); !slices.Equal(got, want) {
				t.Errorf("killed after %s: %s has %d rows, want %d, each once", delay, ds, len(got), len(want))
			}
		}
		lakeAgrees(t, out)
	}
	t.Logf("%d kills over %s, %d of them between publishing parts and removing the files they replace", kills, span, midway)
}

// TestConvertKilled kills a real `juesuan convert` process (SIGKILL) at
// several moments, then runs it again: the output is that of a run never
// killed, file for file (no temporary file, no file written but not
// recorded), and every row is there once. What the killed run was about
// to write is named in the state beforehand; the rerun removes that only.
func TestConvertKilled(t *testing.T) {
	const kills = 10
	fixtures, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.pdf"))
	if len(fixtures) < 2 {
		t.Skip("fixtures not found")
	}
	tmp := t.TempDir()
	plain := filepath.Join(tmp, "plain")
	start := time.Now()
	if err := command(append([]string{"convert", "--quiet", "-j", "2", "-o", plain}, fixtures...)...).Run(); err != nil && exitStatus(err) != 1 {
		t.Fatal(err)
	}
	span := time.Since(start) * 5 / 4
	want := outputFiles(t, plain)
	for i := range kills {
		delay := span * time.Duration(i) / (kills - 1)
		out := filepath.Join(tmp, fmt.Sprint("out", i))
		args := append([]string{"convert", "--quiet", "-j", "2", "-o", out}, fixtures...)
		cmd := command(args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if err := command(args...).Run(); err != nil && exitStatus(err) != 1 {
			t.Fatalf("killed after %s: convert again: %v", delay, err)
		}
		if got := outputFiles(t, out); !slices.Equal(got, want) {
			t.Errorf("killed after %s: files\n%v\nwant those of a run never killed:\n%v", delay, got, want)
		}
		for _, ds := range schema.Datasets {
			if got, want := readRows(t, out, ds), readRows(t, plain, ds); !slices.Equal(got, want) {
				t.Errorf("killed after %s: %s has %d rows, want %d, each once", delay, ds, len(got), len(want))
			}
		}
		lakeAgrees(t, out)
	}
}

// outputFiles lists the files under out but the state, the lock and the
// Iceberg tables' metadata (lakeAgrees checks those), sorted.
func outputFiles(t *testing.T, out string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		if !strings.HasPrefix(rel, batch.StateName) && rel != batch.LockName && !isLakeFile(rel) {
			files = append(files, rel)
		}
		return nil
	})
	slices.Sort(files)
	return files
}

// TestCompactStrayFile restores a report's own file into a compacted OUT,
// as a backup restored by hand would: export refuses the doubled rows,
// naming both files; compact sets the file aside with a warning and a
// summary that counts it, and the folders hold the conversion's rows
// again.
func TestCompactStrayFile(t *testing.T) {
	fixtures, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.pdf"))
	if len(fixtures) < 2 {
		t.Skip("fixtures not found")
	}
	plain, out := t.TempDir(), t.TempDir()
	for _, o := range []string{plain, out} {
		if _, _, err := runCmd(t, append([]string{"convert", "--quiet", "-o", o}, fixtures[:2]...)...); err != nil && exitCode(err) != 1 {
			t.Fatal(err)
		}
	}
	own, _ := filepath.Glob(filepath.Join(out, schema.DatasetLineItems, "*", "*.parquet"))
	if len(own) == 0 {
		t.Fatal("no line_items file")
	}
	saved, err := os.ReadFile(own[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "compact", out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(own[0], saved, 0o644); err != nil { // restored beside the part holding its rows
		t.Fatal(err)
	}

	_, stderr, err := runCmd(t, "export", "-o", filepath.Join(t.TempDir(), "x.csv"), out)
	if exitCode(err) != 1 || !strings.Contains(stderr, "has rows in two files of line_items") || !strings.Contains(stderr, filepath.Base(own[0])) {
		t.Errorf("export of the doubled OUT: exit %d, stderr %q", exitCode(err), stderr)
	}
	stdout, stderr, err := runCmd(t, "compact", out)
	if err != nil || !strings.Contains(stdout, "1 file set aside (see the warnings)") || !strings.Contains(stderr, "this file is not in OUT's state") {
		t.Fatalf("compact: %v\nstdout %q\nstderr %q", err, stdout, stderr)
	}
	if _, err := os.Stat(own[0] + ".unlisted"); err != nil {
		t.Errorf("not set aside: %v", err)
	}
	if got, want := readRows(t, out, schema.DatasetLineItems), readRows(t, plain, schema.DatasetLineItems); !slices.Equal(got, want) {
		t.Errorf("%d line items read after compact, want the conversion's %d", len(got), len(want))
	}
}
