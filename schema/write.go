package schema

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/schema/zstdcodec"
)

// Dataset names: the folders under OUT.
const (
	DatasetReports   = "reports"
	DatasetLineItems = "line_items"
	DatasetChecks    = "checks"
)

// Datasets lists the dataset folders in the order a report's files are
// written: reports last, so that a report row only ever appears once its line
// items and checks are in place.
var Datasets = []string{DatasetLineItems, DatasetChecks, DatasetStatements, DatasetReports}

// NullPartition is the Hive/Spark folder value for a null partition key,
// read as NULL by DuckDB, Spark, Trino and pyarrow.
const NullPartition = "__HIVE_DEFAULT_PARTITION__"

// PartitionDir returns the Hive partition folder name for a fiscal year.
func PartitionDir(year *int32) string {
	if year == nil {
		return "fiscal_year=" + NullPartition
	}
	return "fiscal_year=" + strconv.Itoa(int(*year))
}

// RelPath is the path of a report's file in a dataset, relative to OUT.
func RelPath(dataset string, year *int32, reportID string) string {
	return filepath.Join(dataset, PartitionDir(year), reportID+".parquet")
}

// WriteOption configures WriteFile.
type WriteOption func(*writeConfig)

type writeConfig struct {
	metadata map[string]string
}

// WithMetadata adds a key/value pair to the Parquet footer.
func WithMetadata(key, value string) WriteOption {
	return func(c *writeConfig) { c.metadata[key] = value }
}

// codec is shared by every file and goroutine: a codec per file would build
// a new encoder (megabytes) for every file.
//
// It compresses at zstd's fastest level, not parquet-go's default: a
// report's pages are a few KB each, and the default level's 1 MB match
// table missed the cache on nearly every lookup (a third of its time in
// one load); the fastest level's table is a quarter of that. Compressing
// took 43 % less CPU in the CLI profile, for files 2 % larger.
var codec = zstdcodec.New(zstdcodec.Level(zstd.SpeedFastest))

// Encode serializes rows as one Parquet file: zstd, data page v1 (the most
// widely readable), one row group. Equal input gives equal bytes. Every
// string is written as valid UTF-8 (a row's string that is not is
// replaced in rows; see validStrings).
func Encode[T any](rows []T, opts ...WriteOption) ([]byte, error) {
	validStrings(rows)
	cfg := writeConfig{metadata: map[string]string{}}
	for _, o := range opts {
		o(&cfg)
	}
	wopts := []parquet.WriterOption{
		parquet.Compression(codec),
		parquet.DataPageVersion(1),
		parquet.CreatedBy("juesuan", "", ""),
		// parquet-go sizes every column's buffers from these up front
		// (256 KiB and 32 KiB by default): for a report's few hundred rows
		// that was half the cost of encoding. A column of more than 64 KiB
		// gets a second page; no report of the corpus has one, so the
		// files are the same bytes.
		parquet.PageBufferSize(64 << 10),
		// Min/max per page are in the page index, where readers look for
		// them; repeated in each page header they made a report's files a
		// tenth to a fifth larger, and the compaction that reads them
		// slower (as in the parts, compact.writerOptions).
		parquet.DataPageStatistics(false),
		parquet.WriteBufferSize(4 << 10),
	}
	for k, v := range cfg.metadata {
		wopts = append(wopts, parquet.KeyValueMetadata(k, v))
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, wopts...)
	if _, err := w.Write(rows); err != nil {
		return nil, fmt.Errorf("encode parquet: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("encode parquet: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteFileAtomic writes data to path so that path holds either its old
// content or all of data, never a part (ReplaceFiles), then syncs the
// folder so that the new name survives a crash too.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(File{Path: path, Data: data})
}

// WriteAtomic is WriteFileAtomic for content that write streams into a
// buffered writer (flushed after it): content too large to hold in memory
// twice.
func WriteAtomic(path string, write func(*bufio.Writer) error) error {
	return writeAtomic(File{Path: path, Write: write})
}

func writeAtomic(f File) error {
	if err := ReplaceFiles(f); err != nil {
		return err
	}
	SyncDir(filepath.Dir(f.Path))
	return nil
}

// File is a file's path and its whole content, for ReplaceFiles: Data, or
// what Write writes.
type File struct {
	Path  string
	Data  []byte
	Write func(*bufio.Writer) error
	// Temp, when set, is the temporary name (in Path's folder, IsTemp)
	// instead of a random one: a writer that records what it is about to
	// write can then remove what a kill left without listing the folder.
	// Only one writer may use a given Temp at a time.
	Temp string
}

// ReplaceFiles writes each file to a temporary name in its folder and
// syncs it, then, once all are written and synced, renames them over
// their paths in the order given: each path holds either its old content
// or all of its data, never a part. On an error no temporary file is
// left; files already renamed stay, for the caller to keep or remove.
//
// The renames are durable once the folders are synced (SyncDir): a batch
// writing many files into a few folders syncs each folder once, before it
// records the files as written, instead of once per file.
func ReplaceFiles(files ...File) (err error) {
	temps := make([]*os.File, 0, len(files))
	defer func() {
		if err != nil {
			for _, f := range temps {
				if f != nil {
					f.Close()
					os.Remove(f.Name())
				}
			}
		}
	}()
	for _, file := range files {
		dir := filepath.Dir(file.Path)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create %s: %w", dir, err)
		}
		f, err := file.createTemp(dir)
		if err != nil {
			return fmt.Errorf("create temporary file in %s: %w", dir, err)
		}
		temps = append(temps, f)
		if err := file.writeTo(f); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) && pe.Path == f.Name() {
				err = pe.Err // named below, by the file it becomes
			}
			return fmt.Errorf("write %s: %w", file.Path, err)
		}
		if err := f.Chmod(0o644); err != nil { // before the sync, which then covers it
			return fmt.Errorf("chmod %s: %w", f.Name(), err)
		}
	}
	for _, f := range temps {
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", f.Name(), err)
		}
	}
	for i, f := range temps {
		if err := f.Close(); err != nil {
			return fmt.Errorf("close %s: %w", f.Name(), err)
		}
		if err := os.Rename(f.Name(), files[i].Path); err != nil {
			return fmt.Errorf("rename %s: %w", f.Name(), err)
		}
		temps[i] = nil // renamed: nothing to clean up
	}
	return nil
}

func (file File) createTemp(dir string) (*os.File, error) {
	if file.Temp == "" {
		return os.CreateTemp(dir, "."+filepath.Base(file.Path)+".tmp-*")
	}
	return os.OpenFile(file.Temp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
}

func (file File) writeTo(f *os.File) error {
	if file.Write == nil {
		_, err := f.Write(file.Data)
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := file.Write(w); err != nil {
		return err
	}
	return w.Flush()
}

// SyncDir makes the renames done in dir durable. It is best effort: some
// file systems refuse to sync a folder, and a missing folder has nothing to
// make durable.
func SyncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	_ = d.Sync()
}

// IsTemp reports whether a file name is one of ReplaceFiles' temporary
// files, left behind only if the process was killed mid-write.
func IsTemp(name string) bool {
	return len(name) > 0 && name[0] == '.' && bytes.Contains([]byte(name), []byte(".tmp-"))
}
