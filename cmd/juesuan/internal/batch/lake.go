package batch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
)

// The datasets are also Iceberg tables (package lake), which list the same
// files as the manifest. The manifest is saved first, the lake committed
// after; each save that records changes to a dataset's files counts up the
// dataset's lake sequence number (manifest.LakeSeq), and each lake commit
// records the number it publishes. So a run finds a lake behind its
// manifest (a crash between the two, an unreachable catalog) by comparing
// two numbers, and repairs it in one commit per dataset before anything
// else (repairLake). A file the lake lists is removed from OUT only after
// the lake commit that stops listing it.

// lakeChanges are a dataset's file changes not yet committed to the lake,
// relative to OUT.
type lakeChanges struct {
	added, removed map[string]bool
	unsaved        bool     // changed since the last manifest save
	unlink         []string // to remove from OUT once committed
}

// lakeAdd records files written (a path the lake lists already is
// replaced). Called with r.mu held.
func (r *Runner) lakeAdd(rels ...string) {
	for _, rel := range rels {
		c := r.lakeChangesOf(rel)
		if c == nil {
			continue
		}
		c.added[rel] = true
		c.unsaved = true
	}
	r.dirty = true
}

// lakeRemove records files that leave the dataset: unlink, when they are
// to be removed from OUT once the lake stops listing them. A file added
// in this run and not yet committed just goes. Called with r.mu held.
func (r *Runner) lakeRemove(unlink bool, rels ...string) {
	for _, rel := range rels {
		c := r.lakeChangesOf(rel)
		if c == nil {
			continue
		}
		if c.added[rel] && !c.removed[rel] {
			delete(c.added, rel) // never committed
		} else {
			delete(c.added, rel)
			c.removed[rel] = true
		}
		if unlink {
			c.unlink = append(c.unlink, rel)
		}
		c.unsaved = true
	}
	r.dirty = true
}

func (r *Runner) lakeChangesOf(rel string) *lakeChanges {
	ds, _, ok := strings.Cut(filepath.ToSlash(rel), "/")
	if !ok || !slices.Contains(schema.Datasets, ds) {
		return nil
	}
	if r.lakePending[ds] == nil {
		r.lakePending[ds] = &lakeChanges{added: map[string]bool{}, removed: map[string]bool{}}
	}
	return r.lakePending[ds]
}

// dropFromLake takes the own files of replaced reports out of the lake,
// to be removed from OUT once it no longer lists them, and returns the
// files to remove now: all of them without a lake. Parts stay (compaction
// rewrites them without the report). Called with r.mu held.
func (r *Runner) dropFromLake(stale []string) (now []string) {
	if r.lake == nil {
		return stale
	}
	for _, f := range stale {
		if !isPartFile(f) {
			r.lakeRemove(true, f)
		}
	}
	return nil
}

// countLakeChanges counts up the lake sequence number of every dataset
// changed since the last save, in the manifest about to be saved. Called
// with r.mu held.
func (r *Runner) countLakeChanges() {
	for ds, c := range r.lakePending {
		if c.unsaved {
			if r.man.LakeSeq == nil {
				r.man.LakeSeq = map[string]int64{}
			}
			r.man.LakeSeq[ds]++
			c.unsaved = false
		}
	}
}

// publishLake commits the saved changes of datasets to the lake, then
// removes from OUT the files they took out (all datasets when none is
// named). A failed commit is a warning: the files stay, and the next run
// repairs the lake. It reports whether every commit succeeded.
func (r *Runner) publishLake(ctx context.Context, datasets ...string) bool {
	if r.lake == nil {
		return true
	}
	if len(datasets) == 0 {
		datasets = schema.Datasets
	}
	ctx = context.WithoutCancel(ctx) // an interrupted run still publishes what it wrote
	ok := true
	for _, ds := range datasets {
		r.mu.Lock()
		c := r.lakePending[ds]
		if c == nil || c.unsaved {
			r.mu.Unlock()
			if c != nil {
				ok = false // the caller saves first; an unsaved change waits for the next run
			}
			continue
		}
		delete(r.lakePending, ds)
		seq := r.man.LakeSeq[ds]
		r.mu.Unlock()
		err := r.lake.Publish(ctx, ds, seq, slices.Sorted(maps.Keys(c.added)), slices.Sorted(maps.Keys(c.removed)))
		if err != nil {
			r.warn(r.out, fmt.Sprintf("%v; the Parquet files are in place, and the next run brings the Iceberg table up to date", err))
			ok = false
			continue
		}
		r.removeFiles(c.unlink)
	}
	return ok
}

// repairLake brings every dataset's table up to the manifest when it lags
// (or leads: a manifest moved aside, or an earlier state), in one commit
// each, and removes from OUT the files of this OUT the table listed that
// the manifest does not. Called by takeOut before anything is removed.
func (r *Runner) repairLake(ctx context.Context) error {
	if r.lake == nil {
		return nil
	}
	for _, ds := range schema.Datasets {
		seq, err := r.lake.Seq(ctx, ds)
		if err != nil {
			return err
		}
		want := r.man.LakeSeq[ds]
		if seq == want {
			continue
		}
		if seq > want { // the manifest is older than the lake: it takes a new number
			if r.man.LakeSeq == nil {
				r.man.LakeSeq = map[string]int64{}
			}
			want = seq + 1
			r.man.LakeSeq[ds] = want
			r.dirty = true
		}
		dropped, err := r.lake.Reconcile(ctx, ds, want, r.liveFiles(ds))
		if err != nil {
			r.warn(r.out, fmt.Sprintf("%v; the next run tries again", err))
			continue
		}
		r.removeFiles(dropped)
	}
	return nil
}

// liveFiles lists the files of a dataset that the manifest names and that
// are in OUT, relative to OUT.
func (r *Runner) liveFiles(dataset string) []string {
	seen := map[string]bool{}
	for _, e := range r.man.Reports {
		for _, f := range e.Files {
			if strings.HasPrefix(f, dataset+"/") {
				seen[f] = true
			}
		}
	}
	var live []string
	for f := range seen {
		if _, err := r.root.Stat(f); err == nil {
			live = append(live, f)
		}
	}
	slices.Sort(live)
	return live
}

// removeFiles removes juesuan's dataset files from OUT, through its root,
// unless the manifest names them again (the same bytes converted again).
func (r *Runner) removeFiles(rels []string) {
	for _, f := range rels {
		r.mu.Lock()
		id, _ := strings.CutSuffix(filepath.Base(f), ".parquet")
		e, listed := r.man.Reports[id], r.man.Parts[f] != nil
		listed = listed || (e != nil && slices.Contains(e.Files, f))
		r.mu.Unlock()
		if listed || !isDatasetFile(f, func(string) bool { return true }) {
			continue
		}
		if err := r.root.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.warn(filepath.Join(r.out, f), fmt.Sprintf("could not remove a replaced file: %v", err))
		}
	}
}

// openLake opens the lake of OUT, unless it is off.
func (r *Runner) openLake(ctx context.Context) error {
	if r.cfg.catalog == CatalogNone {
		return nil
	}
	l, err := lake.Open(ctx, r.out, lake.Catalog(r.cfg.catalog))
	if err != nil {
		return fmt.Errorf("%w (--catalog none turns the Iceberg tables off)", err)
	}
	r.lake = l
	return nil
}
