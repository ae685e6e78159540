package batch

import (
	"runtime"
	"time"

	"github.com/rs/zerolog"
)

// Option configures a Runner.
type Option func(*config)

type config struct {
	workers     int
	force       bool
	timeout     time.Duration
	log         zerolog.Logger
	progress    *StatusLine // nil: no progress line
	toolVersion string
	prune       bool  // remove the reports of inputs that are gone
	maxFileSize int64 // 0: no limit
	maxMemory   int64 // a file larger is not read into memory; 0: no limit
	checkHeader func(head []byte, size int64) error
	waitForLock bool
	compact     bool  // compact OUT at the end of Run
	partSize    int64 // bound of a part file; 0: compact's default
	checkParts  bool  // a full compaction reads every page of every part
	// compactStep, when set, is called after each step of a compaction
	// that changes OUT (tests crash there).
	compactStep func(step string)
	catalog     string // the lake's catalog: "" OUT/juesuan.db, CatalogNone no lake
}

func defaultConfig() config {
	return config{
		workers:     runtime.NumCPU(),
		timeout:     60 * time.Second,
		log:         zerolog.Nop(),
		maxFileSize: DefaultMaxFileSize,
		waitForLock: true,
		catalog:     CatalogNone,
	}
}

// Workers sets how many files are converted at once (default: CPUs).
func Workers(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.workers = n
		}
	}
}

// Force converts every input again, ignoring the state.
func Force(on bool) Option { return func(c *config) { c.force = on } }

// Timeout bounds the conversion of one file; 0 means no limit.
func Timeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// Logger receives one event per file and a closing summary.
func Logger(l zerolog.Logger) Option { return func(c *config) { c.log = l } }

// Progress draws a single updating status line (on a terminal); log lines
// written through the same StatusLine go above it.
func Progress(line *StatusLine) Option { return func(c *config) { c.progress = line } }

// ToolVersion is recorded with each report; a report written by another
// version is converted again.
func ToolVersion(v string) Option { return func(c *config) { c.toolVersion = v } }

// Prune makes Run remove, once every input is converted, the reports of
// inputs recorded in OUT that no longer exist (and were not among this
// run's): their rows in every dataset, parts rewritten without them.
// Without it their rows stay.
func Prune(on bool) Option { return func(c *config) { c.prune = on } }

// DefaultMaxFileSize bounds an input's size: the largest real report is a
// few megabytes, and a file is held in memory while it is converted.
const DefaultMaxFileSize = 512 << 20

// MaxFileSize sets the largest input read, in bytes (0: no limit); a
// larger file is a failed report.
func MaxFileSize(n int64) Option { return func(c *config) { c.maxFileSize = n } }

// MaxMemory is the memory limit of one conversion: a file larger than it
// is hashed but never held in memory, and becomes a failed report naming
// --max-memory (0: no such check). So -j N files take at most N memory limits.
func MaxMemory(n int64) Option { return func(c *config) { c.maxMemory = n } }

// CheckHeader sets what looks at an input's first bytes (at most 1024)
// before the rest is read: an error means the file cannot be converted,
// and it is hashed without being held in memory and becomes a failed
// report with that error (a 500 MB download that is not a PDF).
func CheckHeader(fn func(head []byte, size int64) error) Option {
	return func(c *config) { c.checkHeader = fn }
}

// WaitForLock sets what a run does when another run holds the output
// folder: wait for it (the default), or return a *BusyError at once.
func WaitForLock(on bool) Option { return func(c *config) { c.waitForLock = on } }

// CompactAfter makes Run compact OUT once the inputs are converted (see
// Runner.Compact).
func CompactAfter(on bool) Option { return func(c *config) { c.compact = on } }

// PartSize bounds the size of a compacted part file, in bytes (0: the
// default, compact.DefaultPartSize).
func PartSize(n int64) Option { return func(c *config) { c.partSize = n } }

// CheckParts makes a full compaction read every page of every part, not
// only its end, so that a part damaged inside is found and set aside
// (compact --check; about as long as reading the dataset once).
func CheckParts(on bool) Option { return func(c *config) { c.checkParts = on } }

// CatalogNone is the catalog of a Runner without Iceberg tables (the
// default of the package; the command line's default is "").
const CatalogNone = "none"

// Catalog makes the datasets Iceberg tables committed to a catalog (package
// lake): "" is the SQLite file OUT/juesuan.db, postgres://… a PostgreSQL
// database several machines share, CatalogNone no tables.
func Catalog(uri string) Option { return func(c *config) { c.catalog = uri } }
