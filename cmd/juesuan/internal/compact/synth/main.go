// Command synth writes N distinct synthetic reports into an output folder,
// for the compaction benchmark (bench/compact.sh). Printing and converting
// N PDFs would take hours; instead the fixture PDFs are converted once by
// the real pipeline, and each synthetic report is one of them with another
// department, fiscal year and amounts. The reports are written by the real
// batch (hashing, Parquet encoding, atomic writes, manifest) from tiny
// input files, one per report, whose bytes make the report ID.
//
//	go run ./cmd/juesuan/internal/compact/synth -n 10000 -o /tmp/out PDF...
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/schema"
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
	depts := fs.Int("departments", 5000, "distinct departments")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() == 0 || *n < 1 || *years < 1 || *depts < 1 {
		return errors.New("usage: synth -n N -o OUT [-years 10] [-departments 5000] FIXTURE.pdf")
	}
	if *in == "" {
		*in = *out + ".inputs"
	}
	templates, err := loadTemplates(ctx, fs.Args())
	if err != nil {
		return err
	}
	if err := writeInputs(*in, *n); err != nil {
		return err
	}
	gen := generator{templates: templates, years: *years, depts: *depts}
	sum, err := batch.New(*out, gen.convert, batch.ToolVersion("synth")).Run(ctx, []string{*in}, strings.NewReader(""))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, sum.String())
	return nil
}

// loadTemplates converts the given PDFs; those converted without failure
// are the templates.
func loadTemplates(ctx context.Context, paths []string) ([]*juesuan.Result, error) {
	var out []*juesuan.Result
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		res := juesuan.Convert(ctx, data, juesuan.WithSourcePath(p))
		if res.Report.Status != schema.StatusFailed && len(res.LineItems) > 0 {
			out = append(out, res)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("no PDF given converts to line items")
	}
	return out, nil
}

// writeInputs writes one input per report: "synthetic report I".
func writeInputs(dir string, n int) error {
	for i := range n {
		sub := filepath.Join(dir, strconv.Itoa(i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		p := filepath.Join(sub, fmt.Sprintf("%07d.pdf", i))
		if err := os.WriteFile(p, []byte("synthetic report "+strconv.Itoa(i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

type generator struct {
	templates []*juesuan.Result
	years     int
	depts     int
}

// convert turns input "synthetic report I" into template I mod T, with a
// department, a year and amounts of its own.
func (g generator) convert(_ context.Context, data []byte, id, path string) *juesuan.Result {
	i, err := strconv.Atoi(strings.TrimPrefix(string(data), "synthetic report "))
	if err != nil {
		return juesuan.Failed(id, path, "synth", err)
	}
	t := g.templates[i%len(g.templates)]
	year := int32(2015 + i%g.years)
	dept := fmt.Sprintf("%s（合成%05d）", deref(t.Report.Department), (i*7919)%g.depts)
	scale := int64(50 + i%150) // percent

	res := &juesuan.Result{Report: t.Report}
	res.Report.ReportID, res.Report.SourcePath, res.Report.ToolVersion = id, path, "synth"
	res.Report.Department, res.Report.FiscalYear = &dept, &year
	res.LineItems = make([]schema.LineItem, len(t.LineItems))
	for k, li := range t.LineItems {
		li.ReportID, li.Department, li.FiscalYear = id, &dept, &year
		li.Amount, li.AmountYuan = scaled(li.Amount, scale), scaled(li.AmountYuan, scale)
		res.LineItems[k] = li
	}
	res.Checks = make([]schema.Check, len(t.Checks))
	for k, c := range t.Checks {
		c.ReportID, c.FiscalYear = id, &year
		c.Expected, c.Actual, c.Diff = scaled(c.Expected, scale), scaled(c.Actual, scale), scaled(c.Diff, scale)
		res.Checks[k] = c
	}
	return res
}

func scaled(v *int64, percent int64) *int64 {
	if v == nil {
		return nil
	}
	s := *v * percent / 100
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
