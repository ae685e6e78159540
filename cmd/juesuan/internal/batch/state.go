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
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/juesuan/juesuan/schema"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite": pure Go, so CGO_ENABLED=0 builds keep working
)

// StateName is the batch state kept at the top of OUT, beside the dataset
// folders (so dataset readers never see it): a SQLite database in WAL mode,
// with its -wal and -shm files beside it while it is open. Its tables are
// named juesuan_*; other programs may keep their own tables in it (the
// Iceberg catalog's are iceberg_*).
const StateName = "juesuan.db"

// stateVersion is the version of the juesuan_* tables this juesuan writes.
// A database of another version is refused, never changed.
const stateVersion = 1

// stateTables creates the state. Each run reads and writes only the rows of
// the inputs and reports it touches, by their keys and indexes.
//
//   - sources: each input path seen (recordedPath) and the report its
//     bytes hash to;
//   - reports: a report's outcome, by report_id;
//   - files: the dataset files holding a report's rows: its own files, or
//     the part that holds them (relative to OUT);
//   - parts: the compacted files, dirty when they hold rows of a report
//     the state no longer places there (converted again, removed), so
//     that the next compaction rewrites them without reading every part;
//   - part_reports: the reports each part holds, in file order;
//   - intents: files about to be written (write), to be removed (remove)
//     and partition folders being compacted (compact): what a run that
//     was killed may have left, so that the next run repairs only that.
var stateTables = []string{
	`CREATE TABLE juesuan_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
	`CREATE TABLE juesuan_sources (path TEXT PRIMARY KEY, report_id TEXT NOT NULL, size INTEGER NOT NULL) STRICT`,
	`CREATE INDEX juesuan_sources_report ON juesuan_sources (report_id)`,
	`CREATE TABLE juesuan_reports (report_id TEXT PRIMARY KEY, status TEXT NOT NULL, error TEXT NOT NULL,
		tables INTEGER NOT NULL, checks_failed INTEGER NOT NULL, checks_pass INTEGER NOT NULL,
		checks_fail INTEGER NOT NULL, checks_skipped INTEGER NOT NULL, checks_info INTEGER NOT NULL,
		tool_version TEXT NOT NULL, department TEXT NOT NULL, fiscal_year INTEGER, retry INTEGER NOT NULL) STRICT`,
	`CREATE TABLE juesuan_files (report_id TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (report_id, path)) STRICT, WITHOUT ROWID`,
	`CREATE INDEX juesuan_files_path ON juesuan_files (path)`,
	ownFilesIndex,
	`CREATE TABLE juesuan_parts (path TEXT PRIMARY KEY, dirty INTEGER NOT NULL) STRICT`,
	`CREATE INDEX juesuan_parts_dirty ON juesuan_parts (path) WHERE dirty = 1`,
	`CREATE TABLE juesuan_part_reports (part TEXT NOT NULL, seq INTEGER NOT NULL, report_id TEXT NOT NULL, PRIMARY KEY (part, seq)) STRICT, WITHOUT ROWID`,
	`CREATE TABLE juesuan_intents (path TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (path, kind)) STRICT, WITHOUT ROWID`,
}

// ownFilesIndex lists the reports' own files, the few not yet in a part,
// without the millions that are: a compaction looked for them through
// every file row (35 s at 1,000,000 reports). Queries name its condition,
// ownFileTerm, so that SQLite uses it. A state written before it existed
// gets it when opened (once: about 1 s at 1,000,000 reports); a juesuan
// without it still reads such a state, and SQLite keeps it up to date.
const ownFilesIndex = `CREATE INDEX juesuan_files_own ON juesuan_files (path) WHERE ` + ownFileTerm

const ownFileTerm = `path NOT GLOB '*/part-*'`

// stateColumns is every column a query reads, per table: a database whose
// tables lack one is refused when opened, not halfway through a run.
var stateColumns = map[string]string{
	"juesuan_meta":         "key, value",
	"juesuan_sources":      "path, report_id, size",
	"juesuan_reports":      "report_id, status, error, tables, checks_failed, checks_pass, checks_fail, checks_skipped, checks_info, tool_version, department, fiscal_year, retry",
	"juesuan_files":        "report_id, path",
	"juesuan_parts":        "path, dirty",
	"juesuan_part_reports": "part, seq, report_id",
	"juesuan_intents":      "path, kind",
}

// Intent kinds.
const (
	intentWrite   = "write"   // a dataset file about to be written (and its temporary file)
	intentRemove  = "remove"  // a dataset file about to be removed
	intentCompact = "compact" // a partition folder whose parts are being merged
)

// errState marks an unusable state database; the message says what to do.
var errState = errors.New("batch state")

// store is OUT's batch state. One connection: the batch's writes are
// serial anyway (one committer), and a pool would only multiply caches.
//
// The database is data, never instructions: anyone able to write OUT can
// edit it, so every file it names is checked to be one of juesuan's own
// dataset files under OUT before it is looked at or removed, and a row
// with values juesuan never writes is ignored with a warning.
type store struct {
	db   *sql.DB
	path string
	warn func(msg string)
}

// busyTimeout is how long a statement waits for another connection's
// write (the Iceberg catalog, a reader such as the sqlite3 shell) before
// failing.
const busyTimeout = 30 * time.Second

// openStore opens OUT's state, creating it (and migrating the JSON
// manifest of an earlier juesuan) when there is none. A database that
// cannot be used stops the run, unless force: it is then moved aside,
// named in a warning, and the run starts from an empty state. A state
// marked damaged, or any under force, is checked whole first (checkWhole).
func openStore(ctx context.Context, out string, force bool, warn func(string)) (*store, error) {
	p := filepath.Join(out, StateName)
	s, err := openStoreAt(ctx, p, warn)
	if err == nil {
		if err = s.checkWhole(ctx, out, force); err == nil {
			return s, nil
		}
		s.close()
	}
	if full := explainDiskFull(out, err); errors.Is(full, errDiskFull) {
		return nil, full // --force would not help
	}
	if !force {
		return nil, refusedError{fmt.Errorf("%w; run again with --force: it moves the state aside and converts every input again", err)}
	}
	aside := fmt.Sprintf("%s.bad-%s", p, time.Now().UTC().Format("20060102T150405.000000000Z"))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(p+suffix, aside+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("move the unusable state aside: %w", err)
		}
	}
	if err := os.Remove(filepath.Join(out, damagedMark)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("remove %s: %w", damagedMark, err)
	}
	warn(fmt.Sprintf("%v; moved to %s, every input is converted again", err, aside))
	return openStoreAt(ctx, p, warn)
}

func openStoreAt(ctx context.Context, p string, warn func(string)) (*store, error) {
	if info, err := os.Lstat(p); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", errState, p)
	}
	// _txlock=immediate: a transaction takes the write lock when it
	// begins, so two writers wait (busy_timeout) instead of one failing
	// when it upgrades a read.
	dsn := "file:" + uriEscaper.Replace(filepath.ToSlash(p)) + "?_txlock=immediate" +
		"&_pragma=busy_timeout(" + strconv.Itoa(int(busyTimeout/time.Millisecond)) + ")" +
		"&_pragma=journal_mode(wal)&_pragma=synchronous(normal)&_pragma=foreign_keys(off)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %w", errState, p, err)
	}
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	s := &store{db: db, path: p, warn: warn}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// uriEscaper escapes what a SQLite URI file name may not hold as is: a
// folder named "a#1" would otherwise open the database "a".
var uriEscaper = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

func (s *store) close() error { return s.db.Close() }

// stateError wraps a database error with the state's path and advice.
func (s *store) stateError(what string, err error) error {
	return fmt.Errorf("%w: %s %s: %w", errState, what, s.path, err)
}

// init checks the schema version, creating the tables in an empty
// database (which may hold other programs' tables).
func (s *store) init(ctx context.Context) error {
	var version string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM juesuan_meta WHERE key = 'schema_version'`).Scan(&version)
	switch {
	case err == nil:
	case strings.Contains(err.Error(), "no such table"):
		return s.create(ctx)
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("%w: %s has no schema version: not a juesuan state, or damaged", errState, s.path)
	default:
		return s.stateError("cannot read", err)
	}
	v, err := strconv.Atoi(version)
	switch {
	case err != nil:
		return fmt.Errorf("%w: %s has schema version %q, not a number", errState, s.path, version)
	case v > stateVersion:
		return fmt.Errorf("%w: %s was written by a newer juesuan (schema version %d; this juesuan reads %d): use that juesuan", errState, s.path, v, stateVersion)
	case v != stateVersion:
		return fmt.Errorf("%w: %s has schema version %d; this juesuan reads %d", errState, s.path, v, stateVersion)
	}
	for table, cols := range stateColumns {
		rows, err := s.db.QueryContext(ctx, "SELECT "+cols+" FROM "+table+" LIMIT 0")
		if err != nil {
			return fmt.Errorf("%w: %s: table %s is not juesuan's (%v)", errState, s.path, table, err)
		}
		rows.Close()
	}
	return s.addIndexes(ctx)
}

