package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/juesuan/juesuan"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
	"github.com/juesuan/juesuan/extract/pdfraw"
	"github.com/rs/zerolog"
)

const convertSynopsis = `juesuan convert [-o OUT] [-j N] [--force] [--timeout 60s] [--max-memory S] [--max-file-size S] [--no-wait] [--quiet] [--fail-on-checks] [--compact] [--part-size S] [--prune] [--ocr auto|never|always] [--catalog URI] PATH...

Converts PDFs (files, folders searched recursively for *.pdf, or - to read
paths from stdin) into the reports, line_items, checks and statements
Parquet datasets under OUT. Files already converted (same content hash)
are skipped unless --force; files that failed by a time or size limit, a
write error or an interruption are converted again. One run at a time
writes OUT: another waits for it (or, with --no-wait, exits 2). Exit
status: 0 all inputs converted, 1 at least one failed (or, with
--fail-on-checks, an accounting check failed), 2 bad usage or OUT in use.
--compact then merges OUT's per-report files into part files (see
juesuan compact).
--prune removes the rows of reports whose input files are gone (without
it they stay). Each dataset is also an Iceberg v2 table at OUT/<dataset>,
committed to the catalog OUT/juesuan.db, or with --catalog postgres://… to
a PostgreSQL database that several machines converting into their own
OUTs share (--catalog none: no Iceberg tables).`

