//go:build linux

package batch

import (
	"os"

	"golang.org/x/sys/unix"
)

// dropCache tells the kernel that the pages of f read so far will not be
// read again: a 500 MB input that is only hashed then leaves no page
// cache behind, which a memory cgroup would count against the batch.
func dropCache(f *os.File) { unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED) }