// addIndexes creates the indexes a state of this version may lack.
func (s *store) addIndexes(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'juesuan_files_own'`).Scan(&n); err != nil {
		return s.stateError("cannot read", err)
	}
	if n > 0 {
		return nil
	}
	return s.update(func(tx *stateTx) error {
		_, err := tx.Exec(ownFilesIndex)
		return err
	})
}

func (s *store) create(ctx context.Context) error {
	return s.update(func(tx *stateTx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name LIKE 'juesuan\_%' ESCAPE '\'`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: %s holds juesuan tables but no juesuan_meta: damaged", errState, s.path)
		}
		for _, stmt := range stateTables {
			if _, err := tx.Exec(stmt); err != nil {
				return err
			}
		}
		_, err := tx.Exec(`INSERT INTO juesuan_meta (key, value) VALUES ('schema_version', ?)`, strconv.Itoa(stateVersion))
		return err
	})
}

// update runs fn in one transaction. It takes no context: what a run
// interrupted has converted is still recorded.
func (s *store) update(fn func(tx *stateTx) error) error {
	tx, err := s.db.Begin()
	if err != nil {
		return s.stateError("cannot write", err)
	}
	if err := fn(&stateTx{Tx: tx}); err != nil {
		tx.Rollback()
		if errors.Is(err, errState) {
			return err
		}
		return s.stateError("cannot write", err)
	}
	if err := tx.Commit(); err != nil {
		return s.stateError("cannot write", err)
	}
	return nil
}