func runConvert(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	out := fs.String("o", "out", "output `folder`")
	jobs := fs.Int("j", runtime.NumCPU(), "`N` files converted at once; by default one per CPU")
	force := fs.Bool("force", false, "convert every input again, even if unchanged; the state (OUT/juesuan.db) is checked whole first, and moved aside if it does not open or is damaged")
	timeout := newDurationValue(fs, "timeout", 60*time.Second, "time `limit` for one file, with its unit (90s, 2m; 0: none)")
	maxMemory := sizeFlag(pdfraw.DefaultQuota)
	fs.Var(&maxMemory, "max-memory", "memory limit of one file, a `size` such as 512MB: what its decoded streams, pages and glyphs may take")
	maxSize := sizeFlag(batch.DefaultMaxFileSize)
	fs.Var(&maxSize, "max-file-size", "largest input read, a `size` such as 512MB or 2GB (0: no limit)")
	compactAfter := fs.Bool("compact", false, "compact OUT at the end of the run (see juesuan compact)")
	partSize := sizeFlag(compact.DefaultPartSize)
	fs.Var(&partSize, "part-size", "with --compact, approximate `size` of a part file")
	prune := fs.Bool("prune", false, "remove from OUT the reports whose input files no longer exist (their rows in every dataset)")
	noWait := fs.Bool("no-wait", false, "exit 2 at once when another run is writing OUT, instead of waiting for it")
	quiet := quietFlag(fs, "print nothing but errors: no progress, no per-file events, no summary")
	catalog := catalogFlag(fs)
	failOnChecks := fs.Bool("fail-on-checks", false, "exit 1 when any accounting check fails, even if every input converted")
	var ocrMode ocrFlag
	ocrMode.register(fs)
	var profile profileFlag
	profile.register(fs)
	var lf logFlags
	lf.register(fs)
	paths, err := parseArgs(fs, args, stdout, convertSynopsis)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("convert: no PATH given")
	}
	if *jobs < 1 {
		return usagef("convert: -j must be at least 1")
	}
	if *timeout < 0 {
		return usagef("convert: --timeout must not be negative")
	}
	if *out == "" {
		return usagef("convert: -o must name a folder")
	}
	if partSize <= 0 {
		return usagef("convert: --part-size must be positive")
	}
	ocrOpt, err := ocrMode.option("convert")
	if err != nil {
		return err
	}
	quota := int64(maxMemory)
	if quota < 1<<20 {
		return usagef("convert: --max-memory must be at least 1MB")
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// Every file's memory is bounded by its quota: collect garbage
		// before the process holds more than all workers' quotas at once
		// (GOGC 300 alone would let a spent bomb's buffers pile up). A
		// quota counts all a file was charged, not what it still holds,
		// so the rest of the process fits in what the files leave; 7/8 of
		// it keeps two bombs at their quotas under -j quotas of RSS.
		debug.SetMemoryLimit(int64(*jobs) * quota / 8 * 7)
	}
	console := isTerminal(stderr)
	logOut := stderr
	var status *batch.StatusLine
	if console && !*quiet {
		status = batch.NewStatusLine(stderr)
		logOut = status
	}
	log, err := lf.newLogger(logOut, console)
	if err != nil {
		return err
	}
	stopProfile, err := profile.start()
	if err != nil {
		return err
	}
	defer stopProfile()
	if *quiet {
		log = log.Level(max(log.GetLevel(), zerolog.ErrorLevel))
	}
	fileLog := log
	if console {
		fileLog = log.Output(fileConsole(logOut, consoleWidth))
	}
	opts := []batch.Option{
		batch.Workers(*jobs), batch.Force(*force), batch.Timeout(*timeout),
		batch.Logger(fileLog), batch.ToolVersion(version),
		batch.MaxFileSize(int64(maxSize)), batch.WaitForLock(!*noWait),
		batch.CompactAfter(*compactAfter), batch.PartSize(int64(partSize)), batch.Prune(*prune),
		batch.MaxMemory(quota), batch.CheckHeader(juesuan.CheckHeader),
		batch.Catalog(*catalog),
	}
	if status != nil {
		opts = append(opts, batch.Progress(status))
	}
	convert := func(ctx context.Context, data []byte, reportID, path string) *juesuan.Result {
		return juesuan.Convert(ctx, data, juesuan.WithSourcePath(path), juesuan.WithToolVersion(version), juesuan.WithReportID(reportID),
			juesuan.WithMemoryLimit(quota), ocrOpt)
	}
	for _, p := range paths {
		if isDir(p) && !hasPDF(p) {
			log.Warn().Str("path", p).Msg("this folder holds no PDF (*.pdf): nothing in it is converted")
		}
	}
	sum, err := batch.New(*out, convert, opts...).Run(ctx, paths, stdin)
	for _, p := range sum.InputErrors {
		log.Error().Str("error", p).Msg("input")
	}
	if err != nil {
		// A fatal error (OUT cannot be written, in use): no summary that
		// looks like a finished run, only the error.
		return convertOutcome(err, sum, *failOnChecks)
	}
	if !*quiet {
		if summaryEvent(console, isTerminal(stdout)) {
			log.Info().Int("reports", sum.Files).Int("ok", sum.OK).Int("partial", sum.Partial).
				Int("failed", sum.Failed).Int("unchanged", sum.Unchanged).Int("tables", sum.Tables).
				Int("checks_passed", sum.Checks.Pass).Int("checks_failed", sum.Checks.Fail).
				Int("checks_skipped", sum.Checks.Skipped).Int("checks_info", sum.Checks.Info).
				Str("out", *out).Msg("summary")
		}
		fmt.Fprintln(stdout, sum.String())
		if sum.Compaction.Partitions > 0 {
			fmt.Fprintln(stdout, sum.Compaction.String())
		}
	}
	return convertOutcome(err, sum, *failOnChecks)
}

// sizeFlag is a size in bytes given with a unit (--max-file-size 512MB).
type sizeFlag int64

func (s *sizeFlag) String() string {
	if *s == 0 {
		return "0"
	}
	return batch.FormatSize(int64(*s))
}

func (s *sizeFlag) Set(v string) error {
	n, err := batch.ParseSize(v)
	*s = sizeFlag(n)
	return err
}

// profileFlag is --cpuprofile, shared by the commands that run long.
type profileFlag struct{ path string }

func (p *profileFlag) register(fs *flag.FlagSet) {
	fs.StringVar(&p.path, "cpuprofile", "", "write a CPU profile of the run to this `file` (for performance reports)")
}

// start profiles the process until stop is called; without the flag both
// do nothing.
func (p *profileFlag) start() (stop func(), err error) {
	if p.path == "" {
		return func() {}, nil
	}
	f, err := os.Create(p.path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
