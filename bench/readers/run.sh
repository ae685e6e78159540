#!/usr/bin/env bash
# Reads OUT with DuckDB (@duckdb/node-api) and polars (nodejs-polars, the
# Rust engine of Python polars) and compares them. Needs node and npm.
# Usage: bench/readers/run.sh OUT... (packages go to WORKDIR, default /tmp/juesuan-readers)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${WORKDIR:-/tmp/juesuan-readers}
mkdir -p "$work"
if [ ! -d "$work/node_modules/nodejs-polars-linux-x64-gnu" ]; then
  (cd "$work" && npm i -E --no-save nodejs-polars@0.25.2 nodejs-polars-linux-x64-gnu@0.25.2 @duckdb/node-api@1.5.6-r.1 >/dev/null)
fi
cp "$here/check.mjs" "$work/"
for out in "$@"; do node "$work/check.mjs" "$(cd "$out" && pwd)"; done
