package main

import (
	"context"
	"io"
)

func runInspect(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return usagef("inspect: not yet")
}
