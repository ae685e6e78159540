package batch

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
)

// TestSeedState: a seeded state holds the rows a run and a compaction
// write for its reports, and its Iceberg tables are at the state's
// sequence number, so that the next run repairs nothing; a second seed
// into the same OUT is refused.
func TestSeedState(t *testing.T) {
	const n = 25
	out := filepath.Join(t.TempDir(), "out")
	ctx := context.Background()
	if err := SeedState(ctx, out, n, 3, Catalog("")); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int{
		"juesuan_sources": n, "juesuan_reports": n, "juesuan_files": n * len(schema.Datasets),
		"juesuan_part_reports": n * len(schema.Datasets), "juesuan_parts": 3 * len(schema.Datasets),
	} {
		if got := countRows(t, out, table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}
	st := openState(t, out)
	l, err := lake.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, ds := range schema.Datasets {
		want, err := lakeSeq(st.db, ds)
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.Seq(ctx, ds)
		if err != nil {
			t.Fatal(err)
		}
		if want == 0 || got != want {
			t.Errorf("%s: table at sequence number %d, state at %d", ds, got, want)
		}
	}
	st.close()
	if err := SeedState(ctx, out, n, 3); err == nil || !strings.Contains(err.Error(), "already holds") {
		t.Errorf("second seed: %v", err)
	}
}
