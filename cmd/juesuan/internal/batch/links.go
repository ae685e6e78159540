package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/juesuan/juesuan/schema"
)

// errLinkInOut is a dataset or partition folder of OUT that is a symbolic
// link: juesuan writes only inside OUT, and never through a link (its
// files would land outside OUT, and the files behind it could not be
// removed through OUT's root).
var errLinkInOut = errors.New("a folder of the output is a symbolic link")

// linkError names a link in OUT and what to do.
func linkError(path string) error {
	target, _ := os.Readlink(path)
	return fmt.Errorf("%w: %s points to %s; juesuan writes only inside the output folder and never through a link: replace the link by a folder (move its files in) and run again",
		errLinkInOut, recordedPath(path), recordedPath(target))
}

// checkNoLinks refuses an OUT whose dataset folders or partition folders
// are symbolic links, before anything is written. (OUT itself may be a
// link: the user named it.)
func checkNoLinks(out string) error {
	for _, ds := range schema.Datasets {
		dir := filepath.Join(out, ds)
		info, err := os.Lstat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return err
		case info.Mode()&fs.ModeSymlink != 0:
			return linkError(dir)
		case !info.IsDir():
			continue // writing into it fails, naming it
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("read %s: %w", dir, err)
		}
		for _, e := range entries {
			if e.Type()&fs.ModeSymlink != 0 {
				return linkError(filepath.Join(dir, e.Name()))
			}
		}
	}
	return nil
}

// insideOut checks, before a report's files are written, that the folders
// they go to (dataset, partition) are not links: one made during the run
// fails the report's write instead of being written through. Folders
// found real are remembered. Called with r.mu held.
func (r *Runner) insideOut(rel string) error {
	for dir := filepath.Dir(rel); dir != "." && dir != string(filepath.Separator); dir = filepath.Dir(dir) {
		if r.realDirs[dir] {
			continue
		}
		path := filepath.Join(r.out, dir)
		info, err := os.Lstat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // created as a folder by the write
		case err != nil:
			return err
		case info.Mode()&fs.ModeSymlink != 0:
			return linkError(path)
		}
		r.realDirs[dir] = true
	}
	return nil
}
