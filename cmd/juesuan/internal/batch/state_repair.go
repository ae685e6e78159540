package batch

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/schema"
)

// intent is a row of juesuan_intents.
type intent struct{ path, kind string }

// repair undoes what a killed run left, as its intents name it, and
// nothing else: the state is never walked and no folder is listed but the
// partitions a compaction was working in. After it, every file in OUT's
// datasets is one the state lists, or a report's own file written over by
// a conversion of the same report.
//
//   - write: the file's temporary file goes, and the file too unless the
//     state lists it (written, not recorded: its report is converted
//     again);
//   - remove: the file goes unless the state lists it again;
//   - compact: in that partition, the temporary files of merged parts and
//     the parts the state does not list go.
func (r *Runner) repair(ctx context.Context) error {
	var todo []intent
	err := r.st.streamRows(ctx, `SELECT path, kind FROM juesuan_intents ORDER BY kind, path`, nil, func(rows *sql.Rows) error {
		var in intent
		if err := rows.Scan(&in.path, &in.kind); err != nil {
			return r.st.stateError("cannot read", err)
		}
		todo = append(todo, in)
		return nil
	})
	if err != nil || len(todo) == 0 {
		return err
	}
	dirs := map[string]bool{}
	for _, in := range todo {
		var err error
		switch {
		case in.kind == intentWrite && isDatasetFile(in.path, isReportFileName):
			err = r.removeIfUnlisted(tempPathRel(in.path), false)
			if err == nil {
				err = r.removeIfUnlisted(in.path, true)
			}
			dirs[path.Dir(in.path)] = true
		case in.kind == intentRemove && isDatasetFile(in.path, isRemovableName):
			err = r.removeIfUnlisted(in.path, true)
			dirs[path.Dir(in.path)] = true
		case in.kind == intentCompact && isPartitionDir(in.path):
			err = r.repairPartition(in.path)
			dirs[in.path] = true
		default:
			r.warn(r.out, fmt.Sprintf("state intent %q (%s) ignored: not a file or folder juesuan writes in the output folder", in.path, in.kind))
		}
		if err != nil {
			return fmt.Errorf("repair what an interrupted run left: %w", err)
		}
	}
	for dir := range dirs {
		schema.SyncDir(filepath.Join(r.out, filepath.FromSlash(dir)))
	}
	return r.st.update(func(tx *stateTx) error {
		for _, in := range todo {
			if err := dropIntents(tx, in.kind, []string{in.path}); err != nil {
				return err
			}
		}
		return nil
	})
}

// removeIfUnlisted removes rel through OUT's root unless (when check) the
// state lists it.
func (r *Runner) removeIfUnlisted(rel string, check bool) error {
	if check {
		if ok, err := listed(r.st.db, rel); err != nil {
			return r.st.stateError("cannot read", err)
		} else if ok {
			return nil
		}
	}
	if err := r.root.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", rel, err)
	}
	return nil
}

