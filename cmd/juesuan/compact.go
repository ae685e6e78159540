package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/batch"
	"github.com/juesuan/juesuan/cmd/juesuan/internal/compact"
)

const compactSynopsis = `juesuan compact [--part-size S] [--check] [--no-wait] [--catalog URI] [--cpuprofile F] [OUT]

Merges, in every dataset and fiscal_year partition of OUT (default out),
the reports' own Parquet files into part files of about --part-size,
rows ordered by department and report_id. The state (OUT/juesuan.db)
records which part holds each report, so later conversions stay
incremental. A dataset's compaction is one commit to its Iceberg table
(--catalog as for convert), made before the files it replaces are
removed: a reader of the table never sees a report twice or not at all.
Readers of the Hive folders never miss a report; they may see one twice
while a partition's files are swapped. A compaction cut short is
repaired by running it again. A file that is missing, not readable
Parquet, or not the file written there (another report's, another
program's) is set aside (NAME.damaged) with a warning, and its reports
are converted again by the next convert; --check reads every page of
every part to find one damaged inside or holding other reports than
recorded (else only each part's end is read). A *.parquet file of a
dataset's folders that the state does not list (copied or restored in by
hand) is set aside as NAME.unlisted, so that readers of the folders do
not read its rows twice.
Exit status: 0 done, 1 an error, 2 bad usage or OUT in use (--no-wait).`

func runCompact(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compact", flag.ContinueOnError)
	partSize := sizeFlag(compact.DefaultPartSize)
	fs.Var(&partSize, "part-size", "approximate `size` of a part file, such as 128MB or 1GB")
	catalog := catalogFlag(fs)
	noWait := fs.Bool("no-wait", false, "exit 2 at once when another run is writing OUT, instead of waiting for it")
	check := fs.Bool("check", false, "read every page of every part, to find and set aside one damaged inside or holding other reports than recorded")
	var profile profileFlag
	profile.register(fs)
	var lf logFlags
	lf.register(fs)
	rest, err := parseArgs(fs, args, stdout, compactSynopsis)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("compact: one OUT folder at most, got %d", len(rest))
	}
	if partSize <= 0 {
		return usagef("compact: --part-size must be positive")
	}
	out := "out"
	if len(rest) == 1 {
		out = rest[0]
	}
	log, err := lf.newLogger(stderr, isTerminal(stderr))
	if err != nil {
		return err
	}
	stopProfile, err := profile.start()
	if err != nil {
		return err
	}
	defer stopProfile()
	r := batch.New(out, nil, batch.Logger(log), batch.ToolVersion(version),
		batch.PartSize(int64(partSize)), batch.WaitForLock(!*noWait), batch.Catalog(*catalog), batch.CheckParts(*check))
	sum, err := r.Compact(ctx)
	if err == nil || sum.Partitions > 0 { // what an error left done, not an empty line of zeros
		fmt.Fprintln(stdout, sum.String())
	}
	return err
}

// catalogFlag registers --catalog, the Iceberg catalog of convert and
// compact.
func catalogFlag(fs *flag.FlagSet) *string {
	return fs.String("catalog", "", "Iceberg catalog of the datasets' tables: postgres://user:password@host:port/db shared by several machines, sqlite:FILE another SQLite file, none for no tables (default OUT/juesuan.db)")
}
