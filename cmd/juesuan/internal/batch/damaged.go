package batch

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/schema"
	"modernc.org/sqlite"
)

// SQLite's primary result codes for a database whose pages disagree, and
// for a file that is not one.
const (
	sqliteCorrupt = 11 // SQLITE_CORRUPT: "database disk image is malformed"
	sqliteNotADB  = 26 // SQLITE_NOTADB
)

// damagedState reports whether err is SQLite finding the state damaged.
func damagedState(err error) bool {
	var se *sqlite.Error
	return errors.Is(err, errDisagrees) || errors.As(err, &se) && (se.Code()&0xff == sqliteCorrupt || se.Code()&0xff == sqliteNotADB)
}

// damagedMark is written beside the state by a run that found it damaged
// after opening it: a state whose first pages read may fail at the pages
// a run writes, run after run, and --force alone would keep it. The next
// run checks the whole state before it uses it (checkWhole).
const damagedMark = StateName + ".damaged"

// refusedError is a state refused when opened: its message already says
// what to do.
type refusedError struct{ error }

func (e refusedError) Unwrap() error { return e.error }

// explainDamaged returns err with what to do when it is SQLite finding
// the state damaged during a run, and marks the state so (damagedMark);
// err unchanged otherwise.
func explainDamaged(out string, err error) error {
	if err == nil || !damagedState(err) || errors.As(err, new(refusedError)) {
		return err
	}
	mark := time.Now().UTC().Format(time.RFC3339) + " " + err.Error() + "\n"
	if werr := os.WriteFile(filepath.Join(out, damagedMark), []byte(mark), 0o644); werr != nil {
		err = fmt.Errorf("%w (and %s could not be written: %w)", err, damagedMark, werr)
	}
	return fmt.Errorf("%w; the state is damaged (a flipped bit on the disk, a copy cut short?): "+
		"run juesuan convert --force with every input: it checks the state, moves it aside and converts the inputs again; "+
		"the rows of reports it does not convert are set aside as NAME%s, not lost", err, strayedSuffix)
}

// checkWhole checks the whole state (PRAGMA integrity_check) when a run
// marked it damaged, or when force: --force is the way out of a state
// whose damage no run has met yet (a row missing from an index, which
// leaves a report listed in two files), and it converts every input
// again anyway. Whole, a mark goes (put back from a backup, say) and the
// run goes on; else the state is refused as unusable (moved aside when
// force). A state marked for tables that disagree is refused without the
// check, which looks at each table alone: deleting the mark says the
// state is good.
func (s *store) checkWhole(ctx context.Context, out string, force bool) error {
	found, err := os.ReadFile(filepath.Join(out, damagedMark))
	marked := !errors.Is(err, fs.ErrNotExist)
	if !marked && !force {
		return nil
	}
	why := strings.TrimSpace(string(found))
	result := "ok"
	if marked && strings.Contains(why, errDisagrees.Error()) {
		// Tables that disagree, each whole: SQLite's check finds nothing.
		result = errDisagrees.Error()
	} else if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&result); err != nil {
		return s.stateError("cannot read", err)
	}
	if result != "ok" && !marked {
		return fmt.Errorf("%w: %s is damaged (%s)", errState, s.path, result)
	}
	if result != "ok" {
		return fmt.Errorf("%w: %s is damaged (%s; an earlier run found: %s)", errState, s.path, result, why)
	}
	if !marked {
		return nil
	}
	if err := os.Remove(filepath.Join(out, damagedMark)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", damagedMark, err)
	}
	s.warn(fmt.Sprintf("an earlier run found %s damaged (%s); it checks whole now (put back from a backup?), so this run uses it", StateName, why))
	return nil
}

// setAsideOrphans sets aside the dataset files of an OUT whose state
// holds nothing (deleted, or moved aside by --force): nothing lists them,
// and they may hold the only copy of reports this run does not convert. A
// reader of the folders then does not read them beside the files the run
// writes. The state remembers them (orphanKey) until settleOrphans finds
// their reports converted again.
func (r *Runner) setAsideOrphans() error {
	moved, err := r.setAsideStrays("", true)
	if len(moved) > 0 {
		r.warn(r.out, fmt.Sprintf("%s holds nothing, but the dataset folders hold %d files (the state deleted, or moved aside by --force?): "+
			"they are set aside as NAME%s, and each is removed once the reports it holds are converted again", StateName, len(moved), strayedSuffix))
	}
	if rerr := r.st.update(func(tx *stateTx) error {
		for _, rel := range moved {
			if _, err := tx.Exec(`INSERT OR REPLACE INTO juesuan_meta (key, value) VALUES (?, '')`, orphanKey+rel); err != nil {
				return err
			}
		}
		return nil
	}); rerr != nil {
		return rerr
	}
	return err
}

