#!/usr/bin/env bash
# Reads the Iceberg tables of OUT with icebird and DuckDB and compares them
# with the Hive folders (check.mjs). Needs node and npm; packages go to
# WORKDIR (default /tmp/juesuan-iceberg).
# Usage: bench/iceberg/run.sh OUT [OUT2 …]  (several OUTs: one shared catalog,
# the tables at the first OUT)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${WORKDIR:-/tmp/juesuan-iceberg}
mkdir -p "$work"
if [ ! -d "$work/node_modules/icebird" ] || [ ! -d "$work/node_modules/@duckdb/node-api" ]; then
  (cd "$work" && npm i -E --no-save icebird@0.3.1 @duckdb/node-api@1.5.6-r.1 >/dev/null)
fi
# icebird 0.3.1 inflates Avro's deflate blocks with hyparquet-compressors'
# gunzip (1.1.1, and 1.1.2 the latest), which reads a raw deflate stream
# as the first of several gzip members and fails ("offset is out of
# bounds") on every manifest iceberg-go writes (it always deflates them).
# The one line is replaced by node's raw inflate; the rest is icebird's.
avro="$work/node_modules/icebird/src/avro/avro.read.js"
if grep -q "data = gunzip(data)" "$avro"; then
  sed -i "s|^import { gunzip } from 'hyparquet-compressors'|import { inflateRawSync } from 'node:zlib'|; s|data = gunzip(data)|data = new Uint8Array(inflateRawSync(data))|" "$avro"
fi
cp "$here/check.mjs" "$work/"
outs=()
for out in "$@"; do outs+=("$(cd "$out" && pwd)"); done
node "$work/check.mjs" "${outs[@]}"
