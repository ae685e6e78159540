// Package batch converts many PDFs into the datasets under one output folder:
// a pool of workers, incremental by content hash, every file written
// atomically, and no input able to stop the others.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/pipeline"
	"github.com/juesuan/juesuan/schema"
)

// ConvertFunc turns one PDF's bytes, whose report ID the batch has already
// computed, into rows. It must not keep data.
type ConvertFunc func(ctx context.Context, data []byte, reportID, sourcePath string) *pipeline.Result

// Runner converts batches into one output folder.
type Runner struct {
	out     string
	convert ConvertFunc
	cfg     config

	mu       sync.Mutex
	man      *manifest
	inflight map[string]chan struct{} // report_id → closed when written
	doneRun  map[string]bool          // report_ids converted in this run
	unsynced map[string]bool          // folders with renames not yet synced
	dirty    bool
}

// New returns a Runner writing under out.
func New(out string, convert ConvertFunc, opts ...Option) *Runner {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return &Runner{out: out, convert: convert, cfg: cfg,
		inflight: map[string]chan struct{}{}, doneRun: map[string]bool{}, unsynced: map[string]bool{}}
}

// Outcome is what happened to one input path.
type Outcome struct {
	Path         string
	ReportID     string
	Status       string // schema.Status*
	Error        string
	Tables       int
	ChecksFailed int
	Checks       CheckCounts
	Warnings     []string // recoverable problems seen while reading (not kept across runs)
	Skipped      bool     // unchanged since the last run, or the same bytes as another path
	Elapsed      time.Duration
}

// Run converts every PDF under paths ("-" reads paths from stdin, one per
// line). It returns a summary, and an error only for what stops the whole
// batch (unusable output folder, interruption); failed inputs are counted
// in the summary.
func (r *Runner) Run(ctx context.Context, paths []string, stdin io.Reader) (Summary, error) {
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return Summary{}, fmt.Errorf("create output folder: %w", err)
	}
	man, err := loadManifest(r.out)
	if err != nil {
		return Summary{}, err
	}
	r.man = man
	if err := removeTemps(r.out); err != nil {
		return Summary{}, err
	}

	start := time.Now()
	jobs := make(chan string)
	walkErrs := make(chan error, 1)
	var found counter
	go func() {
		defer close(jobs)
		walkErrs <- walkInputs(ctx, paths, stdin, r.out, func(p string) bool {
			found.add(1)
			select {
			case jobs <- p:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()

	prog := newProgress(r.cfg.progress, &found, start)
	var sum Summary
	var sumMu sync.Mutex
	done := func(o *Outcome) { // from the workers and the committer
		sumMu.Lock()
		defer sumMu.Unlock()
		r.logOutcome(o) // one writer at a time, whatever the log's io.Writer
		sum.add(o)
		prog.update(&sum)
	}
	// Files are synced and renamed by one committer behind the workers, so
	// that waiting for the disk overlaps the next conversion instead of
	// stalling it. A worker waits only when `workers` reports are queued.
	commits := make(chan *commitJob, r.cfg.workers)
	committed := make(chan struct{})
	go func() {
		defer close(committed)
		for c := range commits {
			done(r.commit(c))
		}
	}()
	var wg sync.WaitGroup
	for range r.cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				if ctx.Err() != nil {
					continue // drain: the walker stops on its own
				}
				o, c := r.process(ctx, p)
				switch {
				case c != nil:
					commits <- c
				case o != nil:
					done(o)
				} // neither: interrupted mid-file, nothing recorded
			}
		}()
	}

	stopSaver := r.startSaver()
	wg.Wait()
	close(commits) // what was converted is still written, also when interrupted
	<-committed
	stopSaver()
	prog.finish(&sum)
	sum.Elapsed = time.Since(start)

	walkErr := <-walkErrs
	if err := r.saveManifest(); err != nil {
		return sum, err
	}
	if ctx.Err() != nil {
		return sum, fmt.Errorf("interrupted: %d files finished and kept; run the same command again to resume", sum.Files)
	}
	if walkErr != nil {
		sum.InputErrors = append(sum.InputErrors, walkErr.Error())
	}
	return sum, nil
}