// stateTx is a transaction of the state whose statements are prepared
// once each: a compaction records tens of thousands of rows with the same
// few statements, and preparing each again was a sixth of publishing
// (CPU profile of 10,000 new reports).
// The statements close with the transaction.
type stateTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *stateTx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.Tx.Prepare(query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

func (t *stateTx) Exec(query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.Exec(args...)
}

func (t *stateTx) Query(query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.Query(args...)
}

func (t *stateTx) QueryRow(query string, args ...any) *sql.Row {
	st, err := t.stmt(query)
	if err != nil {
		return t.Tx.QueryRow(query, args...) // the row reports the error
	}
	return st.QueryRow(args...)
}

// querier is a *sql.DB or a *stateTx.
type querier interface {
	QueryRow(query string, args ...any) *sql.Row
	Query(query string, args ...any) (*sql.Rows, error)
	Exec(query string, args ...any) (sql.Result, error)
}

// report reads a report's entry with its files; nil if there is none, or
// if its row holds values juesuan never writes (then it is converted
// again).
func (s *store) report(q querier, id string) (*reportEntry, error) {
	var e reportEntry
	var retry int64
	var year sql.NullInt64
	err := q.QueryRow(`SELECT status, error, tables, checks_failed, checks_pass, checks_fail, checks_skipped, checks_info,
		tool_version, department, fiscal_year, retry FROM juesuan_reports WHERE report_id = ?`, id).Scan(
		&e.Status, &e.Error, &e.Tables, &e.ChecksFailed, &e.Checks.Pass, &e.Checks.Fail, &e.Checks.Skipped, &e.Checks.Info,
		&e.ToolVersion, &e.Department, &year, &retry)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		if isTypeError(err) {
			s.warn(fmt.Sprintf("state entry %q ignored: %v", id, err))
			return nil, nil
		}
		return nil, s.stateError("cannot read", err)
	}
	if msg := e.absurd(); msg != "" {
		s.warn(fmt.Sprintf("state entry %q ignored: %s", id, msg))
		return nil, nil
	}
	e.Retry = retry != 0
	if e.Files, err = s.files(q, id); err != nil {
		return nil, err
	}
	return &e, nil
}

