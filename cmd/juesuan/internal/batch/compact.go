package batch

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/schema"
)

// Compaction merges, in every dataset folder and partition, the reports'
// own files into part files (package compact), and keeps the state
// (juesuan.db) the source of truth for which file holds each report's
// rows. The partitions of a dataset are compacted together in four steps,
// each leaving OUT in a state a rerun repairs:
//
//  0. (intent) the partition folders are recorded as being compacted;
//  1. merged: the new parts are written and synced under temporary names
//     (invisible to readers, which read *.parquet);
//  2. published: each is renamed to part-<random>.parquet. From here a
//     reader sees the merged reports twice, until step 4;
//  3. recorded: one transaction, synced, lists the new parts, names them
//     as the files of their reports, forgets the files they replace and
//     records those for removal (remove intents);
//  4. removed: the files the parts replace (own files, older parts) go.
//
// A rerun first repairs what the intents name (repair, state_repair.go):
// after a crash before 3, the temporary files and the parts the state
// does not list in the partitions being compacted (the rows are still in
// the files the state lists); after 3, the replaced files. So after a
// crash at any point, a rerun of compact or convert leaves every report's
// rows exactly once, and a reader sees a report twice only between steps
// 2 and 4 of its dataset's round (the renames, a commit and the
// removals), never not at all.

// compactMemoryLimit is the soft memory limit of a compaction
// (runtime/debug.SetMemoryLimit), unless GOMEMLIMIT is set.
const compactMemoryLimit = 384 << 20

// compactGCPercent is a compaction's GC percent, unless GOGC is set.
// Merging streams pages through the heap, and the soft memory limit
// bounds it (before the limit, the conversion's GC percent took peak RSS
// to 4 times as high). A full compaction (juesuan compact, convert
// --compact) runs at 400: at 1,000,000 reports its 10,000 new reports
// took 7.80–9.87 s against 8.74–10.76 s at 100, six pairs in turn, with
// 8–12 % less user time, at 414–422 MB of peak RSS against 252–270 MB
// (bench/README.md). Convert's own compaction of the parts it dirtied
// stays at 100, so that a run of one file stays small.
func compactGCPercent(full bool) int {
	if full {
		return 400
	}
	return 100
}

// Compaction steps, as passed to the compactStep hook.
const (
	stepMerged    = "merged"
	stepPublished = "published"
	stepRecorded  = "recorded"
	stepLake      = "lake" // the lake commit (no step without a lake)
	stepRemoved   = "removed"
)

// CompactSummary is what a compaction did.
type CompactSummary struct {
	Partitions   int // dataset partitions rewritten
	Reports      int // report files merged (own files and reports of rewritten parts)
	PartsWritten int
	FilesRemoved int
	SetAside     int // damaged, missing or replaced files left out (NAME.damaged), and files the state does not list (NAME.unlisted), each named in a warning
	Elapsed      time.Duration
}

func (s CompactSummary) String() string {
	aside := ""
	if s.SetAside > 0 {
		files := "files"
		if s.SetAside == 1 {
			files = "file"
		}
		aside = fmt.Sprintf(", %d %s set aside (see the warnings)", s.SetAside, files)
	}
	return fmt.Sprintf("compacted %d partitions: %d report files into %d parts, %d files removed%s, in %s",
		s.Partitions, s.Reports, s.PartsWritten, s.FilesRemoved, aside, s.Elapsed.Round(time.Millisecond))
}

// Compact compacts OUT, holding its lock: for each dataset folder and
// partition, the reports' own files and the parts that are under half
// the part size or hold rows of reports converted again or removed since
// are merged into parts of about the part size.
func (r *Runner) Compact(ctx context.Context) (CompactSummary, error) {
	sum, err := r.compactOut(ctx)
	return sum, explainDiskFull(r.out, explainDamaged(r.out, err))
}

func (r *Runner) compactOut(ctx context.Context) (CompactSummary, error) {
	if _, err := os.Stat(r.out); err != nil {
		return CompactSummary{}, fmt.Errorf("output folder: %w", err)
	}
	release, err := r.takeOut(ctx, false)
	if err != nil {
		return CompactSummary{}, err
	}
	defer release()
	sum, err := r.compact(ctx, true)
	sum.SetAside += r.setAsideBehindN
	if err == nil {
		err = r.settleOrphans()
	}
	return sum, err
}

