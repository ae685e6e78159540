package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
)

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errSomeFailed ends a run in which at least one input failed; the failures
// were already reported, so main prints nothing more.
var errSomeFailed = errors.New("at least one input failed")

const topUsage = `juesuan turns Chinese government final-account reports (部门决算公开, PDF)
into Parquet datasets.

Usage:
  juesuan convert [-o OUT] [-j N] [--force] PATH...   convert PDFs (files or folders) to Parquet
  juesuan inspect [--table T02] [--format text|csv|json] FILE.pdf
                                                     print the tables found in one PDF
  juesuan compact [--part-size 128MB] [OUT]          merge OUT's per-report files into part files
  juesuan version                                    print the version

Run 'juesuan COMMAND --help' for the options of a command.
`

// run is the whole program: main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, topUsage)
		return usagef("no command given")
	}
	if os.Getenv("GOGC") == "" {
		// The heap is small and short-lived per file; collecting a quarter
		// as often saves CPU at a peak RSS still about half the 100 MB
		// budget per worker (bench/compare.sh measures it).
		debug.SetGCPercent(400)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "convert":
		return runConvert(ctx, rest, stdin, stdout, stderr)
	case "inspect":
		return runInspect(ctx, rest, stdout, stderr)
	case "compact":
		return runCompact(ctx, rest, stdout, stderr)
	case "version":
		return runVersion(rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, topUsage)
		return nil
	default:
		fmt.Fprint(stderr, topUsage)
		return usagef("unknown command %q", cmd)
	}
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments (juesuan convert a.pdf -o out), where Go's flag
// package alone stops at the first positional one. A lone "-" is positional
// (a list of paths on stdin); everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, tail = args[:i], args[i+1:]
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(positional, tail...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