// isTypeError is a row whose value does not fit the Go type read: a
// hostile edit, not a broken database.
func isTypeError(err error) bool {
	return strings.Contains(err.Error(), "converting") || strings.Contains(err.Error(), "unsupported Scan")
}

// maxCount bounds the counts of a report row: a report has some hundreds
// of tables and checks, never billions.
const maxCount = 1 << 30

// absurd says what juesuan never writes in an entry, "" if nothing.
func (e *reportEntry) absurd() string {
	switch {
	case e.Status != schema.StatusOK && e.Status != schema.StatusPartial && e.Status != schema.StatusFailed:
		return fmt.Sprintf("status %q", e.Status)
	case len(e.Error) > 1<<20 || len(e.ToolVersion) > 1<<10 || len(e.Department) > 1<<12:
		return "a text too long"
	}
	for _, n := range []int{e.Tables, e.ChecksFailed, e.Checks.Pass, e.Checks.Fail, e.Checks.Skipped, e.Checks.Info} {
		if n < 0 || n > maxCount {
			return fmt.Sprintf("count %d", n)
		}
	}
	return ""
}

// files lists a report's dataset files, dropping (with a warning) any
// name but the report's own dataset files under OUT: nothing such a name
// points to is ever looked at or removed.
func (s *store) files(q querier, id string) ([]string, error) {
	rows, err := q.Query(`SELECT path FROM juesuan_files WHERE report_id = ? ORDER BY path`, id)
	if err != nil {
		return nil, s.stateError("cannot read", err)
	}
	defer rows.Close()
	var files []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, s.stateError("cannot read", err)
		}
		if !isOwnFile(f, id) {
			s.warn(fmt.Sprintf("state entry %q: file %q ignored: not one of the report's dataset files under the output folder", id, f))
			continue
		}
		files = append(files, f)
	}
	if err := rows.Err(); err != nil {
		return nil, s.stateError("cannot read", err)
	}
	return files, nil
}

// source reads the input path's entry.
func (s *store) source(q querier, p string) (sourceEntry, bool, error) {
	var e sourceEntry
	err := q.QueryRow(`SELECT report_id, size FROM juesuan_sources WHERE path = ?`, p).Scan(&e.ReportID, &e.Size)
	if errors.Is(err, sql.ErrNoRows) || (err != nil && isTypeError(err)) {
		return sourceEntry{}, false, nil
	}
	if err != nil {
		return sourceEntry{}, false, s.stateError("cannot read", err)
	}
	return e, true, nil
}

// putReport writes a report's entry and its files, replacing what was
// there. Every part the report leaves becomes dirty.
func putReport(tx *stateTx, id string, e *reportEntry, year *int32) error {
	if err := dropFiles(tx, id, e.Files); err != nil {
		return err
	}
	var fy any
	if year != nil {
		fy = int64(*year)
	}
	_, err := tx.Exec(`INSERT OR REPLACE INTO juesuan_reports (report_id, status, error, tables, checks_failed,
		checks_pass, checks_fail, checks_skipped, checks_info, tool_version, department, fiscal_year, retry)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, e.Status, e.Error, e.Tables, e.ChecksFailed, e.Checks.Pass, e.Checks.Fail, e.Checks.Skipped, e.Checks.Info,
		e.ToolVersion, e.Department, fy, boolInt(e.Retry))
	if err != nil {
		return err
	}
	for _, f := range e.Files {
		if _, err := tx.Exec(`INSERT OR IGNORE INTO juesuan_files (report_id, path) VALUES (?, ?)`, id, f); err != nil {
			return err
		}
	}
	return nil
}

// dropFiles removes a report's files but keep, marking the parts among
// them dirty.
func dropFiles(tx *stateTx, id string, keep []string) error {
	gone, err := filesWhere(tx, id, func(f string) bool { return !slices.Contains(keep, f) })
	if err != nil {
		return err
	}
	for _, f := range gone {
		if _, err := tx.Exec(`DELETE FROM juesuan_files WHERE report_id = ? AND path = ?`, id, f); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE juesuan_parts SET dirty = 1 WHERE path = ?`, f); err != nil {
			return err
		}
	}
	return nil
}