// compact rewrites the partitions that need it. Unless full, only the
// parts holding rows of reports converted again or removed (convert does
// that at the end of every run, so no report is read twice for long).
// Called holding OUT's lock, after repair, with no worker running.
//
// A dataset's partitions are merged in parallel, then published, recorded
// in one transaction and their replaced files removed: a manifest save
// per partition cost more than the merging at 100,000 reports (when the
// state was a JSON file). The next
// dataset is merged while one is published: publishing is one goroutine's
// work (renames, the save, an unlink per replaced file), a sixth of a
// 100,000-report compaction, during which the other CPU had nothing to do.
// And the dataset after it is planned while one merges.
func (r *Runner) compact(ctx context.Context, full bool) (CompactSummary, error) {
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(compactGCPercent(full)))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// What is live stays small (two partitions' batches, a
		// dataset's plan), but the GC's headroom took peak RSS past
		// 1 GB at 100,000 reports.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(compactMemoryLimit))
	}
	// The WAL is checkpointed once, at the end (before the time is
	// taken: it is part of it), or on the way out after an error.
	checkpoint := sync.OnceFunc(r.st.holdCheckpoints())
	defer checkpoint()
	start := time.Now()
	var sum CompactSummary
	ctx, cancel := context.WithCancel(ctx)
	var merging chan []merged // the round being merged, in the background
	var published []merged    // merged, to publish once the next round is under way
	defer func() {
		// On an error or a panic (an injected crash) while publishing, the
		// round being merged stops and leaves nothing behind.
		cancel()
		if merging != nil {
			discard(<-merging)
		}
		discard(published) // merged, not yet published
	}()
	// At most two datasets' plans at a time, the one merging and the
	// next: the plan of all of them was a tenth of the heap at 100,000
	// reports.
	plan, err := r.planCompaction(full, schema.Datasets[0])
	if err != nil {
		return sum, err
	}
	for i := range schema.Datasets {
		if len(plan) > 0 {
			// The partition folders are recorded before anything is
			// written in them: a kill while merging or publishing leaves
			// temporary files and parts that the next run's repair looks
			// for there.
			if err := r.st.durable(func(tx *stateTx) error { return addIntents(tx, intentCompact, planDirs(plan)) }); err != nil {
				return sum, err
			}
			merging = make(chan []merged, 1)
			go func(done chan<- []merged, plan []*partition) { done <- r.mergeRound(ctx, plan) }(merging, plan)
		}
		if published != nil {
			if err := r.publishRound(ctx, published, &sum); err != nil {
				return sum, err
			}
			published = nil
		}
		// The next dataset is planned while this one merges: the merge
		// reads nothing of the state, and publishing a dataset changes
		// nothing another dataset's plan reads. Planned after the merge,
		// a plan was 0.27–0.33 s of each dataset's turn at 1,000,000
		// reports, with a CPU to spare.
		plan = nil
		if i+1 < len(schema.Datasets) {
			if plan, err = r.planCompaction(full, schema.Datasets[i+1]); err != nil {
				return sum, err
			}
		}
		if merging == nil {
			continue
		}
		published = <-merging
		merging = nil
		if err := mergeErr(published); err != nil {
			discard(published)
			return sum, err
		}
		for range published {
			r.step(stepMerged)
		}
	}
	if published != nil {
		if err := r.publishRound(ctx, published, &sum); err != nil {
			return sum, err
		}
		published = nil
	}
	// A full compaction looks for files the state does not list; so does
	// a run that found one it lists missing (OUT's folders restored from
	// a backup older than the state hold parts it replaced since).
	if full || r.foundMissing.Load() {
		moved, err := r.setAsideStrays(strayWhy, false)
		sum.SetAside += len(moved)
		if err != nil {
			return sum, err
		}
	}
	checkpoint()
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// partition is one dataset partition folder's compaction: the files to
// merge, relative to OUT.
type partition struct {
	dir      string            // DATASET/fiscal_year=YEAR
	singles  map[string]single // own file → its report
	oldParts []string          // parts to rewrite

	// What the merge needs from the state, taken when planning: the
	// merge runs while the previous round changes the state.
	sources []compact.Source
	keep    map[string]bool     // the reports to write
	placed  map[string][]string // old part → its reports kept

	lost     map[string]string // report → the damaged file set aside, which held its rows
	setAside []string          // the damaged, missing or replaced files set aside
}

// single is a report's own file in a partition.
type single struct{ id, department string }

