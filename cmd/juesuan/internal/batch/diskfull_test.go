//go:build linux

package batch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/testdisk"
	"github.com/juesuan/juesuan/schema"
)

// strays lists what a run must never leave in OUT: temporary files of
// reports' files and of parts.
func strays(t *testing.T, out string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.Contains(d.Name(), ".tmp-") || strings.HasPrefix(d.Name(), ".part-")) {
			found = append(found, p)
		}
		return nil
	})
	return found
}

// A full disk stops a run where it is, with what to do instead of
// --force; freeing space and running again finishes the work, each row
// once. The same for a compaction, wherever the disk fills: the room left
// (beyond what OUT holds) decides where.
func TestDiskFull(t *testing.T) {
	in, ref := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020, 2021}, 60, 400)
	convertInto(t, ref, []string{in})
	for _, tc := range []struct {
		name   string
		room   int64  // bytes left for the compaction
		says   string // where it stopped
		fillAt string // the step of the compaction at which no room is left (compactStep)
	}{
		{"the state cannot be opened", 8 << 10, "cannot read", ""},
		{"a part cannot be written", 64 << 10, "write part", ""},
		{"the parts cannot be recorded", 128 << 10, "compact: batch state: cannot write", ""},
		{"the next dataset cannot start", 1 << 20, "batch state: cannot write", stepMerged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			disk := t.TempDir()
			resize := testdisk.Small(t, disk, 4<<20)
			out := filepath.Join(disk, "out")
			convertUntilFull(t, out, in, 120, "")
			resize(64 << 20)
			convertInto(t, out, []string{in})
			sameRows(t, out, ref)

			resize(testdisk.Used(t, disk) + tc.room)
			var once sync.Once
			_, err := New(out, nil, ToolVersion("test"), withStep(func(step string) {
				if step == tc.fillAt {
					once.Do(func() { resize(testdisk.Used(t, disk)) })
				}
			})).Compact(context.Background())
			if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), tc.says) || strings.Contains(err.Error(), forceAdvice) {
				t.Fatalf("compact on a full disk: %v, want it to stop where %q with the disk-full advice", err, tc.says)
			}
			if s := strays(t, out); len(s) > 0 {
				t.Errorf("compaction left behind: %v", s)
			}
			sameRows(t, out, ref) // no row twice, not even until the next run

			resize(64 << 20)
			compactOut(t, out)
			sameRows(t, out, ref)
			for dir, names := range partitionFiles(t, out) {
				for _, n := range names {
					if !compact.IsPartName(n) {
						t.Errorf("%s/%s left beside the parts", dir, n)
					}
				}
			}
		})
	}
}

// forceAdvice is the advice for a damaged state, wrong for a full disk:
// moving the state aside converts every input again, in more space.
const forceAdvice = "run again with --force"

// convertUntilFull converts inputs (n reports) into out on a disk that
// fills part of the way, and checks that the run stopped there, saying
// so (and, unless "", that it stopped on writing says), with few reports
// failed and no file left half-written.
func convertUntilFull(t *testing.T, out, in string, n int, says string) {
	t.Helper()
	const workers = 2
	sum, err := New(out, yearConvert, Workers(workers), ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
	if !errors.Is(err, errDiskFull) || strings.Contains(err.Error(), forceAdvice) || !strings.Contains(err.Error(), says) {
		t.Fatalf("convert on a full disk: %v, want the disk-full advice (on %q), not --force", err, says)
	}
	if sum.OK == 0 || sum.Files >= n {
		t.Errorf("convert on a full disk: %v, want it to stop part of the way", sum)
	}
	if sum.Failed > 3*workers { // those in hand and queued when it filled
		t.Errorf("%d reports failed: the run went on after the disk was full", sum.Failed)
	}
	if s := strays(t, out); len(s) > 0 {
		t.Errorf("left behind: %v", s)
	}
}

// A dataset's folder on a disk of its own that fills, the state's disk
// with room: the reports' files cannot be written, and the run stops
// there as well.
func TestDatasetDiskFull(t *testing.T) {
	in, ref := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020, 2021}, 60, 400)
	convertInto(t, ref, []string{in})
	out := t.TempDir()
	items := filepath.Join(out, schema.DatasetLineItems)
	if err := os.Mkdir(items, 0o755); err != nil {
		t.Fatal(err)
	}
	resize := testdisk.Small(t, items, 256<<10)
	convertUntilFull(t, out, in, 120, "writing output failed: write "+items)
	resize(64 << 20)
	convertInto(t, out, []string{in})
	sameRows(t, out, ref)
}
