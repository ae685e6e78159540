package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
)

// version is the juesuan version, written into every report row; release
// builds set it with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(fs, stdout, "juesuan version")
			return nil
		}
		printUsage(fs, stderr, "juesuan version")
		return err
	}
	if len(rest) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(stdout, "juesuan %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
