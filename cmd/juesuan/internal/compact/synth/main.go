// Command synth writes N distinct synthetic reports into an output folder,
// for the compaction and scale benchmarks (bench/compact.sh,
// bench/scale.sh). Printing and converting N PDFs would take hours;
// instead real PDFs are converted once by the real pipeline, and each
// synthetic report is one of them with another department, fiscal year,
// report ID and amounts (generator).
//
// Two ways of writing them:
//
//   - through the real batch (default): hashing, Parquet encoding, atomic
//     writes, batch state, from tiny input files, one per report, whose bytes
//     make the report ID. Every report is its own files, as after
//     `juesuan convert`. About 500 reports/s.
//
//   - -scale: the state of an OUT compacted before its last -new reports
//     came in. The other reports are written straight into part files by
//     compact.Writer (the settings, row groups and part size of `juesuan
//     compact`), partitions and datasets in parallel; the -new reports get
//     their own files (schema.Encode, as convert writes them); the batch
//     state (juesuan.db) lists both, as a run and a compaction record
//     them, and the Iceberg tables are committed in step with it
//     (batch.RecordState; -catalog as convert's --catalog). Input files
//     are not written: the state names
//     them under OUT.inputs. Tens of thousands of reports/s.
//
//     go run ./cmd/juesuan/internal/compact/synth -n 10000 -o /tmp/out PDF...
//     go run ./cmd/juesuan/internal/compact/synth -scale -n 1000000 -new 100000 -o /tmp/out ../shared/corpus/real/*.pdf
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	n := fs.Int("n", 1000, "reports to write")
	out := fs.String("o", "", "output folder (the juesuan OUT)")
	in := fs.String("inputs", "", "folder for the tiny input files (default OUT.inputs)")
	years := fs.Int("years", 10, "fiscal years the reports spread over, from 2015")
	depts := fs.Int("departments", 0, "distinct departments (default N/20, at least 1: a department's final and budget over ten years)")
	scale := fs.Bool("scale", false, "write parts directly, and own files for the last -new reports only")
	fresh := fs.Int("new", 0, "with -scale: reports written as their own files (not yet compacted)")
	maxItems := fs.Int("max-line-items", 800, "with -scale: leave out templates with more line items (0: none)")
	jobs := fs.Int("j", runtime.GOMAXPROCS(0), "with -scale: files written at once")
	catalog := fs.String("catalog", "", "with -scale: Iceberg catalog committed in step with the state, as convert's --catalog (none: no tables)")
	profile := fs.String("cpuprofile", "", "write a CPU profile to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *out == "" || fs.NArg() == 0 || *n < 1 || *years < 1 || *depts < 0 || *fresh < 0 || *fresh > *n || *jobs < 1 {
		return errors.New("usage: synth [-scale [-new K] [-j J]] -n N -o OUT [-years 10] [-departments N/20] PDF...")
	}
	if *depts == 0 {
		*depts = max(1, *n/20)
	}
	if *in == "" {
		*in = *out + ".inputs"
	}
	templates, err := loadTemplates(ctx, fs.Args(), *scale, *maxItems*boolInt(*scale))
	if err != nil {
		return err
	}
	g := newGenerator(templates, *years, *depts, *in)
	if *scale {
		sum, err := writeScale(ctx, g, *out, *n, *fresh, *jobs, batch.Catalog(*catalog))
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, sum)
		return nil
	}
	if err := writeInputs(g, *n); err != nil {
		return err
	}
	sum, err := batch.New(*out, g.convert, batch.ToolVersion(toolVersion)).Run(ctx, []string{*in}, strings.NewReader(""))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, sum.String())
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
