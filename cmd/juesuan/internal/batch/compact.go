package batch

import (
	"context"
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

	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/schema"
)

// Compaction merges, in every dataset folder and partition, the reports'
// own files into part files (package compact), and keeps the manifest the
// source of truth for which file holds each report's rows. The partitions
// of a dataset are compacted together in four steps, each leaving OUT in a
// state a rerun repairs:
//
//  1. merged: the new parts are written and synced under temporary names
//     (invisible to readers, which read *.parquet);
//  2. published: each is renamed to part-<random>.parquet. From here a
//     reader sees the merged reports twice, until step 4;
//  3. recorded: the manifest, saved atomically, lists the new parts and
//     names them as the files of their reports;
//  4. removed: the files the parts replace (own files, older parts) go,
//     once the Iceberg table (lake.go) lists the parts instead of them,
//     in one commit.
//
// A rerun first removes what the manifest does not list (repair): after a
// crash before 3, the new parts (the rows are still in the files the
// manifest lists); after 3, the replaced files. So after a crash at any
// point, a rerun of compact or convert leaves every report's rows exactly
// once, and a reader sees a report twice only between steps 2 and 4 of
// its dataset's round (the renames, a manifest save and the removals),
// never not at all.

// compactMemoryLimit is the soft memory limit of a compaction
// (runtime/debug.SetMemoryLimit), unless GOMEMLIMIT is set.
const compactMemoryLimit = 384 << 20

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
	Elapsed      time.Duration
}

func (s CompactSummary) String() string {
	return fmt.Sprintf("compacted %d partitions: %d report files into %d parts, %d files removed, in %s",
		s.Partitions, s.Reports, s.PartsWritten, s.FilesRemoved, s.Elapsed.Round(time.Millisecond))
}

// Compact compacts OUT, holding its lock: for each dataset folder and
// partition, the reports' own files and the parts that are under half
// the part size or hold rows of reports converted again or removed since
// are merged into parts of about the part size.
func (r *Runner) Compact(ctx context.Context) (CompactSummary, error) {
	if _, err := os.Stat(r.out); err != nil {
		return CompactSummary{}, fmt.Errorf("output folder: %w", err)
	}
	release, err := r.takeOut(ctx, false)
	if err != nil {
		return CompactSummary{}, err
	}
	defer release()
	return r.compact(ctx, true)
}

