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
// present and together, no other report's. While the rows come in the
// recorded order (a part juesuan wrote, recorded as written) it compares
// each report with the next of that order; at the first report out of it
// (a state migrated from a manifest, say) it goes on as a set.
type reportSet struct {
	order []string // the recorded reports, as given
	pos   int      // order[:pos] began, in order

	want map[string]bool // once out of order: true once the report's rows began
	seen int             // reports of want that began

	cur string // the report whose rows are being read

	// collect: nothing is checked; each report is appended to collected
	// as its rows begin (Reports).
	collect   bool
	collected []string
}

// newReportSet is nil, checking nothing, for nil ids.
func newReportSet(ids []string) *reportSet {
	if ids == nil {
		return nil
	}
	return &reportSet{order: ids}
}

// nextBytes is next without allocating while the rows are those of the
// current report or the next in order.
func (r *reportSet) nextBytes(id []byte) error {
	switch {
	case r == nil || string(id) == r.cur:
		return nil
	case r.collect:
		r.cur = string(id)
		r.collected = append(r.collected, r.cur)
		return nil
	case r.want == nil && r.pos < len(r.order) && string(id) == r.order[r.pos]:
		r.cur = r.order[r.pos]
		r.pos++
		return nil
	}
	return r.next(string(id))
}

// next takes the report ID of the next row.
func (r *reportSet) next(id string) error {
	if r == nil || id == r.cur {
		return nil
	}
	if r.want == nil {
		if r.pos < len(r.order) && id == r.order[r.pos] {
			r.cur = id
			r.pos++
			return nil
		}
		r.toSet()
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

// toSet leaves the recorded order: the reports of order[:pos] began.
func (r *reportSet) toSet() {
	r.want = make(map[string]bool, len(r.order))
	for i, id := range r.order {
		r.want[id] = r.want[id] || i < r.pos
	}
	r.seen = 0
	for _, began := range r.want {
		if began {
			r.seen++
		}
	}
}

// end tells whether every recorded report's rows were seen.
func (r *reportSet) end() error {
	if r == nil {
		return nil
	}
	if r.want == nil {
		if r.pos == len(r.order) {
			return nil
		}
		r.toSet()
	}
	if r.seen == len(r.want) {
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
		// rows: comparing indexes rather than values halved the cost of
		// compact --check.
		last := int32(-1)
		data := p.Data()
		for _, i := range data.Int32() {
			if i != last {
				last = i
				if err := r.nextBytes(dict.Index(i).ByteArray()); err != nil {
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
			if err := r.nextBytes(v.ByteArray()); err != nil {
				return &reportsError{err}
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