// repairPartition removes, in a partition a compaction was working in,
// the temporary files of its parts and the parts the state does not list
// (their rows are still in the files the state lists).
func (r *Runner) repairPartition(dir string) error {
	entries, err := fs.ReadDir(r.root.FS(), dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("list %s: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
		case schema.IsTemp(name) && strings.HasPrefix(name, ".part-"):
			err = r.removeIfUnlisted(path.Join(dir, name), false)
		case compact.IsPartName(name):
			err = r.removeIfUnlisted(path.Join(dir, name), true)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// tempPathRel is tempPath of a path relative to OUT.
func tempPathRel(rel string) string {
	return path.Join(path.Dir(rel), "."+path.Base(rel)+".tmp-juesuan")
}

// isReportFileName is ID.parquet, ID a report ID.
func isReportFileName(name string) bool {
	id, ok := strings.CutSuffix(name, ".parquet")
	return ok && validReportID(id)
}

func isRemovableName(name string) bool { return isReportFileName(name) || compact.IsPartName(name) }

// isPartitionDir reports whether dir is DATASET/fiscal_year=YEAR.
func isPartitionDir(dir string) bool {
	return isDatasetFile(dir+"/x", func(name string) bool { return name == "x" })
}

// prune removes from the state the inputs not seen in this run whose
// files are gone, and the reports no other input holds, with their own
// files; the parts holding their rows become dirty, for the compaction at
// the end of the run to rewrite. A report another input still holds is
// converted again by the next run, so that its row names that input. It reads every input of the state (a
// stream, not a map) and is only run when asked (--prune): an input on a
// disk that is not mounted is gone too.
func (r *Runner) prune(ctx context.Context) (int, error) {
	var paths, ids []string // the inputs gone, and their reports
	err := r.st.streamRows(ctx, `SELECT path, report_id FROM juesuan_sources`, nil, func(rows *sql.Rows) error {
		var p, id string
		if err := rows.Scan(&p, &id); err != nil {
			return r.st.stateError("cannot read", err)
		}
		if r.seen[p] {
			return nil
		}
		name, ok := unrecord(p)
		if !ok {
			return nil // not a name juesuan records
		}
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			paths = append(paths, p)
			ids = append(ids, id)
		}
		return ctx.Err()
	})
	if err != nil {
		return 0, err
	}
	const batchSize = 1000 // inputs per transaction
	for start := 0; start < len(paths); start += batchSize {
		end := min(start+batchSize, len(paths))
		var stale []string
		err := r.st.update(func(tx *stateTx) error {
			stale = nil
			for i := start; i < end; i++ {
				if _, err := tx.Exec(`DELETE FROM juesuan_sources WHERE path = ?`, paths[i]); err != nil {
					return err
				}
				if ref, err := referencedExcept(tx, ids[i], paths[i]); err != nil {
					return err
				} else if ref {
					// Another input holds its bytes; its row may name this
					// one: the next run converts it again, to name that.
					if _, err := tx.Exec(`UPDATE juesuan_reports SET retry = 1 WHERE report_id = ?`, ids[i]); err != nil {
						return err
					}
					continue
				}
				files, err := r.dropReport(tx, ids[i])
				if err != nil {
					return err
				}
				stale = append(stale, files...)
			}
			if err := r.countLakeChanges(tx, ownFiles(stale)...); err != nil {
				return err
			}
			return addIntents(tx, intentRemove, ownFiles(stale))
		})
		if err != nil {
			return start, err
		}
		r.mu.Lock()
		if r.lake != nil {
			r.lakeRemove(true, ownFiles(stale)...)
		}
		r.removeStaleLocked(stale)
		err = r.stopErr
		r.mu.Unlock()
		if err != nil {
			return end, err
		}
		for _, p := range paths[start:end] {
			r.warn(p, "pruned: the input is gone, its rows are removed")
		}
	}
	return len(paths), nil
}

// migrate moves the JSON manifest of an earlier juesuan into the state,
// once: in one transaction, which also records that it was done; then the
// manifest is renamed aside (ManifestName + ".migrated"). A kill before
// the commit leaves the manifest to migrate again; after it, the rename is
// all that is left to do. The manifest's own repair (a walk of OUT) runs
// this once too.
//
// An empty state beside dataset folders (the state deleted, or moved
// aside by --force) gets the same walk, with nothing listed: the parts go
// (every input is converted again, into its own files), so that no row is
// there twice.
func (r *Runner) migrate(ctx context.Context, force bool) error {
	var done, held int
	err := r.st.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM juesuan_meta WHERE key = 'migrated'),
		(SELECT count(*) FROM (SELECT 1 FROM juesuan_sources LIMIT 1)) + (SELECT count(*) FROM (SELECT 1 FROM juesuan_reports LIMIT 1))`).Scan(&done, &held)
	if err != nil {
		return r.st.stateError("cannot read", err)
	}
	jsonPath := filepath.Join(r.out, ManifestName)
	if _, err := os.Lstat(jsonPath); errors.Is(err, fs.ErrNotExist) {
		if done > 0 || held > 0 || !hasDatasets(r.out) {
			return nil
		}
		if err := removeTemps(r.out); err != nil {
			return err
		}
		return r.setAsideOrphans()
	}
	if done == 0 && held > 0 {
		r.warn(jsonPath, "an earlier juesuan's manifest beside a state that is in use: ignored (remove it, or move "+StateName+" aside to migrate it)")
		return nil
	}
	if done == 0 {
		m, err := loadManifest(r.out, force, func(msg string) { r.warn(r.out, msg) })
		if err != nil {
			return err
		}
		if err := removeTemps(r.out); err != nil {
			return err
		}
		if err := r.removeSuperseded(m); err != nil {
			return err
		}
		if err := r.st.durable(func(tx *stateTx) error { return insertManifest(tx, m) }); err != nil {
			return err
		}
	}
	if err := os.Rename(jsonPath, jsonPath+".migrated"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("move the migrated manifest aside: %w", err)
	}
	schema.SyncDir(r.out)
	return nil
}

// hasDatasets reports whether OUT holds a dataset folder.
func hasDatasets(out string) bool {
	for _, ds := range schema.Datasets {
		if _, err := os.Lstat(filepath.Join(out, ds)); err == nil {
			return true
		}
	}
	return false
}

// insertManifest writes a manifest's entries into the state and records
// the migration.
func insertManifest(tx *stateTx, m *manifest) error {
	for _, p := range slices.Sorted(maps.Keys(m.Sources)) {
		if err := putSource(tx, p, m.Sources[p]); err != nil {
			return err
		}
	}
	for _, id := range slices.Sorted(maps.Keys(m.Reports)) {
		e := m.Reports[id]
		if e.absurd() != "" {
			continue // converted again
		}
		if err := putReport(tx, id, e, nil); err != nil {
			return err
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(m.Parts)) {
		p := m.Parts[rel]
		if err := putPart(tx, rel, p.Reports); err != nil {
			return err
		}
		holdsDropped := slices.ContainsFunc(p.Reports, func(id string) bool {
			e := m.Reports[id]
			return e == nil || !slices.Contains(e.Files, rel)
		})
		if _, err := tx.Exec(`UPDATE juesuan_parts SET dirty = ? WHERE path = ?`, boolInt(holdsDropped), rel); err != nil {
			return err
		}
	}
	_, err := tx.Exec(`INSERT OR REPLACE INTO juesuan_meta (key, value) VALUES ('migrated', ?)`, ManifestName)
	return err
}

// removeSuperseded repairs a compaction that was cut short: in every
// dataset partition it removes the parts the manifest does not list (a
// compaction that had not recorded them: their rows are still in the
// files the manifest lists) and the reports' own files that the manifest
// has replaced by a part. Nothing else is touched: an own file of a
// report the manifest does not know is a conversion not yet recorded,
// which the next convert writes again.
func (r *Runner) removeSuperseded(m *manifest) error {
	listed := map[string]bool{}
	partDirs := map[string]bool{} // DATASET/fiscal_year=YEAR/ID: the report's rows are in a part of that folder
	for id, e := range m.Reports {
		for _, f := range e.Files {
			listed[f] = true
			if compact.IsPartName(path.Base(f)) {
				partDirs[path.Join(path.Dir(f), id)] = true
			}
		}
	}
	for rel := range m.Parts {
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
