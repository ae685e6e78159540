package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/schema"
)

// scaleOut is an OUT being written by -scale.
type scaleOut struct {
	g         *generator
	out       string
	n, fresh  int // reports, and the last fresh of them as own files
	ids       []string
	partRels  []string           // every part, relative to OUT
	partTemps []string           // its temporary path until published
	partRepts [][]string         // its reports
	partOf    map[string][]int32 // dataset → report I → index in partRels, -1 for none
	rows      map[string]int64   // dataset → rows written
	mu        sync.Mutex
}

// unit is a share of the work: one dataset partition's parts, or a run
// of fresh reports' own files.
type unit struct {
	dataset    string
	year       int // index: 2015 + year
	order      []int
	freshFirst int
	freshEnd   int
}

// writeScale writes n reports into out: the first n-fresh into parts, the
// last fresh as their own files, and the batch state and Iceberg tables
// that list both.
func writeScale(ctx context.Context, g *generator, out string, n, fresh, jobs int, opts ...batch.Option) (string, error) {
	start := time.Now()
	if _, err := os.Stat(filepath.Join(out, batch.StateName)); err == nil {
		return "", fmt.Errorf("%s already holds a juesuan OUT: give an empty or new folder", out)
	}
	s := &scaleOut{g: g, out: out, n: n, fresh: fresh, ids: make([]string, n), partOf: map[string][]int32{}, rows: map[string]int64{}}
	for i := range s.ids {
		s.ids[i] = reportID(i)
	}
	for _, ds := range schema.Datasets {
		s.partOf[ds] = slices.Repeat([]int32{-1}, n)
		for y := range g.years {
			year := int32(2015 + y)
			if err := os.MkdirAll(filepath.Join(out, ds, schema.PartitionDir(&year)), 0o755); err != nil {
				return "", err
			}
		}
	}

	// The compacted reports of each partition in the order parts hold
	// them: department, then report ID.
	byYear := make([][]int, g.years)
	for i := range n - fresh {
		byYear[i%g.years] = append(byYear[i%g.years], i)
	}
	var units []unit
	for _, ds := range schema.Datasets {
		for y, order := range byYear {
			if ds == schema.Datasets[0] {
				slices.SortFunc(order, func(a, b int) int {
					return cmp.Or(cmp.Compare(g.names[g.dept(a)], g.names[g.dept(b)]), cmp.Compare(s.ids[a], s.ids[b]))
				})
			}
			if len(order) > 0 {
				units = append(units, unit{dataset: ds, year: y, order: order})
			}
		}
	}
	for first := n - fresh; first < n; first += 500 {
		units = append(units, unit{freshFirst: first, freshEnd: min(first+500, n)})
	}

	if err := s.runUnits(ctx, units, jobs); err != nil {
		return "", err
	}
	written := time.Since(start)
	if err := s.publish(); err != nil {
		return "", err
	}
	recorded := time.Now()
	if err := recordState(ctx, s, opts...); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d reports (%d in %d parts, %d as their own files) from %d templates: %d line items, %d checks, %d statements; files in %s, state and Iceberg tables in %s, all in %s",
		n, n-fresh, len(s.partRels), fresh, len(g.templates), s.rows[schema.DatasetLineItems], s.rows[schema.DatasetChecks],
		s.rows[schema.DatasetStatements], written.Round(time.Millisecond), time.Since(recorded).Round(time.Millisecond), time.Since(start).Round(time.Millisecond)), nil
}

// runUnits runs units on jobs goroutines; the first error stops them, and
// the parts written are removed.
func (s *scaleOut) runUnits(ctx context.Context, units []unit, jobs int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan unit)
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sc scratch
			for u := range next {
				if err := s.runUnit(ctx, u, &sc); err != nil {
					once.Do(func() { first = err })
					cancel()
				}
			}
		}()
	}
	for _, u := range units {
		if ctx.Err() != nil {
			break
		}
		next <- u
	}
	close(next)
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	if first != nil {
		for _, p := range s.partTemps {
			os.Remove(p)
		}
	}
	return first
}

