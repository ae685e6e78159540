package batch

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"strings"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/schema"
)

// The JSON manifest as juesuan wrote it before the state was a database:
// tests write one to check its migration.

func (m *manifest) save(out string) error {
	return schema.WriteAtomic(filepath.Join(out, ManifestName), m.encode)
}

// encode writes m as json.MarshalIndent(m, "", " ") and a newline, one
// entry at a time: at 100,000 reports the whole document and its indented
// copy took 230 MB, three times the manifest itself, at every save.
func (m *manifest) encode(bw *bufio.Writer) error {
	fmt.Fprintf(bw, "{\n \"version\": %d,\n", m.Version)
	if err := encodeMap(bw, "sources", m.Sources); err != nil {
		return err
	}
	bw.WriteString(",\n")
	if err := encodeMap(bw, "reports", m.Reports); err != nil {
		return err
	}
	if len(m.Parts) > 0 { // omitempty
		bw.WriteString(",\n")
		if err := encodeMap(bw, "parts", m.Parts); err != nil {
			return err
		}
	}
	_, err := bw.WriteString("\n}\n")
	return err
}

// encodeMap writes ` "name": {…}` as MarshalIndent does at depth one: keys
// sorted, each value indented by two.
func encodeMap[V any](w *bufio.Writer, name string, entries map[string]V) error {
	fmt.Fprintf(w, " %q: {", name)
	if len(entries) == 0 {
		w.WriteString("}")
		return nil
	}
	for i, k := range slices.Sorted(maps.Keys(entries)) {
		key, err := json.Marshal(k)
		if err != nil {
			return fmt.Errorf("encode manifest: %w", err)
		}
		value, err := json.MarshalIndent(entries[k], "  ", " ")
		if err != nil {
			return fmt.Errorf("encode manifest: %w", err)
		}
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n  ")
		w.Write(key)
		w.WriteString(": ")
		w.Write(value)
	}
	w.WriteString("\n }")
	return nil
}

// openState opens OUT's state for a test to read or edit, as a user with
// the sqlite3 shell could.
func openState(t *testing.T, out string) *store {
	t.Helper()
	s, err := openStoreAt(context.Background(), filepath.Join(out, StateName), func(msg string) { t.Log(msg) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.close() })
	return s
}

// execState runs statements on OUT's state and closes it.
func execState(t *testing.T, out string, stmts ...string) {
	t.Helper()
	s := openState(t, out)
	for _, q := range stmts {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.close()
}

// countRows counts a table's rows in OUT's state.
func countRows(t *testing.T, out, table string) int {
	t.Helper()
	s := openState(t, out)
	defer s.close()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// dumpManifest reads the whole state as the manifest of an earlier juesuan.
func dumpManifest(t *testing.T, out string) *manifest {
	t.Helper()
	s := openState(t, out)
	defer s.close()
	m := newManifest()
	each := func(q string, fn func(*sql.Rows) error) {
		if err := s.streamRows(context.Background(), q, nil, fn); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	each(`SELECT path, report_id, size FROM juesuan_sources`, func(r *sql.Rows) error {
		var p string
		var e sourceEntry
		err := r.Scan(&p, &e.ReportID, &e.Size)
		m.Sources[p] = e
		return err
	})
	each(`SELECT report_id FROM juesuan_reports`, func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	})
	for _, id := range ids {
		e, err := s.report(s.db, id)
		if err != nil || e == nil {
			t.Fatalf("report %s: %v", id, err)
		}
		m.Reports[id] = e
	}
	each(`SELECT part, report_id FROM juesuan_part_reports ORDER BY part, seq`, func(r *sql.Rows) error {
		var p, id string
		err := r.Scan(&p, &id)
		if m.Parts[p] == nil {
			m.Parts[p] = &partEntry{}
		}
		m.Parts[p].Reports = append(m.Parts[p].Reports, id)
		return err
	})
	return m
}

// toManifest turns an OUT's state into the JSON manifest an earlier
// juesuan would have written for it.
func toManifest(t *testing.T, out string, edit func(m *manifest)) {
	t.Helper()
	m := dumpManifest(t, out)
	if edit != nil {
		edit(m)
	}
	if err := m.save(out); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(out, StateName+suffix))
	}
}

// noConvert fails the test if any input is converted.
func noConvert(t *testing.T) ConvertFunc {
	return func(ctx context.Context, data []byte, id, path string) *juesuan.Result {
		t.Errorf("%s converted again", path)
		return yearConvert(ctx, data, id, path)
	}
}

