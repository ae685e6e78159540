package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
	"github.com/parquet-go/parquet-go"
	"github.com/rs/zerolog"
)

// yearConvert makes a report from text "DEPT YEAR ROWS": ROWS line items,
// and checks and statements, in partition YEAR, so that tests control partitions, order
// and size. As in the pipeline, every row carries the report's department.
func yearConvert(_ context.Context, data []byte, id, path string) *juesuan.Result {
	f := strings.Fields(string(data))
	dept := f[0]
	y, _ := strconv.Atoi(f[1])
	n, _ := strconv.Atoi(f[2])
	year := int32(y)
	res := &juesuan.Result{Report: schema.Report{ReportID: id, SourcePath: path, Department: &dept, FiscalYear: &year,
		DocKind: schema.KindFinal, Status: schema.StatusOK, Tables: 1, ToolVersion: "test"}}
	for i := range n {
		amount := int64(i*100 + len(data))
		res.LineItems = append(res.LineItems, schema.LineItem{ReportID: id, FiscalYear: &year, Department: &dept,
			TableID: "T0" + strconv.Itoa(i%9+1), RowSeq: int32(i + 1), Item: fmt.Sprintf("item %d of %s", i, data),
			ColumnKey: "amount", Amount: &amount, Unit: "元", Page: 1})
		if i%5 == 0 {
			res.Statements = append(res.Statements, schema.Statement{ReportID: id, FiscalYear: &year, Department: &dept,
				Seq: int32(i/5 + 1), Page: 1, Sentence: fmt.Sprintf("sentence %d", i), Metric: "amount", Value: &amount, Unit: "万元"})
		}
		if i%3 == 0 {
			// Named as the pipeline names them (nameReport), and as a
			// relabel of a report found under two paths does.
			res.Checks = append(res.Checks, schema.Check{ReportID: id, FiscalYear: &year, Department: &dept, CheckID: "T01.row_sum",
				Description: "sum", Expected: &amount, Actual: &amount, Status: schema.CheckPass, Location: strconv.Itoa(i),
				SourcePath: path})
		}
	}
	return res
}

// reportsInputs writes n inputs per year.
func reportsInputs(t *testing.T, dir string, years []int, n, rows int) {
	t.Helper()
	files := map[string]string{}
	for _, y := range years {
		for i := range n {
			files[fmt.Sprintf("%d/r%03d.pdf", y, i)] = fmt.Sprintf("dept%02d %d %d", (i*7)%5, y, rows+i%4)
		}
	}
	writeInputs(t, dir, files)
}

func convertInto(t *testing.T, out string, paths []string, opts ...Option) {
	t.Helper()
	opts = append([]Option{Workers(2), ToolVersion("test")}, opts...)
	if _, err := New(out, yearConvert, opts...).Run(context.Background(), paths, strings.NewReader("")); err != nil {
		t.Fatalf("Run: %v", err)
	}
}

func compactOut(t *testing.T, out string, opts ...Option) CompactSummary {
	t.Helper()
	sum, err := New(out, nil, append([]Option{ToolVersion("test")}, opts...)...).Compact(context.Background())
	if err != nil {
		t.Fatalf("Compact: %v", err)
	}
	return sum
}

// datasetRows reads every row a reader globbing OUT/DATASET/*/*.parquet
// sees, as sorted text: two outputs with equal rows give equal slices.
func datasetRows(t *testing.T, out, dataset string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, dataset, "*", "*.parquet"))
	return fileRows(t, files)
}

// lakeRows reads every row of the files a dataset's Iceberg table lists,
// as datasetRows does.
func lakeRows(t *testing.T, out, dataset string) []string {
	t.Helper()
	return lakeRowsOf(t, out, dataset, "")
}

// lakeRowsOf is lakeRows for a table in catalog uri ("" OUT's own).
func lakeRowsOf(t *testing.T, out, dataset, uri string) []string {
	t.Helper()
	l, err := lake.Open(context.Background(), out, lake.Catalog(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	listed, err := l.Entries(context.Background(), dataset)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for rel, n := range listed {
		for range n { // a file the table lists twice is read twice
			files = append(files, filepath.Join(out, filepath.FromSlash(rel)))
		}
	}
	return fileRows(t, files)
}

// lakeListed reports whether a dataset's Iceberg table lists the file at
// path.
func lakeListed(out, dataset, path string) (bool, error) {
	l, err := lake.Open(context.Background(), out)
	if err != nil {
		return false, err
	}
	defer l.Close()
	listed, err := l.Files(context.Background(), dataset)
	if err != nil {
		return false, err
	}
	rel, err := filepath.Rel(out, path)
	if err != nil {
		return false, err
	}
	_, ok := listed[filepath.ToSlash(rel)]
	return ok, nil
}

// sameLakeRows checks that a reader of OUT's Iceberg tables sees the rows
// of want's Hive folders, each once.
func sameLakeRows(t *testing.T, out, want string) {
	t.Helper()
	for _, ds := range schema.Datasets {
		if g, w := lakeRows(t, out, ds), datasetRows(t, want, ds); !slices.Equal(g, w) {
			t.Errorf("%s: the Iceberg table lists files of %d rows, want %d (the reference's rows, each once)", ds, len(g), len(w))
		}
	}
}

// fileRows reads every row of Parquet files, as sorted text.
func fileRows(t *testing.T, files []string) []string {
	t.Helper()
	var rows []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := fh.Stat()
		pf, err := parquet.OpenFile(fh, st.Size())
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, rg := range pf.RowGroups() {
			r := rg.Rows()
			buf := make([]parquet.Row, 64)
			for {
				n, err := r.ReadRows(buf)
				for _, row := range buf[:n] {
					rows = append(rows, fmt.Sprint(row))
				}
				if err != nil {
					break
				}
			}
			r.Close()
		}
		fh.Close()
	}
	slices.Sort(rows)
	return rows
}

func sameRows(t *testing.T, got, want string) {
	t.Helper()
	for _, ds := range schema.Datasets {
		g, w := datasetRows(t, got, ds), datasetRows(t, want, ds)
		if len(w) == 0 {
			t.Fatalf("%s: no rows in the reference output", ds)
		}
		if !slices.Equal(g, w) {
			t.Errorf("%s: %d rows, want %d (the reference's rows, each once)", ds, len(g), len(w))
			for i := range min(len(g), len(w)) {
				if g[i] != w[i] {
					t.Errorf("first difference:\n got %s\nwant %s", g[i], w[i])
					break
				}
			}
		}
	}
}

// partitionFiles lists the *.parquet names of each DATASET/fiscal_year=Y.
func partitionFiles(t *testing.T, out string) map[string][]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "*", "*", "*.parquet"))
	m := map[string][]string{}
	for _, f := range files {
		rel, _ := filepath.Rel(out, f)
		rel = filepath.ToSlash(rel)
		m[path.Dir(rel)] = append(m[path.Dir(rel)], path.Base(rel))
	}
	return m
}

