// Package batch converts many PDFs into the datasets under one output folder:
// a pool of workers, incremental by content hash, every file written
// atomically, and no input able to stop the others.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
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
	read    func(path string, c inputCheck) (inputData, error) // readInput; a test slows it down

	root  *os.Root   // OUT, for every file the manifest names: nothing outside it is reachable
	logMu sync.Mutex // one log event at a time, whatever the log's io.Writer

	mu       sync.Mutex
	man      *manifest
	inflight map[string]chan struct{} // report_id → closed when written
	doneRun  map[string]bool          // report_ids converted in this run
	rowInput map[string]rowInput      // report_id → the input its reports row names (this run)
	unsynced map[string]bool          // folders with renames not yet synced
	realDirs map[string]bool          // folders of OUT (relative) found not to be links
	dirty    bool

	lake        *lake.Lake              // nil: no Iceberg tables
	lakePending map[string]*lakeChanges // by dataset (lake.go)
}

// New returns a Runner writing under out.
func New(out string, convert ConvertFunc, opts ...Option) *Runner {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return &Runner{out: out, convert: convert, cfg: cfg, read: readInput,
		inflight: map[string]chan struct{}{}, doneRun: map[string]bool{}, rowInput: map[string]rowInput{},
		unsynced: map[string]bool{}, realDirs: map[string]bool{}, lakePending: map[string]*lakeChanges{}}
}

