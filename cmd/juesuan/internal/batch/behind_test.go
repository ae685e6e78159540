package batch

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/lake"
	"github.com/juesuan/juesuan/schema"
)

// TestStateRestoredFromBackup: juesuan.db saved after a convert and put
// back after a compaction (a backup restored, or OUT copied while the
// compaction ran) lists the reports' own files, which the compaction
// removed, and not its parts. Readers of the folders read the parts beside
// the files the next run writes again, unless the run sets the parts
// aside; and OUT's own catalog, in the same file, went back with it, so
// only the tables' version hint tells.
func TestStateRestoredFromBackup(t *testing.T) {
	for _, tc := range []struct {
		name    string
		catalog func(t *testing.T) string // "" OUT's own
		move    bool                      // OUT restored to another folder
		compact bool                      // the first run after the restore compacts
	}{
		{name: "in place, then convert"},
		{name: "in place, then compact", compact: true},
		{name: "to another folder", move: true},
		{name: "with another catalog file, which did not go back", catalog: func(t *testing.T) string {
			return "sqlite:" + filepath.Join(t.TempDir(), "catalog.db")
		}},
		// No hint to read: the reports' own files, which the state lists,
		// are found missing.
		{name: "without the tables", catalog: func(*testing.T) string { return CatalogNone }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out, ref := t.TempDir(), filepath.Join(t.TempDir(), "out"), t.TempDir()
			reportsInputs(t, in, []int{2020, 2021}, 4, 10)
			convertInto(t, ref, []string{in})
			uri := ""
			if tc.catalog != nil {
				uri = tc.catalog(t)
			}
			lakeOn := Catalog(uri)
			convertInto(t, out, []string{in}, lakeOn)
			backup := filepath.Join(t.TempDir(), StateName)
			copyFile(t, filepath.Join(out, StateName), backup) // no WAL left after a run
			compactOut(t, out, lakeOn)
			// Two more commits after the backup: the hint is then ahead of
			// the first commit after the restore.
			writeInputs(t, in, map[string]string{"2021/r001.pdf": "dept03 2021 12"})
			convertInto(t, out, []string{in}, lakeOn)
			compactOut(t, out, lakeOn)
			convertInto(t, ref, []string{in})

			if tc.move {
				moved := filepath.Join(t.TempDir(), "restored")
				if err := os.Rename(out, moved); err != nil {
					t.Fatal(err)
				}
				out = moved
			}
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(filepath.Join(out, StateName+suffix))
			}
			copyFile(t, backup, filepath.Join(out, StateName))

			var log bytes.Buffer
			if tc.compact {
				sum := compactOut(t, out, lakeOn, Logger(zerolog.New(&log)))
				if sum.SetAside == 0 {
					t.Errorf("the compaction's summary counts no file set aside")
				}
			}
			convertInto(t, out, []string{in}, lakeOn, Logger(zerolog.New(&log)))
			if uri != CatalogNone && !strings.Contains(log.String(), StateName+" is older than the files of") {
				t.Errorf("no warning that the state went back:\n%s", log.String())
			}
			aside, _ := filepath.Glob(filepath.Join(out, "*", "*", "part-*.parquet"+strayedSuffix))
			if len(aside) == 0 {
				t.Errorf("no part set aside")
			}
			sameRows(t, out, ref)
			catalogFile := strings.TrimPrefix(uri, "sqlite:")
			if uri == "" {
				catalogFile = filepath.Join(out, StateName)
			}
			for _, ds := range schema.Datasets {
				if uri == CatalogNone {
					break
				}
				if g, w := lakeRowsOf(t, out, ds, uri), datasetRows(t, ref, ds); !slices.Equal(g, w) {
					t.Errorf("%s: the Iceberg table lists files of %d rows, want %d", ds, len(g), len(w))
				}
				if uri == "" { // a shared catalog's table is where it was made
					hintFollowsCatalog(t, out, ds, catalogFile)
				}
			}

			// Once repaired, the state is the tables' again: nothing more
			// to say, and a compaction keeps every row once.
			log.Reset()
			quiet := Logger(zerolog.New(&log).Level(zerolog.WarnLevel))
			convertInto(t, out, []string{in}, lakeOn, quiet)
			compactOut(t, out, lakeOn, quiet)
			if log.Len() > 0 {
				t.Errorf("warnings after the repair:\n%s", log.String())
			}
			sameRows(t, out, ref)
		})
	}
}

