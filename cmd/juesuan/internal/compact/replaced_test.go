package compact

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// writeOwn writes a report's file as a converter does: its footer names
// the report under key (no entry for an empty value).
func writeOwn[T any](t *testing.T, dir, name, key, value string, rows []T) string {
	t.Helper()
	p := filepath.Join(dir, name+".parquet")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var opts []parquet.WriterOption
	if value != "" {
		opts = append(opts, parquet.KeyValueMetadata(key, value))
	}
	w := parquet.NewGenericWriter[T](f, opts...)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

// dictRow is row with its report IDs dictionary-encoded, as in
// juesuan's datasets.
type dictRow struct {
	ReportID   string  `parquet:"report_id,dict"`
	Department *string `parquet:"department,optional"`
	Seq        int32   `parquet:"seq"`
}

func dictRows(id string) []dictRow {
	d := "d1"
	return []dictRow{{id, &d, 0}, {id, &d, 1}}
}

// TestMergeReplacedFiles: a file that reads as Parquet but is not the one
// written there (another report's file, another program's, a part holding
// other reports than recorded) is refused as damaged, naming the file,
// before any of its rows reach a part; Check says the same of a part.
func TestMergeReplacedFiles(t *testing.T) {
	const key = "test.report_id"
	for _, tc := range []struct {
		name string
		// sources writes the files into dir; the last is the one checked.
		sources func(dir string) []Source
		says    string // "" for a merge that succeeds
	}{
		{"own files whose footers name their reports", func(dir string) []Source {
			return []Source{
				{Path: writeOwn(t, dir, "a", key, "a", rows("a")), ReportID: "a"},
				{Path: writeOwn(t, dir, "b", key, "b", rows("b")), ReportID: "b"},
			}
		}, ""},
		{"an own file without the footer entry", func(dir string) []Source {
			return []Source{
				{Path: writeOwn(t, dir, "a", key, "a", rows("a")), ReportID: "a"},
				{Path: writeOwn(t, dir, "b", key, "", rows("b")), ReportID: "b"},
			}
		}, "its footer has no test.report_id"},
		{"another report's file copied over an own file", func(dir string) []Source {
			return []Source{
				{Path: writeOwn(t, dir, "a", key, "a", rows("a")), ReportID: "a"},
				{Path: writeOwn(t, dir, "b", key, "a", rows("a")), ReportID: "b"},
			}
		}, `names report "a", not b`},
		{"a part holding its recorded reports, listed in another order", func(dir string) []Source {
			return []Source{{Path: writeOwn(t, dir, "part", key, "", rows("a", "b", "c")), Reports: []string{"c", "a", "b"}}}
		}, ""},
		{"a part holding its recorded reports, in the recorded order at first, then not", func(dir string) []Source {
			return []Source{{Path: writeOwn(t, dir, "part", key, "", rows("a", "c", "b")), Reports: []string{"a", "b", "c"}}}
		}, ""},
		{"a part lacking the last recorded report", func(dir string) []Source {
			return []Source{{Path: writeOwn(t, dir, "part", key, "", rows("a", "b")), Reports: []string{"a", "b", "c"}}}
		}, "it lacks 1 of the 3 reports recorded for it, e.g. c"},
		{"a part lacking a recorded report", func(dir string) []Source {
			return []Source{{Path: writeOwn(t, dir, "part", key, "", rows("a", "c")), Reports: []string{"a", "b", "c"}}}
		}, "it lacks 1 of the 3 reports recorded for it, e.g. b"},
		{"a part holding a report not recorded", func(dir string) []Source {
			return []Source{{Path: writeOwn(t, dir, "part", key, "", rows("a", "b", "x")), Reports: []string{"a", "b"}}}
		}, `it holds rows of report "x", not recorded for it`},
		{"a part written by Merge (dictionary pages), holding a report not recorded", func(dir string) []Source {
			return []Source{{Path: mergedPart(t, dir, key), Reports: []string{"a"}}}
		}, `it holds rows of report "b", not recorded for it`},
		{"a part whose report's rows are apart", func(dir string) []Source {
			return []Source{{Path: writeOwn(t, dir, "part", key, "", rows("a", "b", "a")), Reports: []string{"a", "b"}}}
		}, "the rows of report a are not together"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sources := tc.sources(dir)
			checked := sources[len(sources)-1]
			parts, err := Merge(context.Background(), dir, sources, func(string) bool { return true }, ReportKey(key))
			var damaged *DamagedError
			switch {
			case tc.says == "" && err != nil:
				t.Fatalf("Merge: %v", err)
			case tc.says == "":
				if got := len(readParts(t, parts)); got != len(rows("a", "b")) && got != len(rows("a", "b", "c")) {
					t.Errorf("%d rows merged", got)
				}
			case !errors.As(err, &damaged) || damaged.Path != checked.Path || !errors.Is(err, ErrReplaced) || !strings.Contains(err.Error(), tc.says):
				t.Fatalf("Merge: %v; want a DamagedError for %s, ErrReplaced, saying %q", err, checked.Path, tc.says)
			case len(parts) != 0:
				t.Errorf("Merge returned %d parts with its error", len(parts))
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, "part-*")); tc.says != "" && len(leftovers) != 0 {
				t.Errorf("parts left behind: %v", leftovers)
			}
			if checked.Reports == nil {
				return
			}
			err = Check(checked.Path, checked.Reports)
			if (tc.says == "") != (err == nil) || (err != nil && (!errors.As(err, &damaged) || !strings.Contains(err.Error(), tc.says))) {
				t.Errorf("Check: %v; want %q", err, tc.says)
			}
		})
	}
}

// mergedPart merges two reports' files (dictionary-encoded IDs) into a
// part in dir/merged and returns its path.
func mergedPart(t *testing.T, dir, key string) string {
	t.Helper()
	sub := filepath.Join(dir, "merged")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	parts, err := Merge(context.Background(), sub, []Source{
		{Path: writeOwn(t, sub, "a", key, "a", dictRows("a")), ReportID: "a"},
		{Path: writeOwn(t, sub, "b", key, "b", dictRows("b")), ReportID: "b"},
	}, func(string) bool { return true }, ReportKey(key))
	if err != nil || len(parts) != 1 {
		t.Fatalf("Merge: %d parts, %v", len(parts), err)
	}
	return parts[0].Temp
}

// rows are two rows of each report of ids, in that order.
func rows(ids ...string) []row {
	var all []row
	for _, id := range ids {
		all = append(all, reportRows(id, "d1", 2)...)
	}
	return all
}

// TestReports: the reports a file holds, as its rows begin, from plain
// and dictionary-encoded IDs; a file that is not Parquet is damaged.
func TestReports(t *testing.T) {
	const key = "juesuan.report_id"
	dir := t.TempDir()
	notParquet := filepath.Join(dir, "x.parquet")
	if err := os.WriteFile(notParquet, []byte("not Parquet"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		want []string
	}{
		{"plain", writeOwn(t, dir, "part", key, "", rows("a", "b", "x")), []string{"a", "b", "x"}},
		{"rows apart", writeOwn(t, dir, "apart", key, "", rows("a", "b", "a")), []string{"a", "b", "a"}},
		{"dictionary pages", mergedPart(t, dir, key), []string{"a", "b"}},
		{"not Parquet", notParquet, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Reports(tc.path)
			var damaged *DamagedError
			switch {
			case tc.want == nil && !errors.As(err, &damaged):
				t.Fatalf("Reports: %v, %v; want a DamagedError", got, err)
			case tc.want != nil && (err != nil || !slices.Equal(got, tc.want)):
				t.Errorf("Reports = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}