// planCompaction lists the partitions of dataset to compact: unless full,
// only those with a dirty part (convert does that at the end of every
// run, reading the dirty parts' rows of the state, not the whole of it).
// A full compaction streams the dataset's files and parts from the state.
func (r *Runner) planCompaction(full bool, dataset string) ([]*partition, error) {
	partSize := r.cfg.partSize
	if partSize <= 0 {
		partSize = compact.DefaultPartSize
	}
	byDir := map[string]*partition{}
	get := func(dir string) *partition {
		if byDir[dir] == nil {
			byDir[dir] = &partition{dir: dir, singles: map[string]single{}}
		}
		return byDir[dir]
	}
	lo, hi := datasetRange(dataset)
	if full {
		// The own files only, by their index: not the rows of the parts.
		err := r.st.streamRows(context.Background(), `SELECT f.report_id, f.path, r.department FROM juesuan_files f
			JOIN juesuan_reports r ON r.report_id = f.report_id WHERE f.path >= ? AND f.path < ? AND f.`+ownFileTerm, []any{lo, hi},
			func(rows *sql.Rows) error {
				var id, f, dept string
				if err := rows.Scan(&id, &f, &dept); err != nil {
					return r.st.stateError("cannot read", err)
				}
				if compact.IsPartName(path.Base(f)) || !isOwnFile(f, id) {
					return nil
				}
				if _, err := r.root.Stat(f); err != nil {
					// Its rows stay out of the parts until then: say so,
					// as a compact run alone would not show it.
					why := "it is missing"
					if !errors.Is(err, fs.ErrNotExist) {
						why = err.Error()
					}
					r.warn(filepath.Join(r.out, f), fmt.Sprintf("not compacted: the state lists this file of report %s, but %s; the next convert writes it again", id, why))
					return nil
				}
				get(path.Dir(f)).singles[f] = single{id, dept}
				return nil
			})
		if err != nil {
			return nil, err
		}
	}
	query := `SELECT path, dirty FROM juesuan_parts WHERE dirty = 1 AND path >= ? AND path < ?`
	if full {
		query = `SELECT path, dirty FROM juesuan_parts WHERE path >= ? AND path < ?`
	}
	underFilled := map[string][]string{}
	var toCheck []string // clean parts whose every page is read (--check)
	err := r.st.streamRows(context.Background(), query, []any{lo, hi}, func(rows *sql.Rows) error {
		var rel string
		var dirty int64
		if err := rows.Scan(&rel, &dirty); err != nil {
			return r.st.stateError("cannot read", err)
		}
		if !isPartFile(rel) {
			r.st.warn(fmt.Sprintf("state part %q ignored: not a part file of this output folder", rel))
			return nil
		}
		if dirty != 0 {
			get(path.Dir(rel)).oldParts = append(get(path.Dir(rel)).oldParts, rel)
			return nil
		}
		// Only a full compaction lists clean parts. It also rewrites one
		// that is missing or truncated (no Parquet footer), or with
		// --check damaged anywhere (below): the merge sets it aside.
		size, whole := r.partEnd(rel)
		if !whole {
			get(path.Dir(rel)).oldParts = append(get(path.Dir(rel)).oldParts, rel)
			return nil
		}
		if r.cfg.checkParts {
			toCheck = append(toCheck, rel)
		}
		if size >= 0 && size < partSize/2 {
			underFilled[path.Dir(rel)] = append(underFilled[path.Dir(rel)], rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	damaged, err := r.damagedParts(toCheck)
	if err != nil {
		return nil, err
	}
	for _, rel := range damaged {
		dir := path.Dir(rel)
		get(dir).oldParts = append(get(dir).oldParts, rel)
		underFilled[dir] = slices.DeleteFunc(underFilled[dir], func(p string) bool { return p == rel })
	}
	for dir, paths := range underFilled {
		var merging int64
		if g := byDir[dir]; g != nil {
			// Merged in any case: the own files and, in oldParts so far,
			// the dirty parts.
			n, err := r.st.partReports(g.oldParts...)
			if err != nil {
				return nil, err
			}
			merging = int64(len(g.singles)) + n
		}
		parts := make([]tierPart, len(paths))
		for i, p := range paths {
			n, err := r.st.partReports(p)
			if err != nil {
				return nil, err
			}
			parts[i] = tierPart{p, n}
		}
		if take := tierParts(merging, parts); len(take) > 0 {
			get(dir).oldParts = append(get(dir).oldParts, take...)
		}
	}
	var plan []*partition
	for _, g := range byDir {
		slices.Sort(g.oldParts)
		if err := r.mergeInputs(g); err != nil {
			return nil, err
		}
		plan = append(plan, g)
	}
	slices.SortFunc(plan, func(a, b *partition) int { return strings.Compare(a.dir, b.dir) })
	return plan, nil
}

// tierPart is an under-filled part (under half the part size) and the
// reports it holds.
type tierPart struct {
	path    string
	reports int64
}

// tierParts picks the under-filled parts of a partition to merge with
// the merging reports of its own files and dirty parts: smallest first,
// each as long as it holds no more reports than are merged so far. A
// part is thus rewritten only into one of at least twice its reports, so
// a report is rewritten at most log2(reports of a part) times however
// many runs follow, and a partition keeps about as many under-filled
// parts at most. Merging every under-filled part each time (as before)
// rewrote, at 1,000,000 reports, a year's 100,000 reports and 10 million
// statements to add a thousand. Reports, not bytes, measure the work: a
// report's own file is 10 to 80 times its rows' bytes in a part. With
// nothing else to merge, the smallest part starts; one part alone stays
// as it is, as rewriting it would change nothing.
func tierParts(merging int64, parts []tierPart) []string {
	slices.SortFunc(parts, func(a, b tierPart) int {
		return cmp.Or(cmp.Compare(a.reports, b.reports), strings.Compare(a.path, b.path))
	})
	n, seeded := 0, merging == 0
	if seeded && len(parts) > 0 {
		merging, n = parts[0].reports, 1
	}
	for n < len(parts) && parts[n].reports <= merging {
		merging += parts[n].reports
		n++
	}
	if seeded && n < 2 {
		return nil
	}
	take := make([]string, n)
	for i, p := range parts[:n] {
		take[i] = p.path
	}
	return take
}

// merged is a partition merged into parts not yet published, or the
// error that stopped it.
type merged struct {
	*partition
	newParts []compact.Part
	err      error
}

// mergeRound merges partitions of one dataset in parallel, leaving their
// new parts unpublished. It reads nothing of the state.
func (r *Runner) mergeRound(ctx context.Context, round []*partition) []merged {
	results := make([]merged, len(round))
	perCPU(len(round), func(i int) { results[i] = r.mergePartition(ctx, round[i]) })
	return results
}

// perCPU calls do(0) … do(n-1), one call per CPU at a time, and returns
// when all have.
func perCPU(n int, do func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

func mergeErr(round []merged) error {
	var errs []error
	for _, m := range round {
		errs = append(errs, m.err)
	}
	return errors.Join(errs...)
}

// discard removes a round's unpublished parts.
func discard(round []merged) {
	for _, m := range round {
		removeParts(m.newParts)
	}
}

// removeParts removes parts not yet published.
func removeParts(parts []compact.Part) {
	for _, p := range parts {
		os.Remove(p.Temp)
	}
}

// publishRound takes merged partitions of one dataset through steps 2 to 4.
func (r *Runner) publishRound(ctx context.Context, results []merged, sum *CompactSummary) error {
	for i, m := range results {
		for j, p := range m.newParts {
			if err := r.root.Rename(path.Join(m.dir, filepath.Base(p.Temp)), path.Join(m.dir, p.Name)); err != nil {
				// The parts not yet renamed go; the renamed ones are not in
				// the state, and the next run's repair removes them (the
				// partition's compact intent).
				removeParts(m.newParts[j:])
				discard(results[i+1:])
				return fmt.Errorf("publish part %s: %w", p.Name, err)
			}
			r.step(stepPublished)
		}
		schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(m.dir)))
	}

	replaced := map[string]bool{} // the own files and parts the new parts replace, and those set aside
	for _, m := range results {
		for f := range m.singles {
			replaced[f] = true
		}
		for _, f := range m.lost {
			replaced[f] = true
		}
		for _, p := range m.oldParts {
			replaced[p] = true
		}
	}
	// One transaction records the new parts as the files of their
	// reports, forgets the replaced ones and names them for removal.
	// It is synced before any is removed: a power cut cannot take the
	// record back once the files it replaces are gone.
	err := r.st.durable(func(tx *stateTx) error {
		var dirs []string
		var moves []partMove
		for _, m := range results {
			dirs = append(dirs, m.dir)
			for _, p := range m.oldParts {
				if err := deletePart(tx, p); err != nil {
					return err
				}
			}
			own := make(map[string]string, len(m.singles)) // report → its own file merged
			for f, s := range m.singles {
				own[s.id] = f
			}
			for _, p := range m.newParts {
				rel := path.Join(m.dir, p.Name)
				if err := putPart(tx, rel, p.Reports); err != nil {
					return err
				}
				for _, id := range p.Reports {
					moves = append(moves, partMove{id, own[id], rel})
				}
			}
		}
		// In report order, the order of the files table's key: a page of
		// it is then read and changed once for its reports, not once for
		// each (at 1,000,000 reports the four datasets' statements took
		// 2.4 s instead of 2.8 s).
		slices.SortFunc(moves, func(a, b partMove) int { return strings.Compare(a.id, b.id) })
		for _, mv := range moves {
			moved, err := ownFileToPart(tx, mv.id, mv.own, mv.part)
			if err == nil && !moved {
				err = moveToPart(tx, mv.id, mv.part, replaced)
			}
			if err != nil {
				return err
			}
		}
		for _, m := range results {
			for id, part := range m.lost {
				if err := loseFile(tx, id, part); err != nil {
					return err
				}
			}
		}
		if err := addIntents(tx, intentRemove, slices.Sorted(maps.Keys(replaced))); err != nil {
			return err
		}
		if err := r.countLakeChanges(tx, slices.Collect(maps.Keys(replaced))...); err != nil {
			return err
		}
		return dropIntents(tx, intentCompact, dirs)
	})
	if err != nil {
		// Not recorded (a full disk, say): until the next run's repair, a
		// reader of the folders would see the rows of the parts renamed
		// into place twice. They go now, unless the state lists them after
		// all (a commit that failed late) or cannot tell.
		for _, m := range results {
			for _, p := range m.newParts {
				r.removeIfUnlisted(path.Join(m.dir, p.Name), true)
			}
			schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(m.dir)))
		}
		return fmt.Errorf("compact: %w", err)
	}
	r.step(stepRecorded)
	if r.lake != nil {
		// One lake commit adds the parts and drops the files they replace
		// (with the dataset's other changes of this run), before those go.
		r.mu.Lock()
		for _, m := range results {
			for _, p := range m.newParts {
				r.lakeAdd(path.Join(m.dir, p.Name))
			}
		}
		r.lakeRemove(false, slices.Sorted(maps.Keys(replaced))...)
		r.mu.Unlock()
		// Failed, the commit is a warning and the replaced files go all
		// the same (publishLake), for the folders' readers.
		if ds, _, _ := strings.Cut(results[0].dir, "/"); r.publishLake(ctx, ds) {
			r.step(stepLake)
		}
	}

	var gone []string // removed, or not there: their remove intents are done
	removeFiles(r.root, slices.Sorted(maps.Keys(replaced)), func(f string, err error) {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			// Its remove intent stays, so the next run's repair removes it.
			r.warn(filepath.Join(r.out, f), fmt.Sprintf("could not remove a file compacted into a part (the next run removes it): %v", err))
			return
		}
		gone = append(gone, f)
		sum.FilesRemoved++
		r.step(stepRemoved)
	})
	for _, m := range results {
		schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(m.dir)))
		sum.Partitions++
		sum.PartsWritten += len(m.newParts)
		sum.Reports += len(m.keep)
		sum.SetAside += len(m.setAside)
	}
	slices.Sort(gone)
	return r.st.update(func(tx *stateTx) error { return dropIntents(tx, intentRemove, gone) })
}

