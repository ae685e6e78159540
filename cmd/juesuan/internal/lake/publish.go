package lake

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/table"
	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/schema"
)

// Seq is the batch state's sequence number that this OUT last committed to
// a dataset's table (0: never). A run compares it with the state's: a
// lower one means the lake lags (see Reconcile).
func (l *Lake) Seq(ctx context.Context, dataset string) (int64, error) {
	t, err := l.table(ctx, dataset)
	if err != nil {
		return 0, err
	}
	v := t.Properties().Get(l.seqKey(), "0")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("lake: table %s.%s: property %s is %q, not a number", Namespace, dataset, l.seqKey(), v)
	}
	return n, nil
}

// Publish commits, in one snapshot of a dataset's table, the files this OUT
// added and removed (paths relative to OUT), and records seq, the batch
// state's sequence number that lists them. A path both removed and added
// (a report converted again in place) is replaced. The files added must be
// in place: their row counts are read from their footers.
//
// Reading the table's manifests, which a removal needs to find the
// manifest of a removed file, is the one cost that grows with the table;
// a run that only adds files reads none.
func (l *Lake) Publish(ctx context.Context, dataset string, seq int64, added, removed []string) error {
	// iceberg-go retries a commit that another one overtook when the
	// catalog reports it as such, but not when its requirements fail
	// first ("branch main was created concurrently", "… has changed"),
	// which commits nothing: that one is made again on the table as it
	// is now.
	for attempt := 0; ; attempt++ {
		err := guard(dataset, func() error { return l.publish(ctx, dataset, seq, added, removed) })
		if err != nil && (strings.Contains(err.Error(), "do not belong to the table") || strings.Contains(err.Error(), "already referenced by table")) {
			// The table is not what this OUT's changes start from (a commit
			// lost before it, another program's edit): the changes are
			// applied to what it lists.
			if added, removed, err = l.rebase(ctx, dataset, added, removed); err == nil {
				err = l.publish(ctx, dataset, seq, added, removed)
			}
		}
		if err == nil || attempt == 20 || !errors.Is(err, errConflict) {
			return err
		}
		// A manifest that does not read fails a commit as one built on
		// files another commit cleaned up does: after the first failure,
		// the table as it is now tells the two apart, rather than twenty
		// attempts that fail alike. (Later ones are commits overtaken.)
		if attempt == 0 {
			if derr := l.damaged(ctx, dataset); derr != nil {
				return derr
			}
		}
	}
}

// ErrDamaged marks a table whose metadata, manifest list or manifests
// cannot be read (a flipped byte, a file deleted). OUT's own catalog makes
// such a table again (table, Reconcile); a shared catalog's is left to its
// owner (UnregisterSQL).
var ErrDamaged = errors.New("the table's metadata or manifests cannot be read")

// damaged returns the ErrDamaged error of a dataset's table as the
// catalog has it now, or nil.
func (l *Lake) damaged(ctx context.Context, dataset string) error {
	t, err := l.table(ctx, dataset)
	if err == nil {
		_, err = l.listed(ctx, t)
	}
	if errors.Is(err, ErrDamaged) {
		return err
	}
	return nil
}

// rebase drops from a change the removals of files the table does not
// list and the additions of files it lists (unless also removed: then
// they are replaced).
func (l *Lake) rebase(ctx context.Context, dataset string, added, removed []string) (add, remove []string, err error) {
	t, err := l.table(ctx, dataset)
	if err != nil {
		return nil, nil, err
	}
	listed, err := l.listed(ctx, t)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range removed {
		if listed[f] > 0 {
			remove = append(remove, f)
		}
	}
	for _, f := range added {
		if listed[f] == 0 || slices.Contains(remove, f) {
			add = append(add, f)
		}
	}
	return add, remove, nil
}

// errConflict marks a commit that another one overtook: nothing of it
// was committed.
var errConflict = errors.New("overtaken by another commit")

