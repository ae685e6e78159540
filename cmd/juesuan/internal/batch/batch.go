// Package batch converts many PDFs into the datasets under one output folder:
// a pool of workers, incremental by content hash, every file written
// atomically, and no input able to stop the others. What OUT holds is
// recorded in its batch state, the SQLite database OUT/juesuan.db
// (state.go; an earlier juesuan's JSON manifest is migrated into it,
// state_repair.go), and published to the datasets' Iceberg tables (lake.go,
// package lake) after the state.
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
	"sync/atomic"
	"time"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
)

// ConvertFunc turns one PDF's bytes, whose report ID the batch has already
// computed, into rows. It must not keep data.
type ConvertFunc func(ctx context.Context, data []byte, reportID, sourcePath string) *juesuan.Result

// Runner converts batches into one output folder.
type Runner struct {
	out     string
	convert ConvertFunc
	cfg     config
	read    func(path string, c inputCheck) (inputData, error) // readInput; a test slows it down

	root  *os.Root   // OUT, for every file the state names: nothing outside it is reachable
	logMu sync.Mutex // one log event at a time, whatever the log's io.Writer

	// mu guards the maps below and every use of st during a run (workers
	// and committer): the store has one connection, so a goroutine that
	// held a transaction while waiting for mu could block the others.
	mu       sync.Mutex
	st       *store
	inflight map[string]chan struct{} // report_id → closed when written
	doneRun  map[string]bool          // report_ids converted in this run
	rowInput map[string]rowInput      // report_id → the input its reports row names (this run)
	seen     map[string]bool          // input paths of this run (recordedPath), for --prune
	unsynced map[string]bool          // folders with renames not yet synced
	realDirs map[string]bool          // folders of OUT (relative) found not to be links

	stop    context.CancelFunc // ends the run when the state cannot be written or the disk is full
	stopErr error              // the first such error

	lake            *lake.Lake              // nil: no Iceberg tables
	lakePending     map[string]*lakeChanges // by dataset (lake.go)
	stateBehind     []string                // datasets whose tables are of a later state (repairLake)
	lakeDamaged     map[string]bool         // datasets whose shared table was said to be damaged (warnLake)
	setAsideBehindN int                     // files set aside for it (setAsideBehind)

	// A file the state lists was found missing: OUT's folders may not be
	// the state's (restored from an older backup), so the run ends with
	// the scan for files the state does not list (compact).
	foundMissing atomic.Bool
}