// TestMigrateManifest: the JSON manifest of an earlier juesuan (with
// parts, entries without a department, a failed report, the same bytes
// under two paths) becomes the state on first use, then is renamed
// aside: nothing is converted again, and the rows are the same.
func TestMigrateManifest(t *testing.T) {
	in, ref := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020, 2021}, 6, 20)
	writeInputs(t, in, map[string]string{"copy/2020-r001.pdf": "dept02 2020 21"}) // the bytes of 2020/r001.pdf
	// legacy is an OUT as an earlier juesuan left it: compacted, then two
	// reports converted since; its state as the JSON manifest.
	legacy := func(t *testing.T) (out string, want *manifest) {
		out = t.TempDir()
		convertInto(t, out, []string{in}, CompactAfter(true), PartSize(4<<10))
		writeInputs(t, in, map[string]string{"2021/late.pdf": "dept07 2021 9", "2020/late.pdf": "dept01 2020 12"})
		t.Cleanup(func() { os.Remove(filepath.Join(in, "2021/late.pdf")); os.Remove(filepath.Join(in, "2020/late.pdf")) })
		convertInto(t, out, []string{in})
		want = dumpManifest(t, out)
		toManifest(t, out, func(m *manifest) {
			n := 0
			for _, id := range slices.Sorted(maps.Keys(m.Reports)) {
				if n++; n%2 == 0 {
					m.Reports[id].Department = "" // as a manifest of before departments were recorded
				}
			}
		})
		return out, want
	}
	check := func(t *testing.T, out string, want *manifest) {
		t.Helper()
		s, err := New(out, noConvert(t), ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
		if err != nil || s.Unchanged != len(want.Sources) {
			t.Fatalf("run after migration: %+v, %v; want %d unchanged", s, err, len(want.Sources))
		}
		if _, err := os.Stat(filepath.Join(out, ManifestName)); err == nil {
			t.Errorf("the manifest was not moved aside")
		}
		if _, err := os.Stat(filepath.Join(out, ManifestName+".migrated")); err != nil {
			t.Errorf("the migrated manifest: %v", err)
		}
		got := dumpManifest(t, out)
		for _, e := range want.Reports {
			e.Department = ""
		}
		for _, e := range got.Reports {
			e.Department = ""
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(want)
		if string(a) != string(b) {
			t.Errorf("state after migration: %d sources, %d reports, %d parts; want %d, %d, %d, or the entries differ",
				len(got.Sources), len(got.Reports), len(got.Parts), len(want.Sources), len(want.Reports), len(want.Parts))
		}
		convertInto(t, ref, []string{in})
		sameRows(t, out, ref)
		// The migrated parts are compacted as before, and each holds the
		// reports the migrated state records for it (--check).
		if sum := compactOut(t, out, CheckParts(true)); sum.SetAside != 0 {
			t.Errorf("the compaction after migration set %d files aside: %s", sum.SetAside, sum)
		}
		assertPartsOrdered(t, out)
		sameRows(t, out, ref)
	}
	t.Run("first use", func(t *testing.T) {
		out, want := legacy(t)
		if len(want.Parts) == 0 {
			t.Fatal("the legacy OUT has no parts")
		}
		check(t, out, want)
	})
	t.Run("killed after the state was created", func(t *testing.T) {
		out, want := legacy(t)
		openState(t, out).close() // an empty state beside the manifest
		check(t, out, want)
	})
	t.Run("killed after the migration was committed", func(t *testing.T) {
		out, want := legacy(t)
		data, err := os.ReadFile(filepath.Join(out, ManifestName))
		if err != nil {
			t.Fatal(err)
		}
		check(t, out, want)
		// The manifest back, as if the rename had not happened: it is
		// renamed, not migrated a second time.
		want = dumpManifest(t, out)
		os.WriteFile(filepath.Join(out, ManifestName), data, 0o644)
		check(t, out, want)
	})
}

func runCount(t *testing.T, out, in string) Summary {
	t.Helper()
	s, err := New(out, yearConvert, ToolVersion("test"), CompactAfter(true)).Run(context.Background(), []string{in}, strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPrune: with --prune, the reports of inputs that are gone leave
// every dataset (their own files removed, the parts holding them
// rewritten); a report whose bytes another input still holds stays.
// Without it, their rows stay.
func TestPrune(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020, 2021}, 5, 20)
	writeInputs(t, in, map[string]string{"copy/r000.pdf": "dept00 2020 20"}) // the bytes of 2020/r000.pdf
	convertInto(t, out, []string{in}, CompactAfter(true))
	writeInputs(t, in, map[string]string{"2021/own.pdf": "dept03 2021 7"}) // its own files, not in a part
	convertInto(t, out, []string{in})
	for _, name := range []string{"2020/r000.pdf", "2020/r001.pdf", "2021/own.pdf"} {
		os.Remove(filepath.Join(in, name))
	}
	convertInto(t, out, []string{in})
	if n := countRows(t, out, "juesuan_sources"); n != 12 {
		t.Errorf("without --prune: %d inputs in the state, want all 12", n)
	}
	s, err := New(out, noConvert(t), ToolVersion("test"), Prune(true)).Run(context.Background(), []string{in}, strings.NewReader(""))
	if err != nil || s.Pruned != 3 {
		t.Fatalf("run with --prune: %+v, %v; want 3 pruned", s, err)
	}
	// The report copy/r000.pdf still holds is converted again, to name it.
	s = runCount(t, out, in)
	if s.Files-s.Unchanged != 1 {
		t.Errorf("after --prune: %+v, want one report converted again", s)
	}
	ref := t.TempDir()
	convertInto(t, ref, []string{in})
	sameRows(t, out, ref)
	if n := countRows(t, out, "juesuan_sources"); n != 9 {
		t.Errorf("after --prune: %d inputs in the state, want 9", n)
	}
	if n := countRows(t, out, "juesuan_intents"); n != 0 {
		t.Errorf("%d intents left", n)
	}
}

// TestOwnFilesIndex: compaction finds the own files through their index,
// not by reading every file row; a state written before the index
// existed gets it when opened, and compacts alike.
func TestOwnFilesIndex(t *testing.T) {
	in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020, 2021}, 6, 30)
	convertInto(t, ref, []string{in})
	convertInto(t, out, []string{in})
	execState(t, out, `DROP INDEX juesuan_files_own`)

	s := openState(t, out)
	lo, hi := datasetRange("line_items")
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN SELECT f.report_id, f.path FROM juesuan_files f
		WHERE f.path >= ? AND f.path < ? AND f.`+ownFileTerm, lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	var plan []string
	for rows.Next() {
		var id, parent, notUsed int
		var detail string
		if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	rows.Close()
	if !strings.Contains(strings.Join(plan, "; "), "juesuan_files_own") {
		t.Errorf("own files not found by their index: %q", plan)
	}
	var own int
	if err := s.db.QueryRow(`SELECT count(*) FROM juesuan_files WHERE ` + ownFileTerm).Scan(&own); err != nil || own != 12*len(schema.Datasets) {
		t.Errorf("%d own files (%v), want %d", own, err, 12*len(schema.Datasets))
	}
	s.close()

	sum := compactOut(t, out)
	if sum.Reports != 12*len(schema.Datasets) {
		t.Errorf("compaction after the index was added: %+v", sum)
	}
	sameRows(t, out, ref)
	s = openState(t, out)
	if err := s.db.QueryRow(`SELECT count(*) FROM juesuan_files WHERE ` + ownFileTerm).Scan(&own); err != nil || own != 0 {
		t.Errorf("%d own files after compaction (%v), want none", own, err)
	}
}

// TestHoldCheckpoints checks that commits leave the WAL to grow while
// checkpoints are held, and that release checkpoints all of it and gives
// the commits their checkpoints back.
func TestHoldCheckpoints(t *testing.T) {
	s := openState(t, t.TempDir())
	// walFrames is the frames the WAL holds and how many of them are
	// checkpointed.
	walFrames := func() (log, done int) {
		t.Helper()
		var busy int
		if err := s.db.QueryRow(`PRAGMA wal_checkpoint(NOOP)`).Scan(&busy, &log, &done); err != nil {
			t.Fatal(err)
		}
		return log, done
	}
	// write commits 20 transactions of over 1,000 pages each (SQLite's
	// autocheckpoint).
	write := func(kind string) {
		t.Helper()
		for i := range 20 {
			paths := make([]string, 1000)
			for j := range paths {
				paths[j] = fmt.Sprintf("%s/%03d/%04d/%s", kind, i, j, strings.Repeat("x", 4000))
			}
			if err := s.update(func(tx *stateTx) error { return addIntents(tx, intentRemove, paths) }); err != nil {
				t.Fatal(err)
			}
		}
	}

	release := s.holdCheckpoints()
	write("held")
	if log, done := walFrames(); log < 20000 || done != 0 {
		t.Errorf("while held: %d WAL frames, %d checkpointed; want over 20,000, none", log, done)
	}
	release()
	if log, done := walFrames(); done != log {
		t.Errorf("after release: %d WAL frames, %d checkpointed; want all", log, done)
	}
	write("released")
	if log, _ := walFrames(); log > 5000 {
		t.Errorf("after release, commits: %d WAL frames, want the WAL checkpointed and restarted as it grows", log)
	}
}
