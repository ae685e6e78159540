package juesuan

// Benchmarks of the whole conversion and of its stages, over the real
// corpus and the generated fixtures. Run from the repo root:
//
//	go test -run '^$' -bench . -benchmem ./
//
// Each benchmark reports ms/report and pages/s besides Go's ns/op; with
// -benchmem, B/op and allocs/op are per op as named in the benchmark
// (one report, or the whole corpus for the "corpus" sub-benchmarks). On
// Linux it also reports cpu-ms/report, the process CPU time (GC workers
// included): on a loaded machine wall times swing several-fold between
// runs, CPU time much less.

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/tables"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/normalize/check"
	"github.com/juesuan/juesuan/schema"
)

// repoRoot is the repo root: this package is the module's root package.
var repoRoot = "."

// corpusDir holds the real PDFs, beside the repo (never copied into it).
var corpusDir = filepath.Join(repoRoot, "..", "shared", "corpus", "real")

// finals are the real final-account reports the targets are measured on:
// two filled 2024 Shanghai reports and the official blank template.
var finals = []string{"r02", "r03", "r05"}

// benchInput is one PDF read into memory, with its page count.
type benchInput struct {
	name  string // file name without .pdf
	data  []byte
	pages int
}

func loadInput(b *testing.B, path string) benchInput {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatalf("read %s: %v", path, err)
	}
	doc, err := extract.Load(data)
	if err != nil {
		b.Fatalf("load %s: %v", path, err)
	}
	return benchInput{name: strings.TrimSuffix(filepath.Base(path), ".pdf"), data: data, pages: doc.NumPages()}
}

