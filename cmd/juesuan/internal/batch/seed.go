package batch

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"maps"
	"path"
	"slices"

	"github.com/juesuan/juesuan/schema"
)

// seedPartReports is how many seeded reports a seeded part lists: about
// what a 128 MB part of real line items holds.
const seedPartReports = 1000

// SeedState records n synthetic compacted reports in OUT's state, as a
// run and a compaction record real ones (RecordState: the same tables,
// rows and indexes: one input, one report row, and per dataset the part
// holding its rows), without their files: it builds the state of a large
// OUT in a minute, for the benchmark of a run into it (bench/state.sh).
// The Iceberg tables of the catalog opts name (Catalog) are committed in
// step with it, listing no file as none is in OUT, so that the next run finds
// them as a run leaves them. Only a run that converts other inputs works
// in such an OUT; compacting it fails, as its parts are missing. Reports
// spread over years fiscal years from 2015 and 5,000 departments.
func SeedState(ctx context.Context, out string, n, years int, opts ...Option) error {
	return RecordState(ctx, out, func(rec *Recorder) error {
		parts := map[string][]int32{} // part → its reports' i, in file order
		for i := range n {
			if i%recordPerTx == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			r := seededReport(i, years)
			if err := rec.Report(r); err != nil {
				return err
			}
			for _, f := range r.Files {
				parts[f] = append(parts[f], int32(i))
			}
		}
		for _, rel := range slices.Sorted(maps.Keys(parts)) {
			ids := make([]string, len(parts[rel]))
			for k, i := range parts[rel] {
				ids[k] = seededID(int(i))
			}
			if err := rec.Part(rel, ids); err != nil {
				return err
			}
		}
		return nil
	}, opts...)
}

func seededID(i int) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "juesuan seeded report %d", i))
	return hex.EncodeToString(sum[:])
}

// seededReport is the i-th synthetic report: every seedPartReports
// reports of a year share a part.
func seededReport(i, years int) *RecordedReport {
	year := int32(2015 + i%years)
	nth := i / years
	r := &RecordedReport{
		Source: fmt.Sprintf("/seeded/inputs/%d/%07d.pdf", year, i), Size: int64(400_000 + i%1000),
		ID: seededID(i), Status: schema.StatusOK, Tables: 9, ChecksFailed: 1,
		ChecksPass: 150, ChecksFail: 1, ChecksSkipped: 12, ChecksInfo: 7, ToolVersion: "seed",
		Department: fmt.Sprintf("seeded department %04d", i%5000), FiscalYear: &year,
	}
	for _, ds := range schema.Datasets {
		h := sha256.Sum256(fmt.Appendf(nil, "%s %d %d", ds, year, nth/seedPartReports))
		r.Files = append(r.Files, path.Join(ds, schema.PartitionDir(&year), "part-"+hex.EncodeToString(h[:8])+".parquet"))
	}
	return r
}

// seedInserts are the statements a seeded report takes, prepared once per
// transaction: the rows are those putSource, putReport and putPart write.
type seedInserts struct{ source, report, file, part, partReport *sql.Stmt }

func prepareSeed(tx *stateTx) (*seedInserts, error) {
	var s seedInserts
	for _, p := range []struct {
		stmt **sql.Stmt
		q    string
	}{
		{&s.source, `INSERT OR REPLACE INTO juesuan_sources (path, report_id, size) VALUES (?, ?, ?)`},
		{&s.report, `INSERT OR REPLACE INTO juesuan_reports (report_id, status, error, tables, checks_failed,
			checks_pass, checks_fail, checks_skipped, checks_info, tool_version, department, fiscal_year, retry)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`},
		{&s.file, `INSERT OR IGNORE INTO juesuan_files (report_id, path) VALUES (?, ?)`},
		{&s.part, `INSERT OR IGNORE INTO juesuan_parts (path, dirty) VALUES (?, 0)`},
		{&s.partReport, `INSERT OR REPLACE INTO juesuan_part_reports (part, seq, report_id) VALUES (?, ?, ?)`},
	} {
		var err error
		if *p.stmt, err = tx.Prepare(p.q); err != nil {
			s.close()
			return nil, err
		}
	}
	return &s, nil
}

func (s *seedInserts) close() {
	for _, st := range []*sql.Stmt{s.source, s.report, s.file, s.part, s.partReport} {
		if st != nil {
			st.Close()
		}
	}
}
