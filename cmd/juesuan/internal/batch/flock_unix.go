//go:build unix

package batch

import (
	"errors"
	"os"
	"syscall"
)

// openLockFile opens OUT's lock file. O_NOFOLLOW: a link planted in OUT
// must not make the run truncate a file elsewhere when it writes its
// details.
func openLockFile(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
}

// tryLock takes an exclusive flock on f without waiting: errLockBusy when
// another process holds it. The lock goes with the process.
func tryLock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errLockBusy
	}
	return err
}