// compact rewrites the partitions that need it. Unless full, only the
// parts holding rows of reports converted again or removed (convert does
// that at the end of every run, so no report is read twice for long).
// Called holding OUT's lock, after removeSuperseded.
//
// A dataset's partitions are merged in parallel, then published, recorded
// in one manifest save and their replaced files removed: a manifest save
// per partition cost more than the merging at 100,000 reports. The next
// dataset is merged while one is published: publishing is one goroutine's
// work (renames, the save, an unlink per replaced file), a sixth of a
// 100,000-report compaction, during which the other CPU had nothing to do.
func (r *Runner) compact(ctx context.Context, full bool) (CompactSummary, error) {
	if os.Getenv("GOGC") == "" {
		// Merging streams pages through the heap: at the conversion's GC
		// percent (400, run.go) peak RSS was 4 times as high.
		defer debug.SetGCPercent(debug.SetGCPercent(100))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// What is live stays small (two partitions' batches, the
		// manifest: 80 MB at 100,000 reports), but each manifest save
		// and the GC's headroom took peak RSS past 1 GB at 100,000.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(compactMemoryLimit))
	}
	start := time.Now()
	var sum CompactSummary
	ctx, cancel := context.WithCancel(ctx)
	var merging chan []merged // the round being merged, in the background
	defer func() {
		// On an error or a panic (an injected crash) while publishing, the
		// round being merged stops and leaves nothing behind.
		cancel()
		if merging != nil {
			discard(<-merging)
		}
	}()
	var published []merged // merged, to publish once the next round is under way
	for _, ds := range schema.Datasets {
		// One dataset's plan at a time: the plan of all of them was a
		// tenth of the heap at 100,000 reports.
		plan := r.planCompaction(full, ds)
		if len(plan) == 0 {
			continue
		}
		merging = make(chan []merged, 1)
		go func(done chan<- []merged) { done <- r.mergeRound(ctx, plan) }(merging)
		if published != nil {
			if err := r.publishRound(ctx, published, &sum); err != nil {
				return sum, err
			}
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
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// partition is one dataset partition folder's compaction: the files to
// merge, relative to OUT.
type partition struct {
	dir      string            // DATASET/fiscal_year=YEAR
	singles  map[string]string // own file → report_id
	oldParts []string          // parts to rewrite

	// What the merge needs from the manifest, taken when planning: the
	// merge runs while the previous round changes the manifest.
	sources []compact.Source
	keep    map[string]bool // the reports to write
}

// planCompaction lists the partitions of dataset to compact.
func (r *Runner) planCompaction(full bool, dataset string) []*partition {
	partSize := r.cfg.partSize
	if partSize <= 0 {
		partSize = compact.DefaultPartSize
	}
	byDir := map[string]*partition{}
	get := func(dir string) *partition {
		if byDir[dir] == nil {
			byDir[dir] = &partition{dir: dir, singles: map[string]string{}}
		}
		return byDir[dir]
	}
	inDataset := func(rel string) bool { return strings.HasPrefix(rel, dataset+"/") }
	if full {
		for id, e := range r.man.Reports {
			for _, f := range e.Files {
				if !inDataset(f) || compact.IsPartName(path.Base(f)) {
					continue
				}
				if _, err := r.root.Stat(f); err != nil {
					continue // missing: the next convert writes it again
				}
				get(path.Dir(f)).singles[f] = id
			}
		}
	}
	underFilled := map[string][]string{}
	for rel, p := range r.man.Parts {
		if !inDataset(rel) {
			continue
		}
		if r.holdsDropped(rel, p) {
			get(path.Dir(rel)).oldParts = append(get(path.Dir(rel)).oldParts, rel)
			continue
		}
		if st, err := r.root.Stat(rel); full && err == nil && st.Size() < partSize/2 {
			underFilled[path.Dir(rel)] = append(underFilled[path.Dir(rel)], rel)
		}
	}
	for dir, parts := range underFilled {
		// One under-filled part alone stays as it is: rewriting it would
		// change nothing.
		if g := byDir[dir]; g != nil || len(parts) > 1 {
			get(dir).oldParts = append(get(dir).oldParts, parts...)
		}
	}
	var plan []*partition
	for _, g := range byDir {
		slices.Sort(g.oldParts)
		r.mergeInputs(g)
		plan = append(plan, g)
	}
	slices.SortFunc(plan, func(a, b *partition) int { return strings.Compare(a.dir, b.dir) })
	return plan
}

// holdsDropped reports whether a part holds rows of a report that the
// manifest no longer places there (converted again, or removed).
func (r *Runner) holdsDropped(rel string, p *partEntry) bool {
	return slices.ContainsFunc(p.Reports, func(id string) bool { return !r.inPart(id, rel) })
}

// inPart reports whether the manifest places report id's rows in part rel.
func (r *Runner) inPart(id, rel string) bool {
	e := r.man.Reports[id]
	return e != nil && slices.Contains(e.Files, rel)
}

// merged is a partition merged into parts not yet published, or the
// error that stopped it.
type merged struct {
	*partition
	newParts []compact.Part
	err      error
}

// mergeRound merges partitions of one dataset in parallel, leaving their
// new parts unpublished. It reads nothing of the manifest.
func (r *Runner) mergeRound(ctx context.Context, round []*partition) []merged {
	results := make([]merged, len(round))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(round)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = r.mergePartition(ctx, round[i])
			}
		}()
	}
	for i := range round {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
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
				// the manifest, which the next run's repair removes.
				removeParts(m.newParts[j:])
				discard(results[i+1:])
				return fmt.Errorf("publish part %s: %w", p.Name, err)
			}
			r.step(stepPublished)
		}
		schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(m.dir)))
	}

	replaced := map[string]bool{} // the own files and parts the new parts replace
	for _, m := range results {
		for f := range m.singles {
			replaced[f] = true
		}
		for _, p := range m.oldParts {
			replaced[p] = true
		}
	}
	r.mu.Lock()
	for _, m := range results {
		for _, p := range m.oldParts {
			delete(r.man.Parts, p)
		}
		for _, p := range m.newParts {
			rel := path.Join(m.dir, p.Name)
			r.man.Parts[rel] = &partEntry{Reports: p.Reports}
			for _, id := range p.Reports {
				e := r.man.Reports[id]
				e.Files = append(slices.DeleteFunc(e.Files, func(f string) bool { return replaced[f] }), rel)
			}
			r.lakeAdd(rel)
		}
	}
	r.lakeRemove(false, slices.Collect(maps.Keys(replaced))...)
	r.dirty = true
	r.mu.Unlock()
	if err := r.saveManifest(); err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	r.step(stepRecorded)
	// One lake commit adds the parts and drops the files they replace
	// (with the dataset's other changes of this run), before those go.
	if ds, _, _ := strings.Cut(results[0].dir, "/"); !r.publishLake(ctx, ds) {
		return nil // the next run repairs the lake, then removes them
	}
	if r.lake != nil {
		r.step(stepLake)
	}

	for _, f := range slices.Sorted(maps.Keys(replaced)) {
		if err := r.root.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.warn(filepath.Join(r.out, f), fmt.Sprintf("could not remove a file compacted into a part (the next run removes it): %v", err))
			continue
		}
		sum.FilesRemoved++
		r.step(stepRemoved)
	}
	for _, m := range results {
		schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(m.dir)))
		sum.Partitions++
		sum.PartsWritten += len(m.newParts)
		sum.Reports += len(m.keep)
	}
	return nil
}

