package batch

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/schema"
)

// damageState changes, in OUT's state file, the first occurrence of old
// (bytes of a row as SQLite stores them) into new, of the same length:
// what a flipped bit on the disk does, under SQLite's indexes.
func damageState(t *testing.T, out, old, new string) {
	t.Helper()
	p := filepath.Join(out, StateName)
	if _, err := os.Stat(p + "-wal"); err == nil {
		t.Fatalf("%s-wal is there: the state's pages are not all in its file", p)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(old))
	if i < 0 || len(old) != len(new) {
		t.Fatalf("%q is not in %s", old, p)
	}
	copy(data[i:], new)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// unlistedFiles lists the files of OUT set aside as NAME.unlisted.
func unlistedFiles(t *testing.T, out string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "*", "*", "*"+strayedSuffix))
	return files
}

// TestStateDamagedMidRun: a state that opens, but whose tables and
// indexes disagree (one byte changed on the disk), went on as if whole:
//   - a part's path changed in the files table: the run failed at the
//     first write that met it, after writing again beside its part the
//     report it took for missing (readers of the folders read it twice),
//     and --force kept the state, as it opens, and failed the same way;
//   - the same path changed in the index of paths: a compaction dropped
//     the report's rows from the part, as converted again elsewhere;
//   - a report's ID changed in the files table: the report, converted
//     again in place, was added to its table a second time;
//   - a part's path, or a report's ID, changed in the part's record of
//     its reports: a compaction dropped the report's rows as no one's, or
//     set the part aside as another file.
//
// Now the files of a write the state does not take go, a compaction
// checks the reports it drops against the table, and a file rewritten in
// place replaces itself in the table, and a compaction checks a part's
// record against the files table. A run that finds the state damaged
// says so and marks it; the next checks it whole and refuses it, and
// --force moves it aside.
func TestStateDamagedMidRun(t *testing.T) {
	for _, tc := range []struct {
		name    string
		old     func(id string) string // bytes of the state that change, for report id
		new     func(id string) string
		edit    string // else an UPDATE of the state ({id}: the report's ID)
		compact bool   // the next run is a compaction, not a convert
		damaged bool   // it finds the state damaged
	}{
		{"part path in the files table",
			func(id string) string { return id + "line_items/fiscal_year=2020/part-" },
			func(id string) string { return id + "line_items/fiscal_year=2029/part-" }, "", false, true},
		{"part path in the index of paths",
			func(id string) string { return ".parquet" + id },
			func(id string) string { return "&parquet" + id }, "", true, true},
		{"report ID in the files table",
			func(id string) string { return id + "reports/fiscal_year=2020/" },
			func(id string) string { return id[:10] + "\xb9" + id[11:] + "reports/fiscal_year=2020/" }, "", false, false},
		{"part path in the part's record of reports", nil, nil,
			`UPDATE juesuan_part_reports SET part = part || 'x' WHERE report_id = '{id}' AND part GLOB 'line_items/*'`, true, true},
		{"report ID in the part's record of reports", nil, nil,
			`UPDATE juesuan_part_reports SET report_id = '` + strings.Repeat("0", 64) + `' WHERE report_id = '{id}' AND part GLOB 'line_items/*'`, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
			reportsInputs(t, in, []int{2020, 2021}, 3, 5)
			lakeOn := Catalog("")
			// r000's rows alone in a part, which a compaction merges with
			// the own files of the reports after it.
			convertInto(t, out, []string{filepath.Join(in, "2020", "r000.pdf")}, CompactAfter(true), lakeOn)
			convertInto(t, out, []string{in}, lakeOn)
			convertInto(t, ref, []string{in})
			id := reportIDOf(t, filepath.Join(in, "2020", "r000.pdf"))
			if tc.name == "report ID in the files table" {
				// its own file, not a part: converted again after the compaction
				convertInto(t, out, []string{filepath.Join(in, "2020", "r000.pdf")}, lakeOn, Force(true))
			}
			if tc.edit != "" {
				execState(t, out, strings.ReplaceAll(tc.edit, "{id}", id))
			} else {
				damageState(t, out, tc.old(id), tc.new(id))
			}

			run := func(opts ...Option) error {
				opts = append([]Option{Workers(2), ToolVersion("test"), lakeOn}, opts...)
				if tc.compact && len(opts) == 3 {
					_, err := New(out, nil, opts...).Compact(context.Background())
					return err
				}
				_, err := New(out, yearConvert, opts...).Run(context.Background(), []string{in}, strings.NewReader(""))
				return err
			}
			same := func(when string) {
				t.Helper()
				sameRows(t, out, ref)
				for _, ds := range schema.Datasets {
					if g, w := lakeRows(t, out, ds), datasetRows(t, ref, ds); !slices.Equal(g, w) {
						t.Errorf("%s: %s: the table lists files of %d rows, want %d", when, ds, len(g), len(w))
					}
				}
			}
			err := run()
			if !tc.damaged {
				if err != nil {
					t.Fatalf("run: %v", err)
				}
				same("after the run")
				return
			}
			if err == nil || !strings.Contains(err.Error(), "the state is damaged") || !strings.Contains(err.Error(), "--force") {
				t.Fatalf("run over the damaged state: %v, want it told damaged, with --force", err)
			}
			t.Log(err)
			sameRows(t, out, ref)
			if _, err := os.Stat(filepath.Join(out, damagedMark)); err != nil {
				t.Errorf("the state is not marked damaged: %v", err)
			}
			if err = run(); err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "--force") {
				t.Fatalf("the next run: %v, want the state refused, with --force", err)
			}
			sameRows(t, out, ref)

			if err = run(Force(true)); err != nil {
				t.Fatalf("run with --force: %v", err)
			}
			same("after --force")
			if aside, _ := filepath.Glob(filepath.Join(out, StateName+".bad-*")); len(aside) != 1 {
				t.Errorf("the damaged state is not kept aside: %v", aside)
			}
			if _, err := os.Stat(filepath.Join(out, damagedMark)); err == nil {
				t.Errorf("the mark stays after --force")
			}
			if u := unlistedFiles(t, out); len(u) > 0 {
				t.Errorf("files left set aside, though every report was converted again: %v", u)
			}
		})
	}
}

