// Package outdir reads back the datasets that juesuan convert wrote under
// an OUT folder, for the commands that present them (export) without
// converting the PDFs again.
package outdir

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

// ErrNotOut is returned for a folder that holds no datasets.
var ErrNotOut = errors.New("not an OUT folder of juesuan convert (no reports/ or line_items/ datasets in it)")

// Is reports whether dir looks like an OUT folder: it has a reports or
// line_items dataset.
func Is(dir string) bool {
	for _, ds := range []string{schema.DatasetReports, schema.DatasetLineItems} {
		if fi, err := os.Stat(filepath.Join(dir, ds)); err == nil && fi.IsDir() {
			return true
		}
	}
	return false
}

// Report is one report row, its line items and its checks.
type Report struct {
	Meta   schema.Report
	Items  []schema.LineItem
	Checks []schema.Check
}

// Read returns every report under dir with its line items and checks, ordered by
// department, year and report ID. A report without line items (failed) is
// included with none.
func Read(dir string) ([]Report, error) {
	if !Is(dir) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotOut)
	}
	metas, err := readDataset(dir, schema.DatasetReports, func(r schema.Report) string { return r.ReportID })
	if err != nil {
		return nil, err
	}
	items, err := readDataset(dir, schema.DatasetLineItems, func(r schema.LineItem) string { return r.ReportID })
	if err != nil {
		return nil, err
	}
	checks, err := readDataset(dir, schema.DatasetChecks, func(r schema.Check) string { return r.ReportID })
	if err != nil {
		return nil, err
	}
	byID := map[string]*Report{}
	var out []*Report
	get := func(id string) *Report {
		if r, ok := byID[id]; ok {
			return r
		}
		r := &Report{Meta: schema.Report{ReportID: id}}
		byID[id] = r
		out = append(out, r)
		return r
	}
	for _, m := range metas {
		get(m.ReportID).Meta = m
	}
	for _, it := range items {
		r := get(it.ReportID)
		r.Items = append(r.Items, it)
		if r.Meta.Department == nil { // items without a reports row (compacted, or partly written)
			r.Meta.Department, r.Meta.FiscalYear = it.Department, it.FiscalYear
		}
	}
	for _, c := range checks {
		if r, ok := byID[c.ReportID]; ok { // checks of a report otherwise unknown say nothing to export
			r.Checks = append(r.Checks, c)
		}
	}
	res := make([]Report, len(out))
	for i, r := range out {
		res[i] = *r
	}
	slices.SortFunc(res, func(a, b Report) int { return Compare(a.Meta, b.Meta) })
	return res, nil
}

// Compare orders reports as Read returns them: by department, year and
// report ID.
func Compare(a, b schema.Report) int {
	return cmp.Or(cmp.Compare(deref(a.Department), deref(b.Department)),
		cmp.Compare(year(a.FiscalYear), year(b.FiscalYear)), cmp.Compare(a.ReportID, b.ReportID))
}

// readDataset reads every Parquet file of one dataset, any partition.
// Files written by an older juesuan lack newer columns: those read as
// zero values. A report's rows are in one file of a dataset (its own, or
// a part): rows of one report in two files are an error, not figures
// exported twice.
func readDataset[T any](dir, dataset string, reportID func(T) string) ([]T, error) {
	files, err := filepath.Glob(filepath.Join(dir, dataset, "*", "*.parquet"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var rows []T
	fileOf := map[string]string{} // report → the file its rows came from
	for _, f := range files {
		if schema.IsTemp(filepath.Base(f)) {
			continue
		}
		rs, err := parquet.ReadFile[T](f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f, err)
		}
		for _, r := range rs {
			id := reportID(r)
			if prev, ok := fileOf[id]; ok && prev != f {
				return nil, fmt.Errorf("report %s has rows in two files of %s, %s and %s: %w", id, dataset, prev, f, ErrTwice)
			}
			fileOf[id] = f
		}
		rows = append(rows, rs...)
	}
	return rows, nil
}

// ErrTwice is a report whose rows a glob of OUT's folders reads twice.
var ErrTwice = errors.New("a compaction was under way or was cut short (run juesuan compact or convert again, then export), " +
	"or a file was copied into OUT by hand (juesuan compact sets aside a file its state does not list)")

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func year(y *int32) int32 {
	if y == nil {
		return 0
	}
	return *y
}
