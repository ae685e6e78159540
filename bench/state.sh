#!/bin/sh
# Batch-state benchmark (issue 28): a one-file `juesuan convert` into an
# OUT whose state (juesuan.db) holds N reports, against the same run into
# an empty OUT: wall time and peak RSS (/usr/bin/time -v), three runs each.
#
#   bench/state.sh N [WORKDIR]      (make bench-state N=1000000)
#
# The state is built by cmd/juesuan/internal/batch/seedstate (batch.SeedState):
# N compacted reports recorded as a run and a compaction record them (the
# same tables and indexes), without their Parquet files, and the Iceberg
# tables (OUT's own catalog) committed in step with it, so that the
# measured run finds state and tables as a run leaves them; it is kept in
# WORKDIR/out-N and reused by the next call with the same N. Each measured
# run converts fixtures/sample.pdf with a comment appended (a PDF reader
# ignores it), so that the file is new to the state every time.
set -eu
N=${1:-100000}
WORK=${2:-${TMPDIR:-/tmp}/juesuan-bench-state}
OUT=$WORK/out-$N
mkdir -p "$WORK/in" bin

CGO_ENABLED=0 go build -o bin/juesuan ./cmd/juesuan
go build -o bin/seedstate ./cmd/juesuan/internal/batch/seedstate
if [ ! -f "$OUT/.seeded" ]; then
	rm -rf "$OUT"
	t0=$(date +%s.%N)
	bin/seedstate -n "$N" -o "$OUT"
	t1=$(date +%s.%N)
	touch "$OUT/.seeded"
	echo "N=$N: state seeded in $(echo "$t1 - $t0" | bc)s"
fi
echo "state: $(du -b "$OUT/juesuan.db" | cut -f1) bytes ($OUT/juesuan.db)"

measure() { # $1: label, $2: OUT, $3: run number
	in="$WORK/in/run-$1-$3.pdf"
	cp fixtures/sample.pdf "$in"
	printf '\n%% juesuan bench run %s %s\n' "$3" "$(date +%s%N)" >>"$in"
	/usr/bin/time -v bin/juesuan convert -q -o "$2" "$in" 2>"$WORK/time.txt" || { cat "$WORK/time.txt"; exit 1; }
	secs=$(grep 'Elapsed (wall' "$WORK/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	rss=$(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $NF}')
	cpu=$(grep -E '(User|System) time' "$WORK/time.txt" | awk '{s += $NF} END {print s}')
	echo "  $1 run $3: wall ${secs}s, CPU ${cpu}s, peak RSS $((rss / 1024)) MB"
}
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in 1 2 3; do
	rm -rf "$WORK/empty"
	measure empty "$WORK/empty" "$r"
done
for r in 1 2 3; do
	measure "N=$N" "$OUT" "$r"
done
echo "machine: load $(cut -d' ' -f1-3 /proc/loadavg) after"
