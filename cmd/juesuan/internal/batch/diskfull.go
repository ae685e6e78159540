package batch

import (
	"errors"
	"fmt"
	"syscall"

	"modernc.org/sqlite"
)

// errDiskFull marks an error explained as OUT's disk being full.
var errDiskFull = errors.New("out of disk space")

// nearlyFull is the free space under which an I/O error of the state is
// taken for a full disk: SQLite reports a failed write into its
// shared-memory file (which it maps, so the kernel's "no space" arrives
// as a fault) as SQLITE_IOERR_IN_PAGE, not as SQLITE_FULL.
const nearlyFull = 64 << 20

// SQLite's primary result codes (the low byte of an extended code).
const (
	sqliteIOErr = 10 // SQLITE_IOERR
	sqliteFull  = 13 // SQLITE_FULL
)

// explainDiskFull returns err with what to do when it came from OUT's
// disk being full, and err unchanged otherwise. Such a run stops where it
// is: converting on would only fail each report's write in turn. The
// advice replaces --force, which would move the state aside and need
// more space, not less.
func explainDiskFull(out string, err error) error {
	if err == nil || errors.Is(err, errDiskFull) {
		return err
	}
	free, known := freeSpace(out)
	if !noSpace(err) && !(known && free < nearlyFull && ioError(err)) {
		return err
	}
	where := ""
	switch {
	case known && free < nearlyFull:
		where = fmt.Sprintf(" (%s free on the output folder's file system)", FormatSize(int64(free)))
	case known: // where it failed is not OUT's own file system
		where = " (a quota, or a folder of the output on a disk of its own)"
	}
	return fmt.Errorf("%w; %w%s: free space, then run the same command again; what was recorded stays, and the next run goes on from it (--force is not needed)",
		err, errDiskFull, where)
}

// diskFull reports whether err came from OUT's disk being full.
func diskFull(out string, err error) bool {
	return errors.Is(explainDiskFull(out, err), errDiskFull)
}

// noSpace reports whether err says so: the file system's "no space" or
// quota, or SQLite's "database or disk is full".
func noSpace(err error) bool {
	var se *sqlite.Error
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) ||
		errors.As(err, &se) && se.Code()&0xff == sqliteFull
}

// ioError reports whether err is an I/O error: the system's, or SQLite's.
func ioError(err error) bool {
	var se *sqlite.Error
	return errors.Is(err, syscall.EIO) || errors.As(err, &se) && se.Code()&0xff == sqliteIOErr
}
