package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestRemoveFiles(t *testing.T) {
	tests := []struct {
		name    string
		present []string // files made before the removal
		remove  []string
		failed  []string // removals that fail, and are not fs.ErrNotExist
		missing []string // removals that find no file
	}{
		{name: "none"},
		{
			name:    "one folder",
			present: []string{"a/1", "a/2", "a/3"},
			remove:  []string{"a/1", "a/2", "a/3"},
		},
		{
			// More folders than workers: every folder still gets one.
			name:    "folders beyond the workers",
			present: manyFiles(2*maxRemovers+1, 3),
			remove:  manyFiles(2*maxRemovers+1, 3),
		},
		{
			name:    "some kept",
			present: []string{"a/1", "a/2", "b/1", "b/keep"},
			remove:  []string{"a/1", "a/2", "b/1"},
		},
		{
			name:    "already gone, and a folder that is not there",
			present: []string{"a/1"},
			remove:  []string{"a/1", "a/2", "gone/1"},
			missing: []string{"a/2", "gone/1"},
		},
		{
			// A file whose folder is a file: the removal says why.
			name:    "folder that is a file",
			present: []string{"a/1", "f"},
			remove:  []string{"a/1", "f/1"},
			failed:  []string{"f/1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeInputs(t, dir, named(tt.present))
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()

			var reported, failed, missing []string
			removeFiles(root, tt.remove, func(rel string, err error) {
				reported = append(reported, rel)
				switch {
				case errors.Is(err, fs.ErrNotExist):
					missing = append(missing, rel)
				case err != nil:
					failed = append(failed, rel)
				}
			})
			if !sameSet(reported, tt.remove) {
				t.Errorf("reported %v, want each of %v once", reported, tt.remove)
			}
			if !sameSet(failed, tt.failed) {
				t.Errorf("failed %v, want %v", failed, tt.failed)
			}
			if !sameSet(missing, tt.missing) {
				t.Errorf("missing %v, want %v", missing, tt.missing)
			}
			for _, f := range tt.present {
				_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f)))
				if removed := slices.Contains(tt.remove, f); removed != errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%s: removed %v, want %v (%v)", f, !removed, removed, err)
				}
			}
		})
	}
}

// TestRemoveFilesStops checks that a panic in done (a crash a test
// injects) stops the removals: no file goes after removeFiles returns.
func TestRemoveFilesStops(t *testing.T) {
	dir := t.TempDir()
	files := manyFiles(4, 50)
	writeInputs(t, dir, named(files))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("no panic")
			}
		}()
		n := 0
		removeFiles(root, files, func(string, error) {
			if n++; n == 10 {
				panic("crash")
			}
		})
	}()
	left := func() int {
		n := 0
		for _, f := range files {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err == nil {
				n++
			}
		}
		return n
	}
	before := left()
	// One removal per worker may have been done and not reported yet.
	if removed := len(files) - before; removed < 10 || removed > 10+4 {
		t.Errorf("%d files removed at the 10th report, want 10 to 14", removed)
	}
	if after := left(); after != before {
		t.Errorf("%d files removed after removeFiles returned", before-after)
	}
}

// manyFiles names files files in each of dirs folders.
func manyFiles(dirs, files int) []string {
	var names []string
	for d := range dirs {
		for f := range files {
			names = append(names, fmt.Sprintf("d%02d/f%03d", d, f))
		}
	}
	return names
}

// named gives each file its name as content, for writeInputs.
func named(files []string) map[string]string {
	m := make(map[string]string, len(files))
	for _, f := range files {
		m[f] = f
	}
	return m
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
