package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinksInOutAreRefused: a dataset or partition folder of OUT that is a
// symbolic link (out of OUT) stops the run before anything is written,
// with an error naming the link; nothing lands behind it, and the stale
// file there stays (it is not OUT's to remove). A link made during a run
// fails the write of the report going there instead.
func TestLinksInOutAreRefused(t *testing.T) {
	for _, link := range []string{"reports", filepath.Join("line_items", "fiscal_year=2024")} {
		t.Run(link, func(t *testing.T) {
			in, out, elsewhere := t.TempDir(), t.TempDir(), t.TempDir()
			writeInputs(t, in, map[string]string{"a.pdf": "a"})
			stale := filepath.Join(elsewhere, "stale.parquet")
			if err := os.WriteFile(stale, []byte("stale"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(filepath.Join(out, link)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(elsewhere, filepath.Join(out, link)); err != nil {
				t.Skip("no symbolic links:", err)
			}
			_, err := New(out, (&fakeConvert{}).convert, ToolVersion("test")).Run(context.Background(), []string{in}, strings.NewReader(""))
			if !errors.Is(err, errLinkInOut) || !strings.Contains(err.Error(), filepath.Join(out, link)) {
				t.Fatalf("run: %v, want the link refused by name", err)
			}
			entries, _ := os.ReadDir(elsewhere)
			if len(entries) != 1 {
				t.Errorf("%d files behind the link, want only the stale one", len(entries))
			}
			if data, _ := os.ReadFile(stale); string(data) != "stale" {
				t.Error("the file behind the link was changed")
			}
		})
	}
	t.Run("during the run", func(t *testing.T) {
		out, elsewhere := t.TempDir(), t.TempDir()
		r := New(out, (&fakeConvert{}).convert)
		if err := os.MkdirAll(filepath.Join(out, "checks"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(elsewhere, filepath.Join(out, "checks", "fiscal_year=2024")); err != nil {
			t.Skip("no symbolic links:", err)
		}
		if err := r.insideOut(filepath.Join("checks", "fiscal_year=2024", "x.parquet")); !errors.Is(err, errLinkInOut) {
			t.Errorf("insideOut through a link: %v", err)
		}
		if err := r.insideOut(filepath.Join("reports", "fiscal_year=2024", "x.parquet")); err != nil {
			t.Errorf("insideOut of a folder not yet made: %v", err)
		}
	})
}