func TestCompactKeepsEveryRowOnce(t *testing.T) {
	for _, tc := range []struct {
		name         string
		partSize     int64
		minParts     int  // per line_items partition
		noDepartment bool // a manifest of an earlier juesuan: the files tell the departments
	}{
		{"default part size", 0, 1, false},
		{"tiny parts", 4 << 10, 2, false},
		{"manifest without departments", 0, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, ref, out := t.TempDir(), t.TempDir(), t.TempDir()
			reportsInputs(t, in, []int{2020, 2021}, 12, 40)
			convertInto(t, ref, []string{in})
			convertInto(t, out, []string{in})
			if tc.noDepartment {
				// The state as an earlier juesuan's manifest: migrated.
				toManifest(t, out, func(m *manifest) {
					for _, e := range m.Reports {
						if e.Department == "" {
							t.Fatalf("state entry without department: %+v", e)
						}
						e.Department = ""
					}
				})
			}
			sum := compactOut(t, out, PartSize(tc.partSize))
			if want := 2 * len(schema.Datasets); sum.Partitions != want || sum.Reports != 12*want {
				t.Errorf("summary %+v, want %d partitions, %d report files", sum, want, 12*want)
			}
			sameRows(t, out, ref)
			for dir, names := range partitionFiles(t, out) {
				for _, n := range names {
					if !compact.IsPartName(n) {
						t.Errorf("%s/%s left beside the parts", dir, n)
					}
				}
				if strings.HasPrefix(dir, "line_items/") && len(names) < tc.minParts {
					t.Errorf("%s: %d parts, want at least %d", dir, len(names), tc.minParts)
				}
			}
			assertPartsOrdered(t, out)
			// Compacting a compacted OUT changes nothing.
			before := tree(t, out)
			if again := compactOut(t, out, PartSize(tc.partSize)); again.Partitions != 0 {
				t.Errorf("second compaction rewrote %d partitions", again.Partitions)
			}
			if after := tree(t, out); len(after) != len(before) {
				t.Errorf("second compaction: %d files, had %d", len(after), len(before))
			}
			// The next convert finds every report in place: nothing converted again.
			s, err := New(out, func(ctx context.Context, data []byte, id, path string) *juesuan.Result {
				t.Errorf("%s converted again after compaction", path)
				return yearConvert(ctx, data, id, path)
			}, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
			if err != nil || s.Unchanged != 24 {
				t.Errorf("convert after compaction: %+v, %v", s, err)
			}
			sameRows(t, out, ref)
		})
	}
}

