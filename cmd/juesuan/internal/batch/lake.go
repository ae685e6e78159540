package batch

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
)

// The datasets are also Iceberg tables (package lake), which list the same
// files as the state. The state is committed first, the lake after: each
// state transaction that changes a dataset's files counts up the
// dataset's lake sequence number (juesuan_meta, lake_seq.<dataset>), and
// each lake commit records the number it publishes. So a run finds a lake
// behind its state (a crash between the two, an unreachable catalog) by
// comparing two numbers, and repairs it in one commit per dataset before
// anything else (repairLake). A file the lake lists is removed from OUT
// only after the lake commit that stops listing it: until then its remove
// intent stays in the state.

// lakeChanges are a dataset's file changes not yet committed to the lake,
// relative to OUT.
type lakeChanges struct {
	added, removed map[string]bool
	unlink         []string // to remove from OUT once committed (their remove intents)
}

// lakeAdd records files written (a path the lake lists already is
// replaced). Called with r.mu held.
func (r *Runner) lakeAdd(rels ...string) {
	for _, rel := range rels {
		if c := r.lakeChangesOf(rel); c != nil {
			c.added[rel] = true
		}
	}
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
		if !c.added[rel] || c.removed[rel] {
			c.removed[rel] = true
		}
		delete(c.added, rel)
		if unlink {
			c.unlink = append(c.unlink, rel)
		}
	}
}

// lakeReplace records a report's new files, prev its files before.
// Called with r.mu held.
func (r *Runner) lakeReplace(files, prev []string) {
	for _, f := range files {
		if slices.Contains(prev, f) {
			r.lakeRemove(false, f) // rewritten in place
		}
		r.lakeAdd(f)
	}
}

func (r *Runner) lakeChangesOf(rel string) *lakeChanges {
	ds := datasetOf(rel)
	if ds == "" {
		return nil
	}
	if r.lakePending[ds] == nil {
		r.lakePending[ds] = &lakeChanges{added: map[string]bool{}, removed: map[string]bool{}}
	}
	return r.lakePending[ds]
}

func datasetOf(rel string) string {
	ds, _, ok := strings.Cut(filepath.ToSlash(rel), "/")
	if !ok || !slices.Contains(schema.Datasets, ds) {
		return ""
	}
	return ds
}

// lakeSeqKey is the juesuan_meta key of a dataset's lake sequence number.
func lakeSeqKey(dataset string) string { return "lake_seq." + dataset }

// lakeSeq reads a dataset's lake sequence number from the state (0: none;
// a value juesuan never writes reads as 0, and the lake is repaired).
func lakeSeq(q querier, dataset string) (int64, error) {
	var v string
	err := q.QueryRow(`SELECT value FROM juesuan_meta WHERE key = ?`, lakeSeqKey(dataset)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, nil
	}
	return n, nil
}

func setLakeSeq(tx *stateTx, dataset string, n int64) error {
	_, err := tx.Exec(`INSERT OR REPLACE INTO juesuan_meta (key, value) VALUES (?, ?)`, lakeSeqKey(dataset), strconv.FormatInt(n, 10))
	return err
}

// countLakeChanges counts up, in a state transaction, the lake sequence
// number of the datasets of files: they change in it. A run without the
// tables (--catalog none) counts too, so that the next run with them sees
// them behind and repairs them.
func (r *Runner) countLakeChanges(tx *stateTx, files ...string) error {
	done := map[string]bool{}
	for _, f := range files {
		ds := datasetOf(f)
		if ds == "" || done[ds] {
			continue
		}
		done[ds] = true
		n, err := lakeSeq(tx, ds)
		if err != nil {
			return err
		}
		if err := setLakeSeq(tx, ds, n+1); err != nil {
			return err
		}
	}
	return nil
}

