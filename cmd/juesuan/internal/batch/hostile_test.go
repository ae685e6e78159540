//go:build unix

package batch

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

// reportRows reads every reports row under out, by report_id.
func reportRows(t *testing.T, out string) map[string]schema.Report {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "reports", "*", "*.parquet"))
	rows := map[string]schema.Report{}
	for _, f := range files {
		rs, err := parquet.ReadFile[schema.Report](f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range rs {
			rows[r.ReportID] = r
		}
	}
	return rows
}

// runWithin fails the test instead of hanging when a run does not end.
func runWithin(t *testing.T, d time.Duration, run func() Summary) Summary {
	t.Helper()
	done := make(chan Summary, 1)
	go func() { done <- run() }()
	select {
	case s := <-done:
		return s
	case <-time.After(d):
		t.Fatalf("the run did not end within %s", d)
		return Summary{}
	}
}

// TestWorkerWaitsForCancelledConversion: a conversion past its time limit
// keeps its worker until it has returned, so no more conversions run at
// once than there are workers, however slowly a cancelled one stops.
func TestWorkerWaitsForCancelledConversion(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	files := map[string]string{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		files[n+".pdf"] = "slow " + n
	}
	writeInputs(t, in, files)
	var running, most atomic.Int64
	convert := func(ctx context.Context, data []byte, id, path string) *pipeline.Result {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		<-ctx.Done()
		time.Sleep(60 * time.Millisecond) // stops, but not at once
		return pipeline.Failed(id, path, "test", ctx.Err())
	}
	sum := runWithin(t, 20*time.Second, func() Summary {
		s, err := New(out, convert, Workers(2), ToolVersion("test"), Timeout(20*time.Millisecond)).Run(context.Background(), []string{in}, strings.NewReader(""))
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		return s
	})
	if sum.Failed != 6 {
		t.Errorf("summary %+v, want 6 timed out", sum)
	}
	if most.Load() > 2 {
		t.Errorf("%d conversions ran at once with 2 workers: a timed-out one kept running beside its successor", most.Load())
	}
	for id, r := range reportRows(t, out) {
		if r.Error == nil || !strings.Contains(*r.Error, "--timeout") {
			t.Errorf("%s: error %v does not name --timeout", id, r.Error)
		}
	}
}

// TestTimeLimitCountsOnlyTheConversion: files queued behind a busy worker
// do not time out for the wait.
func TestTimeLimitCountsOnlyTheConversion(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "a", "b.pdf": "b", "c.pdf": "c", "d.pdf": "d"})
	convert := func(ctx context.Context, data []byte, id, path string) *pipeline.Result {
		select {
		case <-time.After(100 * time.Millisecond):
		case <-ctx.Done():
		}
		return (&fakeConvert{}).convert(ctx, data, id, path)
	}
	sum, err := New(out, convert, Workers(1), ToolVersion("test"), Timeout(300*time.Millisecond)).Run(context.Background(), []string{in}, strings.NewReader(""))
	if err != nil || sum.OK != 4 {
		t.Errorf("summary %+v, %v: 4 files of 100 ms each, one at a time, within 300 ms each", sum, err)
	}
}

