// Package lake publishes juesuan's datasets as Iceberg v2 tables: each
// dataset folder OUT/<dataset> is the location of a table whose data files
// are the Parquet files juesuan writes there (the Hive layout stays as it
// is), committed through an Iceberg SQL catalog (apache/iceberg-go): the
// SQLite file OUT/juesuan.db by default, another SQLite file (sqlite:FILE),
// or a PostgreSQL database shared by several machines, each converting
// into its own OUT.
//
// A machine only ever adds and removes files under its own OUT. Every
// commit records, in a table property keyed by OUT, the batch state's
// sequence number for that dataset, so that a run finds cheaply whether
// the lake lags its state (a crash between the two commits) and repairs it.
package lake

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/catalog"
	sqlcat "github.com/apache/iceberg-go/catalog/sql"
	"github.com/apache/iceberg-go/table"
	"github.com/lib/pq"    // PostgreSQL catalogs (--catalog postgres://…)
	_ "modernc.org/sqlite" // the default catalog, OUT/juesuan.db
)

// DBName is the default catalog: an SQLite file at the top of OUT.
const DBName = "juesuan.db"

// Namespace holds the tables: juesuan.reports, juesuan.line_items, ….
const Namespace = "juesuan"

// catalogName is the catalog_name column of iceberg-go's iceberg_tables.
const catalogName = "juesuan"

// UnregisterSQL is the statement that takes a dataset's table out of a SQL
// catalog and leaves its files (an engine's DROP TABLE may delete them):
// how the owner of a shared catalog has the next run make a table again.
func UnregisterSQL(dataset string) string {
	return "DELETE FROM iceberg_tables WHERE " + tableRow(dataset)
}

// tableRow selects a dataset's table's row of iceberg-go's iceberg_tables.
// Constants only: no placeholders, whose syntax differs by dialect.
func tableRow(dataset string) string {
	return fmt.Sprintf("catalog_name = '%s' AND table_namespace = '%s' AND table_name = '%s'", catalogName, Namespace, dataset)
}

// Table properties set when a table is created. Commits retry on conflict
// (another machine committed first): iceberg-go reloads the table and
// replays the change, which keeps every file of both commits.
var tableProperties = iceberg.Properties{
	"format-version":                          "2",
	table.CommitNumRetriesKey:                 "30",
	table.CommitMinRetryWaitMsKey:             "20",
	table.CommitMaxRetryWaitMsKey:             "2000",
	table.CommitTotalRetryTimeoutMsKey:        "600000",
	table.MetadataDeleteAfterCommitEnabledKey: "true",
	table.MetadataPreviousVersionsMaxKey:      "10",
	table.ManifestMergeEnabledKey:             "true",
	"write.parquet.compression-codec":         "zstd",
	"write.format.default":                    "parquet",
}

// Lake is OUT's view of its tables.
type Lake struct {
	out     string // absolute
	outURI  string // file:///…/OUT, the prefix of every data file this OUT adds
	db      *sql.DB
	cat     *sqlcat.Catalog
	mu      sync.Mutex
	tables  map[string]*table.Table
	shared  bool // a catalog other OUTs may commit to
	catDesc string
	unread  map[string]error // dataset → why its metadata did not read, the table made again (TakeUnread)
}

type config struct {
	uri string
}

// Option configures Open.
type Option func(*config)

// Catalog sets the catalog: "" is OUT/juesuan.db; sqlite:PATH another
// SQLite file (several OUTs of one machine); postgres://… (or
// postgresql://…) a PostgreSQL database that several machines share.
func Catalog(uri string) Option { return func(c *config) { c.uri = uri } }

