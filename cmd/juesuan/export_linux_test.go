package main

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/testdisk"
)

// folderFiles reads every file of dir by name.
func folderFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(data)
	}
	return files
}

// A CSV export into a folder on a disk that fills up leaves the folder as
// it was: not some tables of this export beside the rest of an earlier
// one, and no temporary file.
func TestExportFolderOnFullDisk(t *testing.T) {
	first, second := filepath.Join(fixtures, "sample.pdf"), filepath.Join(fixtures, "y2020_lo_yuan.pdf")
	want := t.TempDir() // the second export, on a disk with room
	if _, _, err := runCmd(t, "export", "-q", "-o", want, second); err != nil {
		t.Fatal(err)
	}
	disk := t.TempDir()
	resize := testdisk.Small(t, disk, 4<<20)
	out := filepath.Join(disk, "tables")
	if _, _, err := runCmd(t, "export", "-q", "-o", out, first); err != nil {
		t.Fatal(err)
	}
	before := folderFiles(t, out)

	resize(testdisk.Used(t, disk) + 16<<10)
	_, _, err := runCmd(t, "export", "-q", "-o", out, second)
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("export on a full disk: %v, want exit 1 saying so", err)
	}
	if after := folderFiles(t, out); !maps.Equal(after, before) {
		t.Errorf("the folder changed: %d files, had %d; an export that failed must leave it as it was", len(after), len(before))
	}

	resize(64 << 20)
	if _, _, err := runCmd(t, "export", "-q", "-o", out, second); err != nil {
		t.Fatal(err)
	}
	if got := folderFiles(t, out); !maps.Equal(got, folderFiles(t, want)) {
		t.Errorf("the export after freeing space differs from one on a disk with room")
	}
}