// partMove names part as the file of report id, in place of its own file
// own ("" for a report of a part rewritten).
type partMove struct{ id, own, part string }

// planDirs lists the partition folders of a plan.
func planDirs(plan []*partition) []string {
	dirs := make([]string, len(plan))
	for i, g := range plan {
		dirs[i] = g.dir
	}
	return dirs
}

// mergeInputs sets the partition's sources and the reports to keep, from
// the state: a part's reports that the state still places in it, and the
// reports' own files. Keep is by report, over all sources: a report
// converted again whose old rows are in a part being rewritten keeps its
// own file for the next compaction, so that its rows are written once.
func (r *Runner) mergeInputs(g *partition) error {
	g.keep, g.placed, g.lost = map[string]bool{}, map[string][]string{}, map[string]string{}
	dropped := map[string]bool{} // reports with rows in an old part that the state places elsewhere
	for _, p := range g.oldParts {
		var holds []string // every report recorded in the part, for Merge to check it
		err := r.st.streamRows(context.Background(), `SELECT pr.report_id, f.path IS NOT NULL FROM juesuan_part_reports pr
			LEFT JOIN juesuan_files f ON f.report_id = pr.report_id AND f.path = pr.part WHERE pr.part = ?`, []any{p},
			func(rows *sql.Rows) error {
				var id string
				var placed bool
				if err := rows.Scan(&id, &placed); err != nil {
					return r.st.stateError("cannot read", err)
				}
				holds = append(holds, id)
				if placed && validReportID(id) {
					g.keep[id] = true
					g.placed[p] = append(g.placed[p], id)
				} else {
					dropped[id] = true
				}
				return nil
			})
		if err != nil {
			return err
		}
		if len(holds) == 0 {
			// Every part juesuan records holds a report: one without is a
			// damaged state (its part_reports rows lost), and merged
			// unchecked its rows would be dropped as no one's.
			return fmt.Errorf("%w: %s: %w: it records part %s, holding no report", errState, r.st.path, errDisagrees, p)
		}
		if err := r.checkDropped(p, dropped); err != nil {
			return err
		}
		if err := r.checkHeld(p, holds); err != nil {
			return err
		}
		g.sources = append(g.sources, compact.Source{Path: filepath.Join(r.out, filepath.FromSlash(p)), Reports: holds})
	}
	for f, s := range g.singles {
		if dropped[s.id] || g.keep[s.id] {
			delete(g.singles, f)
			continue
		}
		g.sources = append(g.sources, compact.Source{Path: filepath.Join(r.out, filepath.FromSlash(f)), ReportID: s.id,
			Department: s.department})
		g.keep[s.id] = true
	}
	slices.SortFunc(g.sources, func(a, b compact.Source) int { return strings.Compare(a.Path, b.Path) })
	return nil
}

