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

// usageError is bad usage: exit status 2. cmd names the command whose
// help the message points to ("" for the top level).
type usageError struct{ cmd, msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// errSomeFailed ends a run in which at least one input failed; the failures
// were already reported, so main prints nothing more.
var errSomeFailed = errors.New("at least one input failed")

const topUsage = `juesuan turns Chinese government final-account reports (部门决算公开, PDF)
into Parquet datasets.

Usage:
  juesuan convert [-o OUT] [-j N] [--force] PATH...   convert PDFs (files or folders) to Parquet
  juesuan inspect [--table T02] [--format text|csv|json|html] [-o FILE] FILE.pdf
                                                     print the tables found in one PDF
  juesuan export [--table T05|all] [--format csv|xlsx] [-o FILE|DIR] PDF-or-FOLDER...
                                                     the tables as printed, for a spreadsheet,
                                                     with a sheet of each report's quality
  juesuan compact [--part-size 128MB] [OUT]          merge OUT's per-report files into part files
  juesuan version                                    print the version (also --version, -v)
  juesuan help COMMAND                               the options of a command

Run 'juesuan COMMAND --help' for the options of a command.
`

// commands are the subcommands by name.
var commands = map[string]func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error{
	"convert": runConvert,
	"inspect": func(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
		return runInspect(ctx, args, stdout, stderr)
	},
	"export": runExport,
	"compact": func(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
		return runCompact(ctx, args, stdout, stderr)
	},
	"version": func(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
		return runVersion(args, stdout, stderr)
	},
}

// run is the whole program: main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, topUsage)
		return usagef("no command given")
	}
	if os.Getenv("GOGC") == "" {
		// The heap is small and short-lived per file; collecting a third
		// as often as Go's default saves CPU at a peak RSS under the 100 MB
		// per worker that bench/compare.sh holds it to (at 400 the batch
		// with budgets and narrative reached 90–102 MB; at 300, 75–80 MB).
		debug.SetGCPercent(300)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, topUsage)
		return nil
	case "help":
		if len(rest) == 0 {
			fmt.Fprint(stdout, topUsage)
			return nil
		}
		if _, ok := commands[rest[0]]; !ok {
			return usagef("help: unknown command %q%s", rest[0], suggestCommand(rest[0]))
		}
		cmd, rest = rest[0], []string{"--help"}
	case "-v", "--version", "-version":
		cmd = "version"
	}
	runCmd, ok := commands[cmd]
	if !ok {
		return usagef("unknown command %q%s", cmd, suggestCommand(cmd))
	}
	err := runCmd(ctx, rest, stdin, stdout, stderr)
	var ue usageError
	switch {
	case errors.Is(err, errHelpShown):
		return nil
	case errors.As(err, &ue) && ue.cmd == "":
		ue.cmd = cmd
		return ue
	}
	return err
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
			return nil, usageError{msg: err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(positional, tail...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
