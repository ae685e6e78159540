package batch

import (
	"context"
	"errors"

	"github.com/juesuan/juesuan/extract/pdfraw"
)

var (
	// errCannotRead is an input that could not be read: missing, not
	// permitted, not a regular file, over --max-file-size.
	errCannotRead = errors.New("cannot read input")
	// errWriteFailed is a report whose files could not be written.
	errWriteFailed = errors.New("writing output failed")
)

// retryable reports whether a failure may not happen again on another run:
// it came from this run's limits (--timeout, --max-memory, --max-file-size), the machine
// (a write error) or an input that could not be read, not from the file's
// bytes. The next run converts such an input again without --force; any
// other failure (not a PDF, a password, no tables) waits for new bytes or a
// new juesuan. An interrupted file is never recorded, so it is retried too.
// This is the one place that decides: a new kind of transient failure from
// the pipeline (such as a memory limit) is one more errors.Is here.
func retryable(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, pdfraw.ErrTooLarge) || // --max-memory may be raised
		errors.Is(err, errCannotRead) ||
		errors.Is(err, errWriteFailed)
}
