package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
)

// errHelpShown ends a command whose help was asked for (--help, -h, help
// COMMAND) and printed: run maps it to exit status 0.
var errHelpShown = errors.New("help shown")

// parseArgs parses a command's flags and returns its positional arguments.
// --help prints the command's help on stdout and returns errHelpShown; a
// bad flag is a one-line usage error that points to the help.
func parseArgs(fs *flag.FlagSet, args []string, stdout io.Writer, synopsis string) ([]string, error) {
	fs.SetOutput(io.Discard)
	rest, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(fs, stdout, synopsis)
		return nil, errHelpShown
	}
	var ue usageError
	if errors.As(err, &ue) {
		return nil, usageError{cmd: fs.Name(), msg: fs.Name() + ": " + twoDashes(suggestFlag(fs, ue.msg))}
	}
	return rest, err
}

// flagInMessage finds a flag name in the flag package's messages
// ("flag provided but not defined: -bogus").
var flagInMessage = regexp.MustCompile(`(^|[\s:])-([a-z][a-z0-9-]+)`)

// twoDashes writes long flag names the way the README does (--timeout),
// where Go's flag package prints one dash.
func twoDashes(msg string) string {
	return flagInMessage.ReplaceAllString(msg, "$1--$2")
}

// flagName is a flag as the README writes it: -o, -j, --force.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printUsage prints a command's synopsis and flags, each flag written with
// its dashes as the README writes it (Go's PrintDefaults writes one dash).
func printUsage(fs *flag.FlagSet, w io.Writer, synopsis string) {
	fmt.Fprintf(w, "Usage: %s\n", synopsis)
	var lines [][2]string
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		left := flagName(f.Name)
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); !isBool {
			left += " " + strings.ToUpper(arg)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "by default") {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		lines = append(lines, [2]string{left, usage})
		width = max(width, len(left))
	})
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\nOptions:\n")
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l[0], l[1])
	}
}

// durationValue is a --timeout style flag. A bare number is refused with
// the fix spelled out: Go durations need a unit, and "5" is ambiguous.
type durationValue struct{ d *time.Duration }

func newDurationValue(fs *flag.FlagSet, name string, def time.Duration, usage string) *time.Duration {
	d := def
	fs.Var(durationValue{&d}, name, usage)
	return &d
}

func (v durationValue) String() string {
	if v.d == nil {
		return ""
	}
	return v.d.String()
}

func (v durationValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		if isNumber(s) {
			return fmt.Errorf("a duration needs a unit: write %ss for %s seconds (or m, h: 90s, 2m, 1h30m)", s, s)
		}
		return fmt.Errorf("not a duration (write it as 90s, 2m or 1h30m)")
	}
	*v.d = d
	return nil
}

// isNumber reports a bare number, the usual mistake: 5 for 5s.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// printError tells the user why run failed: for bad usage one line and
// where the help is, never the whole flag list.
func printError(w io.Writer, err error) {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, errSomeFailed):
		// The failures were reported as they happened.
	case errors.As(err, &ue):
		fmt.Fprintln(w, "juesuan:", ue.msg)
		if ue.cmd != "" {
			fmt.Fprintf(w, "see 'juesuan %s --help'\n", ue.cmd)
		} else {
			fmt.Fprintln(w, "see 'juesuan --help'")
		}
	default:
		fmt.Fprintln(w, "juesuan:", err)
	}
}

// quietFlag registers --quiet and its short form -q as one flag.
func quietFlag(fs *flag.FlagSet, usage string) *bool {
	q := fs.Bool("quiet", false, usage)
	fs.BoolVar(q, "q", false, "short for --quiet")
	return q
}

// langValue is --lang: the language of human-facing text, by default the
// locale's.
type langValue struct{ s *string }

func langFlag(fs *flag.FlagSet) langValue {
	s := fs.String("lang", "", "`language` of the human-facing text: zh or en (by default from the locale: LC_ALL, LC_MESSAGES, LANG)")
	return langValue{s}
}

func (v langValue) get() (lang.Lang, error) {
	if *v.s == "" {
		return lang.FromEnv(os.Getenv), nil
	}
	return lang.Parse(*v.s)
}