// mergePartition writes a partition's new parts, unpublished.
func (r *Runner) mergePartition(ctx context.Context, g *partition) merged {
	dir := filepath.Join(r.out, filepath.FromSlash(g.dir))
	opts := []compact.Option{compact.PartSize(r.cfg.partSize), compact.CreatedBy("juesuan " + r.cfg.toolVersion),
		compact.ReportKey(reportIDKey)}
	if r.cfg.toolVersion != "" {
		opts = append(opts, compact.Metadata("juesuan.tool_version", r.cfg.toolVersion))
	}
	parts, err := compact.Merge(ctx, dir, g.sources, func(id string) bool { return g.keep[id] }, opts...)
	for damaged := (*compact.DamagedError)(nil); errors.As(err, &damaged) && r.setAside(g, damaged); {
		// Each round sets a file aside, so this ends.
		parts, err = compact.Merge(ctx, dir, g.sources, func(id string) bool { return g.keep[id] }, opts...)
	}
	if err != nil {
		return merged{partition: g, err: fmt.Errorf("compact %s: %w", g.dir, err)}
	}
	// Every report kept must be in a part before its files are replaced.
	written := map[string]bool{}
	for _, p := range parts {
		for _, id := range p.Reports {
			written[id] = true
		}
	}
	for id := range g.keep {
		if !written[id] {
			removeParts(parts)
			return merged{partition: g, err: fmt.Errorf("compact %s: report %s was not written to a part; nothing was changed", g.dir, id)}
		}
	}
	return merged{partition: g, newParts: parts}
}

