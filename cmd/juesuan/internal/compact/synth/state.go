package main

import (
	"context"
	"path/filepath"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/schema"
)

// recordState records s in OUT's batch state (juesuan.db) as a run and a
// compaction record its reports: each report's input, outcome and files
// (its part per dataset, or its own files for the fresh ones), and each
// part's reports in file order; then the Iceberg tables are committed in
// step with it (batch.RecordState).
func recordState(ctx context.Context, s *scaleOut, opts ...batch.Option) error {
	counts := map[*juesuan.Result]map[string]int{}
	for _, t := range s.g.templates {
		n := map[string]int{}
		for _, ch := range t.Checks {
			n[ch.Status]++
		}
		counts[t] = n
	}
	return batch.RecordState(ctx, s.out, func(rec *batch.Recorder) error {
		for i := range s.n {
			if i%10000 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			r := s.g.report(i, "")
			rep := r.t.Report
			c := counts[r.t]
			entry := &batch.RecordedReport{
				Source: s.g.inputPath(i), Size: int64(len(input(i))), ID: r.id,
				Status: rep.Status, Error: deref(rep.Error), Tables: int(rep.Tables), ChecksFailed: int(rep.ChecksFailed),
				ChecksPass: c[schema.CheckPass], ChecksFail: c[schema.CheckFail], ChecksSkipped: c[schema.CheckSkipped], ChecksInfo: c[schema.CheckInfo],
				ToolVersion: toolVersion, Department: r.dept, FiscalYear: &r.year,
			}
			for _, ds := range schema.Datasets {
				if k := s.partOf[ds][i]; k >= 0 {
					entry.Files = append(entry.Files, s.partRels[k])
				} else if i >= s.n-s.fresh && datasetRows(r, ds) > 0 {
					entry.Files = append(entry.Files, filepath.ToSlash(schema.RelPath(ds, &r.year, r.id)))
				}
			}
			if err := rec.Report(entry); err != nil {
				return err
			}
		}
		for k, rel := range s.partRels {
			if err := rec.Part(rel, s.partRepts[k]); err != nil {
				return err
			}
		}
		return nil
	}, opts...)
}

// datasetRows is how many rows report r has in dataset ds.
func datasetRows(r *synthReport, ds string) int {
	switch ds {
	case schema.DatasetLineItems:
		return len(r.t.LineItems)
	case schema.DatasetChecks:
		return len(r.t.Checks)
	case schema.DatasetStatements:
		return len(r.t.Statements)
	}
	return 1
}