// TestInputsThatCannotBeRead: whatever cannot be read is a failed reports
// row keyed by the SHA-256 of its path, in the null-year partition, with
// words that say why, and the run ends (a FIFO or /dev/zero never blocks
// it). A FIFO is never opened: a writer waiting on it stays blocked.
func TestInputsThatCannotBeRead(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"big.pdf": strings.Repeat("x", 2000), "ok.pdf": "fine"})
	fifo := filepath.Join(in, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	cliFIFO := filepath.Join(t.TempDir(), "named-on-the-command-line")
	if err := syscall.Mkfifo(cliFIFO, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(in, "s.pdf")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	missing := filepath.Join(in, "missing.pdf")

	want := map[string]string{ // path → words its error must hold
		filepath.Join(in, "big.pdf"): "--max-file-size",
		fifo:                         "named pipe (FIFO)",
		cliFIFO:                      "named pipe (FIFO)",
		sock:                         "socket",
		missing:                      "no such file",
	}
	paths := []string{in, cliFIFO, missing}
	if _, err := os.Stat("/dev/zero"); err == nil {
		paths = append(paths, "/dev/zero")
		want["/dev/zero"] = "character device"
	}
	f := &fakeConvert{}
	sum := runWithin(t, 20*time.Second, func() Summary {
		return runBatch(t, context.Background(), out, f, paths, MaxFileSize(1000))
	})
	if sum.OK != 1 || sum.Failed != len(want) || f.calls.Load() != 1 {
		t.Errorf("summary %+v, %d conversions; want 1 ok and %d failed", sum, f.calls.Load(), len(want))
	}
	rows := reportRows(t, out)
	for path, words := range want {
		id := unreadableID(path)
		r, ok := rows[id]
		if !ok {
			t.Errorf("%s: no reports row %s", path, id)
			continue
		}
		if r.SourcePath != path || r.Status != schema.StatusFailed || r.FiscalYear != nil || r.Error == nil || !strings.Contains(*r.Error, words) {
			t.Errorf("%s: row %+v, error %v; want failed, no year, error with %q", path, r, deref(r.Error), words)
		}
		if _, err := os.Stat(filepath.Join(out, "reports", "fiscal_year="+schema.NullPartition, id+".parquet")); err != nil {
			t.Errorf("%s: not in the null-year partition: %v", path, err)
		}
	}
	// Had the FIFO been opened for reading, this writer would not wait.
	opened := make(chan struct{})
	go func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
			close(opened)
		}
	}()
	select {
	case <-opened:
		t.Error("the FIFO is still open for reading after the run")
	case <-time.After(20 * time.Millisecond):
	}
}

// TestReadInputIsBounded: a file that grows past the limit while it is
// read (a /proc file says size 0) is refused, not read to its end.
func TestReadInputIsBounded(t *testing.T) {
	if _, err := os.Stat("/proc/self/maps"); err != nil {
		t.Skip("no /proc")
	}
	_, err := readInput("/proc/self/maps", inputCheck{limit: 64})
	if !errors.Is(err, errTooLarge) {
		t.Errorf("reading past the limit: %v, want errTooLarge", err)
	}
}

// TestRetryableFailuresAreConvertedAgain: a file that failed by a limit of
// the run is converted again by the next run with the limit raised, without
// --force; a file that failed for its bytes is not, until they change.
func TestRetryableFailuresAreConvertedAgain(t *testing.T) {
	slow := func(ctx context.Context, data []byte, id, path string) *pipeline.Result {
		if strings.Contains(string(data), "slow") {
			select {
			case <-time.After(150 * time.Millisecond):
			case <-ctx.Done():
				return pipeline.Failed(id, path, "test", ctx.Err())
			}
		}
		return (&fakeConvert{}).convert(ctx, data, id, path)
	}
	for _, tc := range []struct {
		name          string
		content       string
		first, second []Option
		wantRetry     bool
	}{
		{"timeout", "slow report", []Option{Timeout(20 * time.Millisecond)}, []Option{Timeout(5 * time.Second)}, true},
		{"size", "a report of some size", []Option{MaxFileSize(5)}, []Option{MaxFileSize(0)}, true},
		{"not a report", "fail", nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out := t.TempDir(), t.TempDir()
			writeInputs(t, in, map[string]string{"a.pdf": tc.content})
			var calls atomic.Int64
			convert := func(ctx context.Context, data []byte, id, path string) *pipeline.Result {
				calls.Add(1)
				return slow(ctx, data, id, path)
			}
			run := func(opts []Option) Summary {
				opts = append([]Option{ToolVersion("test")}, opts...)
				sum, err := New(out, convert, opts...).Run(context.Background(), []string{in}, strings.NewReader(""))
				if err != nil {
					t.Fatal(err)
				}
				return sum
			}
			if sum := run(tc.first); sum.Failed != 1 {
				t.Fatalf("first run: %+v, want the file failed", sum)
			}
			before := calls.Load()
			sum := run(tc.second)
			switch {
			case tc.wantRetry && (sum.OK != 1 || sum.Unchanged != 0):
				t.Errorf("second run: %+v, want the file converted again and ok", sum)
			case !tc.wantRetry && (sum.Unchanged != 1 || calls.Load() != before):
				t.Errorf("second run: %+v, %d more conversions; want it unchanged", sum, calls.Load()-before)
			}
			if files, _ := filepath.Glob(filepath.Join(out, "reports", "*", "*.parquet")); tc.wantRetry && len(files) != 1 {
				t.Errorf("reports files %v: the failed row was not replaced", files)
			}
		})
	}
}