// TestDamagedMarkOnWholeState: a state marked damaged that checks whole
// (a good copy put back) is used, and the mark goes.
func TestDamagedMarkOnWholeState(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020}, 2, 5)
	convertInto(t, out, []string{in})
	writeInputs(t, out, map[string]string{damagedMark: "2026-12-07T00:00:00Z database disk image is malformed (11)"})
	convertInto(t, out, []string{in})
	if _, err := os.Stat(filepath.Join(out, damagedMark)); err == nil {
		t.Errorf("the mark stays")
	}
}

// TestStateDeleted: an OUT whose state is gone (deleted, or moved aside
// by --force) starts over without a row twice, and without losing one:
// the parts, listed nowhere, were removed, with the only copy of the rows
// of every report the run was not given, and with a catalog of its own
// (not in the state's file) the table's repair removed those reports' own
// files. Every dataset file is set aside now, and each goes once its
// reports are converted again.
func TestStateDeleted(t *testing.T) {
	for _, tc := range []struct {
		name  string
		first []string // inputs of the run after the state is gone, under in
	}{
		{"every input", []string{"."}},
		{"one year's inputs", []string{"2021"}},
		{"one input", []string{"2020/r001.pdf"}},
		{"none: a compaction", nil},
	} {
		for _, catalog := range []string{"none", "", "sqlite"} {
			t.Run(tc.name+", catalog "+catalog, func(t *testing.T) {
				in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
				uri := catalog
				if catalog == "sqlite" {
					uri = "sqlite:" + filepath.Join(t.TempDir(), "catalog.db")
				}
				lakeOn := Catalog(uri)
				reportsInputs(t, in, []int{2020, 2021}, 4, 15)
				// 2020 in parts, 2021 in the reports' own files
				convertInto(t, out, []string{filepath.Join(in, "2020")}, CompactAfter(true), lakeOn)
				convertInto(t, out, []string{in}, lakeOn)
				before := map[string][]string{}
				for _, ds := range schema.Datasets {
					before[ds] = datasetRows(t, out, ds)
				}
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(filepath.Join(out, StateName+suffix))
				}
				var paths []string
				for _, p := range tc.first {
					paths = append(paths, filepath.Join(in, p))
				}
				if paths == nil {
					compactOut(t, out, lakeOn)
				} else {
					convertInto(t, out, paths, lakeOn)
					convertInto(t, ref, paths)
				}
				for _, ds := range schema.Datasets {
					// Each row once: what the run converted, and in the
					// files set aside, what it did not.
					got, want := datasetRows(t, out, ds), datasetRows(t, ref, ds)
					if !slices.Equal(got, want) {
						t.Errorf("%s: the folders read %d rows, want the %d of the inputs converted", ds, len(got), len(want))
					}
					if catalog != "none" {
						if inTable := lakeRowsOf(t, out, ds, uri); !slices.Equal(inTable, want) {
							t.Errorf("%s: the table reads %d rows, want the %d of the inputs converted", ds, len(inTable), len(want))
						}
					}
					files, _ := filepath.Glob(filepath.Join(out, ds, "*", "*"+strayedSuffix))
					all := append(got, fileRows(t, files)...)
					slices.Sort(all)
					if !slices.Equal(slices.Compact(all), before[ds]) {
						t.Errorf("%s: the folders and the files set aside hold %d rows, want the %d there were", ds, len(slices.Compact(all)), len(before[ds]))
					}
				}
				convertInto(t, out, []string{in}, lakeOn)
				if u := unlistedFiles(t, out); len(u) > 0 {
					t.Errorf("files left set aside, though every report was converted again: %v", u)
				}
				if n := countRows(t, out, "juesuan_meta WHERE key GLOB 'orphan.*'"); n != 0 {
					t.Errorf("%d files set aside still remembered", n)
				}
				for _, ds := range schema.Datasets {
					if got := datasetRows(t, out, ds); !slices.Equal(got, before[ds]) {
						t.Errorf("%s: %d rows after every input, want %d", ds, len(got), len(before[ds]))
					}
					if catalog != "none" {
						if inTable := lakeRowsOf(t, out, ds, uri); !slices.Equal(inTable, before[ds]) {
							t.Errorf("%s: the table reads %d rows after every input, want %d", ds, len(inTable), len(before[ds]))
						}
					}
				}
			})
		}
	}
}

