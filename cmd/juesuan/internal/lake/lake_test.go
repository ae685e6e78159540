package lake

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"

	"github.com/juesuan/juesuan/schema"
	"github.com/lib/pq"
)

// writeReport writes a report's line_items file in the Hive layout of OUT,
// with n rows, and returns its path relative to OUT.
func writeReport(t *testing.T, out, id string, year *int32, n int) string {
	t.Helper()
	rows := make([]schema.LineItem, n)
	for i := range rows {
		rows[i] = schema.LineItem{ReportID: id, FiscalYear: year, TableID: "T01", RowSeq: int32(i + 1), Item: "x", ColumnKey: "k", Unit: "元"}
	}
	data, err := schema.Encode(rows)
	if err != nil {
		t.Fatal(err)
	}
	rel := schema.RelPath(schema.DatasetLineItems, year, id)
	if err := os.MkdirAll(filepath.Join(out, filepath.Dir(rel)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, rel), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return rel
}

// tableRows counts the rows of the files the table's current snapshot
// lists, through iceberg-go's own reader.
func tableRows(t *testing.T, l *Lake, dataset string) (files []string, rows int64) {
	t.Helper()
	ctx := context.Background()
	tb, err := l.table(ctx, dataset)
	if err != nil {
		t.Fatal(err)
	}
	tasks, err := tb.Scan().PlanFiles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		files = append(files, task.File.FilePath())
		rows += task.File.Count()
	}
	slices.Sort(files)
	return files, rows
}

func TestPublishReconcile(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	y := int32(2020)
	a := writeReport(t, out, "aa", &y, 3)
	b := writeReport(t, out, "bb", nil, 2)

	l, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if seq, err := l.Seq(ctx, schema.DatasetLineItems); err != nil || seq != 0 {
		t.Fatalf("Seq of a new table = %d, %v; want 0", seq, err)
	}
	if err := l.Publish(ctx, schema.DatasetLineItems, 1, []string{a, b}, nil); err != nil {
		t.Fatal(err)
	}
	files, rows := tableRows(t, l, schema.DatasetLineItems)
	if len(files) != 2 || rows != 5 {
		t.Fatalf("after the first commit: %v, %d rows; want 2 files, 5 rows", files, rows)
	}
	// b converted again in place with 4 rows, a removed, c added.
	b = writeReport(t, out, "bb", nil, 4)
	c := writeReport(t, out, "cc", &y, 1)
	if err := l.Publish(ctx, schema.DatasetLineItems, 2, []string{b, c}, []string{a, b}); err != nil {
		t.Fatal(err)
	}
	files, rows = tableRows(t, l, schema.DatasetLineItems)
	if len(files) != 2 || rows != 5 {
		t.Fatalf("after the replacement: %v, %d rows; want 2 files, 5 rows", files, rows)
	}
	// Reopened: the sequence number is the table's.
	l.Close()
	if l, err = Open(ctx, out); err != nil {
		t.Fatal(err)
	}
	if seq, err := l.Seq(ctx, schema.DatasetLineItems); err != nil || seq != 2 {
		t.Fatalf("Seq = %d, %v; want 2", seq, err)
	}
	// The state lists a and c: the lake catches up in one commit.
	a = writeReport(t, out, "aa", &y, 3)
	rec, err := l.Reconcile(ctx, schema.DatasetLineItems, 3, []string{a, c})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec.Dropped, []string{b}) {
		t.Errorf("Reconcile dropped %v, want [%s]", rec.Dropped, b)
	}
	if rec.Remade != nil || rec.Doubled != nil || rec.Unreadable != nil {
		t.Errorf("Reconcile of a sound table: %+v", rec)
	}
	files, rows = tableRows(t, l, schema.DatasetLineItems)
	if len(files) != 2 || rows != 4 {
		t.Fatalf("after Reconcile: %v, %d rows; want 2 files, 4 rows", files, rows)
	}
	tb, _ := l.table(ctx, schema.DatasetLineItems)
	if n := len(tb.Metadata().Snapshots()); n != 1 {
		t.Errorf("%d snapshots kept, want 1 (the others expired)", n)
	}
	hint, err := os.ReadFile(filepath.Join(out, schema.DatasetLineItems, "metadata", "version-hint.text"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, schema.DatasetLineItems, "metadata", "v"+string(hint)+".metadata.json")); err != nil {
		t.Errorf("version-hint.text is %q, its metadata copy: %v", hint, err)
	}
}

func TestSchemaIDs(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	l, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, ds := range schema.Datasets {
		tb, err := l.table(ctx, ds)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := icebergSchema(ds)
		if !tb.Schema().Equals(want) {
			t.Errorf("%s: the catalog's schema\n%s\nis not juesuan's\n%s", ds, tb.Schema(), want)
		}
		if tb.SortOrder().Len() != len(sortColumns[ds]) {
			t.Errorf("%s: sort order %v", ds, tb.SortOrder())
		}
	}
}