// assertPartsOrdered checks that each part's rows come by (department,
// report_id), and that the manifest lists each part's reports in that
// order.
func assertPartsOrdered(t *testing.T, out string) {
	t.Helper()
	m := dumpManifest(t, out)
	if len(m.Parts) == 0 {
		t.Fatal("manifest lists no parts")
	}
	for rel, p := range m.Parts {
		rows, err := parquet.ReadFile[struct {
			ReportID   string  `parquet:"report_id"`
			Department *string `parquet:"department,optional"`
		}](filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		var last string
		for _, r := range rows {
			k := deref(r.Department) + "\x00" + r.ReportID
			if k < last {
				t.Fatalf("%s: rows out of order at %s", rel, r.ReportID)
			}
			last = k
			if len(ids) == 0 || ids[len(ids)-1] != r.ReportID {
				ids = append(ids, r.ReportID)
			}
		}
		if !slices.Equal(ids, p.Reports) {
			t.Errorf("%s holds reports %v, manifest says %v", rel, ids, p.Reports)
		}
	}
}

// crash is the panic value of an injected crash.
type crash struct{}

// TestCompactCrashAtEveryStep stops a compaction after each step that
// changes OUT (every occurrence of it), as a kill would, then checks that
// a reader still sees every report, and that a rerun leaves every row
// exactly once.
func TestCompactCrashAtEveryStep(t *testing.T) {
	t.Run("hive", func(t *testing.T) { testCompactCrash(t, false) })
	t.Run("lake", func(t *testing.T) { testCompactCrash(t, true) })
}

// testCompactCrash crashes a compaction at each of its steps, then runs
// compact or convert again. With the lake, a reader of the Iceberg
// tables sees every row once at the crash already.
func testCompactCrash(t *testing.T, withLake bool) {
	var opts []Option
	stepNames := []string{stepMerged, stepPublished, stepRecorded, stepRemoved}
	if withLake {
		opts = append(opts, Catalog(""))
		stepNames = append(stepNames, stepLake)
	}
	convertInto := func(t *testing.T, out string, paths []string, more ...Option) {
		t.Helper()
		convertInto(t, out, paths, append(more, opts...)...)
	}
	compactOut := func(t *testing.T, out string, more ...Option) CompactSummary {
		t.Helper()
		return compactOut(t, out, append(more, opts...)...)
	}
	in := t.TempDir()
	reportsInputs(t, in, []int{2020, 2021}, 6, 30)
	// prepare makes the OUT a crash test starts from: a compacted OUT and
	// two new reports converted since, to merge into its parts.
	prepare := func(t *testing.T) (out, want string) {
		out = t.TempDir()
		convertInto(t, out, []string{in})
		compactOut(t, out, PartSize(4<<10))
		writeInputs(t, in, map[string]string{"2021/new.pdf": "dept09 2021 33", "2020/new.pdf": "dept00 2020 41"})
		t.Cleanup(func() {
			os.Remove(filepath.Join(in, "2021/new.pdf"))
			os.Remove(filepath.Join(in, "2020/new.pdf"))
		})
		convertInto(t, out, []string{in})
		want = t.TempDir()
		convertInto(t, want, []string{in})
		return out, want
	}
	steps := map[string]int{} // how often each step occurs in the compaction
	t.Run("count steps", func(t *testing.T) {
		out, _ := prepare(t)
		compactOut(t, out, PartSize(4<<10), withStep(func(s string) { steps[s]++ }))
	})
	for _, step := range stepNames {
		if steps[step] == 0 {
			t.Fatalf("step %s never happened", step)
		}
		// The first, a middle and the last occurrence of the step.
		ats := []int{1, (steps[step] + 1) / 2, steps[step]}
		if withLake {
			ats = []int{1, steps[step]} // each lake run costs commits
		}
		for _, at := range slices.Compact(ats) {
			for _, rerun := range []string{"compact", "convert"} {
				t.Run(fmt.Sprintf("%s#%d/%s", step, at, rerun), func(t *testing.T) {
					out, want := prepare(t)

					n := 0
					func() {
						defer func() {
							if p := recover(); p != nil && p != (crash{}) {
								panic(p)
							}
						}()
						compactOut(t, out, PartSize(4<<10), withStep(func(s string) {
							if s == step {
								if n++; n == at {
									panic(crash{})
								}
							}
						}))
						t.Fatalf("no crash at %s #%d", step, at)
					}()
					// What a reader sees now: no report missing.
					wantIDs := reportIDs(t, want)
					for ds, ids := range reportIDs(t, out) {
						for id := range wantIDs[ds] {
							if !ids[id] {
								t.Errorf("after the crash, %s lacks report %s", ds, id)
							}
						}
					}
					if withLake {
						sameLakeRows(t, out, want)
					}
					if rerun == "compact" {
						compactOut(t, out, PartSize(4<<10))
					} else {
						convertInto(t, out, []string{in})
					}
					sameRows(t, out, want)
					if withLake {
						sameLakeRows(t, out, want)
					}
				})
			}
		}
	}
}

func withStep(f func(string)) Option { return func(c *config) { c.compactStep = f } }

// reportIDs lists the report IDs each dataset holds.
func reportIDs(t *testing.T, out string) map[string]map[string]bool {
	t.Helper()
	ids := map[string]map[string]bool{}
	for _, ds := range schema.Datasets {
		ids[ds] = map[string]bool{}
		files, _ := filepath.Glob(filepath.Join(out, ds, "*", "*.parquet"))
		for _, f := range files {
			rows, err := parquet.ReadFile[struct {
				ReportID string `parquet:"report_id"`
			}](f)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				ids[ds][r.ReportID] = true
			}
		}
	}
	return ids
}

// TestIncrementalAfterCompaction adds reports and changes one after a
// compaction: convert with compaction rewrites only the partitions
// concerned, and gives the rows of a conversion from scratch.
func TestIncrementalAfterCompaction(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2019, 2020, 2021}, 8, 25)
	convertInto(t, out, []string{in}, CompactAfter(true))
	before := partitionFiles(t, out)

	var added = map[string]string{}
	for i := range 10 {
		added[fmt.Sprintf("2020/added%02d.pdf", i)] = fmt.Sprintf("dept%02d 2020 %d", i%3, 50+i) // bytes no other input has
	}
	added["2021/r003.pdf"] = "dept03 2021 99" // changed bytes
	writeInputs(t, in, added)
	convertInto(t, out, []string{in}, CompactAfter(true))
	after := partitionFiles(t, out)

	for dir, names := range after {
		changed := !slices.Equal(names, before[dir])
		concerned := strings.HasSuffix(dir, "=2020") || strings.HasSuffix(dir, "=2021")
		if changed != concerned {
			t.Errorf("%s: files %v → %v; rewritten %v, concerned %v", dir, before[dir], names, changed, concerned)
		}
		for _, n := range names {
			if !compact.IsPartName(n) {
				t.Errorf("%s/%s: not compacted", dir, n)
			}
		}
	}
	scratch := t.TempDir()
	convertInto(t, scratch, []string{in})
	sameRows(t, out, scratch)

	// --force converts every input again: the parts are dropped, no row twice.
	convertInto(t, out, []string{in}, Force(true))
	sameRows(t, out, scratch)
	for dir, names := range partitionFiles(t, out) {
		for _, n := range names {
			if compact.IsPartName(n) {
				t.Errorf("%s/%s kept after --force converted its reports again", dir, n)
			}
		}
	}
}

// fourReports converts four reports of rows line items each into out
// (with opts) and, for reference, ref, returning the inputs' folder and
// out's four line_items files.
func fourReports(t *testing.T, rows int, opts ...Option) (in, out, ref string, files []string) {
	t.Helper()
	in, out, ref = t.TempDir(), t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020}, 4, rows)
	convertInto(t, ref, []string{in})
	convertInto(t, out, []string{in}, opts...)
	files, _ = filepath.Glob(filepath.Join(out, "line_items", "*", "*.parquet"))
	if len(files) != 4 {
		t.Fatalf("%d line_items files, want 4", len(files))
	}
	return in, out, ref, files
}

