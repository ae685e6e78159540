package batch

import (
	"maps"
	"os"
	"path"
	"slices"
	"sync"
)

// maxRemovers bounds the folders whose files removeFiles removes at once.
const maxRemovers = 8

// removeFiles removes files of OUT (slash paths relative to root), a
// worker per folder, at most maxRemovers at once, each folder opened once
// (removing through root opens and closes each folder on the way: 5
// system calls a file, a third of the CPU of publishing 10,000 new
// reports at 1,000,000).
//
// In parallel because on a file system mounted with discard each unlink
// waits for the disk, and unlinks in different folders wait together:
// 10,000 synced files of 6 KB in 10 folders went in 0.42–0.48 s, against
// 0.9–1.45 s one after another. Unlinks in one folder queue on its lock,
// hence a worker per folder.
//
// done is called in the caller's goroutine, once per file, in no set
// order, with the error of its removal. If done panics (a crash injected
// by a test), the workers stop before removeFiles returns: no file is
// removed after it.
func removeFiles(root *os.Root, files []string, done func(rel string, err error)) {
	byDir := map[string][]string{}
	for _, f := range files {
		byDir[path.Dir(f)] = append(byDir[path.Dir(f)], f)
	}
	dirs := make(chan string, len(byDir))
	for _, d := range slices.Sorted(maps.Keys(byDir)) {
		dirs <- d
	}
	close(dirs)

	type removal struct {
		rel string
		err error
	}
	results := make(chan removal)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer func() {
		close(stop)
		wg.Wait()
	}()
	for range min(len(byDir), maxRemovers) {
		wg.Go(func() {
			for dir := range dirs {
				if !removeDir(root, dir, byDir[dir], func(rel string, err error) bool {
					select {
					case results <- removal{rel, err}:
						return true
					case <-stop:
						return false
					}
				}) {
					return
				}
			}
		})
	}
	for range files {
		r := <-results
		done(r.rel, r.err)
	}
}

// removeDir removes files of folder dir through the folder, opened once,
// and passes each result to next, until next returns false.
func removeDir(root *os.Root, dir string, files []string, next func(rel string, err error) bool) bool {
	sub, openErr := root.OpenRoot(dir)
	if openErr == nil {
		defer sub.Close()
	}
	for _, f := range files {
		var err error
		if openErr == nil {
			err = sub.Remove(path.Base(f))
		} else {
			err = root.Remove(f) // says why the folder would not open
		}
		if !next(f, err) {
			return false
		}
	}
	return true
}
