package batch

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path"

	"github.com/juesuan/juesuan/schema"
)

// seedPartReports is how many seeded reports a seeded part lists: about
// what a 128 MB part of real line items holds.
const seedPartReports = 1000

// SeedState records n synthetic compacted reports in OUT's state, as a
// run and a compaction record real ones (the same tables, rows and
// indexes: one input, one report row, and per dataset the part holding its
// rows), without their files: it builds the state of a large OUT in a
// minute, for the benchmark of a run into it (bench/state.sh). Only a run
// that converts other inputs works in such an OUT; compacting it fails,
// as its parts are missing. Reports spread over years fiscal years from
// 2015 and 5,000 departments.
func SeedState(ctx context.Context, out string, n, years int) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	st, err := openStore(ctx, out, false, func(string) {})
	if err != nil {
		return err
	}
	defer st.close()
	// A large page cache: the rows go in by random report IDs, all over the
	// indexes.
	if _, err := st.db.Exec(`PRAGMA synchronous = OFF; PRAGMA cache_size = -262144`); err != nil {
		return err
	}
	const perTx = 10000
	for start := 0; start < n; start += perTx {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := st.update(func(tx *sql.Tx) error {
			ins, err := prepareSeed(tx)
			if err != nil {
				return err
			}
			defer ins.close()
			for i := start; i < min(start+perTx, n); i++ {
				if err := ins.add(i, years); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// seedInserts are the statements a seeded report takes, prepared once per
// transaction: the rows are those putSource, putReport and putPart write.
type seedInserts struct{ source, report, file, part, partReport *sql.Stmt }

func prepareSeed(tx *sql.Tx) (*seedInserts, error) {
	var s seedInserts
	for _, p := range []struct {
		stmt **sql.Stmt
		q    string
	}{
		{&s.source, `INSERT OR REPLACE INTO juesuan_sources (path, report_id, size) VALUES (?, ?, ?)`},
		{&s.report, `INSERT OR REPLACE INTO juesuan_reports (report_id, status, error, tables, checks_failed,
			checks_pass, checks_fail, checks_skipped, checks_info, tool_version, department, fiscal_year, retry)
			VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`},
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

// add records the i-th synthetic report.
func (s *seedInserts) add(i, years int) error {
	sum := sha256.Sum256(fmt.Appendf(nil, "juesuan seeded report %d", i))
	id := hex.EncodeToString(sum[:])
	year := 2015 + i%years
	// The reports of a year are numbered i/years; every seedPartReports of
	// them share a part.
	nth := i / years
	if _, err := s.source.Exec(fmt.Sprintf("/seeded/inputs/%d/%07d.pdf", year, i), id, 400_000+i%1000); err != nil {
		return err
	}
	if _, err := s.report.Exec(id, schema.StatusOK, 9, 1, 150, 1, 12, 7, "seed", fmt.Sprintf("seeded department %04d", i%5000), year); err != nil {
		return err
	}
	for _, ds := range schema.Datasets {
		h := sha256.Sum256(fmt.Appendf(nil, "%s %d %d", ds, year, nth/seedPartReports))
		rel := path.Join(ds, fmt.Sprintf("fiscal_year=%d", year), "part-"+hex.EncodeToString(h[:8])+".parquet")
		if _, err := s.file.Exec(id, rel); err != nil {
			return err
		}
		if _, err := s.part.Exec(rel); err != nil {
			return err
		}
		if _, err := s.partReport.Exec(rel, nth%seedPartReports, id); err != nil {
			return err
		}
	}
	return nil
}