// TestStateIsData: whatever the state lists, nothing outside OUT is
// looked at or removed, a name that is not one of a report's own files is
// ignored, a row with values juesuan never writes is converted again, and
// the run goes on. Each edit is SQL, as with the sqlite3 shell: {id} is
// the report ID, {victim} the path of a file outside OUT.
func TestStateIsData(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit []string
		// the entry keeps its own files: the input is unchanged, and its
		// old files go when its bytes change
		keepsOwn bool
	}{
		{"parent", []string{`INSERT OR REPLACE INTO juesuan_files VALUES ('{id}', '../victim.txt')`}, true},
		{"absolute", []string{`INSERT OR REPLACE INTO juesuan_files VALUES ('{id}', '{victim}')`}, true},
		{"dataset path with ..", []string{`INSERT OR REPLACE INTO juesuan_files VALUES ('{id}', 'reports/fiscal_year=2024/../../../victim.txt')`}, true},
		{"another report's name", []string{`INSERT OR REPLACE INTO juesuan_files VALUES ('{id}', 'reports/fiscal_year=2024/` + strings.Repeat("0", 64) + `.parquet')`}, true},
		{"a part outside OUT", []string{`INSERT OR REPLACE INTO juesuan_parts VALUES ('../victim.txt', 1)`,
			`INSERT OR REPLACE INTO juesuan_part_reports VALUES ('../victim.txt', 0, '{id}')`}, true},
		{"intents outside OUT", []string{`INSERT OR REPLACE INTO juesuan_intents VALUES ('../victim.txt', 'write')`,
			`INSERT OR REPLACE INTO juesuan_intents VALUES ('{victim}', 'remove')`, `INSERT OR REPLACE INTO juesuan_intents VALUES ('..', 'compact')`,
			`INSERT OR REPLACE INTO juesuan_intents VALUES ('reports/fiscal_year=2024/../../../victim.txt', 'remove')`}, true},
		{"only an outside file", []string{`DELETE FROM juesuan_files WHERE report_id = '{id}'`,
			`INSERT OR REPLACE INTO juesuan_files VALUES ('{id}', '../victim.txt')`}, false},
		{"no files", []string{`DELETE FROM juesuan_files WHERE report_id = '{id}'`}, false},
		{"unknown status", []string{`UPDATE juesuan_reports SET status = 'pwned' WHERE report_id = '{id}'`}, false},
		{"negative count", []string{`UPDATE juesuan_reports SET tables = -5 WHERE report_id = '{id}'`}, false},
		{"absurd count", []string{`UPDATE juesuan_reports SET checks_info = 9000000000000 WHERE report_id = '{id}'`}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			top := t.TempDir()
			in, out := filepath.Join(top, "in"), filepath.Join(top, "out")
			victim := filepath.Join(top, "victim.txt")
			writeInputs(t, top, map[string]string{"in/a.pdf": "version one", "victim.txt": "keep me"})
			id := pipeline.ReportID([]byte("version one"))
			tamper := func() {
				var stmts []string
				for _, q := range tc.edit {
					stmts = append(stmts, strings.NewReplacer("{id}", id, "{victim}", victim).Replace(q))
				}
				execState(t, out, stmts...)
			}
			f := &fakeConvert{}
			runBatch(t, context.Background(), out, f, []string{in})
			tamper()
			sum := runBatch(t, context.Background(), out, f, []string{in})
			if converted := f.calls.Load() == 2; converted == tc.keepsOwn || sum.OK != 1 {
				t.Errorf("same bytes: converted again %v, want %v (%+v)", converted, !tc.keepsOwn, sum)
			}
			tamper()
			writeInputs(t, in, map[string]string{"a.pdf": "version two"})
			runBatch(t, context.Background(), out, f, []string{in}, CompactAfter(true))
			if data, err := os.ReadFile(victim); err != nil || string(data) != "keep me" {
				t.Errorf("the file outside OUT was touched: %q, %v", data, err)
			}
			rows := reportRows(t, out)
			if rows[pipeline.ReportID([]byte("version two"))].Status != schema.StatusOK {
				t.Errorf("rows %+v, want the new version's", rows)
			}
			if _, old := rows[id]; old && tc.keepsOwn {
				t.Errorf("the old version's row is still there")
			}
		})
	}
}