// hintFollowsCatalog checks that the dataset's metadata/version-hint.text
// names the version of the metadata the catalog in catalogFile points at,
// which file-based readers would otherwise not read.
func hintFollowsCatalog(t *testing.T, out, dataset, catalogFile string) {
	t.Helper()
	db, err := sql.Open("sqlite", catalogFile)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var loc string
	if err := db.QueryRow(`SELECT metadata_location FROM iceberg_tables WHERE table_name = ?`, dataset).Scan(&loc); err != nil {
		t.Fatalf("%s: %v", dataset, err)
	}
	version, _, _ := strings.Cut(path.Base(loc), "-")
	n, err := strconv.Atoi(version)
	if err != nil {
		t.Fatalf("%s: metadata %s: %v", dataset, loc, err)
	}
	hint, err := os.ReadFile(filepath.Join(out, dataset, "metadata", "version-hint.text"))
	if err != nil || strings.TrimSpace(string(hint)) != strconv.Itoa(n) {
		t.Errorf("%s: version-hint.text says %q (%v); the catalog's metadata is version %d", dataset, hint, err, n)
	}
}

// TestFoldersRestoredFromBackup is the other way round: the dataset
// folders put back from a backup older than juesuan.db. They hold parts
// that a later compaction replaced, which the state no longer lists,
// beside the files the next run writes again for the reports whose files
// are gone. A run that finds a file of the state missing ends with the
// scan for files it does not list.
func TestFoldersRestoredFromBackup(t *testing.T) {
	for _, tc := range []struct {
		name    string
		catalog string
		alone   string // the run after the restore is given this input alone, changed first unless r001
	}{
		{"every input", CatalogNone, ""},
		{"every input, with the tables", "", ""},
		// Only the report's own file is found missing: the part that
		// replaced the backup's is not read by this run.
		{"the input converted again before, alone", CatalogNone, "2020/r001.pdf"},
		// Only the part is found missing, when the end of the run
		// rewrites it without the report's old rows.
		{"another input, changed, alone", CatalogNone, "2020/r002.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
			reportsInputs(t, in, []int{2020, 2021}, 4, 10)
			opt := Catalog(tc.catalog)
			convertInto(t, out, []string{in}, opt)
			compactOut(t, out, opt)
			backup := filepath.Join(t.TempDir(), "backup")
			for _, ds := range schema.Datasets {
				if err := os.CopyFS(filepath.Join(backup, ds), os.DirFS(filepath.Join(out, ds))); err != nil {
					t.Fatal(err)
				}
			}
			// A report converted again: the end of the run rewrites its
			// part without it, into one the backup lacks.
			changed := filepath.Join(in, "2020", "r001.pdf")
			writeInputs(t, in, map[string]string{"2020/r001.pdf": "dept03 2020 12"})
			convertInto(t, out, []string{in}, opt)
			convertInto(t, ref, []string{in})

			for _, ds := range schema.Datasets {
				if err := os.RemoveAll(filepath.Join(out, ds)); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(filepath.Join(backup, ds), filepath.Join(out, ds)); err != nil {
					t.Fatal(err)
				}
			}
			paths := []string{in}
			if tc.alone != "" {
				changed = filepath.Join(in, filepath.FromSlash(tc.alone))
				paths = []string{changed}
			}
			if tc.alone == "2020/r002.pdf" {
				writeInputs(t, in, map[string]string{tc.alone: "dept02 2020 7"})
				ref = t.TempDir()
				convertInto(t, ref, []string{in})
			}
			convertInto(t, out, paths, opt)
			aside, _ := filepath.Glob(filepath.Join(out, "*", "*", "part-*.parquet"+strayedSuffix))
			if len(aside) == 0 {
				t.Errorf("no part set aside")
			}
			id := reportIDOf(t, changed)
			for _, ds := range schema.Datasets {
				got := fileRowsOf(datasetRows(t, out, ds), id)
				if want := fileRowsOf(datasetRows(t, ref, ds), id); !slices.Equal(got, want) {
					t.Errorf("%s: the converted report's rows: %d, want %d", ds, len(got), len(want))
				}
			}
			if tc.alone == "" {
				sameRows(t, out, ref)
			}
			if tc.catalog == "" {
				sameLakeRows(t, out, ref)
			}
			convertInto(t, out, []string{in}, opt)
			compactOut(t, out, opt)
			sameRows(t, out, ref)
		})
	}
}

