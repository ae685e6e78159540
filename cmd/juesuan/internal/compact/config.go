package compact

import "maps"

// Option configures Merge.
type Option func(*config)

type config struct {
	partSize     int64
	rowGroupRows int64
	dictMaxBytes int64
	metadata     map[string]string
	createdBy    string
	reportKey    string
}

// DefaultPartSize bounds a part file: large enough that a decade of
// national disclosures is a few files per partition, small enough for one
// reader task (Spark's default split is 128 MB).
const DefaultPartSize = 128 << 20

// DefaultRowGroupRows bounds row groups for readers: DuckDB and Spark read
// row groups in parallel and skip them by their statistics (DuckDB writes
// 122,880 rows per group). Merge also closes a row group every
// maxBatchFiles reports, which bounds its memory.
const DefaultRowGroupRows = 1 << 18

func defaultConfig() config {
	return config{
		partSize:     DefaultPartSize,
		rowGroupRows: DefaultRowGroupRows,
		// A column whose dictionary outgrows this (source_path, error:
		// one value per report) falls back to plain encoding: there the
		// dictionary does not pay.
		dictMaxBytes: 1 << 20,
		metadata:     map[string]string{},
		createdBy:    "juesuan",
	}
}

// PartSize bounds a part file's size in bytes (approximately: a part is
// closed at the first report boundary past it). n <= 0 keeps the default.
func PartSize(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.partSize = n
		}
	}
}

// RowGroupRows bounds the rows of one row group. n <= 0 keeps the default.
func RowGroupRows(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.rowGroupRows = n
		}
	}
}

// Metadata adds a key/value pair to every part's footer.
func Metadata(key, value string) Option {
	return func(c *config) { c.metadata[key] = value }
}

// ReportKey names the footer key/value entry in which every single-report
// file records its report. A file whose entry is missing or names another
// report than its Source.ReportID is not that report's file (another
// report's, or a Parquet file of another program copied over it): Merge
// returns a DamagedError for it rather than merge its rows. Unset, files
// are not checked.
func ReportKey(key string) Option { return func(c *config) { c.reportKey = key } }

// CreatedBy names the writing application in the footer.
func CreatedBy(app string) Option { return func(c *config) { c.createdBy = app } }

func newConfig(opts []Option) config {
	c := defaultConfig()
	c.metadata = maps.Clone(c.metadata)
	for _, o := range opts {
		o(&c)
	}
	return c
}
