// Package compact merges the per-report Parquet files of one dataset
// partition into part files of bounded size: rows grouped by report in
// (department, report_id) order, zstd, row groups sized for readers,
// statistics and page index on, dictionary where it pays.
//
// It knows Parquet, not the batch state: it reads each file's own schema, so
// it works for any dataset (columns added later merge as they are), and it
// writes parts under temporary names for the caller to publish.
package compact

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/schema/zstdcodec"
)

// Column names Merge orders by; a dataset without a department column is
// ordered by report_id alone.
const (
	ReportIDColumn   = "report_id"
	DepartmentColumn = "department"
)

// Source is a file to merge: one report's file, or a part holding many.
type Source struct {
	Path     string
	ReportID string // the report of a single-report file; "" for a part
	// Department is a single-report file's department, when the caller
	// knows it: Merge then orders the file without opening it first
	// (reading every footer twice was a tenth of a compaction). "" means
	// unknown, or none: Merge reads it from the file.
	Department string
	// Reports, for a part, are the reports the caller recorded it
	// holding, in any order. A part whose rows hold a report not among
	// them, or lack one of them, is another file than the part written
	// (copied or restored over it): Merge returns a DamagedError for it
	// rather than merge its rows. Nil skips the check.
	Reports []string
}

// Part is a merged file, written and synced under the temporary name Temp
// in Merge's folder: the caller renames it to Name to publish it.
type Part struct {
	Temp    string
	Name    string
	Reports []string // in file order
	Rows    int64
}

// key orders reports: by department, then report_id.
type key struct{ dept, id string }

func (a key) compare(b key) int {
	return cmp.Or(cmp.Compare(a.dept, b.dept), cmp.Compare(a.id, b.id))
}

// Merge writes the rows of sources into new parts in dir, grouped by report
// in key order, leaving out every report for which keep is false (a part's
// reports that were converted again or removed since). Each part source
// must already be in key order, as Merge writes them. Rows are streamed:
// memory holds one row group being written, never a partition.
//
// Every part has the columns of the widest file: the rows of files written
// by an earlier juesuan, with a column less, get nulls there.
//
// On an error the parts written so far are removed.
func Merge(ctx context.Context, dir string, sources []Source, keep func(reportID string) bool, opts ...Option) ([]Part, error) {
	cfg := newConfig(opts)
	var schema *parquet.Schema
	for {
		m := &merger{cfg: cfg, dir: dir, schema: schema}
		parts, err := m.merge(ctx, sources, keep)
		var wider *widerFileError
		if errors.As(err, &wider) && (schema == nil || len(wider.schema.Columns()) > len(schema.Columns())) {
			// A file not opened before the merge began has a column more
			// than the parts: merge again with its columns. Each round
			// adds a column, so this ends.
			schema = wider.schema
			continue
		}
		return parts, err
	}
}

func (m *merger) merge(ctx context.Context, sources []Source, keep func(reportID string) bool) (parts []Part, err error) {
	defer func() {
		if err != nil {
			m.abort()
		}
	}()
	var singles []single
	var streams []*stream
	defer func() {
		for _, s := range streams {
			s.close()
		}
	}()
	for _, src := range sources {
		if src.ReportID == "" {
			s, err := openStream(src.Path, src.Reports)
			if err != nil {
				return nil, err
			}
			streams = append(streams, s)
			m.widen(s.file.Schema())
			continue
		}
		if !keep(src.ReportID) {
			continue
		}
		dept := src.Department
		if dept == "" {
			var schema *parquet.Schema
			if dept, schema, err = departmentOf(src.Path); err != nil {
				return nil, err
			}
			m.widen(schema)
		}
		singles = append(singles, single{path: src.Path, key: key{dept, src.ReportID}})
	}
	slices.SortFunc(singles, func(a, b single) int { return a.key.compare(b.key) })

	for n := 0; ; n++ {
		if n%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// The next report: the least of the next single file and the
		// current report of each part.
		var next *stream
		var nextKey key
		for _, s := range streams {
			k, ok, err := s.peek()
			if err != nil {
				return nil, err
			}
			if ok && (next == nil || k.compare(nextKey) < 0) {
				next, nextKey = s, k
			}
		}
		// Single files that come before the next part's report are copied
		// as whole row groups, a batch at a time.
		run := 0
		for run < len(singles) && (next == nil || singles[run].key.compare(nextKey) < 0) {
			run++
		}
		if run > 0 {
			copied, err := m.copyFiles(singles[:run])
			if err != nil {
				return nil, err
			}
			singles = singles[copied:]
			continue
		}
		if next == nil {
			break
		}
		if !keep(nextKey.id) {
			if _, err := next.copyReport(nil); err != nil {
				return nil, err
			}
			continue
		}
		w, err := m.writer(next.file.Schema())
		if err != nil {
			return nil, err
		}
		rows, err := next.copyReport(w)
		if err != nil {
			return nil, err
		}
		if err := m.endReports(rows, nextKey.id); err != nil {
			return nil, err
		}
	}
	if err := m.closePart(); err != nil {
		return nil, err
	}
	return m.parts, nil
}