// setAside renames a damaged file of the partition out of the readers'
// way (NAME.damaged, which *.parquet globs skip) and leaves it out of the
// merge: one bad file no longer stops every compaction.
//
// The file is forgotten with the files replaced when the partition is
// published (the Iceberg table stops listing it too), and the reports
// whose rows it held (lost: an own file's one, an old part's) lose that
// file and are marked to be converted again by the next convert.
//
// False when the file is neither, or cannot be renamed.
func (r *Runner) setAside(g *partition, d *compact.DamagedError) bool {
	rel, err := filepath.Rel(r.out, d.Path)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	s, own := g.singles[rel]
	isPart := slices.Contains(g.oldParts, rel)
	if !own && !isPart {
		return false
	}
	why := "cannot be read as Parquet (" + d.Err.Error() + ")"
	if errors.Is(d.Err, compact.ErrReplaced) {
		why = "is " + d.Err.Error()
	}
	what := why + "; moved aside to " + path.Base(rel) + damagedSuffix + " (delete it when you like)"
	if err := r.root.Rename(rel, rel+damagedSuffix); errors.Is(err, fs.ErrNotExist) {
		what = "is missing"
		r.foundMissing.Store(true)
	} else if err != nil {
		return false
	}
	g.sources = slices.DeleteFunc(g.sources, func(src compact.Source) bool { return src.Path == d.Path })
	g.setAside = append(g.setAside, rel)
	if own {
		r.warn(d.Path, fmt.Sprintf("not compacted: this file of report %s %s; the next convert of the report's input writes it again", s.id, what))
		delete(g.singles, rel)
		delete(g.keep, s.id)
		g.lost[s.id] = rel
		return true
	}
	for _, id := range g.placed[rel] {
		delete(g.keep, id)
		g.lost[id] = rel
	}
	if n := len(g.placed[rel]); n > 0 {
		r.warn(d.Path, fmt.Sprintf("this part %s; the rows of its %d reports in %s are in no file until the next convert of their inputs, which converts them again",
			what, n, path.Dir(path.Dir(rel))))
	} else {
		r.warn(d.Path, fmt.Sprintf("this part %s; nothing is lost: newer files hold all its reports' rows", what))
	}
	return true
}

