package main

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is the juesuan version, written into every report row; release
// builds set it with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// buildCommit is the git commit make build and make install stamp in
// (-ldflags "-X main.buildCommit=…"), for builds where Go's own stamp is
// off (GOFLAGS=-buildvcs=false); "" otherwise.
var buildCommit string

func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	rest, err := parseArgs(fs, args, stdout, "juesuan version (also juesuan --version, juesuan -v)")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(stdout, "juesuan %s (%s%s %s/%s)\n", version, commit(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// commit names the source the binary was built from, as go build stamps
// it from git: "commit 1a2b3c4d5e6f, 2026-12-06, modified; " ("" where
// not stamped, as in go run or a build outside a repository).
func commit() string {
	if buildCommit != "" {
		return "commit " + buildCommit + "; "
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, when string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when, _, _ = strings.Cut(s.Value, "T")
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return ""
	}
	out := "commit " + rev[:min(len(rev), 12)]
	if when != "" {
		out += ", " + when
	}
	if dirty {
		out += ", modified"
	}
	return out + "; "
}