type single struct {
	path string
	key  key
}

// merger writes one part at a time.
type merger struct {
	cfg    config
	dir    string
	schema *parquet.Schema // of the first file read: every part has it

	part  *partFile
	w     *parquet.Writer
	cur   Part
	parts []Part

	values []parquet.Value // copyColumns' buffer

	groupReports int   // reports in the current part's open row group
	groupRows    int64 // and their rows
}

// codec compresses every part: zstd's default level, whose ratio pays for
// files kept for years. Its window covers a page (pageBytes, dictionaries
// at most dictMaxBytes), and no more: the default 8 MB window gave each
// encoder a 16 MB history buffer.
var codec = zstdcodec.New(zstdcodec.Level(zstd.SpeedDefault), zstdcodec.Window(1<<20))

// widen makes s the parts' schema if it has more columns than the one
// chosen so far: files written by a later juesuan, with a column added,
// set the schema, and the rows of older files get nulls there.
func (m *merger) widen(s *parquet.Schema) {
	if m.schema == nil || len(s.Columns()) > len(m.schema.Columns()) {
		m.schema = s
	}
}

// writer returns the current part's writer, starting a part if none is
// open.
func (m *merger) writer(s *parquet.Schema) (*parquet.Writer, error) {
	if m.w != nil {
		return m.w, nil
	}
	m.widen(s)
	p, err := createPart(m.dir)
	if err != nil {
		return nil, err
	}
	m.part = p
	m.w = parquet.NewWriter(p.buf, append(m.cfg.writerOptions(), withCodec(m.schema))...)
	m.cur = p.part
	return m.w, nil
}

// maxBatchFiles bounds the files held in memory at once in copyFiles, and
// the reports of a row group: at 2,048 peak RSS was 1.6 times that at 256
// (248 vs 155 MB merging a 3,000-report partition), for no gain in time.
const maxBatchFiles = 256

// copyFiles appends single-report files to the current part's row group,
// column by column (row by row took twice the time): as many files as
// fill the row group, fit in the part, and stay under maxBatchFiles.
// Files of an older schema, which need converting, go row by row in a
// batch of their own. It returns how many files it copied, at least one.
func (m *merger) copyFiles(files []single) (int, error) {
	var groups []parquet.RowGroup
	var paths []string // of each group's file
	var rows, size int64
	var w *parquet.Writer
	converting := false
	n := 0
	for n < len(files) && m.groupReports+n < maxBatchFiles {
		if n > 0 && (m.groupRows+rows >= m.cfg.rowGroupRows || size >= m.cfg.partSize-w.Size()) {
			break
		}
		// A report's file is small: one read instead of one per page.
		path := files[n].path
		data, err := os.ReadFile(path)
		if err != nil {
			return 0, fmt.Errorf("read %s: %w", path, err)
		}
		// Pages are read in order: their index is not needed.
		pf, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
		if err != nil {
			return 0, &DamagedError{path, err}
		}
		if err := m.checkOwner(pf, files[n]); err != nil {
			return 0, err
		}
		if w, err = m.writer(pf.Schema()); err != nil {
			return 0, err
		}
		conv, err := conversion(m.schema, pf.Schema(), path)
		if err != nil {
			return 0, err
		}
		if n == 0 {
			converting = conv != nil
		} else if converting != (conv != nil) {
			break // it starts the next batch
		}
		n++
		for _, rg := range pf.RowGroups() {
			if conv != nil {
				rg = parquet.ConvertRowGroup(rg, conv)
			}
			groups = append(groups, rg)
			paths = append(paths, path)
			rows += rg.NumRows()
		}
		size += pf.Size()
	}
	if converting {
		if _, err := w.WriteRowGroup(parquet.MultiRowGroup(groups...)); err != nil {
			return 0, fmt.Errorf("copy rows to part: %w", err)
		}
	} else if err := m.copyColumns(w, groups, paths); err != nil {
		return 0, err
	}
	ids := make([]string, n)
	for i, f := range files[:n] {
		ids[i] = f.key.id
	}
	return n, m.endReports(rows, ids...)
}