// Two OUTs commit to one catalog at once: every file of both is in the
// table once.
func TestConcurrentCommits(t *testing.T) {
	ctx := context.Background()
	cat := "sqlite:" + filepath.Join(t.TempDir(), "lake.db")
	const n = 12
	outs := []string{t.TempDir(), t.TempDir()}
	errs := make(chan error, len(outs))
	for i, out := range outs {
		go func() {
			l, err := Open(ctx, out, Catalog(cat))
			if err != nil {
				errs <- err
				return
			}
			defer l.Close()
			for k := range n {
				rel := writeReport(t, out, string(rune('a'+i))+strconv.Itoa(k), nil, 1)
				if err := l.Publish(ctx, schema.DatasetLineItems, int64(k+1), []string{rel}, nil); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range outs {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	l, err := Open(ctx, outs[0], Catalog(cat))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	files, rows := tableRows(t, l, schema.DatasetLineItems)
	if len(files) != 2*n || rows != 2*n {
		t.Fatalf("%d files, %d rows; want %d of each", len(files), rows, 2*n)
	}
}

// A change that removes a file the table does not list, or adds one it
// lists, is applied to what the table lists.
func TestPublishRebases(t *testing.T) {
	ctx := context.Background()
	out := t.TempDir()
	a := writeReport(t, out, "aa", nil, 2)
	b := writeReport(t, out, "bb", nil, 3)
	l, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.Publish(ctx, schema.DatasetLineItems, 1, []string{a}, nil); err != nil {
		t.Fatal(err)
	}
	if err := l.Publish(ctx, schema.DatasetLineItems, 2, []string{a, b}, []string{"line_items/fiscal_year=2020/gone.parquet"}); err != nil {
		t.Fatal(err)
	}
	if files, rows := tableRows(t, l, schema.DatasetLineItems); len(files) != 2 || rows != 5 {
		t.Fatalf("%v, %d rows; want 2 files, 5 rows", files, rows)
	}
}

// A table that lists a file twice is made again in OUT's own catalog,
// and said; a shared catalog's is left to its owner, and said.
func TestReconcileFileListedTwice(t *testing.T) {
	for _, tc := range []struct {
		name   string
		shared bool
	}{{"own catalog", false}, {"shared catalog", true}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			out := t.TempDir()
			var opts []Option
			if tc.shared {
				opts = append(opts, Catalog("sqlite:"+filepath.Join(t.TempDir(), "lake.db")))
			}
			y := int32(2020)
			a := writeReport(t, out, "aa", &y, 3)
			b := writeReport(t, out, "bb", &y, 2)
			l, err := Open(ctx, out, opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			for seq, add := range [][]string{{a, b}, {a}} {
				if err := l.Publish(ctx, schema.DatasetLineItems, int64(seq+1), add, nil); err != nil {
					t.Fatal(err)
				}
			}
			if entries, err := l.Entries(ctx, schema.DatasetLineItems); err != nil || entries[a] != 2 {
				t.Fatalf("entries %v, %v: want %s twice", entries, err, a)
			}
			rec, err := l.Reconcile(ctx, schema.DatasetLineItems, 3, []string{a, b})
			if err != nil || len(rec.Dropped) > 0 {
				t.Fatalf("Reconcile: dropped %v, %v; want none", rec.Dropped, err)
			}
			want, wantRows := 1, int64(5)
			said, unsaid := rec.Remade, rec.Doubled
			if tc.shared {
				want, wantRows = 2, 8
				said, unsaid = rec.Doubled, rec.Remade
			}
			if !errors.Is(said, errListedTwice) || unsaid != nil {
				t.Errorf("Reconcile: %+v; want the file listed twice said once, as %s", rec, map[bool]string{false: "Remade", true: "Doubled"}[tc.shared])
			}
			entries, err := l.Entries(ctx, schema.DatasetLineItems)
			if err != nil || entries[a] != want || entries[b] != 1 || len(entries) != 2 {
				t.Errorf("after Reconcile: %v, %v; want %s %d times, %s once", entries, err, a, want, b)
			}
			if _, rows := tableRows(t, l, schema.DatasetLineItems); rows != wantRows {
				t.Errorf("after Reconcile the table reads %d rows, want %d", rows, wantRows)
			}
		})
	}
}

// TestIsDBError: an error of the catalog's database or the network is the
// database's; one of a file the catalog names is not (its errno satisfies
// net.Error too).
func TestIsDBError(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"a file the catalog names", fmt.Errorf("load: %w", &fs.PathError{Op: "open", Path: "x.metadata.json", Err: syscall.ENOENT}), false},
		{"a connection refused", fmt.Errorf("load: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), true},
		{"PostgreSQL's", &pq.Error{Code: "57P01"}, true},
		{"a deadline", context.DeadlineExceeded, true},
		{"JSON that does not parse", errors.New("invalid metadata: unexpected end of JSON input"), false},
	} {
		if got := isDBError(tc.err); got != tc.want {
			t.Errorf("%s: isDBError(%v) = %v, want %v", tc.name, tc.err, got, tc.want)
		}
	}
}