// strayedSuffix renames a Parquet file of a partition folder that the
// state lists nowhere, out of the readers' *.parquet globs.
const strayedSuffix = ".unlisted"

// strayWhy begins the warning about a file setAsideStrays moves.
const strayWhy = "this file is not in OUT's state (copied or restored into OUT by hand?): a reader of the folders would read its rows beside the files the state lists; "

// setAsideStrays renames the Parquet files of the datasets' folders that
// the state does not list and that would double rows for a reader of the
// folders (a glob of DATASET/*/*.parquet): every one in a folder other
// than a partition's, and in a partition a part (part-….parquet), a
// report's own file whose report has its rows in another file of the
// dataset, any other *.parquet (juesuan writes no other name). Such a
// file was copied or restored into OUT by hand: its rows are another
// file's, or none of OUT's reports'. An own file of a report the state
// does not know, whose footer names that report, is left: a conversion
// killed before it was recorded, which the next convert writes again.
// Run after a full compaction, when the folders hold little besides the
// parts; it returns those it set aside (their names before), each named
// in a warning that gives why (strayWhy), unless why is "". With all,
// every Parquet file goes, own files of reports the state does not know
// too (setAsideOrphans). One it cannot rename is named in a warning.
func (r *Runner) setAsideStrays(why string, all bool) (moved []string, err error) {
	for _, ds := range schema.Datasets {
		if info, err := r.root.Lstat(ds); err == nil && !info.IsDir() {
			continue // not a folder: no file in it to set aside
		}
		years, err := fs.ReadDir(r.root.FS(), ds)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return moved, fmt.Errorf("list %s: %w", ds, err)
		}
		for _, y := range years {
			if !y.IsDir() || y.Name() == "metadata" || strings.HasPrefix(y.Name(), ".") { // the Iceberg table's; hidden, which globs skip
				continue
			}
			// Another folder (a backup kept beside the partitions, say) is
			// read by the globs too, as a partition: juesuan writes nothing
			// there, so each of its Parquet files is a stray.
			dir := path.Join(ds, y.Name())
			partition := isPartitionDir(dir)
			files, err := fs.ReadDir(r.root.FS(), dir)
			if err != nil {
				return moved, fmt.Errorf("list %s: %w", dir, err)
			}
			dirMoved := false
			for _, f := range files {
				name := f.Name()
				// A link is read by the globs as its target: juesuan
				// writes none.
				if !(f.Type().IsRegular() || f.Type()&fs.ModeSymlink != 0) || !strings.HasSuffix(name, ".parquet") || strings.HasPrefix(name, ".") {
					continue
				}
				rel := path.Join(dir, name)
				stray := !partition || all
				if !stray {
					if stray, err = r.stray(rel); err != nil {
						return moved, err
					}
				}
				if !stray {
					continue
				}
				full := filepath.Join(r.out, filepath.FromSlash(rel))
				if err := r.root.Rename(rel, rel+strayedSuffix); err != nil {
					r.warn(full, strayWhy+fmt.Sprintf("it could not be moved aside (%v): move or delete it", err))
					continue
				}
				dirMoved = true
				moved = append(moved, rel)
				if why != "" {
					r.warn(full, why+fmt.Sprintf("moved aside to %s (delete it when you like)", name+strayedSuffix))
				}
			}
			if dirMoved {
				schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(dir)))
			}
		}
	}
	return moved, nil
}