// filesWhere lists a report's files for which match is true, as the
// state holds them (unchecked: they are only forgotten).
func filesWhere(tx *stateTx, id string, match func(string) bool) ([]string, error) {
	rows, err := tx.Query(`SELECT path FROM juesuan_files WHERE report_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var files []string
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, err
		}
		if match(f) {
			files = append(files, f)
		}
	}
	return files, rows.Err()
}

// deleteReport removes a report's entry and files, marking its parts
// dirty.
func deleteReport(tx *stateTx, id string) error {
	if err := dropFiles(tx, id, nil); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM juesuan_reports WHERE report_id = ?`, id)
	return err
}

// putSource maps an input path to a report.
func putSource(tx *stateTx, p string, e sourceEntry) error {
	_, err := tx.Exec(`INSERT OR REPLACE INTO juesuan_sources (path, report_id, size) VALUES (?, ?, ?)`, p, e.ReportID, e.Size)
	return err
}

// referencedExcept reports whether a path other than except maps to id.
func referencedExcept(tx *stateTx, id, except string) (bool, error) {
	var n int
	err := tx.QueryRow(`SELECT count(*) FROM (SELECT 1 FROM juesuan_sources WHERE report_id = ? AND path <> ? LIMIT 1)`, id, except).Scan(&n)
	return n > 0, err
}

// addIntents records files or folders of kind.
func addIntents(tx *stateTx, kind string, paths []string) error {
	for _, p := range paths {
		if _, err := tx.Exec(`INSERT OR IGNORE INTO juesuan_intents (path, kind) VALUES (?, ?)`, p, kind); err != nil {
			return err
		}
	}
	return nil
}

// dropIntents forgets intents of kind that are done.
func dropIntents(tx *stateTx, kind string, paths []string) error {
	for _, p := range paths {
		if _, err := tx.Exec(`DELETE FROM juesuan_intents WHERE path = ? AND kind = ?`, p, kind); err != nil {
			return err
		}
	}
	return nil
}

// listed reports whether the state names f as a file of any report or
// as a part.
func listed(q querier, f string) (bool, error) {
	var n int
	err := q.QueryRow(`SELECT (SELECT count(*) FROM (SELECT 1 FROM juesuan_files WHERE path = ? LIMIT 1)) +
		(SELECT count(*) FROM juesuan_parts WHERE path = ?)`, f, f).Scan(&n)
	return n > 0, err
}