// Outcome is what happened to one input path.
type Outcome struct {
	Path         string // recordedPath
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
// batch (unusable output folder, another run holding it, interruption);
// failed inputs are counted in the summary.
func (r *Runner) Run(ctx context.Context, paths []string, stdin io.Reader) (Summary, error) {
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return Summary{}, fmt.Errorf("create output folder: %w", err)
	}
	release, err := r.takeOut(ctx, r.cfg.force)
	if err != nil {
		return Summary{}, err
	}
	defer release()

	start := time.Now()
	jobs := make(chan input)
	walkErrs := make(chan error, 1)
	var found counter
	go func() {
		defer close(jobs)
		walkErrs <- walkInputs(ctx, paths, stdin, r.out, func(in input) bool {
			found.add(1)
			select {
			case jobs <- in:
				return true
			case <-ctx.Done():
				return false
			}
		}, r.warn)
	}()

	prog := newProgress(r.cfg.progress, &found, start)
	var sum Summary
	var sumMu sync.Mutex
	done := func(o *Outcome) { // from the workers and the committer
		sumMu.Lock()
		defer sumMu.Unlock()
		r.logOutcome(o)
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
			for {
				var in input
				var ok bool
				select { // not blocked by a walker stuck reading stdin once interrupted
				case in, ok = <-jobs:
				case <-ctx.Done():
				}
				if !ok || ctx.Err() != nil {
					return
				}
				// The worker takes its next file only once this one's
				// conversion has returned: a file past its time limit
				// stops holding a slot, a core and its memory.
				o, c := r.process(ctx, in)
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

	if err := r.saveManifest(); err != nil {
		return sum, err
	}
	if ctx.Err() == nil {
		// Parts holding rows of reports converted again or removed are
		// rewritten without them; with --compact, everything is compacted.
		// A dataset's new files go to the lake in the same commit as its
		// compaction.
		cs, err := r.compact(ctx, r.cfg.compact)
		sum.Compaction = cs
		if err != nil {
			return sum, err
		}
	}
	r.publishLake(ctx) // the datasets not compacted
	if ctx.Err() != nil {
		return sum, fmt.Errorf("interrupted: %d files finished and kept; run the same command again to resume", sum.Files)
	}
	if err := <-walkErrs; err != nil {
		sum.InputErrors = append(sum.InputErrors, err.Error())
	}
	return sum, nil
}

// takeOut makes the Runner OUT's one writer: it takes OUT's lock, opens
// it as the root of every file the manifest names, loads the manifest and
// removes what a killed run left (temporary files, files a compaction had
// replaced, parts it had not recorded). release ends it.
func (r *Runner) takeOut(ctx context.Context, force bool) (release func(), err error) {
	unlock, err := lockOut(ctx, r.out, r.cfg.waitForLock, func(holder string) {
		r.warn(r.out, "waiting for another juesuan run to finish with this output folder ("+holder+"); --no-wait exits instead")
	})
	if err != nil {
		return nil, err
	}
	if r.root, err = os.OpenRoot(r.out); err != nil {
		unlock()
		return nil, fmt.Errorf("open output folder: %w", err)
	}
	release = func() {
		if r.lake != nil {
			r.lake.Close()
			r.lake = nil
		}
		r.root.Close()
		unlock()
	}
	if err := checkNoLinks(r.out); err != nil {
		release()
		return nil, err
	}
	r.man, err = loadManifest(r.out, force, func(msg string) { r.warn(r.out, msg) })
	if err == nil {
		err = removeTemps(r.out)
	}
	if err == nil {
		err = r.openLake(ctx)
	}
	if err == nil {
		// Before anything is removed: the lake may still list it.
		err = r.repairLake(ctx)
	}
	if err == nil {
		err = r.removeSuperseded()
	}
	if err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// warn logs a problem that is not a file's outcome.
func (r *Runner) warn(path, msg string) {
	r.logMu.Lock()
	defer r.logMu.Unlock()
	r.cfg.log.Warn().Str("path", recordedPath(path)).Msg(msg)
}

// process reads and converts one input, or finds it already converted: it
// returns the outcome of an input that needs no writing, or the encoded
// files of a converted one (an input that cannot be read is converted to
// a failed report row), for commit. It returns neither when the run was
// interrupted before the file was converted.
func (r *Runner) process(ctx context.Context, in input) (*Outcome, *commitJob) {
	start := time.Now()
	name := recordedPath(in.path)
	var got inputData
	readErr := in.err
	if readErr == nil {
		got, readErr = r.read(in.path, inputCheck{limit: r.cfg.maxFileSize, memory: r.cfg.maxMemory, header: r.cfg.checkHeader})
	}
	data, id := got.data, got.id
	if readErr != nil {
		id = unreadableID(name)
	}

	for {
		r.mu.Lock()
		o, relabel := r.reuse(in.seq, name, id, got.size)
		if o != nil || relabel != nil {
			r.mu.Unlock()
			if o != nil {
				o.Elapsed = time.Since(start)
			}
			return o, relabel
		}
		wait, busy := r.inflight[id]
		if !busy {
			r.inflight[id] = make(chan struct{})
			r.rowInput[id] = rowInput{in.seq, name}
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

	var res *pipeline.Result
	switch {
	case readErr != nil:
		res = pipeline.Failed(id, name, r.cfg.toolVersion, readError(readErr))
	case got.refused != nil: // hashed, not held: not a PDF, or too large for the budget
		res = pipeline.Failed(id, name, r.cfg.toolVersion, got.refused)
	default:
		res = r.convertIsolated(ctx, data, id, name)
		if ctx.Err() != nil {
			r.release(id)
			return nil, nil
		}
	}
	// The job keeps what the manifest and the log need, not the rows.
	c := &commitJob{path: name, id: id, size: got.size, report: res.Report,
		checks: countChecks(res.Checks), warnings: res.Warnings, retry: retryable(res.Err), start: start}
	c.rels, c.files, c.err = encodeResult(r.out, res)
	return nil, c
}

// rowInput is the input a report row names: the first in input order of
// those holding its bytes.
type rowInput struct {
	seq  int
	path string
}

// commitJob is a converted report whose files are encoded but not yet
// written, or (relabel) a report written earlier in this run whose row
// must name an input that comes earlier in input order.
type commitJob struct {
	path     string // recordedPath
	id       string
	size     int64
	report   schema.Report
	checks   CheckCounts
	warnings []string
	retry    bool
	rels     []string      // the files, relative to OUT
	files    []schema.File // their paths and bytes
	err      error         // encoding failed
	relabel  bool
	start    time.Time
}

// commit writes a converted report's files, records it in the manifest and
// returns its outcome.
func (r *Runner) commit(c *commitJob) *Outcome {
	if c.relabel {
		return r.relabel(c)
	}
	rep, id, path := &c.report, c.id, c.path
	files, werr, retry := c.rels, c.err, c.retry
	if werr == nil {
		r.mu.Lock()
		for _, f := range files {
			if werr == nil {
				werr = r.insideOut(f)
			}
		}
		r.mu.Unlock()
	}
	if werr == nil {
		werr = schema.ReplaceFiles(c.files...)
	}
	if werr != nil {
		// Each file is whole (atomic), but the set is not: remove what was
		// written, so no line items stand without their report row, and
		// record the failure without files so the next run tries again.
		for _, f := range files {
			r.root.Remove(f)
		}
		werr = fmt.Errorf("%w: %w", errWriteFailed, werr)
		msg := fmt.Sprintf("%v; the next run tries again", werr)
		rep.Status, rep.Error = schema.StatusFailed, &msg
		files, retry = nil, retryable(werr)
	}

	r.mu.Lock()
	for _, f := range files {
		r.unsynced[filepath.Dir(filepath.Join(r.out, f))] = true
	}
	var stale []string
	prev := r.man.Reports[id]
	if r.lake != nil && werr == nil {
		for _, f := range files {
			if prev != nil && slices.Contains(prev.Files, f) {
				r.lakeRemove(false, f) // replaced in place
			}
			r.lakeAdd(f)
		}
	}
	if prev != nil {
		switch {
		case werr != nil:
			// The last conversion's files stay listed, for the retry to
			// replace or remove.
			files = prev.Files
		default:
			// Converted again (retried, --force, a new juesuan): the files
			// of the last conversion that this one did not replace, such as
			// a failed row in the null-year folder, go.
			for _, f := range prev.Files {
				if !slices.Contains(files, f) {
					stale = append(stale, f)
				}
			}
		}
	}
	r.man.Reports[id] = &reportEntry{
		Status: rep.Status, Error: deref(rep.Error), Tables: int(rep.Tables),
		ChecksFailed: int(rep.ChecksFailed), Checks: c.checks,
		ToolVersion: r.cfg.toolVersion, Department: deref(rep.Department), Files: files, Retry: retry,
	}
	stale = append(stale, r.recordSource(path, id, c.size)...)
	stale = r.dropFromLake(stale)
	r.doneRun[id] = true
	o := outcomeOf(path, id, r.man.Reports[id])
	close(r.inflight[id])
	delete(r.inflight, id)
	r.mu.Unlock()

	// The old rows go, now that the new ones are in place for good.
	if len(stale) > 0 {
		r.syncFolders()
	}
	r.removeOutputs(stale)
	o.Warnings = c.warnings
	o.Elapsed = time.Since(c.start)
	return o
}

// relabel rewrites the reports row of a report converted in this run to
// name the input first in input order among those with its bytes, so that
// the row does not depend on which worker got there first.
func (r *Runner) relabel(c *commitJob) *Outcome {
	r.mu.Lock()
	e, first := r.man.Reports[c.id], r.rowInput[c.id].path // relabels may commit out of order
	r.mu.Unlock()
	o := outcomeOf(c.path, c.id, e)
	o.Skipped = true
	rel, checks := e.reportsFile(), e.datasetFile(schema.DatasetChecks)
	if checks != "" {
		checks = filepath.Join(r.out, checks)
	}
	if err := relabelReport(filepath.Join(r.out, rel), checks, first); err != nil {
		r.warn(c.path, fmt.Sprintf("could not record this path in the report row of the same bytes: %v", err))
	} else {
		r.mu.Lock()
		r.unsynced[filepath.Dir(filepath.Join(r.out, rel))] = true
		if checks != "" {
			r.unsynced[filepath.Dir(checks)] = true
		}
		r.mu.Unlock()
	}
	o.Elapsed = time.Since(c.start)
	return o
}

// reuse returns the outcome of a report already in OUT: the same path with
// the same bytes (unchanged), or the same bytes under another path; or,
// when this run's row of the same bytes names an input later in input
// order, the job that relabels it. Called with r.mu held.
func (r *Runner) reuse(seq int, path, id string, size int64) (*Outcome, *commitJob) {
	e := r.man.Reports[id]
	if e == nil {
		return nil, nil
	}
	if !r.doneRun[id] && (r.cfg.force || e.Retry || e.ToolVersion != r.cfg.toolVersion || !r.outputsPresent(e)) {
		return nil, nil
	}
	// This path may have held other bytes, which nothing else holds now.
	r.removeOutputs(r.dropFromLake(r.recordSource(path, id, size)))
	if r.doneRun[id] && seq < r.rowInput[id].seq && e.reportsFile() != "" {
		r.rowInput[id] = rowInput{seq, path}
		return nil, &commitJob{path: path, id: id, relabel: true, start: time.Now()}
	}
	o := outcomeOf(path, id, e)
	o.Skipped = true
	return o, nil
}

// recordSource maps path to report id in the manifest. When path held
// other bytes before, which no other path holds, that report leaves the
// manifest and its files are returned, for the caller to remove once the
// new ones are durable. Called with r.mu held.
func (r *Runner) recordSource(path, id string, size int64) (stale []string) {
	old, had := r.man.Sources[path]
	if had && old == (sourceEntry{ReportID: id, Size: size}) {
		return nil
	}
	r.man.Sources[path] = sourceEntry{ReportID: id, Size: size}
	r.dirty = true
	if !had || old.ReportID == id || r.man.referencedExcept(old.ReportID, path) {
		return nil
	}
	if e := r.man.Reports[old.ReportID]; e != nil {
		stale = e.Files
	}
	delete(r.man.Reports, old.ReportID)
	return stale
}

// outputsPresent reports whether a report's row and every other file
// recorded for it are in OUT. Called with r.mu held.
func (r *Runner) outputsPresent(e *reportEntry) bool {
	if e.reportsFile() == "" {
		return false
	}
	for _, f := range e.Files {
		if _, err := r.root.Stat(f); err != nil {
			return false
		}
	}
	return true
}

// removeOutputs removes files the manifest lists, through OUT's root: a
// name that would leave OUT, by .. or a symbolic link, is refused.
func (r *Runner) removeOutputs(files []string) {
	for _, f := range files {
		if isPartFile(f) {
			continue // it holds other reports too: compact rewrites it without this one
		}
		if err := r.root.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.warn(filepath.Join(r.out, f), fmt.Sprintf("could not remove the output of a replaced version: %v", err))
		}
	}
}

func (r *Runner) release(id string) {
	r.mu.Lock()
	close(r.inflight[id])
	delete(r.inflight, id)
	r.mu.Unlock()
}

// convertIsolated runs the converter with a time limit, in the worker's
// own goroutine: the worker goes on only once the conversion has returned,
// which a cancelled conversion does promptly. A panic becomes a failed
// report, so one file can never stop the batch. The time limit starts
// here, so time spent waiting for a worker never counts.
func (r *Runner) convertIsolated(ctx context.Context, data []byte, id, path string) (res *pipeline.Result) {
	fileCtx, cancel := ctx, context.CancelFunc(func() {})
	if r.cfg.timeout > 0 {
		fileCtx, cancel = context.WithTimeout(ctx, r.cfg.timeout)
	}
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			r.cfg.log.Debug().Str("path", path).Str("stack", string(debug.Stack())).Msg("panic while converting")
			res = pipeline.Failed(id, path, r.cfg.toolVersion,
				fmt.Errorf("internal error while reading this PDF (%v); please report it with the file", p))
		}
	}()
	res = r.convert(fileCtx, data, id, path)
	if errors.Is(fileCtx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		res = pipeline.Failed(id, path, r.cfg.toolVersion, fmt.Errorf(
			"conversion took longer than %s and was stopped (%w); run again with a larger --timeout for very large files: files that timed out are converted again without --force",
			r.cfg.timeout, context.DeadlineExceeded))
	}
	return res
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
					r.warn(r.out, fmt.Sprintf("saving the manifest: %v", err))
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
	r.countLakeChanges()
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