// New returns a Runner writing under out.
func New(out string, convert ConvertFunc, opts ...Option) *Runner {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	return &Runner{out: out, convert: convert, cfg: cfg, read: readInput,
		inflight: map[string]chan struct{}{}, doneRun: map[string]bool{}, rowInput: map[string]rowInput{},
		seen: map[string]bool{}, unsynced: map[string]bool{}, realDirs: map[string]bool{},
		lakePending: map[string]*lakeChanges{}}
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
// batch (unusable output folder, another run holding it, a full disk,
// interruption); failed inputs are counted in the summary.
func (r *Runner) Run(ctx context.Context, paths []string, stdin io.Reader) (Summary, error) {
	sum, err := r.run(ctx, paths, stdin)
	return sum, explainDiskFull(r.out, explainDamaged(r.out, err))
}

func (r *Runner) run(ctx context.Context, paths []string, stdin io.Reader) (Summary, error) {
	if err := os.MkdirAll(r.out, 0o755); err != nil {
		return Summary{}, fmt.Errorf("create output folder: %w", err)
	}
	release, err := r.takeOut(ctx, r.cfg.force)
	if err != nil {
		return Summary{}, err
	}
	defer release()
	ctx, r.stop = context.WithCancel(ctx)
	defer r.stop()

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

	wg.Wait()
	close(commits) // what was converted is still written, also when interrupted
	<-committed
	prog.finish(&sum)
	sum.Elapsed = time.Since(start)
	r.syncFolders()
	if r.stopErr != nil {
		if err := explainDiskFull(r.out, r.stopErr); errors.Is(err, errDiskFull) {
			return sum, err
		}
		if damagedState(r.stopErr) {
			return sum, r.stopErr // Run says what to do
		}
		return sum, fmt.Errorf("%w; what was recorded before stays: if the disk is fine, run again; if this error comes back, move %s aside (with its -wal and -shm files) and run again with every input: the dataset files are set aside, not lost, and converted again", r.stopErr, StateName)
	}
	var walkErr error
	if ctx.Err() == nil { // else the walker may be stuck reading stdin
		if walkErr = <-walkErrs; walkErr != nil {
			sum.InputErrors = append(sum.InputErrors, walkErr.Error())
		}
	}
	if ctx.Err() == nil && r.cfg.prune {
		if walkErr != nil || len(sum.InputErrors) > 0 {
			r.warn(r.out, "--prune skipped: not every input could be listed, so a missing one may only be unreadable")
		} else if sum.Pruned, err = r.prune(ctx); err != nil {
			return sum, err
		}
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
		if err := r.settleOrphans(); err != nil {
			return sum, err
		}
	}
	r.publishLake(ctx) // the datasets not compacted
	if ctx.Err() != nil {
		return sum, fmt.Errorf("interrupted: %d files finished and kept; run the same command again to resume", sum.Files)
	}
	return sum, nil
}

// stopRun stops the run on what no later input would get past, a state
// that cannot be read or written or a full disk: no more inputs are
// taken, what was recorded stays. Called with r.mu held.
func (r *Runner) stopRun(err error) {
	if r.stopErr == nil {
		r.stopErr = err
	}
	if r.stop != nil {
		r.stop()
	}
}

// takeOut makes the Runner OUT's one writer: it takes OUT's lock, opens
// it as the root of every file the state names, opens the state
// (migrating the JSON manifest of an earlier juesuan) and removes what a
// killed run left, as its intents name it (temporary files, files written
// but not recorded, files a compaction had replaced, parts it had not
// recorded). release ends it.
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
	release = func() { r.root.Close(); unlock() }
	if err := checkNoLinks(r.out); err != nil {
		release()
		return nil, err
	}
	warn := func(msg string) { r.warn(r.out, msg) }
	if r.st, err = openStore(ctx, r.out, force, warn); err != nil {
		release()
		return nil, err
	}
	release = func() {
		if r.lake != nil {
			r.lake.Close()
			r.lake = nil
		}
		r.st.close()
		r.root.Close()
		unlock()
	}
	if err := r.migrate(ctx, force); err != nil {
		release()
		return nil, err
	}
	if err := r.openLake(ctx); err != nil {
		release()
		return nil, err
	}
	// Before the intents' files are removed: the lake may still list them.
	if err := r.repairLake(ctx); err != nil {
		release()
		return nil, err
	}
	if err := r.repair(ctx); err != nil {
		release()
		return nil, err
	}
	if err := r.setAsideBehind(); err != nil {
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
		if r.cfg.prune { // only then: a run over a million inputs would hold their names
			r.seen[name] = true
		}
		o, relabel, err := r.reuse(in.seq, name, id, got.size)
		if err != nil {
			r.stopRun(err)
			r.mu.Unlock()
			return nil, nil
		}
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

	var res *juesuan.Result
	switch {
	case readErr != nil:
		res = juesuan.Failed(id, name, r.cfg.toolVersion, readError(readErr))
	case got.refused != nil: // hashed, not held: not a PDF, or too large for the budget
		res = juesuan.Failed(id, name, r.cfg.toolVersion, got.refused)
	default:
		res = r.convertIsolated(ctx, data, id, name)
		if ctx.Err() != nil {
			r.release(id)
			return nil, nil
		}
	}
	// The job keeps what the state and the log need, not the rows.
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

// commit writes a converted report's files, records it in the state and
// returns its outcome. The files are named in the state (write intents)
// before they are written, and as the report's only once renamed in
// place; the files they replace are removed after that: a kill at any
// point leaves what the next run's repair puts right.
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
		var err error
		if werr == nil {
			err = r.st.update(func(tx *stateTx) error { return addIntents(tx, intentWrite, files) })
		}
		if err != nil {
			r.stopRun(err)
			o := r.stateFailed(c, err)
			r.mu.Unlock()
			return o
		}
		r.mu.Unlock()
	}
	var created []string // files this write adds, rather than replaces
	if werr == nil {
		created = r.absent(files)
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
	defer r.mu.Unlock()
	if werr != nil && diskFull(r.out, werr) {
		// Every report after it would fail the same way.
		r.stopRun(werr)
	}
	for _, f := range files {
		r.unsynced[filepath.Dir(filepath.Join(r.out, f))] = true
	}
	e := &reportEntry{
		Status: rep.Status, Error: deref(rep.Error), Tables: int(rep.Tables),
		ChecksFailed: int(rep.ChecksFailed), Checks: c.checks,
		ToolVersion: r.cfg.toolVersion, Department: deref(rep.Department), Files: files, Retry: retry,
	}
	var stale, prevFiles []string
	err := r.st.update(func(tx *stateTx) error {
		stale, prevFiles = nil, nil
		prev, err := r.st.report(tx, id)
		if err != nil {
			return err
		}
		if prev != nil {
			prevFiles = prev.Files
		}
		if prev != nil {
			switch {
			case werr != nil:
				// The last conversion's files stay listed, for the retry to
				// replace or remove.
				e.Files = prev.Files
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
		if err := putReport(tx, id, e, rep.FiscalYear); err != nil {
			return err
		}
		gone, err := r.recordSource(tx, path, id, c.size)
		if err != nil {
			return err
		}
		stale = append(stale, gone...)
		if err := addIntents(tx, intentRemove, ownFiles(stale)); err != nil {
			return err
		}
		if err := r.countLakeChanges(tx, append(slices.Clone(files), ownFiles(stale)...)...); err != nil {
			return err
		}
		return dropIntents(tx, intentWrite, c.rels)
	})
	if err != nil {
		r.stopRun(err)
		// Not recorded: a reader of the folders would read the rows of the
		// files this write added beside the report's recorded ones (a part)
		// until a run repairs their write intents, and a damaged state
		// fails that run too. They go now; a file replaced in place stays,
		// under the name the state lists.
		for _, f := range created {
			r.removeIfUnlisted(f, true)
		}
		return r.stateFailed(c, err)
	}
	if r.lake != nil {
		// A file rewritten in place that the state did not list for this
		// report (a run killed before recording it, or a damaged state that
		// lost the report's row) may be in the table already: it is
		// replaced there, not added twice (a removal the table refuses is
		// dropped when published).
		inPlace := slices.DeleteFunc(slices.Clone(files), func(f string) bool { return slices.Contains(created, f) })
		r.lakeReplace(files, slices.Concat(prevFiles, inPlace))
		r.lakeRemove(true, ownFiles(stale)...)
	}
	r.doneRun[id] = true
	o := outcomeOf(path, id, e)
	close(r.inflight[id])
	delete(r.inflight, id)

	// The old rows go, now that the new ones are in place for good.
	r.removeStaleLocked(stale)
	o.Warnings = c.warnings
	o.Elapsed = time.Since(c.start)
	return o
}

// stateFailed is the outcome of a report whose files could not be
// recorded: the run stops (stopRun), and the next run converts it
// again. Called with r.mu held.
func (r *Runner) stateFailed(c *commitJob, err error) *Outcome {
	if ch := r.inflight[c.id]; ch != nil {
		close(ch)
		delete(r.inflight, c.id)
	}
	return &Outcome{Path: c.path, ReportID: c.id, Status: schema.StatusFailed, Error: err.Error(),
		Warnings: c.warnings, Elapsed: time.Since(c.start)}
}

// relabel rewrites the reports row of a report converted in this run to
// name the input first in input order among those with its bytes, so that
// the row does not depend on which worker got there first.
func (r *Runner) relabel(c *commitJob) *Outcome {
	r.mu.Lock()
	e, err := r.st.report(r.st.db, c.id)
	first := r.rowInput[c.id].path // relabels may commit out of order
	var rel, checks string
	if err == nil && e != nil {
		rel, checks = e.reportsFile(), e.datasetFile(schema.DatasetChecks)
		err = r.st.update(func(tx *stateTx) error { return addIntents(tx, intentWrite, nonEmpty(rel, checks)) })
	}
	if err != nil {
		r.stopRun(err)
		defer r.mu.Unlock()
		return r.stateFailed(c, err)
	}
	r.mu.Unlock()
	if e == nil {
		return &Outcome{Path: c.path, ReportID: c.id, Status: schema.StatusFailed, Skipped: true,
			Error: "the report of the same bytes is no longer in the state; the next run converts it again"}
	}
	o := outcomeOf(c.path, c.id, e)
	o.Skipped = true
	checksPath := ""
	if checks != "" {
		checksPath = filepath.Join(r.out, checks)
	}
	if err := relabelReport(filepath.Join(r.out, rel), checksPath, first); err != nil {
		r.warn(c.path, fmt.Sprintf("could not record this path in the report row of the same bytes: %v", err))
	}
	r.mu.Lock()
	r.unsynced[filepath.Dir(filepath.Join(r.out, rel))] = true
	if checksPath != "" {
		r.unsynced[filepath.Dir(checksPath)] = true
	}
	if err := r.st.update(func(tx *stateTx) error { return dropIntents(tx, intentWrite, nonEmpty(rel, checks)) }); err != nil {
		r.stopRun(err)
	}
	r.mu.Unlock()
	o.Elapsed = time.Since(c.start)
	return o
}

// reuse returns the outcome of a report already in OUT: the same path with
// the same bytes (unchanged), or the same bytes under another path; or,
// when this run's row of the same bytes names an input later in input
// order, the job that relabels it. Called with r.mu held.
func (r *Runner) reuse(seq int, path, id string, size int64) (*Outcome, *commitJob, error) {
	e, err := r.st.report(r.st.db, id)
	if err != nil || e == nil {
		return nil, nil, err
	}
	if !r.doneRun[id] && (r.cfg.force || e.Retry || e.ToolVersion != r.cfg.toolVersion || !r.outputsPresent(e)) {
		return nil, nil, nil
	}
	// This path may have held other bytes, which nothing else holds now.
	if old, had, err := r.st.source(r.st.db, path); err != nil {
		return nil, nil, err
	} else if !had || old != (sourceEntry{ReportID: id, Size: size}) {
		var stale []string
		err := r.st.update(func(tx *stateTx) error {
			var err error
			if stale, err = r.recordSource(tx, path, id, size); err != nil {
				return err
			}
			if err := r.countLakeChanges(tx, ownFiles(stale)...); err != nil {
				return err
			}
			return addIntents(tx, intentRemove, ownFiles(stale))
		})
		if err != nil {
			return nil, nil, err
		}
		if r.lake != nil {
			r.lakeRemove(true, ownFiles(stale)...)
		}
		r.removeStaleLocked(stale)
	}
	if r.doneRun[id] && seq < r.rowInput[id].seq && e.reportsFile() != "" {
		r.rowInput[id] = rowInput{seq, path}
		return nil, &commitJob{path: path, id: id, relabel: true, start: time.Now()}, nil
	}
	o := outcomeOf(path, id, e)
	o.Skipped = true
	return o, nil, nil
}

// recordSource maps path to report id in the state. When path held
// other bytes before, which no other path holds, that report leaves the
// state and its files are returned, for the caller to remove once the
// new ones are durable.
func (r *Runner) recordSource(tx *stateTx, path, id string, size int64) (stale []string, err error) {
	old, had, err := r.st.source(tx, path)
	if err != nil {
		return nil, err
	}
	if had && old == (sourceEntry{ReportID: id, Size: size}) {
		return nil, nil
	}
	if err := putSource(tx, path, sourceEntry{ReportID: id, Size: size}); err != nil {
		return nil, err
	}
	if !had || old.ReportID == id {
		return nil, nil
	}
	if ref, err := referencedExcept(tx, old.ReportID, path); err != nil || ref {
		return nil, err
	}
	return r.dropReport(tx, old.ReportID)
}

// dropReport removes a report from the state, returning its files.
func (r *Runner) dropReport(tx *stateTx, id string) (files []string, err error) {
	if e, err := r.st.report(tx, id); err != nil {
		return nil, err
	} else if e != nil {
		files = e.Files
	}
	return files, deleteReport(tx, id)
}

// outputsPresent reports whether a report's row and every other file
// recorded for it are in OUT. Called with r.mu held.
func (r *Runner) outputsPresent(e *reportEntry) bool {
	if e.reportsFile() == "" {
		return false
	}
	for _, f := range e.Files {
		if _, err := r.root.Stat(f); err != nil {
			r.foundMissing.Store(true)
			return false
		}
	}
	return true
}

// removeStaleLocked removes files the state no longer lists, once the
// renames of the files replacing them are durable, and forgets their
// remove intents. Called with r.mu held.
func (r *Runner) removeStaleLocked(stale []string) {
	if r.lake == nil {
		r.removeStale(stale)
	} // else once the lake no longer lists them (publishLake)
}

// removeStale removes files the state no longer lists and forgets their
// remove intents. Called with r.mu held.
func (r *Runner) removeStale(stale []string) {
	stale = ownFiles(stale)
	if len(stale) == 0 {
		return
	}
	r.syncFoldersLocked()
	gone := r.removeOutputs(stale)
	if err := r.st.update(func(tx *stateTx) error { return dropIntents(tx, intentRemove, gone) }); err != nil {
		r.stopRun(err)
	}
}

// ownFiles drops the parts from files: a part holds other reports too,
// and compaction rewrites it without the ones it no longer holds.
func ownFiles(files []string) []string {
	var own []string
	for _, f := range files {
		if !isPartFile(f) {
			own = append(own, f)
		}
	}
	return own
}

// removeOutputs removes files the state lists, through OUT's root: a
// name that would leave OUT, by .. or a symbolic link, is refused. It
// returns the files now gone (removed, or not there): only their remove
// intents are done, and the next run's repair removes the others.
func (r *Runner) removeOutputs(files []string) (gone []string) {
	for _, f := range files {
		if isPartFile(f) {
			continue // it holds other reports too: compact rewrites it without this one
		}
		if err := r.root.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.warn(filepath.Join(r.out, f), fmt.Sprintf("could not remove the output of a replaced version (the next run removes it): %v", err))
			continue
		}
		gone = append(gone, f)
	}
	return gone
}

// absent returns the files (relative to OUT) that are not there.
func (r *Runner) absent(files []string) []string {
	var out []string
	for _, f := range files {
		if _, err := r.root.Lstat(f); errors.Is(err, fs.ErrNotExist) {
			out = append(out, f)
		}
	}
	return out
}

func nonEmpty(names ...string) []string {
	return slices.DeleteFunc(names, func(s string) bool { return s == "" })
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
func (r *Runner) convertIsolated(ctx context.Context, data []byte, id, path string) (res *juesuan.Result) {
	fileCtx, cancel := ctx, context.CancelFunc(func() {})
	if r.cfg.timeout > 0 {
		fileCtx, cancel = context.WithTimeout(ctx, r.cfg.timeout)
	}
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			r.cfg.log.Debug().Str("path", path).Str("stack", string(debug.Stack())).Msg("panic while converting")
			res = juesuan.Failed(id, path, r.cfg.toolVersion,
				fmt.Errorf("internal error while reading this PDF (%v); please report it with the file", p))
		}
	}()
	res = r.convert(fileCtx, data, id, path)
	if errors.Is(fileCtx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		res = juesuan.Failed(id, path, r.cfg.toolVersion, fmt.Errorf(
			"conversion took longer than %s and was stopped (%w); run again with a larger --timeout for very large files: files that timed out are converted again without --force",
			r.cfg.timeout, context.DeadlineExceeded))
	}
	return res
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
