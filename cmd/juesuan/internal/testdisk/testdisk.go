//go:build linux

// Package testdisk gives tests a disk that fills up: a small tmpfs
// mounted for the test. It needs root (CI runs as root); elsewhere the
// test skips.
package testdisk

import (
	"strconv"
	"syscall"
	"testing"
)

// Small mounts a tmpfs of size bytes on dir (made by t.TempDir, or in
// one: it is unmounted before TempDir removes it) and returns a function
// that changes its size in place. The test skips where no tmpfs can be
// mounted: not root, or a container without the right.
func Small(t testing.TB, dir string, size int64) (resize func(int64)) {
	t.Helper()
	if syscall.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.FormatInt(size, 10)); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	return func(size int64) {
		t.Helper()
		if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_REMOUNT, "size="+strconv.FormatInt(size, 10)); err != nil {
			t.Fatalf("resize the tmpfs to %d bytes: %v", size, err)
		}
	}
}

// Used is what dir's file system holds, in bytes.
func Used(t testing.TB, dir string) int64 {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	return int64(st.Blocks-st.Bfree) * st.Bsize
}
