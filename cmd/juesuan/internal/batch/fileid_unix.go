//go:build unix

package batch

import (
	"io/fs"
	"syscall"
)

// keyOf identifies a folder by device and inode.
func keyOf(info fs.FileInfo) (fileKey, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileKey{}, false
	}
	return fileKey{uint64(st.Dev), uint64(st.Ino)}, true
}