func (s *scaleOut) runUnit(ctx context.Context, u unit, sc *scratch) error {
	if u.dataset == "" {
		return s.writeOwn(ctx, u, sc)
	}
	switch u.dataset {
	case schema.DatasetLineItems:
		return writeParts(ctx, s, u, sc.lineItemsOf)
	case schema.DatasetChecks:
		return writeParts(ctx, s, u, sc.checksOf)
	case schema.DatasetStatements:
		return writeParts(ctx, s, u, sc.statementsOf)
	case schema.DatasetReports:
		return writeParts(ctx, s, u, func(r *synthReport) []schema.Report { return []schema.Report{r.row()} })
	}
	return fmt.Errorf("no rows for dataset %s", u.dataset)
}

// writeParts writes one dataset partition's compacted reports into parts,
// unpublished, and records them.
func writeParts[T any](ctx context.Context, s *scaleOut, u unit, rowsOf func(*synthReport) []T) error {
	year := int32(2015 + u.year)
	dir := filepath.Join(s.out, u.dataset, schema.PartitionDir(&year))
	w := compact.NewWriter[T](dir, compact.CreatedBy("juesuan "+toolVersion), compact.Metadata("juesuan.tool_version", toolVersion))
	var rows int64
	var written []int // reports with rows, in part order
	for k, i := range u.order {
		if k%256 == 0 && ctx.Err() != nil {
			w.Abort()
			return ctx.Err()
		}
		r := s.g.report(i, s.g.inputPath(i))
		rs := rowsOf(r)
		if len(rs) == 0 {
			continue // as the batch, which writes no file for no rows
		}
		if err := w.WriteReport(r.dept, r.id, rs); err != nil {
			w.Abort()
			return fmt.Errorf("%s: %w", dir, err)
		}
		rows += int64(len(rs))
		written = append(written, i)
	}
	parts, err := w.Close()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rows[u.dataset] += rows
	k := 0
	for _, p := range parts {
		idx := int32(len(s.partRels))
		s.partRels = append(s.partRels, filepath.ToSlash(filepath.Join(u.dataset, schema.PartitionDir(&year), p.Name)))
		s.partTemps = append(s.partTemps, p.Temp)
		s.partRepts = append(s.partRepts, p.Reports)
		for _, id := range p.Reports {
			if k >= len(written) || s.ids[written[k]] != id {
				return fmt.Errorf("part %s holds report %s out of the order written", p.Temp, id)
			}
			s.partOf[u.dataset][written[k]] = idx
			k++
		}
	}
	if k != len(written) {
		return fmt.Errorf("%s: %d reports written, %d in parts", dir, len(written), k)
	}
	return nil
}

// writeOwn writes fresh reports' own files, as convert does (without its
// fsyncs: the benchmark needs the bytes, not their durability).
func (s *scaleOut) writeOwn(ctx context.Context, u unit, sc *scratch) error {
	var rows [4]int64
	for i := u.freshFirst; i < u.freshEnd; i++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r := s.g.report(i, s.g.inputPath(i))
		meta := []schema.WriteOption{
			schema.WithMetadata("juesuan.tool_version", toolVersion),
			schema.WithMetadata("juesuan.source_sha256", r.id),
		}
		for d, ds := range schema.Datasets {
			var data []byte
			var n int
			var err error
			switch ds {
			case schema.DatasetLineItems:
				rs := sc.lineItemsOf(r)
				n = len(rs)
				data, err = schema.Encode(rs, meta...)
			case schema.DatasetChecks:
				rs := sc.checksOf(r)
				n = len(rs)
				data, err = schema.Encode(rs, meta...)
			case schema.DatasetStatements:
				rs := sc.statementsOf(r)
				n = len(rs)
				data, err = schema.Encode(rs, meta...)
			case schema.DatasetReports:
				n = 1
				data, err = schema.Encode([]schema.Report{r.row()}, meta...)
			}
			if err != nil {
				return fmt.Errorf("report %d, %s: %w", i, ds, err)
			}
			if n == 0 {
				continue
			}
			if err := os.WriteFile(filepath.Join(s.out, schema.RelPath(ds, &r.year, r.id)), data, 0o644); err != nil {
				return err
			}
			rows[d] += int64(n)
		}
	}
	s.mu.Lock()
	for d, ds := range schema.Datasets {
		s.rows[ds] += rows[d]
	}
	s.mu.Unlock()
	return nil
}

// publish renames every part to its final name.
func (s *scaleOut) publish() error {
	for k, rel := range s.partRels {
		if err := os.Rename(s.partTemps[k], filepath.Join(s.out, rel)); err != nil {
			return fmt.Errorf("publish part: %w", err)
		}
	}
	return nil
}