// checkOwner tells whether f's file is its report's, by the footer entry
// the ReportKey option names.
func (m *merger) checkOwner(pf *parquet.File, f single) error {
	if m.cfg.reportKey == "" {
		return nil
	}
	got, ok := pf.Lookup(m.cfg.reportKey)
	switch {
	case !ok:
		return &DamagedError{f.path, fmt.Errorf("%w: its footer has no %s", ErrReplaced, m.cfg.reportKey)}
	case got != f.key.id:
		return &DamagedError{f.path, fmt.Errorf("%w: its footer's %s names report %q, not %s", ErrReplaced, m.cfg.reportKey, got, f.key.id)}
	}
	return nil
}

// copyColumns appends row groups of the parts' schema to w's row group,
// column after column, through one value buffer. parquet-go's
// WriteRowGroup(MultiRowGroup(…)) does the same but allocates a buffer for
// every column of every file: a quarter of all allocation, which kept the
// GC busy for a third of a 100,000-report compaction.
func (m *merger) copyColumns(w *parquet.Writer, groups []parquet.RowGroup, paths []string) error {
	if len(groups) == 0 {
		return nil
	}
	if m.values == nil {
		m.values = make([]parquet.Value, 1024)
	}
	for i, col := range w.ColumnWriters() {
		name := strings.Join(m.schema.Columns()[i], ".")
		for j, rg := range groups {
			readErr, err := m.copyColumn(col, rg.ColumnChunks()[i])
			if readErr != nil { // the file's bytes, read whole before
				return &DamagedError{paths[j], fmt.Errorf("column %s: %w", name, readErr)}
			}
			if err != nil {
				return fmt.Errorf("copy column %s to part: %w", name, err)
			}
		}
	}
	return nil
}

// copyColumn copies src's values to dst, telling an error reading them
// from one writing them.
func (m *merger) copyColumn(dst *parquet.ColumnWriter, src parquet.ColumnChunk) (readErr, writeErr error) {
	r := parquet.NewColumnChunkValueReader(src)
	defer r.Close()
	for {
		n, err := r.ReadValues(m.values)
		if n > 0 {
			if _, err := dst.WriteRowValues(m.values[:n]); err != nil {
				return nil, err
			}
		}
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			return err, nil
		}
	}
}

// endReports records reports as written to the current part with their
// rows, closes the row group once it holds maxBatchFiles reports or the
// row group size, and the part once it has reached its size: parts split
// between reports.
//
// Row groups are closed by size only, not after each batch of files: new
// reports merged into a part interleave with its reports (department
// order), and a row group per run of new files gave a 9,000-report part
// 934 row groups of 4,400 rows, which DuckDB read at half the speed of
// row groups of 100,000.
func (m *merger) endReports(rows int64, ids ...string) error {
	m.cur.Reports = append(m.cur.Reports, ids...)
	m.cur.Rows += rows
	m.groupReports += len(ids)
	m.groupRows += rows
	if m.groupReports >= maxBatchFiles || m.groupRows >= m.cfg.rowGroupRows {
		if err := m.w.Flush(); err != nil {
			return fmt.Errorf("write row group of part: %w", err)
		}
		m.groupReports, m.groupRows = 0, 0
	}
	if m.w.Size() >= m.cfg.partSize {
		return m.closePart()
	}
	return nil
}

