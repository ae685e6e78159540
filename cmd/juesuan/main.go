// Command juesuan turns published Chinese government final-account reports
// (部门决算公开, PDF) into Parquet datasets. See README.md and
// ../../shared/CONTRACT.md.
package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	printError(os.Stderr, err)
	os.Exit(exitCode(err))
}

// exitCode maps run's error to the contract's exit status: 0 all inputs
// converted, 1 at least one failed (or a fatal error), 2 bad usage.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}