func (l *Lake) publish(ctx context.Context, dataset string, seq int64, added, removed []string) error {
	t, err := l.table(ctx, dataset)
	if err != nil {
		return err
	}
	adds, err := l.dataFiles(t, added)
	if err != nil {
		return err
	}
	if t.CurrentSnapshot() == nil {
		// A table made just now (OUT moved, its metadata lost) lists no
		// file, and iceberg-go refuses to replace files in it: a file
		// rewritten in place that the state listed, and OUT lacked, is
		// only added.
		removed = nil
	}
	summary := iceberg.Properties{"juesuan.out": l.out, "juesuan.seq": strconv.FormatInt(seq, 10)}
	tx := t.NewTransaction()
	if err := tx.SetProperties(iceberg.Properties{l.seqKey(): strconv.FormatInt(seq, 10)}); err != nil {
		return l.fail(dataset, err)
	}
	if len(removed) == 0 {
		err = tx.AddDataFiles(ctx, adds, summary, table.WithoutDuplicateCheck())
	} else {
		// iceberg-go refuses to add a path that the snapshot it replaces
		// still lists: such a path is removed in a first snapshot and added
		// in a second, both in this one commit.
		gone := map[string]bool{}
		var dels []iceberg.DataFile
		for _, rel := range removed {
			gone[l.uri(rel)] = true
		}
		for _, uri := range slices.Sorted(maps.Keys(gone)) {
			dels = append(dels, refFile(t, uri))
		}
		var fresh, again []iceberg.DataFile
		for _, df := range adds {
			if gone[df.FilePath()] {
				again = append(again, df)
			} else {
				fresh = append(fresh, df)
			}
		}
		err = tx.ReplaceDataFilesWithDataFiles(ctx, dels, fresh, summary)
		if err == nil && len(again) > 0 {
			err = tx.AddDataFiles(ctx, again, summary, table.WithoutDuplicateCheck())
		}
	}
	if err == nil && !l.shared && t.CurrentSnapshot() != nil {
		// OUT's own catalog has one writer (OUT's lock): the snapshots
		// before go in the same commit. A shared catalog expires them in
		// a commit of its own (commit), which a conflict cannot upset.
		err = tx.ExpireSnapshots(table.WithRetainLast(1), table.WithOlderThan(0), table.WithPostCommit(false))
	}
	if err != nil {
		// Built on a snapshot another commit has just replaced (its files
		// cleaned up): nothing was committed; built again on the new one.
		return l.fail(dataset, fmt.Errorf("%w: %w", errConflict, err))
	}
	return l.commit(ctx, dataset, tx)
}

// Reconciled is what Reconcile found and did besides its commit.
type Reconciled struct {
	// Dropped are the files of this OUT that the table no longer lists
	// (relative to OUT), for the caller to remove once no longer listed
	// anywhere. Other OUTs' files are left alone.
	Dropped []string
	// Unreadable are live files whose footers do not decode (damaged),
	// left out of the table rather than stop the repair for good. Their
	// rows are read by no reader of the table until converted again.
	Unreadable []string
	// Remade is why OUT's own catalog made the table again (its manifests
	// unreadable, a file listed twice), or nil.
	Remade error
	// Doubled is a shared catalog's table listing a file more than once:
	// its readers read those rows more than once. Such a table is its
	// owner's to mend (iceberg-go removes no such file), so it stays.
	Doubled error
}

// Reconcile makes a dataset's table list exactly the files live (relative
// to OUT) among this OUT's files, in one snapshot, and records seq. It is
// the repair of a lake that lags the batch state (a crash between the
// state's commit and the lake's, a catalog that was unreachable) and reads
// every manifest of the table.
func (l *Lake) Reconcile(ctx context.Context, dataset string, seq int64, live []string) (Reconciled, error) {
	var rec Reconciled
	t, err := l.table(ctx, dataset)
	if err != nil {
		return rec, err
	}
	listed, err := l.listed(ctx, t)
	if err == nil {
		err = listedTwice(listed)
	}
	if err != nil && !l.shared {
		// OUT's own catalog: a table whose manifests cannot be read
		// (damaged, deleted) is made again, as one whose metadata cannot
		// be (table), and lists the live files below. Else every run
		// failed here, and readers of the table with it. So is one that
		// lists a file twice (added again by a batch state that had lost
		// it): iceberg-go removes no such file.
		why := err
		if t, err = l.remake(ctx, dataset, why); err == nil {
			listed = map[string]int{}
			rec.Remade = why
		}
	}
	if errors.Is(err, errListedTwice) {
		rec.Doubled, err = err, nil
	}
	if err != nil {
		return rec, err
	}
	want := map[string]bool{}
	var added []string
	for _, rel := range live {
		if want[rel] {
			continue
		}
		want[rel] = true
		if listed[rel] == 0 {
			added = append(added, rel)
		}
	}
	for rel := range listed {
		if !want[rel] {
			rec.Dropped = append(rec.Dropped, rel)
		}
	}
	slices.Sort(added)
	slices.Sort(rec.Dropped)
	for {
		err = l.Publish(ctx, dataset, seq, added, rec.Dropped)
		var bad *unreadableError
		if !errors.As(err, &bad) {
			return rec, err
		}
		// Each round leaves out one more file, so this ends.
		n := len(added)
		added = slices.DeleteFunc(added, func(rel string) bool { return rel == bad.rel })
		if len(added) == n {
			return rec, err
		}
		rec.Unreadable = append(rec.Unreadable, bad.rel)
	}
}