// publishLake commits the recorded changes of datasets to the lake (all
// datasets when none is named), then removes from OUT the files they took
// out. A failed commit is a warning, and the next run repairs the lake
// first; the files go all the same: kept, a reader of the folders would
// read their rows beside those of the files that replace them (a report
// twice, with no word), while a reader of the table behind is told of
// the file it misses. It reports whether every commit succeeded.
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
		delete(r.lakePending, ds)
		var seq int64
		var err error
		if c != nil {
			seq, err = lakeSeq(r.st.db, ds)
		}
		r.mu.Unlock()
		if c == nil {
			continue
		}
		if err == nil {
			err = r.lake.Publish(ctx, ds, seq, slices.Sorted(maps.Keys(c.added)), slices.Sorted(maps.Keys(c.removed)))
		}
		if errors.Is(err, lake.ErrDamaged) && !r.lake.Shared() {
			// OUT's own catalog: the table is made again now, from the
			// state's files, rather than by the next run's repair, so that
			// its readers read the folders' rows from this run on.
			var live []string
			if live, err = r.liveFiles(ds); err == nil {
				_, err = r.reconcileLake(ctx, ds, seq, live)
			}
		}
		if err != nil {
			next := "the Parquet folders are up to date, and the next run brings the Iceberg table up to them"
			if len(c.removed) > 0 {
				next += " (until then it lacks this run's changes, and a reader of it may fail on a file that it lists and this run removed)"
			}
			r.warnLake(ds, err, next)
			ok = false
		}
		r.mu.Lock()
		r.removeStale(c.unlink)
		r.mu.Unlock()
	}
	return ok
}