// closePart finishes the current part and syncs it.
func (m *merger) closePart() error {
	if m.w == nil {
		return nil
	}
	w, p := m.w, m.part
	m.w, m.part = nil, nil
	m.groupReports, m.groupRows = 0, 0
	if err := p.finish(w); err != nil {
		return err
	}
	m.parts = append(m.parts, m.cur)
	return nil
}

// abort removes every part written or being written.
func (m *merger) abort() {
	if m.part != nil {
		m.part.discard()
	}
	for _, p := range m.parts {
		os.Remove(p.Temp)
	}
}

// partName is a fresh part file name: never one a part listed in the state
// has, so that publishing a part never replaces another.
func partName() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("part name: %w", err)
	}
	return "part-" + hex.EncodeToString(b[:]) + ".parquet", nil
}

// IsPartName reports whether a file name is one partName gives.
func IsPartName(name string) bool {
	h, ok1 := strings.CutPrefix(name, "part-")
	h, ok2 := strings.CutSuffix(h, ".parquet")
	if !ok1 || !ok2 || len(h) != 16 {
		return false
	}
	return strings.Trim(h, "0123456789abcdef") == ""
}

// open opens the Parquet file at path. Its errors are the system's
// (*fs.PathError, naming the file) or Parquet's, for damaged to tell.
func open(path string, opts ...parquet.FileOption) (*os.File, *parquet.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	pf, err := parquet.OpenFile(f, st.Size(), opts...)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, pf, nil
}

// conversion maps rows of a file whose schema differs from the parts'
// (written by an earlier juesuan, with a column less); nil when equal. A
// file with a column the parts lack is an error, never a silent loss.
func conversion(to, from *parquet.Schema, path string) (parquet.Conversion, error) {
	if parquet.EqualNodes(to, from) {
		return nil, nil
	}
	for _, col := range from.Columns() {
		if _, ok := to.Lookup(col...); !ok {
			return nil, &widerFileError{path: path, column: strings.Join(col, "."), schema: from}
		}
	}
	conv, err := parquet.Convert(to, from)
	if err != nil {
		return nil, fmt.Errorf("%s: its columns cannot be merged with the other files': %w", path, err)
	}
	return conv, nil
}

// widerFileError is a file with a column the parts lack. Merge starts over
// with the file's columns when it has more than the parts; otherwise the
// columns of the partition's files cannot be joined.
type widerFileError struct {
	path, column string
	schema       *parquet.Schema
}

func (e *widerFileError) Error() string {
	return fmt.Sprintf("%s has column %s, which other files of its partition lack: convert them again with the same juesuan (convert --force)", e.path, e.column)
}

// DamagedError is a source that is not readable Parquet: its footer or one
// of its pages does not decode (truncated, overwritten, a bad block), or,
// for a part, it is missing; or it reads but is not the file written
// there (ErrReplaced). Nothing of its partition is written; the caller may
// set it aside and merge the others. Reading it from the disk failing is
// not damage but an I/O error.
type DamagedError struct {
	Path string
	Err  error
}

// ErrReplaced is a file that reads as Parquet but whose rows are not the
// reports recorded for it (Source.Reports, ReportKey): copied or restored
// over the file written there.
var ErrReplaced = errors.New("another file than the one juesuan wrote there")

