//go:build linux || darwin || freebsd

package batch

import "syscall"

// freeSpace is the space left on dir's file system, as df shows it
// (Avail): without the blocks reserved for root, which root may use.
func freeSpace(dir string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true
}