// TestCompactMissingOwnFile: an own file the state lists but OUT lacks
// (deleted by hand) is left out of the parts with a warning naming it,
// and the next convert writes it again, to be compacted.
func TestCompactMissingOwnFile(t *testing.T) {
	in, out, ref, files := fourReports(t, 20)
	gone := files[1]
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}

	var log bytes.Buffer
	sum := compactOut(t, out, Logger(zerolog.New(&log)))
	if want := 4*len(schema.Datasets) - 1; sum.Reports != want {
		t.Errorf("compacted %d report files, want %d", sum.Reports, want)
	}
	if !strings.Contains(log.String(), filepath.Base(gone)) || !strings.Contains(log.String(), "it is missing; the next convert writes it again") {
		t.Errorf("no warning naming %s:\n%s", filepath.Base(gone), log.String())
	}

	convertInto(t, out, []string{in})
	compactOut(t, out)
	sameRows(t, out, ref)
}

// convertCounting converts in into out (yearConvert, with opts) and
// returns how many reports it converted, not found unchanged.
func convertCounting(t *testing.T, out, in string, opts ...Option) int {
	t.Helper()
	var n atomic.Int64
	if _, err := New(out, func(ctx context.Context, data []byte, id, path string) *juesuan.Result {
		n.Add(1)
		return yearConvert(ctx, data, id, path)
	}, append([]Option{ToolVersion("test")}, opts...)...).Run(context.Background(), []string{in}, strings.NewReader("")); err != nil {
		t.Fatal(err)
	}
	return int(n.Load())
}

// overwritePage writes 64 bytes over the first pages of the Parquet file
// at path (past its 4-byte magic), leaving its footer whole.
func overwritePage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{'X'}, 64), 200); err != nil {
		t.Fatal(err)
	}
}

// flipAmountBit flips one bit of the compressed amounts of the line_items
// file at path, as a disk or a copy may. The page's CRC32 (parquet-go
// writes and checks it) finds it here; readers that skip that checksum,
// as DuckDB does, check the zstd frame's (schema/zstdcodec).
func flipAmountBit(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	leaf, ok := pf.Schema().Lookup("amount")
	if !ok {
		t.Fatal("no amount column")
	}
	chunk := pf.Metadata().RowGroups[0].Columns[leaf.ColumnIndex].MetaData
	data[chunk.DataPageOffset+chunk.TotalCompressedSize-amountBitFromEnd] ^= 0x10
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// amountBitFromEnd places flipAmountBit's byte in the page's compressed
// values, before the frame's 4-byte checksum.
const amountBitFromEnd = 12

// copyFile copies the file from over the file to.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeForeign writes rows over path as a program other than juesuan
// would: valid Parquet without juesuan's footer entries.
func writeForeign[T any](t *testing.T, path string, rows []T) {
	t.Helper()
	if err := parquet.WriteFile(path, rows); err != nil {
		t.Fatal(err)
	}
}

// reportOf is the report of an own file, named REPORT_ID.parquet.
func reportOf(path string) string { return strings.TrimSuffix(filepath.Base(path), ".parquet") }

// dropReport rewrites the line_items part at path, as another program
// would, without the rows of its first report.
func dropReport(t *testing.T, path string) {
	t.Helper()
	rows, err := parquet.ReadFile[schema.LineItem](path)
	if err != nil {
		t.Fatal(err)
	}
	first := rows[0].ReportID
	writeForeign(t, path, slices.DeleteFunc(rows, func(r schema.LineItem) bool { return r.ReportID == first }))
}

// TestCompactDamagedOwnFile: an own file that is not readable Parquet no
// longer stops every compaction. It is set aside with a warning, the rest
// of its partition is compacted, and the next convert writes it again.
func TestCompactDamagedOwnFile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
		says   string
	}{
		{"truncated", func(t *testing.T, path string) {
			if err := os.Truncate(path, 500); err != nil {
				t.Fatal(err)
			}
		}, "invalid magic footer"},
		{"a page overwritten", overwritePage, "column "},
		{"one bit flipped in the amounts", flipAmountBit, "column amount"},
		{"another report's file copied over it", func(t *testing.T, path string) {
			others, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.parquet"))
			copyFile(t, others[slices.IndexFunc(others, func(p string) bool { return p != path })], path)
		}, "is another file than the one juesuan wrote there: its footer's juesuan.source_sha256 names report"},
		{"another program's file with columns of its own", func(t *testing.T, path string) {
			type foreign struct {
				ReportID string `parquet:"report_id"`
				X        int64  `parquet:"x"`
			}
			writeForeign(t, path, []foreign{{ReportID: reportOf(path), X: 1}})
		}, "its footer has no juesuan.source_sha256"},
		{"another program's file with a few of the dataset's columns", func(t *testing.T, path string) {
			rows, err := parquet.ReadFile[schema.LineItem](path)
			if err != nil {
				t.Fatal(err)
			}
			type few struct {
				ReportID string `parquet:"report_id"`
				Amount   *int64 `parquet:"amount,optional,decimal(2:18)"`
			}
			writeForeign(t, path, []few{{rows[0].ReportID, rows[0].Amount}})
		}, "its footer has no juesuan.source_sha256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lake := Catalog("") // the tables in OUT's state, as the command's default
			in, out, ref, files := fourReports(t, 200, lake)
			bad := files[2]
			tc.damage(t, bad)

			var log bytes.Buffer
			sum, err := New(out, nil, ToolVersion("test"), Logger(zerolog.New(&log)), lake).Compact(context.Background())
			if err != nil {
				t.Fatalf("compact with a damaged file: %v", err)
			}
			if want := 4*len(schema.Datasets) - 1; sum.Reports != want || sum.SetAside != 1 {
				t.Errorf("compacted %d report files, %d set aside; want %d, 1", sum.Reports, sum.SetAside, want)
			}
			if !strings.Contains(sum.String(), "1 file set aside (see the warnings)") {
				t.Errorf("the summary does not say a file was set aside: %s", sum)
			}
			if !strings.Contains(log.String(), filepath.Base(bad)) || !strings.Contains(log.String(), tc.says) ||
				!strings.Contains(log.String(), "the next convert of the report's input writes it again") {
				t.Errorf("no warning naming %s and why (%q):\n%s", filepath.Base(bad), tc.says, log.String())
			}
			if _, err := os.Stat(bad + damagedSuffix); err != nil {
				t.Errorf("not set aside: %v", err)
			}
			if rows := datasetRows(t, out, schema.DatasetLineItems); len(rows) >= len(datasetRows(t, ref, schema.DatasetLineItems)) {
				t.Errorf("%d line items read: the damaged file's rows cannot be there", len(rows))
			}
			if listed, err := lakeListed(out, schema.DatasetLineItems, bad); err != nil || listed {
				t.Errorf("the Iceberg table still lists the file set aside (%v)", err)
			}

			if again := convertCounting(t, out, in, lake); again != 1 {
				t.Errorf("the next convert converted %d reports again, want the damaged file's one", again)
			}
			compactOut(t, out, lake)
			sameRows(t, out, ref)
			sameLakeRows(t, out, ref)
		})
	}
}

