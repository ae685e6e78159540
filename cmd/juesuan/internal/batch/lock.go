package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the file in OUT that a run holds locked (flock) from start to
// end: one writer per output folder. It stays between runs; its text names
// the run holding it, for the message of a run that finds it busy.
const LockName = ".juesuan.lock"

// BusyError is returned when another run holds OUT and the Runner was told
// not to wait for it.
type BusyError struct {
	Out    string
	Holder string // pid, start time and command of the other run, as it wrote them
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("%s is in use by another juesuan run (%s); wait for it to finish, or run without --no-wait to wait for it", e.Out, e.Holder)
}

// errLockBusy is a lock another process holds.
var errLockBusy = errors.New("lock held by another process")

// lockPoll is how often a waiting run tries the lock again: flock has no
// timeout, and a blocked flock call could not be interrupted.
const lockPoll = 50 * time.Millisecond

// lockOut takes OUT's lock, waiting for another run to release it unless
// !wait. The lock goes with the process: a killed run releases it.
func lockOut(ctx context.Context, out string, wait bool, waiting func(holder string)) (unlock func(), err error) {
	path := filepath.Join(out, LockName)
	f, err := openLockFile(path)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	told := false
	for {
		err := tryLock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errLockBusy) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		holder := readHolder(f)
		if !wait {
			f.Close()
			return nil, &BusyError{Out: out, Holder: holder}
		}
		if !told {
			waiting(holder)
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("interrupted while waiting for another run to finish with %s: %w", out, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
	if err := writeHolder(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("write lock file: %w", err)
	}
	return func() { f.Close() }, nil // closing releases the lock
}

// writeHolder records who holds the lock: pid, start time and command.
func writeHolder(f *os.File) error {
	desc := fmt.Sprintf("pid %d, started %s, command: %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339), strings.Join(os.Args, " "))
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(desc), 0)
	return err
}

func readHolder(f *os.File) string {
	b, err := io.ReadAll(io.NewSectionReader(f, 0, 4096))
	if s := strings.TrimSpace(string(b)); err == nil && s != "" {
		return recordedPath(s)
	}
	return "it has not said which yet"
}