func (e *DamagedError) Error() string {
	switch {
	case errors.Is(e.Err, fs.ErrNotExist):
		return fmt.Sprintf("%s is missing", e.Path)
	case errors.Is(e.Err, ErrReplaced):
		return fmt.Sprintf("%s is %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s is damaged: %v", e.Path, e.Err)
}

func (e *DamagedError) Unwrap() error { return e.Err }

// Check decodes every page of every column of the Parquet file at path
// (checksum, decompression, levels and values), as a merge would read
// them, and, unless reports is nil, tells whether its rows hold exactly
// those reports (as Source.Reports): a DamagedError where the file does
// not decode or holds other reports, the system's error where it cannot
// be read.
func Check(path string, reports []string) error {
	return check(path, newReportSet(reports))
}

// Reports returns the reports whose rows the Parquet file at path holds,
// in file order (a report twice if its rows are not together), reading
// every page as Check does: what a part holds when no state says.
func Reports(path string) ([]string, error) {
	ids := &reportSet{collect: true}
	if err := check(path, ids); err != nil {
		return nil, err
	}
	return ids.collected, nil
}

func check(path string, ids *reportSet) error {
	f, pf, err := open(path, parquet.SkipBloomFilters(true))
	if err != nil {
		return damaged(path, err)
	}
	defer f.Close()
	idCol := -1
	if ids != nil {
		leaf, ok := pf.Schema().Lookup(ReportIDColumn)
		if !ok {
			return &DamagedError{path, fmt.Errorf("%w: it has no %s column", ErrReplaced, ReportIDColumn)}
		}
		idCol = leaf.ColumnIndex
	}
	var values []parquet.Value
	for _, rg := range pf.RowGroups() {
		for i, chunk := range rg.ColumnChunks() {
			if ids != nil && ids.collect && i != idCol {
				continue // Reports reads the IDs only
			}
			var visit func(parquet.Page) error
			if i == idCol {
				if values == nil {
					values = make([]parquet.Value, 1024)
				}
				visit = func(p parquet.Page) error { return ids.page(p, values) }
			}
			if err := checkPages(chunk.Pages(), visit); err != nil {
				var bad *reportsError
				switch {
				case diskError(err):
					return err
				case errors.As(err, &bad):
					return &DamagedError{path, bad.err}
				}
				return &DamagedError{path, fmt.Errorf("column %s: %w", strings.Join(pf.Schema().Columns()[i], "."), err)}
			}
		}
	}
	if err := ids.end(); err != nil {
		return &DamagedError{path, err}
	}
	return nil
}

// checkPages reads every page of a column chunk, passing each to visit
// unless it is nil.
func checkPages(pages parquet.Pages, visit func(parquet.Page) error) error {
	defer pages.Close()
	for {
		p, err := pages.ReadPage()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if visit != nil {
			err = visit(p)
		}
		parquet.Release(p)
		if err != nil {
			return err
		}
	}
}

// damaged makes err, from opening or reading the file at path, a
// DamagedError, unless it is the disk's.
func damaged(path string, err error) error {
	if diskError(err) {
		return err
	}
	return &DamagedError{path, err}
}

// diskError reports whether err is the system's, not the file's bytes: a
// *fs.PathError (which names the file) other than a missing file.
func diskError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && !errors.Is(err, fs.ErrNotExist)
}

// departmentOf reads the department of a single-report file from its
// footer statistics (every row has the same one): the files are ordered
// before any is copied, without reading their pages.
func departmentOf(path string) (string, *parquet.Schema, error) {
	f, pf, err := open(path, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return "", nil, damaged(path, err)
	}
	defer f.Close()
	leaf, ok := pf.Schema().Lookup(DepartmentColumn)
	if !ok {
		return "", pf.Schema(), nil
	}
	for _, rg := range pf.Metadata().RowGroups {
		if leaf.ColumnIndex < len(rg.Columns) {
			st := rg.Columns[leaf.ColumnIndex].MetaData.Statistics
			if len(st.MinValue) > 0 {
				return string(st.MinValue), pf.Schema(), nil
			}
			if st.NullCount < rg.NumRows {
				dept, err := firstDepartment(pf, leaf.ColumnIndex, path)
				return dept, pf.Schema(), err
			}
		}
	}
	return "", pf.Schema(), nil
}

// firstDepartment reads it from the first row, for a file written without
// statistics.
func firstDepartment(pf *parquet.File, col int, path string) (string, error) {
	for _, rg := range pf.RowGroups() {
		rows := rg.Rows()
		buf := []parquet.Row{nil}
		n, err := rows.ReadRows(buf)
		rows.Close()
		if n == 1 {
			return valueString(buf[0], col), nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read %s: %w", path, err)
		}
	}
	return "", nil
}