// TestCompactDamagedPart: a part that is missing or not readable Parquet
// no longer stops every compaction. It is set aside with a warning, its
// reports lose that file and are marked to be converted again, and after
// the next convert and compaction every reader sees each row once.
func TestCompactDamagedPart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, part string)
		// dirty: an input changed, so that convert rewrites the part;
		// else a full compaction finds it, reading every page with check
		// (compact --check), else only the part's end.
		dirty, check bool
		says         string
		lost         int // reports converted again for it
	}{
		{"truncated", func(t *testing.T, part string) {
			if err := os.Truncate(part, 700); err != nil {
				t.Fatal(err)
			}
		}, false, false, "cannot be read as Parquet", 4},
		{"deleted", func(t *testing.T, part string) {
			if err := os.Remove(part); err != nil {
				t.Fatal(err)
			}
		}, false, false, "this part is missing", 4},
		{"a page overwritten, the part rewritten", overwritePage, true, false, "cannot be read as Parquet", 3},
		{"a page overwritten, found by --check", overwritePage, false, true, "cannot be read as Parquet", 4},
		// Valid Parquet, but not the part written: another program
		// rewrote it without one report's rows.
		{"rewritten without a report, the part rewritten", dropReport, true, false, "it lacks 1 of the 4 reports recorded for it", 3},
		{"rewritten without a report, found by --check", dropReport, false, true, "it lacks 1 of the 4 reports recorded for it", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lake := Catalog("") // the tables in OUT's state, as the command's default
			in, out, _, _ := fourReports(t, 200, lake)
			compactOut(t, out, lake)
			parts, _ := filepath.Glob(filepath.Join(out, "line_items", "*", "part-*.parquet"))
			if len(parts) != 1 {
				t.Fatalf("%d line_items parts, want 1", len(parts))
			}
			tc.damage(t, parts[0])

			var log bytes.Buffer
			if tc.dirty {
				inputs, _ := filepath.Glob(filepath.Join(in, "2020", "*.pdf"))
				writeInputs(t, in, map[string]string{filepath.Join("2020", filepath.Base(inputs[0])): "dept09 2020 30"})
				if _, err := New(out, yearConvert, ToolVersion("test"), Logger(zerolog.New(&log)), lake).Run(context.Background(), []string{in}, strings.NewReader("")); err != nil {
					t.Fatalf("convert with a damaged part: %v", err)
				}
			} else if sum, err := New(out, nil, ToolVersion("test"), Logger(zerolog.New(&log)), lake, CheckParts(tc.check)).Compact(context.Background()); err != nil {
				t.Fatalf("compact with a damaged part: %v", err)
			} else if sum.SetAside != 1 {
				t.Errorf("%d files set aside, want 1: %s", sum.SetAside, sum)
			}
			if !strings.Contains(log.String(), filepath.Base(parts[0])) || !strings.Contains(log.String(), tc.says) {
				t.Errorf("no warning naming %s and %q:\n%s", filepath.Base(parts[0]), tc.says, log.String())
			}

			if again := convertCounting(t, out, in, lake); again != tc.lost {
				t.Errorf("the next convert converted %d reports again, want the part's %d", again, tc.lost)
			}
			compactOut(t, out, lake)
			ref := t.TempDir()
			convertInto(t, ref, []string{in})
			sameRows(t, out, ref)
			sameLakeRows(t, out, ref)
		})
	}
}

