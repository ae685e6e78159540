package main

import (
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
	rest, err := parseArgs(fs, args, stdout, "juesuan version (also juesuan --version, juesuan -v)")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("version takes no arguments")
	}
	fmt.Fprintf(stdout, "juesuan %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