// TestManifestSymlinkEscape: a dataset folder that is a link out of OUT
// does not let the manifest remove what it points to: the run is refused
// (TestLinksInOutAreRefused), and what is behind the link stays.
func TestManifestSymlinkEscape(t *testing.T) {
	top := t.TempDir()
	in, out, elsewhere := filepath.Join(top, "in"), filepath.Join(top, "out"), filepath.Join(top, "elsewhere")
	writeInputs(t, top, map[string]string{"in/a.pdf": "version one"})
	runBatch(t, context.Background(), out, &fakeConvert{}, []string{in})
	id := pipeline.ReportID([]byte("version one"))
	// The checks folder becomes a link to a folder outside holding a file
	// of the report's name; the manifest lists it.
	victim := filepath.Join(elsewhere, "fiscal_year=2024", id+".parquet")
	writeInputs(t, top, map[string]string{filepath.Join("elsewhere", "fiscal_year=2024", id+".parquet"): "keep me"})
	if err := os.Symlink(elsewhere, filepath.Join(out, "checks")); err != nil {
		t.Fatal(err)
	}
	execState(t, out, `INSERT INTO juesuan_files VALUES ('`+id+`', 'checks/fiscal_year=2024/`+id+`.parquet')`)
	writeInputs(t, in, map[string]string{"a.pdf": "version two"})
	if _, err := New(out, (&fakeConvert{}).convert, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader("")); !errors.Is(err, errLinkInOut) {
		t.Errorf("run with a linked dataset folder: %v, want it refused", err)
	}
	if data, err := os.ReadFile(victim); err != nil || string(data) != "keep me" {
		t.Errorf("the file behind the link was removed: %q, %v", data, err)
	}
}