// errListedTwice marks a table that lists a file more than once.
var errListedTwice = errors.New("the table lists a file twice")

// listedTwice tells whether a table's listing holds a file twice.
func listedTwice(listed map[string]int) error {
	for rel, n := range listed {
		if n > 1 {
			return fmt.Errorf("%w: %s, %d times", errListedTwice, rel, n)
		}
	}
	return nil
}

// unreadableError is a file to add whose footer does not decode.
type unreadableError struct {
	rel string
	err error
}

func (e *unreadableError) Error() string { return e.err.Error() }
func (e *unreadableError) Unwrap() error { return e.err }

// Files returns the files of this OUT that a dataset's table lists,
// relative to OUT (for checks: it reads every manifest).
func (l *Lake) Files(ctx context.Context, dataset string) (map[string]bool, error) {
	entries, err := l.Entries(ctx, dataset)
	if err != nil {
		return nil, err
	}
	files := make(map[string]bool, len(entries))
	for rel := range entries {
		files[rel] = true
	}
	return files, nil
}

// Entries is Files with the number of times the table lists each file:
// more than once, a reader of the table reads its rows as many times.
func (l *Lake) Entries(ctx context.Context, dataset string) (map[string]int, error) {
	t, err := l.table(ctx, dataset)
	if err != nil {
		return nil, err
	}
	return l.listed(ctx, t)
}

// listed returns the files of this OUT that a table's current snapshot
// lists, relative to OUT, with the number of its entries for each.
func (l *Lake) listed(ctx context.Context, t *table.Table) (out map[string]int, err error) {
	err = guard(t.Identifier()[len(t.Identifier())-1], func() error {
		out, err = l.listedUnguarded(ctx, t)
		return err
	})
	return out, err
}

// guard runs f, a call into iceberg-go on a dataset's table, and returns
// a panic of it as ErrDamaged: a manifest whose Avro header a flipped bit
// changed made iceberg-go dereference nil (getFieldIDMap) rather than
// fail, which ended the whole run (bench/flip/tables.sh). The commit it
// was building is not made.
func guard(dataset string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("lake: %w: table %s.%s: iceberg-go failed reading it: %v", ErrDamaged, Namespace, dataset, p)
		}
	}()
	return f()
}

func (l *Lake) listedUnguarded(ctx context.Context, t *table.Table) (map[string]int, error) {
	out := map[string]int{}
	snap := t.CurrentSnapshot()
	if snap == nil {
		return out, nil
	}
	fsys, err := t.FS(ctx)
	if err != nil {
		return nil, err
	}
	mans, err := snap.Manifests(fsys)
	if err != nil {
		return nil, fmt.Errorf("lake: %w: read the manifest list of %s: %w", ErrDamaged, t.Identifier(), err)
	}
	for _, m := range mans {
		if m.ManifestContent() != iceberg.ManifestContentData {
			continue
		}
		entries, err := m.FetchEntries(fsys, true)
		if err != nil {
			return nil, fmt.Errorf("lake: %w: read manifest %s: %w", ErrDamaged, m.FilePath(), err)
		}
		for _, e := range entries {
			if rel, ok := strings.CutPrefix(e.DataFile().FilePath(), l.outURI+"/"); ok {
				out[rel]++
			}
		}
	}
	return out, nil
}