// process converts one path, or finds it already converted: it returns
// the outcome of a path that needs no writing, or the encoded files of a
// converted one, for commit. It returns neither when the run was
// interrupted before the file was converted.
func (r *Runner) process(ctx context.Context, path string) (*Outcome, *commitJob) {
	start := time.Now()
	data, err := os.ReadFile(path)
	if err != nil {
		return &Outcome{Path: path, Status: schema.StatusFailed, Error: fmt.Sprintf("cannot read file: %v", err), Elapsed: time.Since(start)}, nil
	}
	id := pipeline.ReportID(data)

	for {
		r.mu.Lock()
		if o := r.reuse(path, id, int64(len(data))); o != nil {
			r.mu.Unlock()
			o.Elapsed = time.Since(start)
			return o, nil
		}
		wait, busy := r.inflight[id]
		if !busy {
			r.inflight[id] = make(chan struct{})
			r.mu.Unlock()
			break
		}
		r.mu.Unlock()
		select { // the same bytes under another path are being converted
		case <-wait:
		case <-ctx.Done():
			return nil, nil
		}
	}

	res := r.convertIsolated(ctx, data, id, path)
	if ctx.Err() != nil {
		r.release(id)
		return nil, nil
	}
	// The job keeps what the manifest and the log need, not the rows.
	c := &commitJob{path: path, id: id, size: int64(len(data)), report: res.Report,
		checks: countChecks(res.Checks), warnings: res.Warnings, start: start}
	c.rels, c.files, c.err = encodeResult(r.out, res)
	return nil, c
}

// commitJob is a converted report whose files are encoded but not yet
// written.
type commitJob struct {
	path     string
	id       string
	size     int64
	report   schema.Report
	checks   CheckCounts
	warnings []string
	rels     []string      // the files, relative to OUT
	files    []schema.File // their paths and bytes
	err      error         // encoding failed
	start    time.Time
}