// TestUnreadableManifest: a corrupt or foreign manifest stops the run with
// advice that works: --force moves it aside and starts over.
func TestUnreadableManifest(t *testing.T) {
	for _, tc := range []struct{ name, content string }{
		{"corrupt", "{\"version\": 1, \"sources\": [1, 2"},
		{"other version", `{"version": 99, "sources": {}, "reports": {}}`},
		{"another program's", `["not", "a", "manifest"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out := t.TempDir(), t.TempDir()
			writeInputs(t, in, map[string]string{"a.pdf": "a"})
			writeInputs(t, out, map[string]string{ManifestName: tc.content})
			_, err := New(out, (&fakeConvert{}).convert, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
			if err == nil || !strings.Contains(err.Error(), "--force") {
				t.Fatalf("run: %v, want advice naming --force", err)
			}
			sum, err := New(out, (&fakeConvert{}).convert, ToolVersion("test"), Force(true)).Run(context.Background(), []string{in}, strings.NewReader(""))
			if err != nil || sum.OK != 1 {
				t.Fatalf("run with --force: %+v, %v", sum, err)
			}
			aside, _ := filepath.Glob(filepath.Join(out, ManifestName+".bad-*"))
			if len(aside) != 1 {
				t.Fatalf("moved aside: %v", aside)
			}
			if data, _ := os.ReadFile(aside[0]); string(data) != tc.content {
				t.Errorf("the old manifest was not kept as it was")
			}
			if n := countRows(t, out, "juesuan_reports"); n != 1 {
				t.Errorf("the state written after --force holds %d reports, want 1", n)
			}
		})
	}
}

// TestUnreadableState: a state database that is not SQLite, damaged, of
// another schema or version stops the run with advice that works (use
// the newer juesuan, or --force: it moves the database aside and starts
// over), never a crash, and nothing outside OUT is touched.
func TestUnreadableState(t *testing.T) {
	dbPath := func(out string) string { return filepath.Join(out, StateName) }
	for _, tc := range []struct {
		name   string
		setup  func(t *testing.T, out string) // OUT holds one converted report
		advice string
	}{
		{"not SQLite", func(t *testing.T, out string) {
			os.WriteFile(dbPath(out), []byte(strings.Repeat("not a database at all; ", 300)), 0o644)
		}, "--force"},
		{"empty SQLite header", func(t *testing.T, out string) {
			os.WriteFile(dbPath(out), []byte("SQLite format 3\x00"), 0o644)
		}, "--force"},
		{"truncated", func(t *testing.T, out string) {
			data, _ := os.ReadFile(dbPath(out))
			os.WriteFile(dbPath(out), data[:min(len(data), 6000)], 0o644)
		}, "--force"},
		{"garbage pages", func(t *testing.T, out string) {
			data, _ := os.ReadFile(dbPath(out))
			for i := 4096; i < len(data); i++ {
				data[i] = byte(i * 7)
			}
			os.WriteFile(dbPath(out), data, 0o644)
		}, "--force"},
		{"newer schema", func(t *testing.T, out string) {
			execState(t, out, `UPDATE juesuan_meta SET value = '99' WHERE key = 'schema_version'`)
		}, "newer juesuan"},
		{"schema version not a number", func(t *testing.T, out string) {
			execState(t, out, `UPDATE juesuan_meta SET value = 'one' WHERE key = 'schema_version'`)
		}, "--force"},
		{"no schema version", func(t *testing.T, out string) {
			execState(t, out, `DELETE FROM juesuan_meta`)
		}, "--force"},
		{"another table under juesuan's name", func(t *testing.T, out string) {
			execState(t, out, `DROP TABLE juesuan_files`, `CREATE TABLE juesuan_files (x)`)
		}, "--force"},
		{"a folder", func(t *testing.T, out string) {
			os.Remove(dbPath(out))
			os.Mkdir(dbPath(out), 0o755)
		}, "--force"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			top := t.TempDir()
			in, out := filepath.Join(top, "in"), filepath.Join(top, "out")
			writeInputs(t, top, map[string]string{"in/a.pdf": "a", "in/b.pdf": "b", "victim.txt": "keep me"})
			runBatch(t, context.Background(), out, &fakeConvert{}, []string{filepath.Join(in, "a.pdf")})
			tc.setup(t, out)
			_, err := New(out, (&fakeConvert{}).convert, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
			if err == nil || !strings.Contains(err.Error(), tc.advice) || !strings.Contains(err.Error(), StateName) {
				t.Fatalf("run: %v, want an error naming %s and %q", err, StateName, tc.advice)
			}
			t.Log(err)
			sum, err := New(out, (&fakeConvert{}).convert, ToolVersion("test"), Force(true)).Run(context.Background(), []string{in}, strings.NewReader(""))
			if err != nil || sum.OK != 2 {
				t.Fatalf("run with --force: %+v, %v", sum, err)
			}
			if aside, _ := filepath.Glob(dbPath(out) + ".bad-*"); len(aside) == 0 {
				t.Errorf("the unusable state was not kept aside")
			}
			if n := countRows(t, out, "juesuan_reports"); n != 2 {
				t.Errorf("the state written after --force holds %d reports, want 2", n)
			}
			if data, err := os.ReadFile(filepath.Join(top, "victim.txt")); err != nil || string(data) != "keep me" {
				t.Errorf("the file outside OUT was touched: %q, %v", data, err)
			}
		})
	}
}

// TestConcurrentRunsOnOneOut: two runs started together on one OUT with
// overlapping inputs end with the same output, every Parquet file and the
// manifest, as the two run one after the other.
func TestConcurrentRunsOnOneOut(t *testing.T) {
	in := t.TempDir()
	files := map[string]string{}
	for i := range 12 {
		files[string(rune('a'+i))+".pdf"] = "report " + string(rune('a'+i))
	}
	writeInputs(t, in, files)
	var first, second []string
	for i := range 12 {
		p := filepath.Join(in, string(rune('a'+i))+".pdf")
		if i < 8 {
			first = append(first, p)
		}
		if i >= 4 {
			second = append(second, p)
		}
	}
	slowConvert := func(ctx context.Context, data []byte, id, path string) *pipeline.Result {
		time.Sleep(time.Millisecond) // long enough for the two runs to overlap
		return (&fakeConvert{}).convert(ctx, data, id, path)
	}
	run := func(out string, paths []string) error {
		_, err := New(out, slowConvert, Workers(2), ToolVersion("test")).Run(context.Background(), paths, strings.NewReader(""))
		return err
	}
	ref := t.TempDir()
	if err := run(ref, first); err != nil {
		t.Fatal(err)
	}
	if err := run(ref, second); err != nil {
		t.Fatal(err)
	}
	want := contents(t, ref)
	for trial := range 20 {
		out := t.TempDir()
		var wg sync.WaitGroup
		for _, paths := range [][]string{first, second} {
			wg.Go(func() {
				if err := run(out, paths); err != nil {
					t.Errorf("trial %d: %v", trial, err)
				}
			})
		}
		wg.Wait()
		got := contents(t, out)
		if len(got) != len(want) {
			t.Errorf("trial %d: %d files, sequential runs %d", trial, len(got), len(want))
		}
		for name, data := range want {
			if got[name] != data {
				t.Errorf("trial %d: %s differs from the sequential runs'", trial, name)
			}
		}
	}
}

// contents maps every file under out but the lock file to its bytes, and
// the state to its rows (as JSON).
func contents(t *testing.T, out string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for name := range tree(t, out) {
		if name == StateName {
			data, _ := json.Marshal(dumpManifest(t, out))
			files[name] = string(data)
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(data)
	}
	return files
}

// TestSecondRunCanRefuseToWait: with WaitForLock(false) a run finding OUT
// held returns a *BusyError naming the other process; by default it waits,
// then runs.
func TestSecondRunCanRefuseToWait(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "a"})
	release, started := make(chan struct{}), make(chan struct{})
	var once sync.Once
	blocking := func(ctx context.Context, data []byte, id, path string) *pipeline.Result {
		once.Do(func() { close(started) })
		<-release
		return (&fakeConvert{}).convert(ctx, data, id, path)
	}
	firstDone := make(chan error, 1)
	go func() {
		_, err := New(out, blocking, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
		firstDone <- err
	}()
	<-started
	_, err := New(out, (&fakeConvert{}).convert, ToolVersion("test"), WaitForLock(false)).Run(context.Background(), []string{in}, strings.NewReader(""))
	var busy *BusyError
	if !errors.As(err, &busy) || !strings.Contains(busy.Holder, "pid ") || !strings.Contains(err.Error(), "--no-wait") {
		t.Errorf("second run: %v, want a BusyError naming the other run's pid", err)
	}
	secondDone := make(chan Summary, 1)
	go func() {
		sum, _ := New(out, (&fakeConvert{}).convert, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
		secondDone <- sum
	}()
	select {
	case <-secondDone:
		t.Fatal("a waiting run ran while the first held OUT")
	case <-time.After(3 * lockPoll):
	}
	close(release)
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	if sum := <-secondDone; sum.Unchanged != 1 {
		t.Errorf("the waiting run: %+v, want it to find the first run's work", sum)
	}
}

func FuzzRecordedPath(f *testing.F) {
	for _, s := range []string{"a.pdf", "目录/报告.pdf", "a\xff.pdf", `a\xff.pdf`, `back\slash`, "\xe4\xb8", "\\\\x41"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		rec := recordedPath(p)
		if !utf8.ValidString(rec) {
			t.Fatalf("recordedPath(%q) = %q, not valid UTF-8", p, rec)
		}
		if back, ok := unrecord(rec); !ok || back != p {
			t.Fatalf("recordedPath(%q) = %q reads back as %q", p, rec, back)
		}
		if utf8.ValidString(p) && !strings.Contains(p, `\`) && rec != p {
			t.Fatalf("a plain name changed: %q → %q", p, rec)
		}
	})
}

// TestNamesThatAreNotUTF8: such a name is recorded escaped, in the row and
// as the manifest key, and new bytes under it replace the old rows.
func TestNamesThatAreNotUTF8(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	name := filepath.Join(in, "gbk-\xb1\xa8\xb8\xe6.pdf") // 报告 in GBK
	if err := os.WriteFile(name, []byte("version one"), 0o644); err != nil {
		t.Skip("the file system refuses names that are not UTF-8:", err)
	}
	runBatch(t, context.Background(), out, &fakeConvert{}, []string{in})
	if err := os.WriteFile(name, []byte("version two"), 0o644); err != nil {
		t.Fatal(err)
	}
	runBatch(t, context.Background(), out, &fakeConvert{}, []string{in})
	rows := reportRows(t, out)
	want := filepath.Join(in, `gbk-\xb1\xa8\xb8\xe6.pdf`)
	if len(rows) != 1 {
		t.Fatalf("%d report rows, want the new version's only", len(rows))
	}
	for _, r := range rows {
		if r.SourcePath != want {
			t.Errorf("source_path %q, want %q", r.SourcePath, want)
		}
	}
	m := dumpManifest(t, out)
	if _, ok := m.Sources[want]; !ok || len(m.Sources) != 1 {
		t.Errorf("state sources %v, want the key %q", m.Sources, want)
	}
}

// TestSymlinksInFolders are followed, each folder walked once (a loop
// ends), and a broken link is a failed row, never dropped silently.
func TestSymlinksInFolders(t *testing.T) {
	top := t.TempDir()
	in, out := filepath.Join(top, "in"), filepath.Join(top, "out")
	writeInputs(t, top, map[string]string{"elsewhere/a.pdf": "a", "other/sub/b.pdf": "b", "in/c.pdf": "c"})
	for link, target := range map[string]string{
		"in/link-a.pdf": filepath.Join(top, "elsewhere", "a.pdf"),
		"in/linked":     filepath.Join(top, "other"),
		"in/loop":       in,
		"in/broken.pdf": filepath.Join(top, "gone.pdf"),
	} {
		if err := os.Symlink(target, filepath.Join(top, link)); err != nil {
			t.Fatal(err)
		}
	}
	sum := runWithin(t, 10*time.Second, func() Summary {
		return runBatch(t, context.Background(), out, &fakeConvert{}, []string{in})
	})
	if sum.OK != 3 || sum.Failed != 1 || sum.Files != 4 {
		t.Errorf("summary %+v, want a, b, c ok and the broken link failed", sum)
	}
	rows := reportRows(t, out)
	for path, id := range map[string]string{
		filepath.Join(in, "link-a.pdf"):             pipeline.ReportID([]byte("a")),
		filepath.Join(in, "linked", "sub", "b.pdf"): pipeline.ReportID([]byte("b")),
		filepath.Join(in, "broken.pdf"):             unreadableID(filepath.Join(in, "broken.pdf")),
	} {
		if rows[id].SourcePath != path {
			t.Errorf("row %s names %q, want %q", id, rows[id].SourcePath, path)
		}
	}
}

// TestSameBytesRecordTheFirstPath: whichever worker reads them first, the
// row of bytes found under several paths names the first in input order.
func TestSameBytesRecordTheFirstPath(t *testing.T) {
	in := t.TempDir()
	writeInputs(t, in, map[string]string{"a.pdf": "same", "b.pdf": "same", "c.pdf": "same"})
	a, b, c := filepath.Join(in, "a.pdf"), filepath.Join(in, "b.pdf"), filepath.Join(in, "c.pdf")
	for _, order := range [][]string{{a, b, c}, {c, b, a}, {b, a, c}} {
		// Reference: the first input alone, its row as converted from it.
		ref := t.TempDir()
		if _, err := New(ref, (&fakeConvert{}).convert, ToolVersion("test")).Run(context.Background(), order[:1], strings.NewReader("")); err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		r := New(out, (&fakeConvert{}).convert, Workers(3), ToolVersion("test"))
		// The first input is read last: the others claim the bytes first.
		r.read = func(path string, c inputCheck) (inputData, error) {
			if path == order[0] {
				time.Sleep(100 * time.Millisecond)
			}
			return readInput(path, c)
		}
		sum, err := r.Run(context.Background(), order, strings.NewReader(""))
		if err != nil || sum.OK != 3 {
			t.Fatalf("summary %+v, %v", sum, err)
		}
		rows := reportRows(t, out)
		if got := rows[pipeline.ReportID([]byte("same"))].SourcePath; got != order[0] {
			t.Errorf("inputs %v: the row names %s, want the first", order, got)
		}
		rel := filepath.Join("reports", "fiscal_year=2024", pipeline.ReportID([]byte("same"))+".parquet")
		if contents(t, out)[rel] != contents(t, ref)[rel] {
			t.Errorf("inputs %v: the rewritten row is not the bytes of converting the first input", order)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		bad  bool
	}{
		{"512MB", 512 << 20, false}, {"512mib", 512 << 20, false}, {"1.5G", 3 << 29, false},
		{"300k", 300 << 10, false}, {"1048576", 1 << 20, false}, {"0", 0, false}, {" 2 GB ", 2 << 30, false},
		{"", 0, true}, {"MB", 0, true}, {"-1MB", 0, true}, {"12 parsecs", 0, true}, {"1e30GB", 0, true},
	} {
		got, err := ParseSize(tc.in)
		if (err != nil) != tc.bad || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, error %v", tc.in, got, err, tc.want, tc.bad)
		}
		if !tc.bad && got > 0 {
			if back, err := ParseSize(FormatSize(got)); err != nil || back != got {
				t.Errorf("FormatSize(%d) = %q reads back as %d, %v", got, FormatSize(got), back, err)
			}
		}
	}
}

// TestLockFileLinkIsNotFollowed: a link planted as OUT's lock file stops
// the run before anything is written through it.
func TestLockFileLinkIsNotFollowed(t *testing.T) {
	top := t.TempDir()
	in, out, victim := filepath.Join(top, "in"), filepath.Join(top, "out"), filepath.Join(top, "victim.txt")
	writeInputs(t, top, map[string]string{"in/a.pdf": "a", "victim.txt": "keep me", "out/x": ""})
	if err := os.Symlink(victim, filepath.Join(out, LockName)); err != nil {
		t.Fatal(err)
	}
	_, err := New(out, (&fakeConvert{}).convert, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
	if err == nil {
		t.Error("the run went on through a linked lock file")
	}
	if data, _ := os.ReadFile(victim); string(data) != "keep me" {
		t.Errorf("the link's target was written: %q", data)
	}
}

// TestInputReadableAgain: an input missing on one run and present on the
// next is converted, and its failed row goes.
func TestInputReadableAgain(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	p := filepath.Join(in, "late.pdf")
	if sum := runBatch(t, context.Background(), out, &fakeConvert{}, []string{p}); sum.Failed != 1 {
		t.Fatalf("missing input: %+v", sum)
	}
	writeInputs(t, in, map[string]string{"late.pdf": "here now"})
	if sum := runBatch(t, context.Background(), out, &fakeConvert{}, []string{p}); sum.OK != 1 {
		t.Fatalf("present input: %+v", sum)
	}
	rows := reportRows(t, out)
	if len(rows) != 1 || rows[pipeline.ReportID([]byte("here now"))].SourcePath != p {
		t.Errorf("rows %+v, want the converted file's only", rows)
	}
}