// TestUnremovedFileKeepsItsIntent: a file that a compaction or a
// conversion replaced but could not remove (here a folder stands in its
// place) keeps its remove intent, so that the next run removes it once it
// can; before, the intent was dropped with the others and the file stayed
// for good, its rows read twice through the folders.
func TestUnremovedFileKeepsItsIntent(t *testing.T) {
	// block puts a folder that is not empty in place of rel, keeping its
	// bytes; unblock puts them back.
	block := func(t *testing.T, out, rel string) (unblock func()) {
		t.Helper()
		p := filepath.Join(out, filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		writeInputs(t, p, map[string]string{"x": "x"})
		return func() {
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			writeInputs(t, filepath.Dir(p), map[string]string{filepath.Base(p): string(data)})
		}
	}
	intents := func(t *testing.T, out string) []string {
		t.Helper()
		s := openState(t, out)
		defer s.close()
		rows, err := s.db.Query(`SELECT path FROM juesuan_intents WHERE kind = ?`, intentRemove)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var paths []string
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		return paths
	}
	// check runs the replacing run, then the next run once the file can
	// go: after it, OUT has the rows of ref exactly once.
	check := func(t *testing.T, out, ref, rel string, replace func(unblock *func()), next func()) {
		t.Helper()
		var unblock func()
		replace(&unblock)
		if unblock == nil {
			t.Fatal("the file was not blocked")
		}
		if got := intents(t, out); !slices.Equal(got, []string{rel}) {
			t.Errorf("remove intents after the run %v, want [%s]", got, rel)
		}
		unblock()
		next()
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s not removed by the next run: %v", rel, err)
		}
		if got := intents(t, out); len(got) != 0 {
			t.Errorf("remove intents after the next run %v, want none", got)
		}
		sameRows(t, out, ref)
	}

	t.Run("compact", func(t *testing.T) {
		in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
		reportsInputs(t, in, []int{2020}, 3, 10)
		convertInto(t, ref, []string{in})
		convertInto(t, out, []string{in})
		own, _ := filepath.Glob(filepath.Join(out, "line_items", "*", "*.parquet"))
		rel, _ := filepath.Rel(out, own[0])
		rel = filepath.ToSlash(rel)
		check(t, out, ref, rel, func(unblock *func()) {
			// line_items is published first: its files are merged, to be
			// removed once its round is recorded.
			compactOut(t, out, withStep(func(s string) {
				if s == stepRecorded && *unblock == nil {
					*unblock = block(t, out, rel)
				}
			}))
		}, func() { compactOut(t, out) })
	})

	t.Run("convert", func(t *testing.T) {
		in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
		reportsInputs(t, in, []int{2020}, 3, 10)
		convertInto(t, out, []string{in})
		own, _ := filepath.Glob(filepath.Join(out, "line_items", "*", "*.parquet"))
		rel, _ := filepath.Rel(out, own[0])
		rel = filepath.ToSlash(rel)
		// Every input's bytes change: each is a new report, and the
		// files of the old ones are replaced.
		reportsInputs(t, in, []int{2020}, 3, 11)
		convertInto(t, ref, []string{in})
		check(t, out, ref, rel, func(unblock *func()) {
			*unblock = block(t, out, rel)
			convertInto(t, out, []string{in})
		}, func() { convertInto(t, out, []string{in}) })
	})
}

// TestLakeFollowsConvert: after each kind of run (new inputs, an input
// whose bytes changed, --force, a compaction, a removed manifest), the
// Iceberg tables list exactly the rows of the Hive folders; so after a
// catalog emptied and a lake left behind the state.
func TestLakeFollowsConvert(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020, 2021}, 4, 10)
	lakeOn := Catalog("")
	check := func(step string) {
		t.Helper()
		ref := t.TempDir()
		convertInto(t, ref, []string{in})
		for _, ds := range schema.Datasets {
			if g, w := lakeRows(t, out, ds), datasetRows(t, ref, ds); !slices.Equal(g, w) {
				t.Errorf("%s: %s: the Iceberg table lists files of %d rows, want %d", step, ds, len(g), len(w))
			}
		}
		sameRows(t, out, ref)
	}
	convertInto(t, out, []string{in}, lakeOn)
	check("first run")
	writeInputs(t, in, map[string]string{"2021/r000.pdf": "dept07 2021 12", "2020/new.pdf": "dept03 2020 5"})
	convertInto(t, out, []string{in}, lakeOn)
	check("changed and new inputs")
	convertInto(t, out, []string{in}, lakeOn, Force(true))
	check("--force")
	compactOut(t, out, lakeOn, PartSize(4<<10))
	check("compact")
	writeInputs(t, in, map[string]string{"2020/r001.pdf": "dept01 2020 3"})
	convertInto(t, out, []string{in}, lakeOn)
	check("changed after compaction")
	// Runs without the tables (--catalog none) still count their changes:
	// the next run with them brings the tables up to date.
	writeInputs(t, in, map[string]string{"2020/r002.pdf": "dept02 2020 4", "2021/none.pdf": "dept05 2021 6"})
	convertInto(t, out, []string{in}, Catalog(CatalogNone))
	convertInto(t, out, []string{in}, lakeOn)
	check("after a run with --catalog none")
	// A lake whose catalog lost its tables is built again from the state.
	execState(t, out, `DELETE FROM iceberg_tables`)
	convertInto(t, out, []string{in}, lakeOn)
	check("catalog emptied")
	// A lake behind the state (a crash between their commits) catches up.
	execState(t, out, `UPDATE juesuan_meta SET value = value + 5 WHERE key LIKE 'lake_seq.%'`)
	writeInputs(t, in, map[string]string{"2021/r002.pdf": "dept02 2021 7"})
	convertInto(t, out, []string{in}, lakeOn)
	check("lake behind the state")
}

// TestLakeHostileCatalog: a catalog row naming metadata that is not there,
// or another program's file, does not stop a run: the table is made again
// from the state.
func TestLakeHostileCatalog(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2020}, 3, 5)
	convertInto(t, out, []string{in}, Catalog(""))
	for _, loc := range []string{"file:///nonexistent/v1.metadata.json", "file://" + filepath.Join(in, "2020", "r000.pdf"), "../../../../etc/passwd"} {
		execState(t, out, `UPDATE iceberg_tables SET metadata_location = '`+loc+`'`)
		convertInto(t, out, []string{in}, Catalog(""))
		for _, ds := range schema.Datasets {
			if g, w := lakeRows(t, out, ds), datasetRows(t, out, ds); !slices.Equal(g, w) {
				t.Errorf("metadata_location %s: %s: the table lists files of %d rows, the Hive folders hold %d", loc, ds, len(g), len(w))
			}
		}
	}
}