// commit writes a converted report's files, records it in the manifest and
// returns its outcome.
func (r *Runner) commit(c *commitJob) *Outcome {
	rep, id, path := &c.report, c.id, c.path
	files, werr := c.rels, c.err
	if werr == nil {
		werr = schema.ReplaceFiles(c.files...)
	}
	if werr != nil {
		// Each file is whole (atomic), but the set is not: remove what was
		// written, so no line items stand without their report row, and
		// record the failure without files so the next run tries again.
		for _, f := range files {
			os.Remove(filepath.Join(r.out, f))
		}
		msg := fmt.Sprintf("writing output failed: %v", werr)
		rep.Status, rep.Error = schema.StatusFailed, &msg
		files = nil
	}

	r.mu.Lock()
	for _, f := range files {
		r.unsynced[filepath.Dir(filepath.Join(r.out, f))] = true
	}
	old, had := r.man.Sources[path]
	r.man.Reports[id] = &reportEntry{
		Status: rep.Status, Error: deref(rep.Error), Tables: int(rep.Tables),
		ChecksFailed: int(rep.ChecksFailed), Checks: c.checks,
		ToolVersion: r.cfg.toolVersion, Files: files,
	}
	if werr != nil {
		r.man.Reports[id].ToolVersion = "" // never reused
	}
	r.man.Sources[path] = sourceEntry{ReportID: id, Size: c.size}
	r.doneRun[id] = true
	r.dirty = true
	var stale []string
	if had && old.ReportID != id && !r.man.referencedExcept(old.ReportID, path) {
		if e := r.man.Reports[old.ReportID]; e != nil {
			stale = e.Files
		}
		delete(r.man.Reports, old.ReportID)
	}
	o := outcomeOf(path, id, r.man.Reports[id])
	close(r.inflight[id])
	delete(r.inflight, id)
	r.mu.Unlock()

	// The file's bytes changed: its old rows go, now that the new ones are
	// in place for good.
	if len(stale) > 0 {
		r.syncFolders()
	}
	for _, f := range stale {
		if err := os.Remove(filepath.Join(r.out, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
			r.cfg.log.Warn().Err(err).Str("file", f).Msg("could not remove the output of a replaced version")
		}
	}
	o.Warnings = c.warnings
	o.Elapsed = time.Since(c.start)
	return o
}

// reuse returns the outcome of a report already in OUT: the same path with
// the same bytes (unchanged), or the same bytes under another path. Called
// with r.mu held.
func (r *Runner) reuse(path, id string, size int64) *Outcome {
	e := r.man.Reports[id]
	if e == nil || e.ToolVersion != r.cfg.toolVersion {
		return nil
	}
	if r.cfg.force && !r.doneRun[id] {
		return nil
	}
	if !r.man.outputsPresent(r.out, id) {
		return nil
	}
	if old, had := r.man.Sources[path]; !had || old.ReportID != id {
		if had && !r.man.referencedExcept(old.ReportID, path) {
			// This path used to hold other bytes that nothing else holds.
			if oe := r.man.Reports[old.ReportID]; oe != nil {
				for _, f := range oe.Files {
					os.Remove(filepath.Join(r.out, f))
				}
			}
			delete(r.man.Reports, old.ReportID)
		}
		r.man.Sources[path] = sourceEntry{ReportID: id, Size: size}
		r.dirty = true
	}
	o := outcomeOf(path, id, e)
	o.Skipped = true
	return o
}

func (r *Runner) release(id string) {
	r.mu.Lock()
	close(r.inflight[id])
	delete(r.inflight, id)
	r.mu.Unlock()
}

// convertIsolated runs the converter with a time limit and turns a panic
// into a failed report, so one file can never stop the batch.
func (r *Runner) convertIsolated(ctx context.Context, data []byte, id, path string) *pipeline.Result {
	fileCtx, cancel := ctx, context.CancelFunc(func() {})
	if r.cfg.timeout > 0 {
		fileCtx, cancel = context.WithTimeout(ctx, r.cfg.timeout)
	}
	defer cancel()
	done := make(chan *pipeline.Result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				r.cfg.log.Debug().Str("path", path).Str("stack", string(debug.Stack())).Msg("panic while converting")
				done <- pipeline.Failed(id, path, r.cfg.toolVersion,
					fmt.Errorf("internal error while reading this PDF (%v); please report it with the file", p))
			}
		}()
		done <- r.convert(fileCtx, data, id, path)
	}()
	select {
	case res := <-done:
		if fileCtx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			return pipeline.Failed(id, path, r.cfg.toolVersion,
				fmt.Errorf("conversion took longer than %s and was stopped; raise --timeout for very large files", r.cfg.timeout))
		}
		return res
	case <-fileCtx.Done():
		if ctx.Err() != nil {
			return pipeline.Failed(id, path, r.cfg.toolVersion, ctx.Err())
		}
		return pipeline.Failed(id, path, r.cfg.toolVersion,
			fmt.Errorf("conversion took longer than %s and was stopped; raise --timeout for very large files", r.cfg.timeout))
	}
}

// startSaver saves the manifest now and then, so a killed run loses little.
func (r *Runner) startSaver() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(r.cfg.saveEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := r.saveManifest(); err != nil {
					r.cfg.log.Warn().Err(err).Msg("saving the manifest")
				}
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// saveManifest records the reports written so far. Their folders are synced
// first: the manifest never lists a file whose name a crash could still
// undo. (A few folder syncs per save instead of one per file written.)
func (r *Runner) saveManifest() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.dirty {
		return nil
	}
	r.syncFoldersLocked()
	if err := r.man.save(r.out); err != nil {
		return err
	}
	r.dirty = false
	return nil
}

// syncFolders makes the renames of the files written so far durable.
func (r *Runner) syncFolders() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.syncFoldersLocked()
}

func (r *Runner) syncFoldersLocked() {
	for dir := range r.unsynced {
		schema.SyncDir(dir)
		delete(r.unsynced, dir)
	}
}

func outcomeOf(path, id string, e *reportEntry) *Outcome {
	return &Outcome{Path: path, ReportID: id, Status: e.Status, Error: e.Error, Tables: e.Tables,
		ChecksFailed: e.ChecksFailed, Checks: e.Checks}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