// streamRows runs query and calls fn on each row, without holding the
// result: for the scans that must see every row (full compaction, prune).
func (s *store) streamRows(ctx context.Context, query string, args []any, fn func(rows *sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return s.stateError("cannot read", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return s.stateError("cannot read", err)
	}
	return nil
}

// datasetRange is the bounds of the paths under dataset/, for a range
// scan of an index on path ('/' + 1 is '0').
func datasetRange(dataset string) (lo, hi string) { return dataset + "/", dataset + "0" }

// partitionOf is DATASET/fiscal_year=YEAR of a dataset file.
func partitionOf(rel string) string { return path.Dir(rel) }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// durable is update with the commit synced to disk (synchronous=FULL):
// for the records after which files are removed, which a power cut must
// not take back. Other commits survive a killed process as they are, and
// a power cut takes back at most the last of them: their files are then
// written again.
func (s *store) durable(fn func(tx *stateTx) error) error {
	if _, err := s.db.Exec(`PRAGMA synchronous = FULL`); err != nil {
		return s.stateError("cannot write", err)
	}
	err := s.update(fn)
	if _, serr := s.db.Exec(`PRAGMA synchronous = NORMAL`); err == nil && serr != nil {
		err = s.stateError("cannot write", serr)
	}
	return err
}

// putPart records a part and the reports it holds, in file order.
func putPart(tx *stateTx, rel string, reports []string) error {
	if err := deletePart(tx, rel); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO juesuan_parts (path, dirty) VALUES (?, 0)`, rel); err != nil {
		return err
	}
	for i, id := range reports {
		if _, err := tx.Exec(`INSERT INTO juesuan_part_reports (part, seq, report_id) VALUES (?, ?, ?)`, rel, i, id); err != nil {
			return err
		}
	}
	return nil
}

// partReports counts the reports the state places in parts (putPart
// numbers them from 0).
func (s *store) partReports(parts ...string) (int64, error) {
	var sum int64
	for _, p := range parts {
		var n int64
		// The last seq + 1, found in the index: a count read each of a
		// year's 100,000 entries at 1,000,000 reports.
		if err := s.db.QueryRow(`SELECT coalesce(max(seq) + 1, 0) FROM juesuan_part_reports WHERE part = ?`, p).Scan(&n); err != nil {
			return 0, s.stateError("cannot read", err)
		}
		sum += n
	}
	return sum, nil
}

// deletePart forgets a part.
func deletePart(tx *stateTx, rel string) error {
	if _, err := tx.Exec(`DELETE FROM juesuan_parts WHERE path = ?`, rel); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM juesuan_part_reports WHERE part = ?`, rel)
	return err
}

// ownFileToPart names part as the file of report id in place of its own
// file f merged into it, in one statement where moveToPart takes three (a
// compaction of 10,000 new reports records 40,000 of them). It reports
// false, changing nothing, when the state does not list f as id's.
func ownFileToPart(tx *stateTx, id, f, part string) (bool, error) {
	if f == "" {
		return false, nil
	}
	res, err := tx.Exec(`UPDATE juesuan_files SET path = ? WHERE report_id = ? AND path = ?`, part, id, f)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// loseFile forgets that f holds rows of report id (f is gone: a damaged
// file set aside) and marks the report to be converted again, as its
// other files would otherwise pass for all of it.
func loseFile(tx *stateTx, id, f string) error {
	if _, err := tx.Exec(`DELETE FROM juesuan_files WHERE report_id = ? AND path = ?`, id, f); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE juesuan_reports SET retry = 1 WHERE report_id = ?`, id)
	return err
}

// moveToPart names part as the file of report id in its partition, in
// place of the files it replaces.
func moveToPart(tx *stateTx, id, part string, replaced map[string]bool) error {
	gone, err := filesWhere(tx, id, func(f string) bool { return replaced[f] })
	if err != nil {
		return err
	}
	for _, f := range gone {
		if _, err := tx.Exec(`DELETE FROM juesuan_files WHERE report_id = ? AND path = ?`, id, f); err != nil {
			return err
		}
	}
	_, err = tx.Exec(`INSERT OR IGNORE INTO juesuan_files (report_id, path) VALUES (?, ?)`, id, part)
	return err
}

// holdCheckpoints keeps the state's commits from checkpointing the WAL
// until release, which checkpoints once: the four transactions of a
// compaction each change a page of the files table for every new report,
// mostly the same pages, and a checkpoint after each (SQLite's
// wal_autocheckpoint) wrote them into the database four times, 0.35–0.55
// s of each commit at 1,000,000 reports. The WAL holds what is committed,
// so a crash before release loses nothing: the next open recovers it.
func (s *store) holdCheckpoints() (release func()) {
	if _, err := s.db.Exec(`PRAGMA wal_autocheckpoint = 0`); err != nil {
		return func() {}
	}
	return func() {
		// PASSIVE: it never waits for a reader (another process reading
		// the state); what it leaves, the next commit's or the last
		// close's checkpoint copies.
		s.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		s.db.Exec(`PRAGMA wal_autocheckpoint = 1000`)
	}
}