// mergeInputs sets the partition's sources and the reports to keep, from
// the manifest.
func (r *Runner) mergeInputs(g *partition) {
	g.keep = map[string]bool{}
	for f, id := range g.singles {
		g.sources = append(g.sources, compact.Source{Path: filepath.Join(r.out, filepath.FromSlash(f)), ReportID: id,
			Department: r.man.Reports[id].Department})
		g.keep[id] = true
	}
	for _, p := range g.oldParts {
		g.sources = append(g.sources, compact.Source{Path: filepath.Join(r.out, filepath.FromSlash(p))})
		for _, id := range r.man.Parts[p].Reports {
			if r.inPart(id, p) {
				g.keep[id] = true
			}
		}
	}
	slices.SortFunc(g.sources, func(a, b compact.Source) int { return strings.Compare(a.Path, b.Path) })
}

// mergePartition writes a partition's new parts, unpublished.
func (r *Runner) mergePartition(ctx context.Context, g *partition) merged {
	dir := filepath.Join(r.out, filepath.FromSlash(g.dir))
	opts := []compact.Option{compact.PartSize(r.cfg.partSize), compact.CreatedBy("juesuan " + r.cfg.toolVersion)}
	if r.cfg.toolVersion != "" {
		opts = append(opts, compact.Metadata("juesuan.tool_version", r.cfg.toolVersion))
	}
	parts, err := compact.Merge(ctx, dir, g.sources, func(id string) bool { return g.keep[id] }, opts...)
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

// removeSuperseded repairs a compaction that was cut short: in every
// dataset partition it removes the parts the manifest does not list (a
// compaction that had not recorded them: their rows are still in the
// files the manifest lists) and the reports' own files that the manifest
// has replaced by a part. Nothing else is touched: an own file of a
// report the manifest does not know is a conversion not yet recorded,
// which the next convert writes again.
func (r *Runner) removeSuperseded() error {
	listed := map[string]bool{}
	partDirs := map[string]bool{} // DATASET/fiscal_year=YEAR/ID: the report's rows are in a part of that folder
	for id, e := range r.man.Reports {
		for _, f := range e.Files {
			listed[f] = true
			if compact.IsPartName(path.Base(f)) {
				partDirs[path.Join(path.Dir(f), id)] = true
			}
		}
	}
	for rel := range r.man.Parts {
		listed[rel] = true
	}
	for _, ds := range schema.Datasets {
		years, err := fs.ReadDir(r.root.FS(), ds)
		if err != nil {
			continue // no such dataset yet
		}
		for _, y := range years {
			if !y.IsDir() {
				continue
			}
			dir := path.Join(ds, y.Name())
			files, err := fs.ReadDir(r.root.FS(), dir)
			if err != nil {
				return fmt.Errorf("list %s: %w", dir, err)
			}
			for _, f := range files {
				rel := path.Join(dir, f.Name())
				id, isOwn := strings.CutSuffix(f.Name(), ".parquet")
				stale := !listed[rel] && (compact.IsPartName(f.Name()) || (isOwn && partDirs[path.Join(dir, id)]))
				if !stale || f.IsDir() {
					continue
				}
				if err := r.root.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return fmt.Errorf("remove %s, left by an interrupted compaction: %w", rel, err)
				}
			}
			schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(dir)))
		}
	}
	return nil
}

func (r *Runner) step(name string) {
	if r.cfg.compactStep != nil {
		r.cfg.compactStep(name)
	}
}
