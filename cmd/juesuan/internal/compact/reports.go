package compact

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/parquet-go/parquet-go"
)

// reportSet checks the report IDs of a part's rows, in file order,
// against the reports recorded for it: each recorded report's rows
// present and together, no other report's.
type reportSet struct {
	want map[string]bool // true once the report's rows began
	seen int
	cur  string // the report whose rows are being read
}

// newReportSet is nil, checking nothing, for nil ids.
func newReportSet(ids []string) *reportSet {
	if ids == nil {
		return nil
	}
	r := &reportSet{want: make(map[string]bool, len(ids))}
	for _, id := range ids {
		r.want[id] = false
	}
	return r
}

// next takes the report ID of the next row.
func (r *reportSet) next(id string) error {
	if r == nil || id == r.cur {
		return nil
	}
	began, recorded := r.want[id]
	switch {
	case !recorded:
		return fmt.Errorf("%w: it holds rows of report %q, not recorded for it", ErrReplaced, id)
	case began:
		return fmt.Errorf("%w: the rows of report %s are not together", ErrReplaced, id)
	}
	r.want[id] = true
	r.seen++
	r.cur = id
	return nil
}

// end tells whether every recorded report's rows were seen.
func (r *reportSet) end() error {
	if r == nil || r.seen == len(r.want) {
		return nil
	}
	var missing []string
	for id, began := range r.want {
		if !began {
			missing = append(missing, id)
		}
	}
	return fmt.Errorf("%w: it lacks %d of the %d reports recorded for it, e.g. %s", ErrReplaced,
		len(missing), len(r.want), slices.Min(missing))
}

// reportsError is a part's report IDs not matching those recorded for
// it, told from an error decoding its pages.
type reportsError struct{ err error }

func (e *reportsError) Error() string { return e.err.Error() }

// page takes the report IDs of a page of the report_id column.
func (r *reportSet) page(p parquet.Page, buf []parquet.Value) error {
	if dict := p.Dictionary(); dict != nil {
		// A part's IDs are dictionary indexes, in runs of a report's
		// rows: comparing indexes rather than values halves the cost of
		// compact --check.
		last := int32(-1)
		data := p.Data()
		for _, i := range data.Int32() {
			if i != last {
				last = i
				if err := r.next(string(dict.Index(i).ByteArray())); err != nil {
					return &reportsError{err}
				}
			}
		}
		return nil
	}
	values := p.Values()
	for {
		n, err := values.ReadValues(buf)
		for _, v := range buf[:n] {
			if id := v.ByteArray(); string(id) != r.cur {
				if err := r.next(string(id)); err != nil {
					return &reportsError{err}
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
