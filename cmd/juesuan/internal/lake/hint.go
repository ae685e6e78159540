package lake

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/apache/iceberg-go"
	"github.com/apache/iceberg-go/table"

	"github.com/juesuan/juesuan/schema"
)

// File-based readers (DuckDB's iceberg_scan of a folder, icebird, Spark's
// Hadoop catalog) find a table's latest metadata by metadata/version-hint.text.
// The SQL catalog names its metadata files NNNNN-<uuid>.metadata.json,
// which readers that take the hint as a number (icebird reads v<N>) do not
// find; so each commit also writes its metadata as v<N>.metadata.json, N
// the number iceberg-go gave it, and the hint holds N. DuckDB tries
// <hint>.metadata.json and v<hint>.metadata.json; both find it.

// keptHints is how many v<N>.metadata.json copies stay, for readers that
// read the hint just before a commit.
const keptHints = 3

// writeVersionHint copies the table's current metadata to v<N>.metadata.json
// and points metadata/version-hint.text at it, both atomically (a temporary
// file renamed). In a shared catalog a later commit's hint is left in
// place (another machine committed later, and hinted). OUT's own catalog
// is the only one to commit there, so a later hint is of a state that went
// back (see HintedSeq): the hint follows the catalog, and the copies of
// those later versions go.
func writeVersionHint(t *table.Table, shared bool) error {
	loc, ok := localPath(t.MetadataLocation())
	if !ok {
		return nil // not on a local file system: nothing to hint
	}
	dir, name := filepath.Split(loc)
	n, err := strconv.Atoi(strings.SplitN(name, "-", 2)[0])
	if err != nil {
		return fmt.Errorf("lake: metadata file %s: no version number", loc)
	}
	hint := filepath.Join(dir, "version-hint.text")
	if m, ok := readHint(hint); ok && m > n {
		if shared {
			return nil
		}
		// By the folder's names, not by counting up to m: the hint may
		// hold any number.
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if k, ok := hintCopyVersion(e.Name()); ok && k > n {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	data, err := os.ReadFile(loc)
	if err != nil {
		return fmt.Errorf("lake: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, hintCopy(n)), data); err != nil {
		return err
	}
	if err := writeAtomic(hint, []byte(strconv.Itoa(n))); err != nil {
		return err
	}
	// Older copies go (iceberg-go removes its own old metadata files).
	for m := n - keptHints; m >= 0; m-- {
		if err := os.Remove(filepath.Join(dir, hintCopy(m))); err != nil {
			break // none older: every commit removes the one before
		}
	}
	return nil
}

// hintCopy names the copy of version n of the metadata that a hint of n
// points file-based readers to.
func hintCopy(n int) string { return "v" + strconv.Itoa(n) + ".metadata.json" }

// hintCopyVersion is the version a hintCopy name holds.
func hintCopyVersion(name string) (int, bool) {
	v, ok := strings.CutPrefix(name, "v")
	v, ok2 := strings.CutSuffix(v, ".metadata.json")
	n, err := strconv.Atoi(v)
	return n, ok && ok2 && err == nil
}

// readHint reads a version-hint.text: a regular file (a FIFO put there
// would block the run) holding a version number.
func readHint(path string) (int, bool) {
	data, err := readRegular(path, 64)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(data)))
	return n, err == nil && n >= 0
}

// readRegular reads at most limit bytes of path, if it is a regular file.
func readRegular(path string, limit int64) ([]byte, error) {
	st, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w: not a regular file", path, fs.ErrInvalid)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}

// maxSeq bounds a sequence number read from a file: a state counts one a
// change of a dataset's files, and would need 2^40 of them.
const maxSeq = 1 << 40

// maxMetadataSize bounds the metadata file HintedSeq reads: one snapshot's
// metadata is a few KB.
const maxMetadataSize = 16 << 20

// HintedSeq is the batch state's sequence number that this OUT recorded
// in the metadata its dataset's metadata/version-hint.text names (with
// OUT's own catalog, under any path OUT had), 0 when there is no hint or
// it names no readable metadata with one. Call it before the table is
// loaded: a table made again removes the hint.
//
// The state is committed before the table, so this number never exceeds
// the state's own, unless the state went back: juesuan.db restored from a
// backup, or copied while a run was under way, which takes OUT's own
// catalog back with it. The folders may then hold files the state does
// not list (a compaction's parts, above all), which readers of the
// folders read beside the files the state lists.
func (l *Lake) HintedSeq(dataset string) int64 {
	dir := filepath.Join(l.out, dataset, "metadata")
	n, ok := readHint(filepath.Join(dir, "version-hint.text"))
	if !ok {
		return 0
	}
	data, err := readRegular(filepath.Join(dir, hintCopy(n)), maxMetadataSize)
	if err != nil {
		return 0
	}
	var meta struct {
		Properties map[string]string `json:"properties"`
	}
	if json.Unmarshal(data, &meta) != nil {
		return 0
	}
	// OUT's own catalog has one writer, this OUT, which may have been
	// moved (restored elsewhere) since: its number under any path counts.
	var seq int64
	for k, v := range meta.Properties {
		if k != l.seqKey() && (l.shared || !strings.HasPrefix(k, seqKeyPrefix)) {
			continue
		}
		// A number no state reaches (an edited file) is not one: the
		// state would take it plus one.
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n < maxSeq {
			seq = max(seq, n)
		}
	}
	return seq
}

func writeAtomic(path string, data []byte) error {
	err := schema.WriteAtomic(path, func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return fmt.Errorf("lake: write %s: %w", path, err)
	}
	return nil
}

// expire removes every snapshot but the current one from the table's
// metadata, so that it names no file that juesuan has removed (the rows of
// a replaced or compacted file are in the current snapshot's files).
// iceberg-go's own clean-up of their files is off: it reads every
// manifest of the table; cleanMetadata does it instead.
func expire(ctx context.Context, t *table.Table) (*table.Table, error) {
	if t.CurrentSnapshot() == nil || len(t.Metadata().Snapshots()) < 2 {
		return t, nil
	}
	tx := t.NewTransaction()
	if err := tx.ExpireSnapshots(table.WithRetainLast(1), table.WithOlderThan(0), table.WithPostCommit(false)); err != nil {
		return nil, err
	}
	return tx.Commit(ctx)
}

// metadataGrace is how long a manifest or manifest list that the current
// snapshot does not name stays: a commit under way on another machine may
// still read the snapshot before.
const metadataGrace = time.Hour

// cleanMetadata removes from the table's metadata folder the manifest lists
// and manifests that the current snapshot does not name, once older than
// metadataGrace. It reads one manifest list and the folder's names.
func cleanMetadata(ctx context.Context, t *table.Table) error {
	cur := t.CurrentSnapshot()
	dir, ok := localPath(t.MetadataLocation())
	if cur == nil || !ok {
		return nil
	}
	dir = filepath.Dir(dir)
	fsys, err := t.FS(ctx)
	if err != nil {
		return err
	}
	mans, err := cur.Manifests(fsys)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, uri := range append([]string{cur.ManifestList}, manifestPaths(mans)...) {
		if p, ok := localPath(uri); ok {
			keep[filepath.Base(p)] = true
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".avro") || keep[e.Name()] {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > metadataGrace {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

func manifestPaths(mans []iceberg.ManifestFile) []string {
	var paths []string
	for _, m := range mans {
		paths = append(paths, m.FilePath())
	}
	return paths
}