// reportIDOf is the report ID of the input at path: its bytes' SHA-256.
func reportIDOf(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return juesuan.ReportID(data)
}

// fileRowsOf keeps the rows (datasetRows' text) that name report id.
func fileRowsOf(rows []string, id string) []string {
	return slices.DeleteFunc(rows, func(row string) bool { return !strings.Contains(row, id) })
}

// TestLakeHostileHint: a version hint, or the metadata it names, that is
// not what juesuan wrote (garbage, a number no state reaches) neither
// stops a run nor passes for a state that went back.
func TestLakeHostileHint(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, meta string)
	}{
		{"a hint that is not a number", func(t *testing.T, meta string) {
			writeInputs(t, meta, map[string]string{"version-hint.text": "../../etc/passwd"})
		}},
		{"a hint naming no metadata", func(t *testing.T, meta string) {
			writeInputs(t, meta, map[string]string{"version-hint.text": "99999999999"})
		}},
		{"metadata that is not JSON", func(t *testing.T, meta string) {
			writeInputs(t, meta, map[string]string{hintedMetadata(t, meta): "\x00PAR1"})
		}},
		{"a sequence number no state reaches", func(t *testing.T, meta string) {
			writeInputs(t, meta, map[string]string{hintedMetadata(t, meta): `{"properties": {"juesuan.seq.file:///x": "9223372036854775807"}}`})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out := t.TempDir(), t.TempDir()
			reportsInputs(t, in, []int{2020}, 3, 5)
			lakeOn := Catalog("")
			convertInto(t, out, []string{in}, lakeOn)
			for _, ds := range schema.Datasets {
				tc.edit(t, filepath.Join(out, ds, "metadata"))
			}
			writeInputs(t, in, map[string]string{"2020/r001.pdf": "dept03 2020 12"})
			var log bytes.Buffer
			convertInto(t, out, []string{in}, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
			if log.Len() > 0 {
				t.Errorf("warnings:\n%s", log.String())
			}
			ref := t.TempDir()
			convertInto(t, ref, []string{in})
			sameRows(t, out, ref)
			sameLakeRows(t, out, ref)
		})
	}
}

// hintedMetadata is the name of the v<N>.metadata.json in meta that its
// version-hint.text names.
func hintedMetadata(t *testing.T, meta string) string {
	t.Helper()
	n, err := os.ReadFile(filepath.Join(meta, "version-hint.text"))
	if err != nil {
		t.Fatal(err)
	}
	return "v" + strings.TrimSpace(string(n)) + ".metadata.json"
}