// commit commits a transaction, then expires the snapshots before it,
// points version-hint.text at the new metadata and cleans up old
// metadata files.
func (l *Lake) commit(ctx context.Context, dataset string, tx *table.Transaction) error {
	t, err := tx.Commit(ctx)
	if err != nil {
		// The next run finds the lake behind the state and repairs it.
		return l.fail(dataset, err)
	}
	l.mu.Lock()
	l.tables[dataset] = t
	l.mu.Unlock()
	if l.shared { // OUT's own catalog expired them in the commit (publish)
		if t2, err := expire(ctx, t); err == nil {
			t = t2
			l.mu.Lock()
			l.tables[dataset] = t
			l.mu.Unlock()
		} // else: kept for the next commit to expire
	}
	if err := writeVersionHint(t, l.shared); err != nil {
		return err
	}
	cleanMetadata(ctx, t) // best effort: the next commit tries again
	return nil
}

func (l *Lake) fail(dataset string, err error) error {
	// A cached table is stale after a failure: load it again next time.
	l.mu.Lock()
	delete(l.tables, dataset)
	l.mu.Unlock()
	// iceberg-go returns a requirement that the catalog's table no longer
	// meets as a plain error, checked before anything is written.
	if errors.Is(err, table.ErrCommitFailed) || strings.Contains(err.Error(), "requirement failed") {
		err = fmt.Errorf("%w: %w", errConflict, err)
	}
	return fmt.Errorf("lake: commit to %s.%s in %s: %w", Namespace, dataset, l.catDesc, err)
}

// uri is the data file URI of a path relative to OUT.
func (l *Lake) uri(rel string) string { return l.outURI + "/" + filepath.ToSlash(rel) }

// dataFiles describes files (relative to OUT) for the table: path, size,
// row count (from the footer) and fiscal_year partition (from the Hive
// folder the file is in).
func (l *Lake) dataFiles(t *table.Table, rels []string) ([]iceberg.DataFile, error) {
	spec := t.Spec()
	var out []iceberg.DataFile
	for _, rel := range rels {
		full := filepath.Join(l.out, filepath.FromSlash(rel))
		rows, size, err := footerRows(full)
		if err != nil {
			if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
				return nil, fmt.Errorf("lake: %w", err) // the disk's, not the file's bytes
			}
			return nil, &unreadableError{rel, fmt.Errorf("lake: %w", err)}
		}
		year, err := partitionYear(rel)
		if err != nil {
			return nil, fmt.Errorf("lake: %w", err)
		}
		part := map[int]any{spec.Field(0).FieldID: nil}
		if year != nil {
			part[spec.Field(0).FieldID] = *year
		}
		b, err := iceberg.NewDataFileBuilder(spec, iceberg.EntryContentData, l.uri(rel), iceberg.ParquetFile,
			part, nil, nil, rows, size)
		if err != nil {
			return nil, fmt.Errorf("lake: describe %s: %w", rel, err)
		}
		out = append(out, b.Build())
	}
	return out, nil
}

// refFile names a data file to remove: iceberg-go finds it by path.
func refFile(t *table.Table, uri string) iceberg.DataFile {
	b, err := iceberg.NewDataFileBuilder(t.Spec(), iceberg.EntryContentData, uri, iceberg.ParquetFile, nil, nil, nil, 0, 0)
	if err != nil {
		panic(err) // a non-empty path and Parquet: cannot fail
	}
	return b.Build()
}

// footerRows reads a Parquet file's row count from its footer.
func footerRows(full string) (rows, size int64, err error) {
	f, err := os.Open(full)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return 0, 0, fmt.Errorf("read the footer of %s: %w", full, err)
	}
	return pf.NumRows(), st.Size(), nil
}

// partitionYear reads fiscal_year from a file's Hive folder.
func partitionYear(rel string) (*int32, error) {
	dir := path.Base(path.Dir(filepath.ToSlash(rel)))
	v, ok := strings.CutPrefix(dir, "fiscal_year=")
	if !ok {
		return nil, fmt.Errorf("%s is not in a fiscal_year= folder", rel)
	}
	if v == schema.NullPartition {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("%s: fiscal_year=%s is not a year", rel, v)
	}
	y := int32(n)
	return &y, nil
}