// TestLakeRepairKeepsUnknownReports: the repair of a table that lags the
// state removed from OUT every file it took out of the table and the
// state did not list, such as the own files of a report whose rows the
// state lost (a damaged or edited state): their only copy. They stay now,
// as they do for a compaction's scan, for their input to be converted
// again.
func TestLakeRepairKeepsUnknownReports(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	lakeOn := Catalog("sqlite:" + filepath.Join(t.TempDir(), "catalog.db"))
	writeInputs(t, in, map[string]string{"a.pdf": "dept01 2020 4", "b.pdf": "dept02 2020 5"})
	convertInto(t, out, []string{in}, lakeOn)
	b := juesuan.ReportID([]byte("dept02 2020 5"))
	own, _ := filepath.Glob(filepath.Join(out, "*", "*", b+".parquet"))
	if len(own) != len(schema.Datasets) {
		t.Fatalf("b's own files: %v", own)
	}
	execState(t, out, `DELETE FROM juesuan_files WHERE report_id = '`+b+`'`, `DELETE FROM juesuan_reports WHERE report_id = '`+b+`'`,
		`DELETE FROM juesuan_sources WHERE report_id = '`+b+`'`, `UPDATE juesuan_meta SET value = value + 5 WHERE key LIKE 'lake_seq.%'`)
	convertInto(t, out, []string{filepath.Join(in, "a.pdf")}, lakeOn)
	for _, f := range own {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("b's own file, its rows' only copy, went: %v", err)
		}
	}
}

// TestForceChecksTheState: a row of the files table changed under its
// indexes (a report's own file's path) that no run meets: runs go on, and
// --force, the way out, kept the state and left the report listed in two
// files (read twice). --force checks the whole state first now, and
// moves a damaged one aside.
func TestForceChecksTheState(t *testing.T) {
	in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
	lakeOn := Catalog("")
	reportsInputs(t, in, []int{2020, 2021}, 3, 5)
	convertInto(t, out, []string{filepath.Join(in, "2020")}, CompactAfter(true), lakeOn)
	convertInto(t, out, []string{in}, lakeOn)
	convertInto(t, ref, []string{in})
	id := reportIDOf(t, filepath.Join(in, "2021", "r000.pdf"))
	damageState(t, out, id+"statements/fiscal_year=2021/", id+"statements/fiscah_year=2021/")
	convertInto(t, out, []string{in}, lakeOn, Force(true))
	sameRows(t, out, ref)
	for _, ds := range schema.Datasets {
		if g, w := lakeRows(t, out, ds), datasetRows(t, ref, ds); !slices.Equal(g, w) {
			t.Errorf("%s: the table lists files of %d rows, want %d", ds, len(g), len(w))
		}
	}
	if aside, _ := filepath.Glob(filepath.Join(out, StateName+".bad-*")); len(aside) != 1 {
		t.Errorf("the damaged state is not kept aside: %v", aside)
	}
	if u := unlistedFiles(t, out); len(u) > 0 {
		t.Errorf("files left set aside, though every report was converted again: %v", u)
	}
}
