package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
)

// TestConvertCompact converts fixtures with --compact: every partition is
// one part, whose rows are those of a conversion without it.
func TestConvertCompact(t *testing.T) {
	fixtures, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*.pdf"))
	if len(fixtures) < 2 {
		t.Skip("fixtures not found")
	}
	fixtures = fixtures[:3]
	plain, compacted := t.TempDir(), t.TempDir()
	if _, _, err := runCmd(t, append([]string{"convert", "--quiet", "-o", plain}, fixtures...)...); err != nil && exitCode(err) != 1 {
		t.Fatal(err)
	}
	stdout, _, err := runCmd(t, append([]string{"convert", "--compact", "-o", compacted}, fixtures...)...)
	if err != nil && exitCode(err) != 1 {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "compacted ") {
		t.Errorf("convert --compact printed no compaction: %q", stdout)
	}
	for _, ds := range schema.Datasets {
		files, _ := filepath.Glob(filepath.Join(compacted, ds, "*", "*.parquet"))
		for _, f := range files {
			if !strings.HasPrefix(filepath.Base(f), "part-") {
				t.Errorf("%s: not compacted", f)
			}
		}
		if got, want := readRows(t, compacted, ds), readRows(t, plain, ds); !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d rows compacted, %d converted", ds, len(got), len(want))
		}
	}
	stdout, _, err = runCmd(t, "compact", compacted)
	if err != nil || !strings.HasPrefix(stdout, "compacted 0 partitions") {
		t.Errorf("compacting again: %q, %v", stdout, err)
	}
}

func readRows(t *testing.T, out, ds string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, ds, "*", "*.parquet"))
	var rows []string
	for _, f := range files {
		var got []string
		var err error
		switch ds {
		case schema.DatasetLineItems:
			got, err = readAs[schema.LineItem](f)
		case schema.DatasetChecks:
			got, err = readAs[schema.Check](f)
		default:
			got, err = readAs[schema.Report](f)
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, got...)
	}
	slices.Sort(rows)
	return rows
}

func readAs[T any](path string) ([]string, error) {
	rows, err := parquet.ReadFile[T](path)
	var out []string
	for _, r := range rows {
		b, _ := json.Marshal(r) // pointers as their values
		out = append(out, string(b))
	}
	return out, err
}