// TestLakeDamagedManifests: a table whose manifest list and manifests do
// not read (a flipped byte, a file deleted) failed every repair, and every
// reader of the table, for good. With OUT's own catalog it is made again
// from the state by the next run.
func TestLakeDamagedManifests(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"a byte flipped", flipByte},
		{"a record renamed in its Avro schema", renameDataFile},
		{"deleted", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out := t.TempDir(), t.TempDir()
			reportsInputs(t, in, []int{2020}, 4, 10)
			lakeOn := Catalog("")
			convertInto(t, out, []string{in}, lakeOn)
			compactOut(t, out, lakeOn)
			damageManifests(t, out, tc.damage)
			// A changed input: its part is rewritten, a removal that reads
			// the manifests.
			writeInputs(t, in, map[string]string{"2020/r001.pdf": "dept03 2020 12"})
			convertInto(t, out, []string{in}, lakeOn)
			// The run that meets the damage makes the table again.
			for _, ds := range schema.Datasets {
				if g, w := lakeRows(t, out, ds), datasetRows(t, out, ds); !slices.Equal(g, w) {
					t.Errorf("%s: after the run that met the damage, the table reads %d rows, the folders %d", ds, len(g), len(w))
				}
			}
			convertInto(t, out, []string{in}, lakeOn)
			ref := t.TempDir()
			convertInto(t, ref, []string{in})
			sameRows(t, out, ref)
			sameLakeRows(t, out, ref)
		})
	}
}

// damageManifests damages, by damage, every manifest and manifest list
// of OUT's tables.
func damageManifests(t *testing.T, out string, damage func(t *testing.T, path string)) {
	t.Helper()
	avro, _ := filepath.Glob(filepath.Join(out, "*", "metadata", "*.avro"))
	if len(avro) == 0 {
		t.Fatal("no manifest")
	}
	for _, f := range avro {
		damage(t, f)
	}
}

// renameDataFile turns, in a manifest's Avro schema, the record
// "data_file" into "dita_file" (one bit): iceberg-go dereferenced nil on
// it and ended the run (found by bench/flip/tables.sh). A manifest list,
// which has no such record, is left as it is.
func renameDataFile(t *testing.T, path string) {
	t.Helper()
	editFile(t, path, func(data []byte) []byte {
		return bytes.Replace(data, []byte(`"name":"data_file"`), []byte(`"name":"dita_file"`), 1)
	})
}

// flipByte flips a bit of a byte two thirds into the file at path.
func flipByte(t *testing.T, path string) {
	t.Helper()
	editFile(t, path, func(data []byte) []byte {
		data[len(data)*2/3] ^= 0x10
		return data
	})
}

