// Command juesuan turns published Chinese government final-account reports
// (部门决算公开, PDF) into Parquet datasets. See README.md and
// docs/CONTRACT.md.
package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first signal stops the batch cleanly; a second one, should a
		// file be slow to stop, ends the process at once.
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	printError(os.Stderr, err)
	os.Exit(exitCode(err))
}

// exitCode maps run's error to the contract's exit status: 0 all inputs
// converted, 1 at least one failed (or a fatal error), 2 bad usage or the
// output folder in use by another run (--no-wait).
func exitCode(err error) int {
	var ue usageError
	var busy *batch.BusyError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.As(err, &busy):
		return 2
	default:
		return 1
	}
}