func valueString(row parquet.Row, col int) string {
	for _, v := range row {
		if v.Column() == col {
			if v.IsNull() {
				return ""
			}
			return string(v.ByteArray())
		}
	}
	return ""
}

// stream reads a part report by report.
type stream struct {
	f       *os.File
	file    *parquet.File
	groups  []parquet.RowGroup
	rows    parquet.Rows
	buf     []parquet.Row
	i, n    int
	idCol   int
	deptCol int // -1: no department column
	done    bool

	reports *reportSet // recorded for the part; nil: not checked
}

func openStream(path string, reports []string) (*stream, error) {
	f, pf, err := open(path)
	if err != nil {
		return nil, damaged(path, err)
	}
	s := &stream{f: f, file: pf, groups: pf.RowGroups(), buf: make([]parquet.Row, 512), deptCol: -1}
	id, ok := pf.Schema().Lookup(ReportIDColumn)
	if !ok {
		f.Close()
		return nil, fmt.Errorf("%s has no %s column", path, ReportIDColumn)
	}
	s.idCol = id.ColumnIndex
	if d, ok := pf.Schema().Lookup(DepartmentColumn); ok {
		s.deptCol = d.ColumnIndex
	}
	s.reports = newReportSet(reports)
	return s, nil
}

// fill makes s.buf[s.i] the next row, or sets done.
func (s *stream) fill() error {
	for s.i >= s.n && !s.done {
		if s.rows == nil {
			if len(s.groups) == 0 {
				s.done = true
				return nil
			}
			s.rows = s.groups[0].Rows()
			s.groups = s.groups[1:]
		}
		n, err := s.rows.ReadRows(s.buf)
		s.i, s.n = 0, n
		if errors.Is(err, io.EOF) || (err == nil && n == 0) {
			s.rows.Close()
			s.rows = nil
			continue
		}
		if err != nil {
			return damaged(s.f.Name(), err)
		}
	}
	return nil
}

func (s *stream) peek() (key, bool, error) {
	if err := s.fill(); err != nil {
		return key{}, false, err
	}
	if s.done {
		if err := s.reports.end(); err != nil {
			return key{}, false, &DamagedError{s.f.Name(), err}
		}
		return key{}, false, nil
	}
	row := s.buf[s.i]
	k := key{id: valueString(row, s.idCol)}
	if s.deptCol >= 0 {
		k.dept = valueString(row, s.deptCol)
	}
	if err := s.reports.next(k.id); err != nil {
		return key{}, false, &DamagedError{s.f.Name(), err}
	}
	return k, true, nil
}

// copyReport writes the rows of the current report to w, or skips them
// when w is nil. It returns the rows written.
func (s *stream) copyReport(w *parquet.Writer) (written int64, err error) {
	k, ok, err := s.peek()
	if err != nil || !ok {
		return 0, err
	}
	conv, err := conversion(w0Schema(w, s), s.file.Schema(), s.f.Name())
	if err != nil {
		return 0, err
	}
	for {
		j := s.i
		for j < s.n && valueString(s.buf[j], s.idCol) == k.id {
			j++
		}
		if w != nil {
			rows := s.buf[s.i:j]
			if conv != nil {
				converted := make([]parquet.Row, len(rows))
				for i, r := range rows {
					converted[i] = r.Clone()
				}
				if _, err := conv.Convert(converted); err != nil {
					return written, fmt.Errorf("convert rows of %s: %w", s.f.Name(), err)
				}
				rows = converted
			}
			n, err := w.WriteRows(rows)
			written += int64(n)
			if err != nil {
				return written, fmt.Errorf("write rows of %s: %w", s.f.Name(), err)
			}
		}
		more := j == s.n
		s.i = j
		if !more {
			return written, nil
		}
		next, ok, err := s.peek()
		if err != nil || !ok || next.id != k.id {
			return written, err
		}
	}
}

func w0Schema(w *parquet.Writer, s *stream) *parquet.Schema {
	if w == nil {
		return s.file.Schema()
	}
	return w.Schema()
}

func (s *stream) close() {
	if s.rows != nil {
		s.rows.Close()
	}
	s.f.Close()
}
