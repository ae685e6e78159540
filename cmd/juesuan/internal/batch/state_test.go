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