// orphanKey begins the juesuan_meta key of a file setAsideOrphans set
// aside (the rest is its name before, relative to OUT); orphanKeyEnd is
// the first key after them.
const (
	orphanKey    = "orphan."
	orphanKeyEnd = "orphan/"
)

// settleOrphans removes, at the end of a run, each file setAsideOrphans
// set aside whose reports the state places in its dataset again
// (converted again, by this run or one before), and names the others in
// one warning: their rows are nowhere else.
func (r *Runner) settleOrphans() error {
	var orphans []string
	err := r.st.streamRows(context.Background(), `SELECT key FROM juesuan_meta WHERE key >= ? AND key < ?`, []any{orphanKey, orphanKeyEnd},
		func(rows *sql.Rows) error {
			var key string
			if err := rows.Scan(&key); err != nil {
				return r.st.stateError("cannot read", err)
			}
			orphans = append(orphans, strings.TrimPrefix(key, orphanKey))
			return nil
		})
	if err != nil || len(orphans) == 0 {
		return err
	}
	var settled, waiting []string
	unconverted := map[string]bool{}
	for _, rel := range orphans {
		aside := rel + strayedSuffix
		full := filepath.Join(r.out, filepath.FromSlash(aside))
		if err := r.insideOut(aside); err != nil || !isPartitionDir(path.Dir(rel)) {
			settled = append(settled, rel) // not one juesuan set aside: forgotten, untouched
			continue
		}
		ids, err := compact.Reports(full)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			settled = append(settled, rel) // deleted by hand
			continue
		case err != nil:
			r.warn(full, fmt.Sprintf("set aside when the state that listed it was gone, and it does not read (%v): delete it when you like", err))
			settled = append(settled, rel)
			continue
		}
		missing, err := r.unplaced(strings.SplitN(rel, "/", 2)[0], ids)
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			waiting = append(waiting, aside)
			for _, id := range missing {
				unconverted[id] = true
			}
			continue
		}
		if err := r.root.Remove(aside); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s, whose reports were converted again: %w", full, err)
		}
		schema.SyncDir(filepath.Dir(full))
		settled = append(settled, rel)
	}
	if len(waiting) > 0 {
		r.warn(r.out, fmt.Sprintf("%d files set aside when the state was found empty hold %d reports not converted again (their inputs not given?), e.g. %s: "+
			"convert those inputs and they go; or delete them", len(waiting), len(unconverted), waiting[0]))
	}
	return r.st.update(func(tx *stateTx) error {
		for _, rel := range settled {
			if _, err := tx.Exec(`DELETE FROM juesuan_meta WHERE key = ?`, orphanKey+rel); err != nil {
				return err
			}
		}
		return nil
	})
}

// unplaced returns the reports of ids that the state places in no file
// of dataset.
func (r *Runner) unplaced(dataset string, ids []string) (missing []string, err error) {
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		placed, err := r.placedIn(dataset, id)
		if err != nil {
			return nil, err
		}
		if !placed {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// errDisagrees marks a state whose tables (or a table and its index)
// disagree in a way SQLite does not report: damaged all the same.
var errDisagrees = errors.New("the state's tables disagree")

// checkDropped makes sure, before a merge leaves out of the part p the
// rows of the reports dropped (the state no longer placing them there),
// that the state's files table says so too. The query that found them
// goes through the index of paths; a damaged index entry (one flipped
// bit) would otherwise drop a report's only rows without a word.
func (r *Runner) checkDropped(p string, dropped map[string]bool) error {
	for id := range dropped {
		// +path: by the table itself, not the index of paths.
		var one int
		err := r.st.db.QueryRow(`SELECT 1 FROM juesuan_files WHERE report_id = ? AND +path = ?`, id, p).Scan(&one)
		switch {
		case err == nil:
			return fmt.Errorf("%w: %s: %w: its files table places report %s in %s, and its index of paths does not", errState, r.st.path, errDisagrees, id, p)
		case !errors.Is(err, sql.ErrNoRows):
			return r.st.stateError("cannot read", err)
		}
	}
	return nil
}

// checkHeld makes sure that every report the files table places in the
// part p is among those recorded for it (holds): else a merge would find
// the part holding a report not recorded, and set the part aside as
// another file, when it is the state that lost a row.
func (r *Runner) checkHeld(p string, holds []string) error {
	held := make(map[string]bool, len(holds))
	for _, id := range holds {
		held[id] = true
	}
	return r.st.streamRows(context.Background(), `SELECT report_id FROM juesuan_files WHERE path = ?`, []any{p}, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return r.st.stateError("cannot read", err)
		}
		if !held[id] {
			return fmt.Errorf("%w: %s: %w: its files table places report %s in %s, and its record of the part does not", errState, r.st.path, errDisagrees, id, p)
		}
		return nil
	})
}
