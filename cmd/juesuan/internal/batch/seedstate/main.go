// Command seedstate records N synthetic compacted reports in an output
// folder's state (juesuan.db), for the benchmark of a one-file run into a
// large OUT (bench/state.sh): see batch.SeedState.
//
//	go run ./cmd/juesuan/internal/batch/seedstate -n 1000000 -o /tmp/out
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "seedstate:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seedstate", flag.ContinueOnError)
	n := fs.Int("n", 100000, "reports to record")
	out := fs.String("o", "", "output folder (the juesuan OUT)")
	years := fs.Int("years", 10, "fiscal years the reports spread over, from 2015")
	catalog := fs.String("catalog", "", "Iceberg catalog committed in step with the state, as convert's --catalog (none: no tables)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 1 || *years < 1 {
		return errors.New("usage: seedstate -n N -o OUT [-years 10] [-catalog URI|none]")
	}
	return batch.SeedState(ctx, *out, *n, *years, batch.Catalog(*catalog))
}
