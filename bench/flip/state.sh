#!/usr/bin/env bash
# Flips one random bit of an OUT's batch state (juesuan.db) per trial and
# runs what a user would run next: convert, convert again, compact, and
# convert --force (the way out of a state found damaged). After
# each, the OUT is read three ways (bench/iceberg/check.mjs: the Hive
# folders with DuckDB, the Iceberg tables with icebird and DuckDB) and
# compared with the undamaged OUT. A trial is
#   same   every reading equals the undamaged OUT's (whatever the exit status);
#   DIFF   a reading differs: with exit status 0 and no warning, silent.
# Needs node and npm (packages go to WORKDIR, as bench/iceberg/run.sh).
# Usage: bench/flip/state.sh JUESUAN PDF... [-- TRIALS]
#   The first half of the PDFs is converted and compacted, the rest
#   converted into their own files; TRIALS defaults to 100.
#   FLIPS="OFFSET.BIT ..." flips those bits (the first column of the
#   output) instead of random ones: the same PDFs give a state of the same
#   layout (in the same folder, /tmp/juesuan-flip-state), with other UUIDs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
pdfs=()
trials=100
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then trials=$2; break; fi
  pdfs+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")
  shift
done
WORKDIR=${WORKDIR:-/tmp/juesuan-iceberg} "$here/../iceberg/run.sh" /dev/null >/dev/null 2>&1 || true # installs the readers
work=/tmp/juesuan-flip-state # one place (one run at a time): the state's catalog rows hold its path
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir in
half=$(( (${#pdfs[@]} + 1) / 2 ))
for i in "${!pdfs[@]}"; do
  cp "${pdfs[$i]}" in/
  if [ "$i" -eq $((half - 1)) ]; then
    "$bin" convert -q -o out in && "$bin" compact out >/dev/null
  fi
done
"$bin" convert -q -o out in
mv out out0
read3() { node "${WORKDIR:-/tmp/juesuan-iceberg}/check.mjs" "$work/out" 2>&1 | grep -v '^SAME' | sed 's/"files":[0-9]*,//' | sort | sha256sum | cut -c1-12; }
cp -a out0 out && truth=$(read3) && rm -rf out
size=$(stat -c %s out0/juesuan.db)
declare -A tally
flips=${FLIPS:-}
if [ -z "$flips" ]; then
  for t in $(seq 1 "$trials"); do flips="$flips $(( (RANDOM * 32768 + RANDOM) % size )).$((RANDOM % 8))"; done
fi
for flip in $flips; do
  rm -rf out && cp -a out0 out
  off=${flip%.*}
  bit=${flip#*.}
  node -e "const fs=require('fs');const b=fs.readFileSync('out/juesuan.db');b[$off]^=1<<$bit;fs.writeFileSync('out/juesuan.db',b)"
  line="$off.$bit"
  for step in convert convert compact force; do
    case $step in
    compact) args=(compact out) ;;
    force) args=(convert --force -o out in) ;;
    *) args=(convert -o out in) ;;
    esac
    set +e
    timeout -k 5 120 "$bin" "${args[@]}" >log 2>&1
    rc=$?
    set -e
    if [ "$(read3)" = "$truth" ]; then v=same; else v=DIFF; fi
    if [ "$v" = DIFF ] && [ "$rc" = 0 ] && ! grep -q '"level":"warn"' log; then v=SILENT; fi
    line="$line $step:$rc:$v"
    tally[$step:$v]=$(( ${tally[$step:$v]:-0} + 1 ))
  done
  echo "$line"
done
for k in "${!tally[@]}"; do echo "$k ${tally[$k]}"; done | sort