// setAsideBehind sets aside, when repairLake found the state older than
// OUT's tables, the files of the datasets' folders that the state does not
// list (setAsideStrays), before the run writes anything: a compaction's
// parts, above all, holding reports that the state has in their own files
// still. Their rows are kept, under another name, as they may be nowhere
// else. A report whose files the state lists and OUT no longer holds is
// converted again, by this run if its input is among the run's paths.
func (r *Runner) setAsideBehind() error {
	if len(r.stateBehind) == 0 {
		return nil
	}
	r.warn(r.out, fmt.Sprintf("%s is older than the files of %s (the tables there were committed from a later state: "+
		"the state restored from a backup, or copied while a run was under way?): the files it does not list are set aside, "+
		"and the reports whose files are gone are converted again when their inputs are given",
		StateName, strings.Join(r.stateBehind, ", ")))
	moved, err := r.setAsideStrays(strayWhy, false)
	r.setAsideBehindN = len(moved)
	return err
}

// stray tells whether the Parquet file rel of a partition folder is one
// setAsideStrays moves: not listed in the state, and not an own file of a
// report the state does not know.
func (r *Runner) stray(rel string) (bool, error) {
	if ok, err := listed(r.st.db, rel); err != nil {
		return false, r.st.stateError("cannot read", err)
	} else if ok {
		return false, nil
	}
	if !isReportFileName(path.Base(rel)) { // a part, or a name juesuan never writes
		return true, nil
	}
	id := strings.TrimSuffix(path.Base(rel), ".parquet")
	if elsewhere, err := r.placedIn(strings.SplitN(rel, "/", 2)[0], id); err != nil || elsewhere {
		return elsewhere, err // the report's rows are in another file
	}
	// A report the state does not know: left if the file is that
	// report's, as its footer says.
	return r.footerReport(rel) != id, nil
}

// placedIn tells whether the state places report id in a file of dataset.
func (r *Runner) placedIn(dataset, id string) (bool, error) {
	lo, hi := datasetRange(dataset)
	var one int
	err := r.st.db.QueryRow(`SELECT 1 FROM juesuan_files WHERE report_id = ? AND path >= ? AND path < ?`, id, lo, hi).Scan(&one)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	}
	return false, r.st.stateError("cannot read", err)
}

// footerReport is the report the Parquet file rel names in its footer
// (reportIDKey), "" where it names none or does not open.
func (r *Runner) footerReport(rel string) string {
	f, err := r.root.Open(rel)
	if err != nil {
		return ""
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return ""
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return ""
	}
	id, _ := pf.Lookup(reportIDKey)
	return id
}

// damagedParts reads every page of the parts (relative to out), one per
// CPU at a time, and returns those that do not decode or do not hold the
// reports the state records for them. One that cannot be read at all
// (permissions, the disk) is not among them: the merge would stop on it,
// so it is left to the next plain compaction.
func (r *Runner) damagedParts(parts []string) ([]string, error) {
	bad := make([]bool, len(parts))
	errs := make([]error, len(parts))
	perCPU(len(parts), func(i int) {
		// A part's reports are read when it is checked: a million
		// reports' IDs at once would be hundreds of MB.
		var holds []string
		errs[i] = r.st.streamRows(context.Background(), `SELECT report_id FROM juesuan_part_reports WHERE part = ?`, []any{parts[i]},
			func(rows *sql.Rows) error {
				var id string
				if err := rows.Scan(&id); err != nil {
					return r.st.stateError("cannot read", err)
				}
				holds = append(holds, id)
				return nil
			})
		if errs[i] != nil {
			return
		}
		var d *compact.DamagedError
		bad[i] = errors.As(compact.Check(filepath.Join(r.out, filepath.FromSlash(parts[i])), holds), &d)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err // the state's: the same for every part
		}
	}
	var damaged []string
	for i, rel := range parts {
		if bad[i] {
			damaged = append(damaged, rel)
		}
	}
	return damaged, nil
}

// partEnd opens the part rel once for its size and its last 4 bytes:
// whole unless it is missing or does not end as a Parquet file does (its
// footer's magic). A part that cannot be opened (size -1) or read counts
// as whole: a question for the merge. Not a check of its pages.
func (r *Runner) partEnd(rel string) (size int64, whole bool) {
	f, err := r.root.Open(rel)
	if err != nil {
		return -1, !errors.Is(err, fs.ErrNotExist)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return -1, true
	}
	var tail [4]byte
	if _, err := f.ReadAt(tail[:], st.Size()-4); err != nil && st.Size() >= 4 {
		return st.Size(), true
	}
	return st.Size(), st.Size() >= 12 && string(tail[:]) == "PAR1"
}

// damagedSuffix names a file set aside as damaged (an own file or a part).
const damagedSuffix = ".damaged"

func (r *Runner) step(name string) {
	if r.cfg.compactStep != nil {
		r.cfg.compactStep(name)
	}
}