// corpusPaths lists the PDFs of the corpus whose names start with prefix;
// it skips when the corpus is absent.
func corpusPaths(b *testing.B, prefix string) []string {
	b.Helper()
	if _, err := os.Stat(corpusDir); err != nil {
		b.Skipf("corpus absent at %s", corpusDir)
	}
	paths, err := filepath.Glob(filepath.Join(corpusDir, prefix+"*.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	return paths
}

// corpusInputs reads every corpus PDF.
func corpusInputs(b *testing.B) []benchInput {
	b.Helper()
	paths := corpusPaths(b, "")
	if len(paths) == 0 {
		b.Skipf("no PDF in %s", corpusDir)
	}
	inputs := make([]benchInput, len(paths))
	for i, p := range paths {
		inputs[i] = loadInput(b, p)
	}
	return inputs
}

// finalInputs reads the real final-account reports (r02, r03, r05).
func finalInputs(b *testing.B) []benchInput {
	b.Helper()
	var out []benchInput
	for _, f := range finals {
		paths := corpusPaths(b, f+"_")
		if len(paths) != 1 {
			b.Fatalf("want one %s_*.pdf in %s, found %d", f, corpusDir, len(paths))
		}
		out = append(out, loadInput(b, paths[0]))
	}
	return out
}

// fixtureInputs reads the generated fixture PDFs; it skips when there are none.
func fixtureInputs(b *testing.B) []benchInput {
	b.Helper()
	paths, err := filepath.Glob(filepath.Join(repoRoot, "fixtures", "*.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	if len(paths) == 0 {
		b.Skip("no fixture PDFs in fixtures/ (run `make fixtures`)")
	}
	inputs := make([]benchInput, len(paths))
	for i, p := range paths {
		inputs[i] = loadInput(b, p)
	}
	return inputs
}

// processCPU returns the CPU time (user+system) this process has used, from
// /proc/self/stat; ok is false where there is no such file.
func processCPU() (d time.Duration, ok bool) {
	raw, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// Fields after the command name (which may hold spaces) close with ')':
	// state is field 3, utime 14, stime 15, in clock ticks.
	i := strings.LastIndexByte(string(raw), ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(raw[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	const ticksPerSecond = 100 // USER_HZ, 100 on every Linux ABI Go supports
	return time.Duration(utime+stime) * time.Second / ticksPerSecond, true
}

// rates measures a benchmark loop: call it just before the loop, and the
// returned function after it with the reports and pages processed (pages 0:
// no pages/s).
func rates(b *testing.B) func(reports, pages int) {
	cpu0, cpuOK := processCPU()
	return func(reports, pages int) {
		secs := b.Elapsed().Seconds()
		if reports == 0 || secs == 0 {
			return
		}
		b.ReportMetric(secs*1000/float64(reports), "ms/report")
		if pages > 0 {
			b.ReportMetric(float64(pages)/secs, "pages/s")
		}
		if cpu1, ok := processCPU(); ok && cpuOK {
			b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(reports), "cpu-ms/report")
		}
	}
}

// convertAll runs Convert on every input once per iteration and checks that
// each one yields a report row, so that a broken pipeline cannot look fast.
func convertAll(b *testing.B, inputs []benchInput) {
	b.Helper()
	ctx := context.Background()
	reports, pages := 0, 0
	done := rates(b)
	for b.Loop() {
		for _, in := range inputs {
			res := Convert(ctx, in.data, WithSourcePath(in.name+".pdf"), WithToolVersion("bench"))
			if res == nil || res.Report.ReportID == "" {
				b.Fatalf("%s: Convert returned no report", in.name)
			}
			reports++
			pages += in.pages
		}
	}
	done(reports, pages)
}

// BenchmarkConvert is the whole pipeline (extract, tables, normalize,
// checks) per report; Parquet encoding is BenchmarkEncode.
func BenchmarkConvert(b *testing.B) {
	b.Run("finals", func(b *testing.B) {
		for _, in := range finalInputs(b) {
			b.Run(in.name[:3], func(b *testing.B) { convertAll(b, []benchInput{in}) })
		}
	})
	b.Run("corpus", func(b *testing.B) { convertAll(b, corpusInputs(b)) })
	b.Run("fixtures", func(b *testing.B) {
		for _, in := range fixtureInputs(b) {
			b.Run(in.name, func(b *testing.B) { convertAll(b, []benchInput{in}) })
		}
	})
}

// extractPages reads every page of a document, as Convert does.
func extractPages(b *testing.B, in benchInput) []*extract.Page {
	b.Helper()
	doc, err := extract.Load(in.data)
	if err != nil {
		b.Fatalf("%s: %v", in.name, err)
	}
	pages := make([]*extract.Page, 0, doc.NumPages())
	for n := 1; n <= doc.NumPages(); n++ {
		p, err := doc.Page(n)
		if err != nil {
			continue // Convert skips unreadable pages too
		}
		pages = append(pages, p)
	}
	return pages
}

// BenchmarkExtract is the text-layer stage alone (Load and every page), so
// that Convert's time splits into extract + tables + normalize/checks.
func BenchmarkExtract(b *testing.B) {
	for _, in := range finalInputs(b) {
		b.Run(in.name[:3], func(b *testing.B) {
			reports := 0
			done := rates(b)
			for b.Loop() {
				if got := extractPages(b, in); len(got) == 0 {
					b.Fatalf("%s: no page extracted", in.name)
				}
				reports++
			}
			done(reports, reports*in.pages)
		})
	}
}

// BenchmarkFindTables is table reconstruction alone (grid and logical
// tables) on pages extracted beforehand.
func BenchmarkFindTables(b *testing.B) {
	for _, in := range finalInputs(b) {
		b.Run(in.name[:3], func(b *testing.B) {
			pages := extractPages(b, in)
			reports := 0
			done := rates(b)
			for b.Loop() {
				if found, _ := tables.Find(pages); len(found) == 0 {
					b.Fatalf("%s: no table found", in.name)
				}
				reports++
			}
			done(reports, reports*len(pages))
		})
	}
}

// BenchmarkNormalize is metadata, line items, sorting and checks on tables
// found beforehand: the rest of Convert after tables.Find.
func BenchmarkNormalize(b *testing.B) {
	for _, in := range finalInputs(b) {
		b.Run(in.name[:3], func(b *testing.B) {
			pages := extractPages(b, in)
			found, _ := tables.Find(pages)
			lines := make([][]string, in.pages)
			for _, p := range pages {
				lines[p.Number-1] = p.TextLines()
			}
			id := ReportID(in.data)
			reports := 0
			done := rates(b)
			for b.Loop() {
				meta := normalize.DetectMeta(lines, found)
				items, _ := normalize.LineItems(id, meta, found)
				normalize.SortLineItems(items)
				var year *int32
				if meta.FiscalYear != 0 {
					y := int32(meta.FiscalYear)
					year = &y
				}
				if checks := check.Run(id, year, found, items); len(items) == 0 && len(checks) == 0 {
					b.Fatalf("%s: no line items and no checks", in.name)
				}
				reports++
			}
			done(reports, reports*in.pages)
		})
	}
}

// BenchmarkEncode is the Parquet encoding of one report's three files
// (line_items, checks, reports) with the footer metadata the batch writes;
// it reports the encoded size and rows/s.
func BenchmarkEncode(b *testing.B) {
	for _, in := range finalInputs(b) {
		b.Run(in.name[:3], func(b *testing.B) {
			res := Convert(context.Background(), in.data, WithSourcePath(in.name+".pdf"), WithToolVersion("bench"))
			if res.Report.Status == schema.StatusFailed {
				b.Fatalf("%s: conversion failed: %s", in.name, *res.Report.Error)
			}
			meta := []schema.WriteOption{
				schema.WithMetadata("juesuan.tool_version", res.Report.ToolVersion),
				schema.WithMetadata("juesuan.source_sha256", res.Report.ReportID),
			}
			rows := len(res.LineItems) + len(res.Checks) + 1
			reports, size := 0, 0
			done := rates(b)
			for b.Loop() {
				size = 0
				for _, encode := range []func() ([]byte, error){
					func() ([]byte, error) { return schema.Encode(res.LineItems, meta...) },
					func() ([]byte, error) { return schema.Encode(res.Checks, meta...) },
					func() ([]byte, error) { return schema.Encode([]schema.Report{res.Report}, meta...) },
				} {
					data, err := encode()
					if err != nil {
						b.Fatalf("%s: %v", in.name, err)
					}
					size += len(data)
				}
				reports++
			}
			done(reports, 0)
			if secs := b.Elapsed().Seconds(); secs > 0 {
				b.ReportMetric(float64(rows*reports)/secs, "rows/s")
			}
			b.ReportMetric(float64(size), "parquet-B/report")
		})
	}
}
