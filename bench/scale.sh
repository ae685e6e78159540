#!/bin/sh
# National-scale benchmark (issue 28): an OUT of N synthetic reports of
# realistic size, the last NEW of them not yet compacted; then DuckDB's
# GROUP BY over line_items, `juesuan compact` of the NEW reports (time,
# peak RSS), and the queries again.
#
#   bench/scale.sh N [NEW] [WORKDIR]     (make bench-scale N=1000000 NEW=100000)
#
# NEW defaults to N up to 100,000. The reports are written by
# cmd/juesuan/internal/compact/synth -scale: the real reports of CORPUS
# (default ../shared/corpus/real) converted once by the real pipeline,
# each synthetic report one of them (those with statements and at most 800
# line items: about 410 line items, 200 checks and 95 statements a report)
# with its own department, fiscal year, report ID and amounts. The first
# N-NEW go straight into part files (compact.Writer: the settings of
# `juesuan compact`), the last NEW as their own files, as convert writes
# them; the batch state (juesuan.db) lists both, as a run and a compaction
# record them, and the Iceberg tables (OUT's own catalog) are committed in
# step with it: `juesuan compact` then starts as in an OUT runs built.
#
# Needs Go, node and npm (@duckdb/node-api installed once into
# WORKDIR/duckdb), GNU time (apt-get install time). Disk: about 2.6 GB per
# million reports plus 6 KB of own files per NEW report, plus the state
# (about 1 KB a report). Generation runs under nice (NICE, default 10). The
# queries before compaction are skipped with BEFORE=0 (over 100,000 own
# files they take minutes). GEN=0 keeps an OUT generated before (by this
# script or by the same synth command, its output in WORKDIR/synth-N.*)
# and not yet compacted.
set -eu
N=${1:-100000}
NEW=${2:-$((N < 100000 ? N : 100000))}
WORK=${3:-${TMPDIR:-/tmp}/juesuan-bench-scale}
CORPUS=${CORPUS:-../shared/corpus/real}
NICE=${NICE:-10}
BEFORE=${BEFORE:-1}
GEN=${GEN:-1}
OUT=$WORK/out-$N
DUCK=$WORK/duckdb
. bench/setup.sh

machine() {
	echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem/ {print $2}') GiB RAM, disk $(df -h "$WORK" | awk 'NR == 2 {print $1, $2, "with", $4, "free"}'); load $(cut -d' ' -f1-3 /proc/loadavg)"
	# A file system mounted with discard makes each removal wait for the
	# disk: compaction removes four files per new report (bench/README.md).
	echo "file system: $(findmnt -no FSTYPE,OPTIONS -T "$WORK" 2>/dev/null || echo unknown)"
}
gnutime() { # $1: output of /usr/bin/time -v; prints wall s, CPU s, peak RSS MB
	wall=$(grep 'Elapsed (wall' "$1" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	cpu=$(grep -E '(User|System) time' "$1" | awk '{s += $NF} END {print s}')
	rss=$(grep 'Maximum resident' "$1" | awk '{print int($NF / 1024)}')
	echo "$wall $cpu $rss"
}
layout() {
	for ds in reports line_items checks statements; do
		files=$(find "$OUT/$ds" -name '*.parquet' | wc -l)
		bytes=$(du -sb "$OUT/$ds" | cut -f1)
		echo "  $ds: $files files, $((bytes / 1048576)) MB"
	done
	echo "  state: $(($(stat -c %s "$OUT/juesuan.db") / 1048576)) MB (juesuan.db, with the Iceberg catalog); table metadata: $(($(du -sbc "$OUT"/*/metadata | tail -1 | cut -f1) / 1048576)) MB"
}
LI="read_parquet('$OUT/line_items/*/*.parquet', hive_partitioning = true)"
Q1="SELECT fiscal_year, left(code, 3) AS class, sum(amount) AS amount FROM $LI GROUP BY ALL ORDER BY ALL"
Q2="SELECT fiscal_year, table_id, count(*) AS n, sum(amount_yuan) AS yuan FROM $LI GROUP BY ALL ORDER BY ALL"
Q3="SELECT department, sum(amount_yuan) AS yuan FROM $LI WHERE fiscal_year = 2020 AND table_id = 'B01' GROUP BY ALL ORDER BY ALL LIMIT 10"
query() { # $1: when, $2: runs
	for q in 1 2 3; do
		eval "sql=\$Q$q"
		node "$DUCK/duckq.mjs" "$sql" "$2" 2>"$WORK/q$q-$1-$N.time" >"$WORK/q$q-$1-$N.json"
		echo "  Q$q: $(cat "$WORK/q$q-$1-$N.time") (load $(cut -d' ' -f1 /proc/loadavg))"
	done
}

machine
if [ "$GEN" = 1 ]; then
	rm -rf "$OUT"
	nice -n "$NICE" /usr/bin/time -v bin/synth -scale -n "$N" -new "$NEW" -o "$OUT" "$CORPUS"/*.pdf \
		>"$WORK/synth-$N.txt" 2>"$WORK/synth-$N.time" || { cat "$WORK/synth-$N.time" >&2; exit 1; }
elif [ -n "$(find "$OUT" -maxdepth 3 -name 'part-*.parquet' -newer "$WORK/synth-$N.txt" | head -1)" ]; then
	echo "$OUT was compacted since it was generated: run without GEN=0" >&2
	exit 1
fi
set -- $(gnutime "$WORK/synth-$N.time")
echo "generated N=$N (NEW=$NEW): $(cat "$WORK/synth-$N.txt")"
echo "  wall ${1}s, CPU ${2}s, peak RSS ${3} MB; load $(cut -d' ' -f1-3 /proc/loadavg)"
layout
echo "Q1 = GROUP BY fiscal_year, left(code, 3); Q2 = GROUP BY fiscal_year, table_id; Q3 = one year's B01 by department"
if [ "$BEFORE" = 1 ]; then
	echo "before compaction (first, best of runs in one process):"
	query before 1
fi

/usr/bin/time -v bin/juesuan compact "$OUT" >"$WORK/compact-$N.txt" 2>"$WORK/compact-$N.time" || { cat "$WORK/compact-$N.time" >&2; exit 1; }
set -- $(gnutime "$WORK/compact-$N.time")
# Reports merged: the NEW reports' files, and those of the parts rewritten
# with them (small parts holding no more reports than merged with them,
# see tierParts); "report files" counts a report
# once per dataset.
merged=$(($(sed -n 's/.*: \([0-9]*\) report files.*/\1/p' "$WORK/compact-$N.txt") / 4))
echo "compaction: $(cat "$WORK/compact-$N.txt")"
echo "  $merged reports merged; wall ${1}s, CPU ${2}s: $(echo "$merged / $1" | bc) reports/s ($(echo "$merged * 2 / $2" | bc) at two CPUs' worth of its CPU time), peak RSS ${3} MB; load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "after compaction:"
layout
query after 3
if [ "$BEFORE" = 1 ]; then
	for q in 1 2 3; do
		cmp -s "$WORK/q$q-before-$N.json" "$WORK/q$q-after-$N.json" || { echo "  Q$q RESULTS DIFFER" >&2; exit 1; }
	done
	echo "  same query results before and after"
fi
machine
