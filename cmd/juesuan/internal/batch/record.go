package batch

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
)

// RecordedReport is a converted report as a run records it: the input it
// came from, its outcome and the dataset files holding its rows (its own
// files, or the parts a compaction put them in), relative to OUT.
type RecordedReport struct {
	Source                                            string // the input's path
	Size                                              int64  // the input's size in bytes
	ID                                                string // report_id
	Status, Error                                     string
	Tables, ChecksFailed                              int
	ChecksPass, ChecksFail, ChecksSkipped, ChecksInfo int
	ToolVersion, Department                           string
	FiscalYear                                        *int32
	Files                                             []string
}

// Recorder writes reports and parts into a new state (RecordState).
type Recorder struct {
	st  *store
	tx  *sql.Tx
	ins *seedInserts
	n   int // rows in tx
}

// recordPerTx is how many reports and parts a recording transaction holds.
const recordPerTx = 10000

// RecordState creates OUT's state (it must have none) and fills it with
// fill, in the rows a run and a compaction write for the same reports and
// parts (putSource, putReport, putPart), as a generator of large OUTs
// writes them (synth -scale, seedstate) without converting anything. Then
// the Iceberg tables of the catalog opts name (Catalog; none by default, as
// for New) are brought in line with it as the first run would (one commit
// per dataset listing the state's files that are in OUT): the next run
// finds state and tables in step, as in an OUT that runs built.
func RecordState(ctx context.Context, out string, fill func(*Recorder) error, opts ...Option) error {
	if _, err := os.Lstat(filepath.Join(out, StateName)); err == nil {
		return fmt.Errorf("%s already holds a juesuan state: give an empty or new folder", out)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	st, err := openStore(ctx, out, false, func(string) {})
	if err != nil {
		return err
	}
	// Nothing to keep if the generator dies halfway, and a large page
	// cache: rows go in by random report IDs, all over the indexes.
	if _, err := st.db.Exec(`PRAGMA synchronous = OFF; PRAGMA cache_size = -262144`); err != nil {
		st.close()
		return st.stateError("cannot write", err)
	}
	rec := &Recorder{st: st}
	err = fill(rec)
	if err == nil {
		err = rec.commit()
	} else if rec.tx != nil {
		rec.tx.Rollback()
		rec.ins.close()
	}
	if cerr := st.close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	// takeOut opens the tables and repairs them as behind the state.
	r := New(out, nil, opts...)
	release, err := r.takeOut(ctx, false)
	if err != nil {
		return err
	}
	release()
	return nil
}

// Report records a converted report: its input, its outcome and its files.
func (rc *Recorder) Report(r *RecordedReport) error {
	if err := rc.begin(); err != nil {
		return err
	}
	if _, err := rc.ins.source.Exec(r.Source, r.ID, r.Size); err != nil {
		return rc.st.stateError("cannot write", err)
	}
	var fy any
	if r.FiscalYear != nil {
		fy = int64(*r.FiscalYear)
	}
	if _, err := rc.ins.report.Exec(r.ID, r.Status, r.Error, r.Tables, r.ChecksFailed, r.ChecksPass, r.ChecksFail,
		r.ChecksSkipped, r.ChecksInfo, r.ToolVersion, r.Department, fy); err != nil {
		return rc.st.stateError("cannot write", err)
	}
	for _, f := range r.Files {
		if _, err := rc.ins.file.Exec(r.ID, filepath.ToSlash(f)); err != nil {
			return rc.st.stateError("cannot write", err)
		}
	}
	return nil
}

// Part records a part (relative to OUT) and the reports it holds, in file
// order.
func (rc *Recorder) Part(rel string, reports []string) error {
	if err := rc.begin(); err != nil {
		return err
	}
	rel = filepath.ToSlash(rel)
	if _, err := rc.ins.part.Exec(rel); err != nil {
		return rc.st.stateError("cannot write", err)
	}
	for seq, id := range reports {
		if _, err := rc.ins.partReport.Exec(rel, seq, id); err != nil {
			return rc.st.stateError("cannot write", err)
		}
	}
	return nil
}

// begin starts a transaction, committing the one before when it is full.
func (rc *Recorder) begin() error {
	if rc.tx != nil && rc.n < recordPerTx {
		rc.n++
		return nil
	}
	if err := rc.commit(); err != nil {
		return err
	}
	tx, err := rc.st.db.Begin()
	if err != nil {
		return rc.st.stateError("cannot write", err)
	}
	ins, err := prepareSeed(&stateTx{Tx: tx})
	if err != nil {
		tx.Rollback()
		return rc.st.stateError("cannot write", err)
	}
	rc.tx, rc.ins, rc.n = tx, ins, 1
	return nil
}

func (rc *Recorder) commit() error {
	if rc.tx == nil {
		return nil
	}
	rc.ins.close()
	err := rc.tx.Commit()
	rc.tx, rc.ins = nil, nil
	if err != nil {
		return rc.st.stateError("cannot write", err)
	}
	return nil
}