// repairLake brings every dataset's table up to the state when it lags
// (or leads: a state moved aside; or this OUT never committed to it: a
// state migrated, an OUT of a juesuan before the tables), in one commit
// each, and removes from OUT the files of this OUT that the table listed
// and the state does not. Called by takeOut before anything is removed.
func (r *Runner) repairLake(ctx context.Context) error {
	if r.lake == nil {
		return nil
	}
	for _, ds := range schema.Datasets {
		hinted := r.lake.HintedSeq(ds) // before the table is loaded, which may make it again
		have, err := r.lake.Seq(ctx, ds)
		if why := r.lake.TakeUnread(ds); why != nil {
			// Its readers could not read it, or read wrong rows, until now.
			r.warn(r.out, fmt.Sprintf("the %s table's metadata did not read (%v): the table was made again, listing the files the state names", ds, why))
		}
		if errors.Is(err, lake.ErrDamaged) {
			// A shared catalog's table, its owner's to mend: the run goes
			// on with the Parquet files, and its commit to it fails alike.
			r.warnLake(ds, err, "the next run tries again")
			continue
		}
		if err != nil {
			return err
		}
		want, err := lakeSeq(r.st.db, ds)
		if err != nil {
			return r.st.stateError("cannot read", err)
		}
		// The state went back (a fresh state, want 0, is the walk's: migrate).
		behind := want > 0 && hinted > want
		if behind {
			r.stateBehind = append(r.stateBehind, ds)
		}
		if have == want && have > 0 && !behind {
			continue // the normal case: two numbers read, and the hint with its metadata
		}
		if have == 0 && want == 0 { // never committed: is there anything to list?
			var n int
			err := r.st.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM juesuan_files WHERE path >= ? AND path < ? LIMIT 1)`,
				ds+"/", ds+"0").Scan(&n)
			if err != nil {
				return r.st.stateError("cannot read", err)
			}
			if n == 0 {
				continue
			}
		}
		live, err := r.liveFiles(ds)
		if err != nil {
			return err
		}
		if have >= want || behind { // the state takes a number above the lake's
			want = max(have, hinted) + 1
			if err := r.st.update(func(tx *stateTx) error { return setLakeSeq(tx, ds, want) }); err != nil {
				return r.st.stateError("cannot write", err)
			}
		}
		rec, err := r.reconcileLake(ctx, ds, want, live)
		if err != nil {
			r.warnLake(ds, err, "the next run tries again")
			continue
		}
		for _, f := range rec.Dropped {
			// A state that went back may lack files whose rows are
			// nowhere else: setAsideBehind keeps them. So may one that
			// holds nothing (deleted, with a catalog of its own): an own
			// file of a report it does not know stays, as in
			// setAsideStrays, for its input to be converted again.
			if behind || !isDatasetFile(f, isRemovableName) {
				continue
			}
			if superseded, err := r.stray(f); err != nil || !superseded {
				continue
			}
			if err := r.removeIfUnlisted(f, false); err != nil { // stray: not listed
				r.warn(filepath.Join(r.out, f), err.Error())
			}
		}
	}
	return nil
}

// reconcileLake has a dataset's table list the files live (liveFiles) at
// seq (lake.Reconcile, which makes OUT's own catalog's table again when
// its manifests do not read), and warns of what it found.
func (r *Runner) reconcileLake(ctx context.Context, dataset string, seq int64, live []string) (lake.Reconciled, error) {
	rec, err := r.lake.Reconcile(ctx, dataset, seq, live)
	r.sayReconciled(dataset, rec)
	return rec, err
}

// sayReconciled warns of what a repair of a dataset's table found.
func (r *Runner) sayReconciled(dataset string, rec lake.Reconciled) {
	for _, f := range rec.Unreadable {
		r.warn(filepath.Join(r.out, f), fmt.Sprintf("not listed in the %s table: this file is not readable Parquet (its footer does not decode); "+
			"`juesuan compact` sets it aside and the next convert writes it again", dataset))
	}
	if rec.Remade != nil {
		// Its readers may have read wrong rows until now.
		r.warn(r.out, fmt.Sprintf("the %s table was made again, listing the files the state names: %v", dataset, rec.Remade))
	}
	if rec.Doubled != nil {
		r.warn(r.out, fmt.Sprintf("shared catalog, %s table: %v: its readers read that file's rows more than once; %s",
			dataset, rec.Doubled, ownersRepair(dataset)))
	}
}

// warnLake says a dataset's lake error err with what comes next: next,
// unless only the owner of a shared catalog can mend the table, which is
// said once a run.
func (r *Runner) warnLake(dataset string, err error, next string) {
	if errors.Is(err, lake.ErrDamaged) && r.lake.Shared() {
		r.mu.Lock()
		said := r.lakeDamaged[dataset]
		if r.lakeDamaged == nil {
			r.lakeDamaged = map[string]bool{}
		}
		r.lakeDamaged[dataset] = true
		r.mu.Unlock()
		if said {
			return
		}
		next = ownersRepair(dataset)
	}
	r.warn(r.out, fmt.Sprintf("%v; %s", err, next))
}

// ownersRepair says how the owner of a shared catalog has a dataset's
// table made again: it holds other OUTs' files, so juesuan does not. Once
// the table is out of the catalog, each OUT's next run finds it missing
// and lists its own files in it again.
func ownersRepair(dataset string) string {
	return fmt.Sprintf("juesuan leaves a shared catalog's tables to their owner: take the %s table out of the catalog without deleting its files "+
		"(in the catalog's database: %s), then run juesuan compact once with each OUT that commits to it", dataset, lake.UnregisterSQL(dataset))
}

// liveFiles lists the files of a dataset that the state names and that are
// in OUT, relative to OUT.
func (r *Runner) liveFiles(dataset string) ([]string, error) {
	var live []string
	// Paths under dataset/: from "dataset/" up to "dataset0" ('0' follows '/').
	err := r.st.streamRows(context.Background(), `SELECT DISTINCT path FROM juesuan_files WHERE path >= ? AND path < ?`,
		[]any{dataset + "/", dataset + "0"}, func(rows *sql.Rows) error {
			var p string
			if err := rows.Scan(&p); err != nil {
				return r.st.stateError("cannot read", err)
			}
			if isDatasetFile(p, isRemovableName) {
				if _, err := r.root.Stat(p); err == nil {
					live = append(live, p)
				}
			}
			return nil
		})
	slices.Sort(live)
	return live, err
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
