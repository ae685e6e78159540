package lake

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apache/iceberg-go/table"
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
// file renamed), unless a later commit's hint is there already.
func writeVersionHint(t *table.Table) error {
	loc, ok := strings.CutPrefix(t.MetadataLocation(), "file://")
	if !ok {
		return nil // not on a local file system: nothing to hint
	}
	dir, name := filepath.Split(loc)
	n, err := strconv.Atoi(strings.SplitN(name, "-", 2)[0])
	if err != nil {
		return fmt.Errorf("lake: metadata file %s: no version number", loc)
	}
	hint := filepath.Join(dir, "version-hint.text")
	if old, err := os.ReadFile(hint); err == nil {
		if m, err := strconv.Atoi(strings.TrimSpace(string(old))); err == nil && m > n {
			return nil // another machine committed later, and hinted
		}
	}
	data, err := os.ReadFile(loc)
	if err != nil {
		return fmt.Errorf("lake: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, "v"+strconv.Itoa(n)+".metadata.json"), data); err != nil {
		return err
	}
	if err := writeAtomic(hint, []byte(strconv.Itoa(n))); err != nil {
		return err
	}
	// Older copies go (iceberg-go removes its own old metadata files).
	for m := n - keptHints; m >= 0; m-- {
		if err := os.Remove(filepath.Join(dir, "v"+strconv.Itoa(m)+".metadata.json")); err != nil {
			break // none older: every commit removes the one before
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("lake: %w", err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("lake: write %s: %w", path, err)
	}
	return nil
}

// expire removes every snapshot but the current one from the table's
// metadata, so that it names no file that juesuan has removed (the rows of
// a replaced or compacted file are in the current snapshot's files). The
// manifest lists of the expired snapshots go too; the data files are
// juesuan's to remove, and a manifest no snapshot names any more stays
// (see the README's retention notes). iceberg-go's own clean-up is off: it
// reads every manifest of the table.
func expire(ctx context.Context, t *table.Table) (*table.Table, error) {
	cur := t.CurrentSnapshot()
	if cur == nil || len(t.Metadata().Snapshots()) < 2 {
		return t, nil
	}
	var lists []string
	for _, s := range t.Metadata().Snapshots() {
		if s.SnapshotID != cur.SnapshotID {
			lists = append(lists, s.ManifestList)
		}
	}
	tx := t.NewTransaction()
	if err := tx.ExpireSnapshots(table.WithRetainLast(1), table.WithOlderThan(0), table.WithPostCommit(false)); err != nil {
		return nil, err
	}
	t2, err := tx.Commit(ctx)
	if err != nil {
		return nil, err
	}
	kept := map[string]bool{}
	for _, s := range t2.Metadata().Snapshots() {
		kept[s.ManifestList] = true
	}
	for _, l := range lists {
		if p, ok := strings.CutPrefix(l, "file://"); ok && !kept[l] {
			os.Remove(p)
		}
	}
	return t2, nil
}