// editFile writes the file at path again as edit returns its bytes.
func editFile(t *testing.T, path string, edit func([]byte) []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, edit(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTierParts(t *testing.T) {
	parts := func(reports ...int64) []tierPart {
		var ps []tierPart
		for i, n := range reports {
			ps = append(ps, tierPart{fmt.Sprintf("p%d", i), n})
		}
		return ps
	}
	for _, tc := range []struct {
		name    string
		merging int64
		parts   []tierPart
		want    []string
	}{
		{"nothing new, one part", 0, parts(10), nil},
		{"nothing new, two alike", 0, parts(10, 10), []string{"p0", "p1"}},
		{"nothing new, a small and a large", 0, parts(1, 10), nil},
		{"nothing new, a run of small ones", 0, parts(8, 1, 2, 1, 30), []string{"p1", "p3", "p2"}},
		{"new files and a large part", 5, parts(100), nil},
		{"new files take the small parts", 5, parts(20, 7, 3, 100), []string{"p2", "p1"}},
		{"a part as large as the new files", 5, parts(5), []string{"p0"}},
		{"none", 5, nil, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tierParts(tc.merging, tc.parts)
			if !slices.Equal(got, tc.want) {
				t.Errorf("tierParts(%d, …) = %v, want %v", tc.merging, got, tc.want)
			}
		})
	}
}

// TestTierPartsBounded: however many runs each add a few reports, a
// partition keeps few under-filled parts and a report is rewritten few
// times.
func TestTierPartsBounded(t *testing.T) {
	var parts []tierPart
	var written, added int64
	for run := range 1000 {
		const add = 3
		added += add
		take := tierParts(add, parts)
		merged := int64(add)
		var kept []tierPart
		for _, p := range parts {
			if slices.Contains(take, p.path) {
				merged += p.reports
			} else {
				kept = append(kept, p)
			}
		}
		written += merged
		parts = append(kept, tierPart{fmt.Sprintf("run%d", run), merged})
		if len(parts) > 11 { // log2(3000) ≈ 11.6
			t.Fatalf("run %d: %d parts", run, len(parts))
		}
	}
	if perByte := float64(written) / float64(added); perByte > 12 {
		t.Errorf("each report written %.1f times on average, want at most log2 of the total", perByte)
	}
}

// TestNightlyCompactions: runs that each add a report and compact (a
// nightly scrape) keep a partition's parts few, rewrite only small parts,
// and keep every row exactly once.
func TestNightlyCompactions(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	reportsInputs(t, in, []int{2021}, 4, 20)
	convertInto(t, out, []string{in}, CompactAfter(true))
	var rewritten int
	for night := range 24 {
		writeInputs(t, in, map[string]string{
			fmt.Sprintf("2021/night%02d.pdf", night): fmt.Sprintf("dept%02d 2021 %d", night%5, 30+night),
		})
		before := partitionFiles(t, out)
		convertInto(t, out, []string{in}, CompactAfter(true))
		for dir, names := range partitionFiles(t, out) {
			// log2(28 reports) ≈ 4.8: a partition keeps at most that many parts.
			if len(names) > 5 {
				t.Fatalf("night %d: %s holds %d parts: %v", night, dir, len(names), names)
			}
			for _, n := range before[dir] {
				if !slices.Contains(names, n) {
					rewritten++
				}
			}
		}
	}
	// Merging every small part each night would rewrite 24 parts per
	// dataset; tiers rewrite about half as many.
	if all := 24 * len(schema.Datasets); rewritten >= all {
		t.Errorf("%d parts rewritten in 24 nights, as many as merging them all (%d)", rewritten, all)
	}
	scratch := t.TempDir()
	convertInto(t, scratch, []string{in})
	sameRows(t, out, scratch)
}

// TestCompactStrayFiles: a Parquet file in a partition folder that the
// state lists nowhere, and whose rows a reader of the folders would read
// beside the files the state lists, is set aside by a compaction with a
// warning; an own file of a conversion not yet recorded is left.
func TestCompactStrayFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		// place puts the file into out's partition folder dir, given an
		// own file saved before the compaction and one of another OUT.
		place func(t *testing.T, dir, saved, foreign string) string
		aside bool
	}{
		{"a report's own file restored beside its part", func(t *testing.T, dir, saved, _ string) string {
			to := filepath.Join(dir, filepath.Base(saved))
			copyFile(t, saved, to)
			return to
		}, true},
		{"a part copied in", func(t *testing.T, dir, _, _ string) string {
			parts, _ := filepath.Glob(filepath.Join(dir, "part-*.parquet"))
			to := filepath.Join(dir, "part-0123456789abcdef.parquet")
			copyFile(t, parts[0], to)
			return to
		}, true},
		{"another program's file", func(t *testing.T, dir, saved, _ string) string {
			to := filepath.Join(dir, "data.parquet")
			copyFile(t, saved, to)
			return to
		}, true},
		{"an own file named for a report the state does not know, holding another's rows", func(t *testing.T, dir, saved, _ string) string {
			to := filepath.Join(dir, strings.Repeat("ab", 32)+".parquet")
			copyFile(t, saved, to)
			return to
		}, true},
		{"a backup folder beside the partitions", func(t *testing.T, dir, saved, _ string) string {
			backup := filepath.Join(filepath.Dir(dir), "backup")
			if err := os.Mkdir(backup, 0o755); err != nil {
				t.Fatal(err)
			}
			to := filepath.Join(backup, filepath.Base(saved))
			copyFile(t, saved, to)
			return to
		}, true},
		{"a copy of a partition folder, with an own file of a report the state does not know", func(t *testing.T, dir, _, foreign string) string {
			copied := dir + " copy"
			if err := os.Mkdir(copied, 0o755); err != nil {
				t.Fatal(err)
			}
			to := filepath.Join(copied, filepath.Base(foreign))
			copyFile(t, foreign, to)
			return to
		}, true},
		{"a link to a copy of an own file", func(t *testing.T, dir, saved, _ string) string {
			to := filepath.Join(dir, strings.Repeat("cd", 32)+".parquet")
			if err := os.Symlink(saved, to); err != nil {
				t.Skip(err)
			}
			return to
		}, true},
		{"an own file of a conversion not yet recorded", func(t *testing.T, dir, _, foreign string) string {
			to := filepath.Join(dir, filepath.Base(foreign))
			copyFile(t, foreign, to)
			return to
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, out, ref, files := fourReports(t, 20)
			saved := filepath.Join(t.TempDir(), filepath.Base(files[0]))
			copyFile(t, files[0], saved)
			other := t.TempDir()
			otherIn := t.TempDir()
			writeInputs(t, otherIn, map[string]string{"2020/x.pdf": "dept09 2020 7"})
			convertInto(t, other, []string{otherIn})
			foreign, _ := filepath.Glob(filepath.Join(other, "line_items", "*", "*.parquet"))
			compactOut(t, out)

			placed := tc.place(t, filepath.Dir(files[0]), saved, foreign[0])
			var log bytes.Buffer
			sum := compactOut(t, out, Logger(zerolog.New(&log)))
			_, err := os.Stat(placed + strayedSuffix)
			if tc.aside {
				if err != nil || sum.SetAside != 1 || !strings.Contains(log.String(), "this file is not in OUT's state") {
					t.Fatalf("not set aside (%v), %d in the summary; log:\n%s", err, sum.SetAside, log.String())
				}
				sameRows(t, out, ref)
				return
			}
			if err == nil || sum.SetAside != 0 || log.Len() != 0 {
				t.Errorf("set aside (%d in the summary); log:\n%s", sum.SetAside, log.String())
			}
			if _, err := os.Stat(placed); err != nil {
				t.Errorf("the file of a conversion not yet recorded is gone: %v", err)
			}
		})
	}
}

// TestLakeListingSkipsDamagedFile: the first listing of an OUT into its
// Iceberg tables (an OUT of a juesuan before the tables) lists every
// readable file and names a damaged one, where it failed the table's
// repair at every run until a compaction set the file aside; after
// compact and convert, the table and the folders hold a fresh
// conversion's rows.
func TestLakeListingSkipsDamagedFile(t *testing.T) {
	in, out, ref, files := fourReports(t, 20) // no tables yet
	bad := files[2]
	if err := os.Truncate(bad, 500); err != nil {
		t.Fatal(err)
	}
	lake := Catalog("")
	var log bytes.Buffer
	if _, err := New(out, yearConvert, ToolVersion("test"), Logger(zerolog.New(&log)), lake).Run(context.Background(), []string{in}, strings.NewReader("")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), filepath.Base(bad)) || !strings.Contains(log.String(), "not listed in the line_items table") ||
		strings.Contains(log.String(), "the next run tries again") {
		t.Errorf("no warning naming the damaged file alone:\n%s", log.String())
	}
	if listed, err := lakeListed(out, schema.DatasetLineItems, bad); err != nil || listed {
		t.Errorf("the damaged file is listed (%v)", err)
	}
	if listed, err := lakeListed(out, schema.DatasetLineItems, files[0]); err != nil || !listed {
		t.Errorf("the readable files are not listed (%v)", err)
	}
	compactOut(t, out, lake)
	if again := convertCounting(t, out, in, lake); again != 1 {
		t.Errorf("the next convert converted %d reports again, want the damaged file's one", again)
	}
	compactOut(t, out, lake)
	sameRows(t, out, ref)
	sameLakeRows(t, out, ref)
}