// Open opens OUT's catalog, creating its tables' catalog rows as needed
// (a table is created on its first commit).
func Open(ctx context.Context, out string, opts ...Option) (*Lake, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("lake: %w", err)
	}
	l := &Lake{out: abs, outURI: fileURI(abs), tables: map[string]*table.Table{}, shared: cfg.uri != ""}
	var dialect sqlcat.SupportedDialect
	file, isFile := strings.CutPrefix(cfg.uri, "sqlite:")
	if cfg.uri == "" {
		file, isFile = filepath.Join(abs, DBName), true
	}
	switch {
	case isFile:
		// WAL and a busy timeout on every pooled connection (the DSN's
		// pragmas): the batch state shares the file.
		// The path percent-encoded: SQLite reads a file: name as a URI (a
		// # or ? in a folder's name would cut it short).
		dsn := "file:" + (&url.URL{Path: filepath.ToSlash(file)}).EscapedPath() +
			"?_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)&_txlock=immediate"
		if cfg.uri == "" {
			// The batch state's connection checkpoints the WAL they
			// share: at its commits, and once at the end of a
			// compaction, which holds its own checkpoints (each of a
			// compaction's four commits checkpointed the same pages).
			dsn += "&_pragma=wal_autocheckpoint(0)"
		}
		l.db, err = sql.Open("sqlite", dsn)
		dialect, l.catDesc = sqlcat.SQLite, file
	case strings.HasPrefix(cfg.uri, "postgres://"), strings.HasPrefix(cfg.uri, "postgresql://"):
		l.db, err = sql.Open("postgres", cfg.uri)
		dialect, l.catDesc = sqlcat.Postgres, redact(cfg.uri)
	default:
		return nil, fmt.Errorf("--catalog %q: want postgres://user:password@host:port/database, sqlite:FILE, or none (or leave it out for %s in OUT)", redact(cfg.uri), DBName)
	}
	if err != nil {
		return nil, fmt.Errorf("lake: open catalog %s: %w", l.catDesc, err)
	}
	if dialect == sqlcat.SQLite {
		l.db.SetMaxOpenConns(1) // one writer: SQLite serializes them anyway
	}
	// Machines opening a new shared catalog at once race to create its
	// tables and namespace (PostgreSQL's CREATE TABLE IF NOT EXISTS is not
	// safe against a concurrent one): the loser finds them made, next time.
	for attempt := 0; ; attempt++ {
		if err = l.initCatalog(ctx, dialect); err == nil || attempt == 5 {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
	if err != nil {
		l.db.Close()
		return nil, err
	}
	return l, nil
}

func (l *Lake) initCatalog(ctx context.Context, dialect sqlcat.SupportedDialect) (err error) {
	l.cat, err = sqlcat.NewCatalog(catalogName, l.db, dialect, iceberg.Properties{"warehouse": l.outURI})
	if err != nil {
		return fmt.Errorf("lake: open catalog %s: %w", l.catDesc, err)
	}
	if err := l.cat.CreateNamespace(ctx, table.Identifier{Namespace}, nil); err != nil && !errors.Is(err, catalog.ErrNamespaceAlreadyExists) {
		return fmt.Errorf("lake: catalog %s: create namespace %s: %w", l.catDesc, Namespace, err)
	}
	return nil
}

// Close closes the catalog.
func (l *Lake) Close() error { return l.db.Close() }

// Shared tells whether the catalog is one other OUTs may commit to.
func (l *Lake) Shared() bool { return l.shared }

// TakeUnread returns, once, why the metadata of a dataset's table in OUT's
// own catalog did not read when it was loaded, and so the table was made
// again, empty; nil if it read.
func (l *Lake) TakeUnread(dataset string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	why := l.unread[dataset]
	delete(l.unread, dataset)
	return why
}

// Describe names the catalog for messages (a PostgreSQL password hidden).
func (l *Lake) Describe() string { return l.catDesc }

// table returns a dataset's table, creating it on first use at
// OUT/<dataset> (in a shared catalog, at the OUT of the machine that
// creates it first).
func (l *Lake) table(ctx context.Context, dataset string) (*table.Table, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t := l.tables[dataset]; t != nil {
		return t, nil
	}
	id := table.Identifier{Namespace, dataset}
	t, err := l.cat.LoadTable(ctx, id)
	if errors.Is(err, catalog.ErrNoSuchTable) {
		t, err = l.create(ctx, dataset)
	} else if err == nil {
		err = sound(t)
	}
	switch {
	case err == nil && !l.shared && t.Location() != l.outURI+"/"+dataset:
		t, err = l.reregister(ctx, dataset, t.Location())
	case err != nil && !errors.Is(err, catalog.ErrNoSuchTable) && !l.shared && !isConnError(err):
		// OUT's own catalog names metadata that cannot be read (deleted,
		// damaged, edited): the table is made again from the state.
		why := err
		if t, err = l.reregister(ctx, dataset, "(unreadable metadata: "+why.Error()+")"); err == nil {
			if l.unread == nil {
				l.unread = map[string]error{}
			}
			l.unread[dataset] = why
		}
	case err != nil && !errors.Is(err, catalog.ErrNoSuchTable) && !isDBError(err) && l.listsTable(ctx, dataset):
		// A shared catalog that answers and names the table: what failed
		// is reading the metadata it names, the owner's to mend.
		err = fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	if err != nil {
		return nil, fmt.Errorf("lake: table %s.%s in %s: %w", Namespace, dataset, l.catDesc, err)
	}
	if err := checkSchema(dataset, t.Schema()); err != nil {
		return nil, err
	}
	l.tables[dataset] = t
	return t, nil
}

// sound tells whether a table's metadata, read without error, is whole as
// juesuan writes it. A bit flipped in its JSON can leave it valid but
// naming no manifest list ("manifest-list" misspelt) or no current
// snapshot: iceberg-go reads that as a table without files, and the next
// commit lists only its own, every other row gone from the table
// without a word (bench/flip/tables.sh).
func sound(t *table.Table) error {
	snap := t.CurrentSnapshot()
	switch {
	case snap == nil && len(t.Metadata().Snapshots()) > 0:
		return errors.New("invalid metadata: it lists snapshots but no current one")
	case snap != nil && snap.ManifestList == "":
		return fmt.Errorf("invalid metadata: its current snapshot %d names no manifest list", snap.SnapshotID)
	}
	return nil
}

// listsTable tells whether the catalog answers and names metadata for a
// dataset's table.
func (l *Lake) listsTable(ctx context.Context, dataset string) bool {
	var loc sql.NullString
	err := l.db.QueryRowContext(ctx, "SELECT metadata_location FROM iceberg_tables WHERE "+tableRow(dataset)).Scan(&loc)
	return err == nil && loc.Valid
}

// isDBError tells whether err came from the catalog's database or the
// way to it, not from the files it names. A file's error is not: its
// errno satisfies net.Error too, which took a shared table whose metadata
// file was deleted for an unreachable catalog, and failed every run.
func isDBError(err error) bool {
	var pqErr *pq.Error
	var netErr net.Error
	var fileErr *fs.PathError
	if errors.As(err, &fileErr) && !isConnError(err) {
		return false
	}
	return isConnError(err) || errors.As(err, &pqErr) || errors.As(err, &netErr) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// isConnError reports an error of the catalog database itself, which a
// new table would not mend.
func isConnError(err error) bool {
	var sqlErr interface{ Code() int } // modernc.org/sqlite's errors
	return errors.As(err, &sqlErr)
}

// reregister replaces, in OUT's own catalog, a table whose location is
// another folder (OUT was moved or copied there, with its catalog, and
// the table's metadata names the files of the old place), or whose
// metadata cannot be read. The new table
// starts empty at OUT/<dataset>; the batch then finds it behind its state
// and lists OUT's files in it (one commit). The metadata folder copied
// with OUT describes the old place and goes.
func (l *Lake) reregister(ctx context.Context, dataset, old string) (*table.Table, error) {
	id := table.Identifier{Namespace, dataset}
	if err := l.cat.DropTable(ctx, id); err != nil && !errors.Is(err, catalog.ErrNoSuchTable) {
		return nil, fmt.Errorf("replace the table of %s: drop it: %w", old, err)
	}
	return l.create(ctx, dataset)
}

// remake makes a dataset's table of OUT's own catalog again, empty (see
// reregister), because of why.
func (l *Lake) remake(ctx context.Context, dataset string, why error) (*table.Table, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.tables, dataset)
	t, err := l.reregister(ctx, dataset, "("+why.Error()+")")
	if err != nil {
		return nil, fmt.Errorf("lake: table %s.%s in %s: %w", Namespace, dataset, l.catDesc, err)
	}
	l.tables[dataset] = t
	return t, nil
}

func (l *Lake) create(ctx context.Context, dataset string) (*table.Table, error) {
	sc, err := icebergSchema(dataset)
	if err != nil {
		return nil, err
	}
	spec, err := partitionSpec(sc)
	if err != nil {
		return nil, err
	}
	order, err := sortOrder(dataset, sc)
	if err != nil {
		return nil, err
	}
	// Metadata already in OUT/<dataset> is of a table this catalog does
	// not have (OUT moved or copied, its catalog lost): with OUT's own
	// catalog it goes; with a shared one, only the hint (the new table's
	// versions count from 0 again).
	meta := filepath.Join(l.out, dataset, "metadata")
	if !l.shared {
		err = os.RemoveAll(meta)
	} else if err = os.Remove(filepath.Join(meta, "version-hint.text")); errors.Is(err, os.ErrNotExist) {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	t, err := l.cat.CreateTable(ctx, table.Identifier{Namespace, dataset}, sc,
		catalog.WithLocation(l.outURI+"/"+dataset), catalog.WithPartitionSpec(&spec),
		catalog.WithSortOrder(order), catalog.WithProperties(tableProperties))
	if errors.Is(err, catalog.ErrTableAlreadyExists) { // another machine, just now
		return l.cat.LoadTable(ctx, table.Identifier{Namespace, dataset})
	}
	if err == nil {
		err = writeVersionHint(t, l.shared)
	}
	return t, err
}

// checkSchema refuses a table whose columns do not carry the field IDs of
// juesuan's files (a table another program created under the same name,
// or a juesuan whose schema moved on: a new column is added by ID, never
// by reusing one).
func checkSchema(dataset string, got *iceberg.Schema) error {
	want, err := icebergSchema(dataset)
	if err != nil {
		return err
	}
	for _, f := range want.Fields() {
		g, ok := got.FindFieldByID(f.ID)
		if !ok || g.Name != f.Name || !g.Type.Equals(f.Type) {
			return fmt.Errorf("lake: table %s.%s has no column %s with field id %d and type %s: it was not created by this juesuan; drop it from the catalog or use another --catalog",
				Namespace, dataset, f.Name, f.ID, f.Type)
		}
	}
	return nil
}

// fileURI is the file:// URI of an absolute path, percent-encoded where a
// path needs it (a space, #, ?, %, a non-ASCII letter): iceberg-go, like
// Spark, parses a table's locations as URIs.
func fileURI(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// localPath is the file of a file:// URI.
func localPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	return filepath.FromSlash(u.Path), true
}

// redact hides a password in a catalog URI.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(catalog URI)"
	}
	return u.Redacted()
}

// seqKey is the table property holding the batch state's sequence number
// that this OUT last committed to the table.
func (l *Lake) seqKey() string { return seqKeyPrefix + l.outURI }

const seqKeyPrefix = "juesuan.seq."