// TestTableListsAFileTwice: a table that lists a file twice (added again
// by a state that had lost it) made its readers read that file's rows
// twice, and nothing said so. The repair makes OUT's own catalog's table
// again and says so; a shared catalog's is its owner's to mend: the run
// says how, and once the owner has, each row is listed once.
func TestTableListsAFileTwice(t *testing.T) {
	for _, shared := range []bool{false, true} {
		t.Run(map[bool]string{false: "own catalog", true: "shared catalog"}[shared], func(t *testing.T) {
			in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
			uri, catalogFile := "", filepath.Join(out, StateName)
			if shared {
				catalogFile = filepath.Join(t.TempDir(), "catalog.db")
				uri = "sqlite:" + catalogFile
			}
			lakeOn := Catalog(uri)
			reportsInputs(t, in, []int{2020}, 3, 5)
			convertInto(t, out, []string{in}, lakeOn)
			convertInto(t, ref, []string{in})
			own, _ := filepath.Glob(filepath.Join(out, schema.DatasetLineItems, "*", "*.parquet"))
			rel, _ := filepath.Rel(out, own[0])
			listAgain(t, out, uri, schema.DatasetLineItems, filepath.ToSlash(rel))
			// The state ahead of the table (a crash between their commits):
			// the next run repairs the table.
			execState(t, out, `UPDATE juesuan_meta SET value = value + 2 WHERE key = '`+lakeSeqKey(schema.DatasetLineItems)+`'`)

			var log bytes.Buffer
			convertInto(t, out, []string{in}, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
			want := datasetRows(t, ref, schema.DatasetLineItems)
			inTable := lakeRowsOf(t, out, schema.DatasetLineItems, uri)
			if n := strings.Count(log.String(), "\n"); n != 1 || !strings.Contains(log.String(), "lists a file twice: "+filepath.ToSlash(rel)) {
				t.Errorf("%d warnings; want one, that the table lists %s twice:\n%s", n, rel, log.String())
			}
			if !shared {
				if !slices.Equal(inTable, want) {
					t.Errorf("the table reads %d rows after its repair, want %d", len(inTable), len(want))
				}
				return
			}
			if len(inTable) <= len(want) {
				t.Fatalf("the shared table reads %d rows, want its file listed twice (more than %d)", len(inTable), len(want))
			}
			// The owner follows the advice the run gave.
			_, advice, ok := strings.Cut(log.String(), "in the catalog's database: ")
			advice, _, _ = strings.Cut(advice, ")")
			if !ok {
				t.Fatalf("the run did not say how to mend the table:\n%s", log.String())
			}
			db, err := sql.Open("sqlite", catalogFile)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(advice); err != nil {
				t.Fatalf("%s: %v", advice, err)
			}
			db.Close()
			log.Reset()
			compactOut(t, out, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
			if log.Len() > 0 {
				t.Errorf("warnings after the owner's repair:\n%s", log.String())
			}
			for _, ds := range schema.Datasets {
				if g, w := lakeRowsOf(t, out, ds, uri), datasetRows(t, ref, ds); !slices.Equal(g, w) {
					t.Errorf("%s: the table reads %d rows after the owner's repair, want %d", ds, len(g), len(w))
				}
			}
		})
	}
}

// listAgain adds to a dataset's table a file it lists already, as a
// commit of a state that had lost the file does, ahead of OUT's state.
func listAgain(t *testing.T, out, uri, dataset, rel string) {
	t.Helper()
	ctx := context.Background()
	l, err := lake.Open(ctx, out, lake.Catalog(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	seq, err := l.Seq(ctx, dataset)
	if err == nil {
		err = l.Publish(ctx, dataset, seq+1, []string{rel}, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	if n, err := l.Entries(ctx, dataset); err != nil || n[rel] != 2 {
		t.Fatalf("%s listed %d times, %v; want twice", rel, n[rel], err)
	}
}

// TestSharedTableDamaged: a shared catalog's table whose metadata or
// manifests do not read is left to its owner, each run warning. Taken out
// of the catalog as the warning says (lake.UnregisterSQL), it is made
// again by the next run of each OUT, every row once.
func TestSharedTableDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, out string)
	}{
		{"manifests", func(t *testing.T, out string) { damageManifests(t, out, flipByte) }},
		{"a manifest's Avro schema", func(t *testing.T, out string) { damageManifests(t, out, renameDataFile) }},
		{"metadata", func(t *testing.T, out string) { cutMetadata(t, out) }},
		{"metadata deleted", func(t *testing.T, out string) {
			for _, meta := range currentMetadata(t, out) {
				if err := os.Remove(meta); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"metadata that reads, without a manifest list", misspellManifestList},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
			catalogFile := filepath.Join(t.TempDir(), "catalog.db")
			lakeOn := Catalog("sqlite:" + catalogFile)
			reportsInputs(t, in, []int{2020}, 4, 10)
			convertInto(t, out, []string{in}, lakeOn)
			compactOut(t, out, lakeOn)
			tc.damage(t, out)
			// A changed input: its part is rewritten, a removal that reads
			// the manifests.
			writeInputs(t, in, map[string]string{"2020/r001.pdf": "dept03 2020 12"})
			var log bytes.Buffer
			convertInto(t, out, []string{in}, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
			said := log.String()
			if strings.Contains(said, "next run brings the Iceberg table up to date") || strings.Contains(said, "the next run tries again") {
				t.Errorf("the run promises a repair that only the catalog's owner can make:\n%s", said)
			}
			// The owner follows the advice the run gave, for each table.
			db, err := sql.Open("sqlite", catalogFile)
			if err != nil {
				t.Fatal(err)
			}
			for _, ds := range schema.Datasets {
				if !strings.Contains(said, "in the catalog's database: "+lake.UnregisterSQL(ds)+")") {
					t.Errorf("%s: the run does not say how to mend its table:\n%s", ds, said)
				}
				if _, err := db.Exec(lake.UnregisterSQL(ds)); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			log.Reset()
			compactOut(t, out, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
			if log.Len() > 0 {
				t.Errorf("warnings after the owner's repair:\n%s", log.String())
			}
			convertInto(t, ref, []string{in})
			sameRows(t, out, ref)
			for _, ds := range schema.Datasets {
				if g, w := lakeRowsOf(t, out, ds, "sqlite:"+catalogFile), datasetRows(t, ref, ds); !slices.Equal(g, w) {
					t.Errorf("%s: the table reads %d rows after the owner's repair, want %d", ds, len(g), len(w))
				}
			}
		})
	}
}

// TestFailedCommitFoldersRight: when a dataset's table did not take a
// run's commit, the files the run replaced stayed in the folders until
// the next run. A reader of the folders read the rows of a part that a
// convert rewrote beside the report's new file (a report twice, with a
// warning about the table only), and juesuan compact's stray scan then
// moved the replaced files aside as copied in by hand, and counted no
// part. The folders must read right whatever the table's commit did.
func TestFailedCommitFoldersRight(t *testing.T) {
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, in, out string, opts ...Option)
	}{
		{"convert rewrites a part", func(t *testing.T, in, out string, opts ...Option) {
			writeInputs(t, in, map[string]string{"2020/r001.pdf": "dept03 2020 12"})
			convertInto(t, out, []string{in}, opts...)
		}},
		{"convert --prune removes a report", func(t *testing.T, in, out string, opts ...Option) {
			if err := os.Remove(filepath.Join(in, "2021", "r002.pdf")); err != nil {
				t.Fatal(err)
			}
			convertInto(t, out, []string{in}, append(opts, Prune(true))...)
		}},
		{"compact merges own files", func(t *testing.T, in, out string, opts ...Option) {
			reportsInputs(t, in, []int{2020, 2021}, 6, 10) // two more reports a year, in their own files
			convertInto(t, out, []string{in}, append(opts, CompactAfter(false))...)
			if sum := compactOut(t, out, opts...); sum.PartsWritten == 0 || sum.SetAside > 0 {
				t.Errorf("compaction summary %+v: want the parts written counted and nothing set aside", sum)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, out, ref := t.TempDir(), t.TempDir(), t.TempDir()
			catalog := "sqlite:" + filepath.Join(t.TempDir(), "catalog.db")
			lakeOn := Catalog(catalog)
			reportsInputs(t, in, []int{2020, 2021}, 4, 10)
			convertInto(t, out, []string{in}, lakeOn)
			compactOut(t, out, lakeOn)
			kept := cutMetadata(t, out) // every commit of the run fails
			var log bytes.Buffer
			tc.run(t, in, out, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
			if !strings.Contains(log.String(), "metadata or manifests cannot be read") {
				t.Fatalf("no commit failed:\n%s", log.String())
			}
			if strings.Contains(log.String(), "by hand") {
				t.Errorf("files the run replaced taken for files copied in by hand:\n%s", log.String())
			}
			if aside, _ := filepath.Glob(filepath.Join(out, "*", "*", "*"+strayedSuffix)); len(aside) > 0 {
				t.Errorf("set aside: %v", aside)
			}
			convertInto(t, ref, []string{in})
			sameRows(t, out, ref)

			// The table comes back as it was (a catalog unreachable for a
			// while): the next run brings it up to the folders.
			for meta, data := range kept {
				if err := os.WriteFile(meta, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			log.Reset()
			compactOut(t, out, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
			if log.Len() > 0 {
				t.Errorf("warnings when the table is back:\n%s", log.String())
			}
			sameRows(t, out, ref)
			for _, ds := range schema.Datasets {
				if g, w := lakeRowsOf(t, out, ds, catalog), datasetRows(t, ref, ds); !slices.Equal(g, w) {
					t.Errorf("%s: the table reads %d rows once back, want %d", ds, len(g), len(w))
				}
			}
		})
	}
}

// cutMetadata cuts short the current metadata JSON of each of OUT's tables
// (currentMetadata), which then does not read, and returns what each held.
func cutMetadata(t *testing.T, out string) map[string][]byte {
	t.Helper()
	kept := map[string][]byte{}
	for _, meta := range currentMetadata(t, out) {
		data, err := os.ReadFile(meta)
		if err != nil {
			t.Fatal(err)
		}
		kept[meta] = data
		if err := os.Truncate(meta, 100); err != nil {
			t.Fatal(err)
		}
	}
	return kept
}

// currentMetadata lists the metadata JSON of each of OUT's tables that the
// catalog names (the latest written).
func currentMetadata(t *testing.T, out string) []string {
	t.Helper()
	var current []string
	for _, ds := range schema.Datasets {
		meta, _ := filepath.Glob(filepath.Join(out, ds, "metadata", "[0-9]*.metadata.json"))
		slices.Sort(meta)
		if len(meta) == 0 {
			t.Fatalf("%s: no metadata", ds)
		}
		current = append(current, meta[len(meta)-1])
	}
	return current
}

// misspellManifestList flips the bit that turns "manifest-list" into
// "manifewt-list" in each table's current metadata: JSON that still reads,
// of a snapshot without files (found by bench/flip/tables.sh).
func misspellManifestList(t *testing.T, out string) {
	t.Helper()
	for _, meta := range currentMetadata(t, out) {
		editFile(t, meta, func(data []byte) []byte {
			if !bytes.Contains(data, []byte(`"manifest-list"`)) {
				t.Fatalf("%s names no manifest list", meta)
			}
			return bytes.ReplaceAll(data, []byte(`"manifest-list"`), []byte(`"manifewt-list"`))
		})
	}
}

// TestTableMetadataMisread: OUT's own catalog's table whose metadata reads
// but names no manifest list was taken for a table without files, and the
// next run's commit listed only its own files: every other row gone from
// the table, without a word. Such a table is made again from the state.
func TestTableMetadataMisread(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	lakeOn := Catalog("")
	reportsInputs(t, in, []int{2020}, 4, 10)
	convertInto(t, out, []string{in}, lakeOn)
	compactOut(t, out, lakeOn)
	misspellManifestList(t, out)
	writeInputs(t, in, map[string]string{"2020/r009.pdf": "dept03 2020 12"})
	var log bytes.Buffer
	convertInto(t, out, []string{in}, lakeOn, Logger(zerolog.New(&log).Level(zerolog.WarnLevel)))
	for _, ds := range schema.Datasets {
		if !strings.Contains(log.String(), "the "+ds+" table's metadata did not read") {
			t.Errorf("%s: the table was made again without a word:\n%s", ds, log.String())
		}
		if g, w := lakeRows(t, out, ds), datasetRows(t, out, ds); !slices.Equal(g, w) {
			t.Errorf("%s: the table reads %d rows, the folders %d", ds, len(g), len(w))
		}
	}
}
