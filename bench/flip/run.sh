#!/usr/bin/env bash
# Flips bits of Parquet files and reads them with DuckDB (flip.mjs): how
# often a damaged file reads as other figures without an error. Needs node
# and npm; DuckDB goes to WORKDIR (default /tmp/juesuan-iceberg, shared
# with bench/iceberg/run.sh).
# Usage: bench/flip/run.sh FILE.parquet [TRIALS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${WORKDIR:-/tmp/juesuan-iceberg}
mkdir -p "$work"
[ -d "$work/node_modules/@duckdb/node-api" ] || (cd "$work" && npm i -E --no-save @duckdb/node-api@1.5.6-r.1 >/dev/null)
cp "$here/flip.mjs" "$work/"
node "$work/flip.mjs" "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" "${2:-300}"
