package main

import (
	"context"
	"database/sql"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
)

// The fixtures whose text states figures: -scale takes only templates
// with statements.
var narrativeFixtures = []string{
	"../../../../../fixtures/y2020_chromium_narrative.pdf",
	"../../../../../fixtures/sh2024_chromium_narrative.pdf",
}

// TestScale writes a small OUT with -scale and checks it: every report's
// rows are its template's, in the partition of its year, with its own ID,
// department and amounts; the parts hold their reports in key order; the
// batch state lists every file and the Iceberg tables the same; and
// juesuan's compaction reads it, leaving the same rows with state and
// tables in step.
func TestScale(t *testing.T) {
	const n, fresh = 60, 12
	templates, err := loadTemplates(context.Background(), narrativeFixtures, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(templates) != len(narrativeFixtures) {
		t.Fatalf("%d templates, want %d", len(templates), len(narrativeFixtures))
	}
	out := filepath.Join(t.TempDir(), "out")
	g := newGenerator(templates, 3, 7, out+".inputs")
	if _, err := writeScale(context.Background(), g, out, n, fresh, 2, batch.Catalog("")); err != nil {
		t.Fatal(err)
	}
	before := readOut(t, out)
	checkReports(t, g, before, n)

	// Parts hold reports in (department, report_id) order; own files are
	// the fresh reports'.
	st := readState(t, out)
	for rel, ids := range st.parts {
		keys := make([]string, len(ids))
		for k, id := range ids {
			keys[k] = st.dept[id] + "\x00" + id
		}
		if !slices.IsSorted(keys) {
			t.Errorf("part %s: reports not in key order", rel)
		}
	}
	if len(st.dept) != n || st.sources != n {
		t.Errorf("state: %d reports, %d sources, want %d", len(st.dept), st.sources, n)
	}
	for i := range n {
		files := st.files[reportID(i)]
		if len(files) != len(schema.Datasets) {
			t.Fatalf("report %d: files %v", i, files)
		}
		for _, f := range files {
			own := !compact.IsPartName(path.Base(f))
			if own != (i >= n-fresh) {
				t.Errorf("report %d: file %s", i, f)
			}
		}
	}
	checkInStep(t, out, st)

	if _, err := batch.New(out, g.convert, batch.Catalog("")).Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*", "fiscal_year=*", "*.parquet"))
	for _, f := range files {
		if !compact.IsPartName(filepath.Base(f)) {
			t.Errorf("own file %s left after compaction", f)
		}
	}
	after := readOut(t, out)
	for ds, rows := range before {
		if !slices.Equal(rows, after[ds]) {
			t.Errorf("%s: rows differ after compaction", ds)
		}
	}
	st = readState(t, out)
	if len(st.dept) != n || st.sources != n {
		t.Errorf("state after compaction: %d reports, %d sources, want %d", len(st.dept), st.sources, n)
	}
	checkInStep(t, out, st)
}

// outState is what an OUT's batch state records.
type outState struct {
	sources int
	dept    map[string]string   // report_id → department
	files   map[string][]string // report_id → its files
	parts   map[string][]string // part → its reports in file order
}

func readState(t *testing.T, out string) outState {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(out, batch.StateName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := outState{dept: map[string]string{}, files: map[string][]string{}, parts: map[string][]string{}}
	if err := db.QueryRow(`SELECT count(*) FROM juesuan_sources`).Scan(&st.sources); err != nil {
		t.Fatal(err)
	}
	each := func(q string, fn func(a, b string)) {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var a, b string
			if err := rows.Scan(&a, &b); err != nil {
				t.Fatal(err)
			}
			fn(a, b)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	each(`SELECT report_id, department FROM juesuan_reports WHERE status = 'ok'`, func(id, d string) { st.dept[id] = d })
	each(`SELECT report_id, path FROM juesuan_files ORDER BY path`, func(id, p string) { st.files[id] = append(st.files[id], p) })
	each(`SELECT part, report_id FROM juesuan_part_reports ORDER BY part, seq`, func(p, id string) { st.parts[p] = append(st.parts[p], id) })
	return st
}

// checkInStep: the files in OUT are those the state lists, each part's
// reports name it as their file, and every dataset's Iceberg table lists
// the same files at the state's sequence number (a run finds nothing to
// repair).
func checkInStep(t *testing.T, out string, st outState) {
	t.Helper()
	listed := map[string]bool{}
	for _, files := range st.files {
		for _, f := range files {
			listed[f] = true
		}
	}
	for part, ids := range st.parts {
		for _, id := range ids {
			if !slices.Contains(st.files[id], part) {
				t.Errorf("part %s holds report %s, whose files are %v", part, id, st.files[id])
			}
		}
	}
	onDisk := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(out, "*", "fiscal_year=*", "*.parquet"))
	for _, f := range files {
		rel, _ := filepath.Rel(out, f)
		onDisk[filepath.ToSlash(rel)] = true
	}
	if !maps.Equal(listed, onDisk) {
		t.Errorf("state lists %d files, OUT holds %d", len(listed), len(onDisk))
	}
	l, err := lake.Open(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(out, batch.StateName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, ds := range schema.Datasets {
		inTable, err := l.Files(context.Background(), ds)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for f := range onDisk {
			if strings.HasPrefix(f, ds+"/") {
				want[f] = true
			}
		}
		if !maps.Equal(inTable, want) {
			t.Errorf("table %s lists %d files, OUT holds %d", ds, len(inTable), len(want))
		}
		seq, err := l.Seq(context.Background(), ds)
		if err != nil {
			t.Fatal(err)
		}
		var stateSeq int64
		if err := db.QueryRow(`SELECT value FROM juesuan_meta WHERE key = ?`, "lake_seq."+ds).Scan(&stateSeq); err != nil {
			t.Fatal(err)
		}
		if seq == 0 || seq != stateSeq {
			t.Errorf("table %s at sequence number %d, state at %d", ds, seq, stateSeq)
		}
	}
}

// outRows are an OUT's rows by dataset, each row as "folder|report_id|
// department|amounts…", sorted.
type outRows map[string][]string

func readOut(t *testing.T, out string) outRows {
	t.Helper()
	rows := outRows{}
	files, _ := filepath.Glob(filepath.Join(out, "*", "fiscal_year=*", "*.parquet"))
	for _, f := range files {
		ds := filepath.Base(filepath.Dir(filepath.Dir(f)))
		folder := filepath.Base(filepath.Dir(f))
		add := func(id string, dept *string, year *int32, values ...*int64) {
			s := []string{folder, id, deref(dept), yearString(year)}
			for _, v := range values {
				s = append(s, amountString(v))
			}
			rows[ds] = append(rows[ds], strings.Join(s, "|"))
		}
		switch ds {
		case schema.DatasetLineItems:
			for _, r := range readFile[schema.LineItem](t, f) {
				add(r.ReportID, r.Department, r.FiscalYear, r.Amount, r.AmountYuan)
			}
		case schema.DatasetChecks:
			for _, r := range readFile[schema.Check](t, f) {
				add(r.ReportID, r.Department, r.FiscalYear, r.Expected, r.Actual)
			}
		case schema.DatasetStatements:
			for _, r := range readFile[schema.Statement](t, f) {
				add(r.ReportID, r.Department, r.FiscalYear, r.Value)
			}
		case schema.DatasetReports:
			for _, r := range readFile[schema.Report](t, f) {
				add(r.ReportID, r.Department, r.FiscalYear)
			}
		}
	}
	for _, r := range rows {
		slices.Sort(r)
	}
	return rows
}

// checkReports: n distinct reports, each with its template's row counts,
// in its year's partition, with its department; two reports of one
// template do not sum to the same amount.
func checkReports(t *testing.T, g *generator, rows outRows, n int) {
	t.Helper()
	type tally struct {
		rows   map[string]int
		amount int64 // sum of the line items' amounts
	}
	byID := map[string]*tally{}
	for ds, rs := range rows {
		for _, r := range rs {
			f := strings.Split(r, "|")
			if "fiscal_year="+f[3] != f[0] {
				t.Fatalf("%s row in folder %s has year %s", ds, f[0], f[3])
			}
			if byID[f[1]] == nil {
				byID[f[1]] = &tally{rows: map[string]int{}}
			}
			byID[f[1]].rows[ds]++
			if ds == schema.DatasetLineItems && f[4] != "null" {
				v, _ := strconv.ParseInt(f[4], 10, 64)
				byID[f[1]].amount += v
			}
		}
	}
	if len(byID) != n {
		t.Fatalf("%d distinct reports, want %d", len(byID), n)
	}
	amounts := map[string]map[int64]bool{} // template department → amount sums seen
	for i := range n {
		got := byID[reportID(i)]
		tmpl := g.template(i)
		want := map[string]int{schema.DatasetLineItems: len(tmpl.LineItems), schema.DatasetChecks: len(tmpl.Checks),
			schema.DatasetStatements: len(tmpl.Statements), schema.DatasetReports: 1}
		if got == nil || !maps.Equal(got.rows, want) {
			t.Errorf("report %d: rows %v, want %v", i, got, want)
			continue
		}
		key := deref(tmpl.Report.Department)
		if amounts[key] == nil {
			amounts[key] = map[int64]bool{}
		}
		if amounts[key][got.amount] {
			t.Errorf("report %d: amounts summing to %d, as another report of its template", i, got.amount)
		}
		amounts[key][got.amount] = true
	}
}

func readFile[T any](t *testing.T, path string) []T {
	t.Helper()
	rows, err := parquet.ReadFile[T](path)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func yearString(y *int32) string {
	if y == nil {
		return "null"
	}
	return strconv.Itoa(int(*y))
}

func amountString(v *int64) string {
	if v == nil {
		return "null"
	}
	return strconv.FormatInt(*v, 10)
}

// TestBatch writes reports through the real batch: the same reports as
// -scale, each its own files.
func TestBatch(t *testing.T) {
	const n = 6
	out := filepath.Join(t.TempDir(), "out")
	var stdout strings.Builder
	if err := run(context.Background(), append([]string{"-n", strconv.Itoa(n), "-o", out, "-years", "3", "-departments", "7"}, narrativeFixtures...), &stdout); err != nil {
		t.Fatal(err)
	}
	templates, err := loadTemplates(context.Background(), narrativeFixtures, false, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkReports(t, newGenerator(templates, 3, 7, out+".inputs"), readOut(t, out), n)
}
