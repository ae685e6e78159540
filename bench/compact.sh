#!/bin/sh
# Compaction benchmark (issue 17): N synthetic reports, per-report files
# versus compacted parts, queried with DuckDB.
#
#   bench/compact.sh N [WORKDIR]      (make bench-compact N=10000)
#
# The reports are written by cmd/juesuan/internal/compact/synth: the fixture
# PDFs converted once by the real pipeline, each synthetic report one of
# them with its own department, fiscal year (2015-2024) and amounts, written
# through the real batch (not N printed PDFs: that would take hours). Needs
# Go, node and npm (DuckDB's @duckdb/node-api is installed once into
# WORKDIR/duckdb, never into the repository).
set -eu
N=${1:-1000}
WORK=${2:-${TMPDIR:-/tmp}/juesuan-bench-compact}
OUT=$WORK/out-$N
DUCK=$WORK/duckdb
. bench/setup.sh

rm -rf "$OUT" "$OUT.inputs"
t0=$(date +%s.%N)
bin/synth -n "$N" -o "$OUT" fixtures/*.pdf >/dev/null
t1=$(date +%s.%N)
echo "N=$N: generated in $(echo "$t1 - $t0" | bc)s into $OUT"

layout() { # files per dataset, most files in one partition, bytes
	for ds in reports line_items checks; do
		files=$(find "$OUT/$ds" -name '*.parquet' | wc -l)
		most=$(for d in "$OUT/$ds"/*/; do ls "$d" | grep -c '\.parquet$'; done | sort -n | tail -1)
		bytes=$(du -sb "$OUT/$ds" | cut -f1)
		echo "  $ds: $files files, at most $most per partition, $bytes bytes"
	done
}
QUERY="SELECT fiscal_year, table_id, count(*) AS n, sum(amount_yuan) AS yuan
FROM read_parquet('$OUT/line_items/*/*.parquet', hive_partitioning = true)
GROUP BY fiscal_year, table_id ORDER BY ALL"
query() { # $1: result file
	node "$DUCK/duckq.mjs" "$QUERY" 3 2>"$1.time" >"$1"
	echo "  GROUP BY fiscal_year, table_id over line_items: $(cat "$1.time")"
}

echo "before compaction:"
layout
query "$WORK/before-$N.json"

/usr/bin/time -v bin/juesuan compact "$OUT" >"$WORK/compact-$N.txt" 2>"$WORK/compact-$N.time"
secs=$(grep 'Elapsed (wall' "$WORK/compact-$N.time" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
rss=$(grep 'Maximum resident' "$WORK/compact-$N.time" | awk '{print $NF}')
cpu=$(grep -E '(User|System) time' "$WORK/compact-$N.time" | awk '{s += $NF} END {print s}')
echo "compaction: $(cat "$WORK/compact-$N.txt")"
echo "  wall ${secs}s, CPU ${cpu}s, $(echo "scale=0; $N / $secs" | bc) reports/s, peak RSS $((rss / 1024)) MB"

echo "after compaction:"
layout
query "$WORK/after-$N.json"
if cmp -s "$WORK/before-$N.json" "$WORK/after-$N.json"; then
	echo "  same query result before and after"
else
	echo "  QUERY RESULTS DIFFER" >&2
	exit 1
fi
