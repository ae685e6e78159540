package compact

import (
	"fmt"
	"os"

	"github.com/parquet-go/parquet-go"
)

// Writer writes rows of one dataset partition into parts as Merge writes
// them (the same settings, row groups and part size), for a program that
// has the rows rather than files: the benchmark's generator of national-
// scale datasets. Reports must come in key order (department, then
// report_id), each once, as Merge expects of a part.
//
// The parts are written under temporary names, like Merge's, for the
// caller to publish.
type Writer[T any] struct {
	cfg   config
	dir   string
	part  *partFile
	w     *parquet.GenericWriter[T]
	parts []Part

	last     key
	started  bool
	inGroup  int   // reports in the open row group
	groupRow int64 // rows in the open row group
}

// NewWriter writes parts of T's columns in dir.
func NewWriter[T any](dir string, opts ...Option) *Writer[T] {
	return &Writer[T]{cfg: newConfig(opts), dir: dir}
}

// WriteReport appends one report's rows. Like Merge, it closes a row
// group every maxBatchFiles reports (or at the row group size) and a part
// at the first report boundary past the part size.
func (w *Writer[T]) WriteReport(department, reportID string, rows []T) error {
	k := key{department, reportID}
	if w.started && k.compare(w.last) <= 0 {
		return fmt.Errorf("report %s (%s) after %s (%s): reports must come in (department, report_id) order, each once",
			reportID, department, w.last.id, w.last.dept)
	}
	w.last, w.started = k, true
	if w.w == nil {
		p, err := createPart(w.dir)
		if err != nil {
			return err
		}
		w.part = p
		w.w = parquet.NewGenericWriter[T](p.buf, w.cfg.writerOptions()...)
	}
	if _, err := w.w.Write(rows); err != nil {
		return fmt.Errorf("write rows of %s to part: %w", reportID, err)
	}
	w.part.part.Reports = append(w.part.part.Reports, reportID)
	w.part.part.Rows += int64(len(rows))
	w.inGroup++
	w.groupRow += int64(len(rows))
	if w.inGroup >= maxBatchFiles || w.groupRow >= w.cfg.rowGroupRows {
		if err := w.w.Flush(); err != nil {
			return fmt.Errorf("write row group of part: %w", err)
		}
		w.inGroup, w.groupRow = 0, 0
	}
	if w.w.Size() >= w.cfg.partSize {
		return w.closePart()
	}
	return nil
}

func (w *Writer[T]) closePart() error {
	if w.w == nil {
		return nil
	}
	gw, p := w.w, w.part
	w.w, w.part = nil, nil
	w.inGroup, w.groupRow = 0, 0
	if err := p.finish(gw); err != nil {
		return err
	}
	w.parts = append(w.parts, p.part)
	return nil
}

// Close finishes the last part and returns every part written, in key
// order.
func (w *Writer[T]) Close() ([]Part, error) {
	if err := w.closePart(); err != nil {
		w.Abort()
		return nil, err
	}
	return w.parts, nil
}

// Abort removes every part written or being written.
func (w *Writer[T]) Abort() {
	if w.part != nil {
		w.part.discard()
		w.part, w.w = nil, nil
	}
	for _, p := range w.parts {
		os.Remove(p.Temp)
	}
	w.parts = nil
}
