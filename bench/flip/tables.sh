#!/usr/bin/env bash
# Flips one random bit of one random file of an OUT's Iceberg metadata
# (OUT/*/metadata: metadata JSON, its v<N> copies, version-hint.text,
# manifest lists and manifests) per trial, then runs what a user would run
# next: convert with one more input, and compact. The OUT is then read
# three ways (bench/iceberg/check.mjs: the Hive folders with DuckDB, the
# tables with icebird and DuckDB). A trial is
#   same         every reading agrees;
#   differs,said a reading differs, and a run warned or failed;
#   SILENT       a reading differs, both runs exited 0 and said nothing;
#   CRASH        a run panicked.
# Each trial builds its OUT afresh in /tmp/juesuan-flip-tables (one run
# at a time): the first PDF but one are converted and compacted before
# the flip, the last is the one more input.
# Needs node and npm (packages go to WORKDIR, as bench/iceberg/run.sh).
# Usage: bench/flip/tables.sh JUESUAN own|shared PDF... [-- TRIALS [SEED]]
#   own: OUT's own catalog (OUT/juesuan.db); shared: --catalog
#   sqlite:FILE beside OUT, which juesuan leaves to its owner when damaged.
#   TRIALS defaults to 20, SEED to 1. KEEP=DIR keeps each silent trial's
#   folder there (the OUT, the catalog, the runs' and the readers'
#   output; the tables name their files under /tmp/juesuan-flip-tables).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mode=$2
shift 2
pdfs=()
trials=20 seed=1
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then trials=$2; seed=${3:-1}; break; fi
  pdfs+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")
  shift
done
[ ${#pdfs[@]} -ge 2 ] || { echo "usage: $0 JUESUAN own|shared PDF PDF... [-- TRIALS [SEED]]" >&2; exit 2; }
WORKDIR=${WORKDIR:-/tmp/juesuan-iceberg} "$here/../iceberg/run.sh" /dev/null >/dev/null 2>&1 || true # installs the readers
check=${WORKDIR:-/tmp/juesuan-iceberg}/check.mjs
w=/tmp/juesuan-flip-tables
trap 'rm -rf "$w"' EXIT
RANDOM=$seed
same=0 said=0 silent=0 crashed=0
for i in $(seq 1 "$trials"); do
  rm -rf "$w" && mkdir -p "$w/in"
  cat=()
  [ "$mode" = shared ] && cat=(--catalog "sqlite:$w/catalog.db")
  for p in "${pdfs[@]:0:${#pdfs[@]}-1}"; do cp "$p" "$w/in/"; done
  "$bin" convert -q -o "$w/out" "${cat[@]}" "$w/in" >/dev/null 2>&1
  "$bin" compact "${cat[@]}" "$w/out" >/dev/null 2>&1
  mapfile -t files < <(find "$w"/out/*/metadata -type f | sort)
  f=${files[$((RANDOM % ${#files[@]}))]}
  off=$(( (RANDOM * 32768 + RANDOM) % $(stat -c %s "$f") )) bit=$((RANDOM % 8))
  node -e 'const fs=require("fs"),[p,o,b]=process.argv.slice(1);const d=fs.readFileSync(p);d[+o]^=1<<+b;fs.writeFileSync(p,d)' "$f" "$off" "$bit"
  cp "${pdfs[-1]}" "$w/in/"
  "$bin" convert -o "$w/out" "${cat[@]}" "$w/in" >/dev/null 2>"$w/convert.err"; e1=$?
  "$bin" compact "${cat[@]}" "$w/out" >/dev/null 2>"$w/compact.err"; e2=$?
  said_n=$(cat "$w/convert.err" "$w/compact.err" | grep -c '"warn"\|"error"\|^juesuan:')
  node "$check" "$w/out" >"$w/check.out" 2>&1
  if grep -q '^panic:' "$w/convert.err" "$w/compact.err"; then
    crashed=$((crashed + 1)) verdict=CRASH
    [ -z "${KEEP:-}" ] || cp -a "$w" "$KEEP/trial-$i"
  elif tail -1 "$w/check.out" | grep -q '^SAME'; then
    same=$((same + 1)) verdict=same
  elif [ "$said_n" -gt 0 ] || [ "$e1" -gt 1 ] || [ "$e2" -gt 0 ]; then
    said=$((said + 1)) verdict=differs,said
  else
    silent=$((silent + 1)) verdict=SILENT
    [ -z "${KEEP:-}" ] || cp -a "$w" "$KEEP/trial-$i" # the OUT and the runs' output, to look at
  fi
  echo "$i ${f#"$w"/out/} @$off.$bit: exit $e1/$e2, $said_n warnings: $verdict"
done
echo "$mode catalog, $trials trials: $same same, $said differ with a warning or error, $silent silent, $crashed crashed"
[ "$silent" -eq 0 ] && [ "$crashed" -eq 0 ]
