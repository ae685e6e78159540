#!/usr/bin/env bash
# Two machines, one lake: starts a throwaway PostgreSQL (Debian's
# postgresql, as the postgres user when run as root: PostgreSQL refuses
# to run as root), then
#   1. two `juesuan convert --catalog postgres://…` at once, on different
#      inputs (the real corpus and the fixtures), into two OUTs;
#   2. `juesuan compact` of the first OUT while the second converts its
#      inputs again (--force: every file replaced in place);
# and after each step reads the four tables with icebird and DuckDB
# (check.mjs): every row of both OUTs' Hive folders is in the tables
# exactly once. It checks too that each table's version-hint.text names
# the metadata the catalog points at. Stops PostgreSQL at the end.
# Needs node, npm and PostgreSQL's server binaries; exits 0 with a notice
# (SKIP) without them. Usage: bench/iceberg/twomachines.sh [BIN]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus/real}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
for t in node npm; do command -v $t >/dev/null || { echo "SKIP: no $t"; exit 0; }; done
[ -x "$pgbin/initdb" ] || { echo "SKIP: no PostgreSQL server binaries under /usr/lib/postgresql"; exit 0; }

bin=${1:-}
if [ -z "$bin" ]; then
  bin=$(mktemp -d)/juesuan
  (cd "$root" && CGO_ENABLED=0 go build -o "$bin" ./cmd/juesuan)
fi
dir=$(mktemp -d /tmp/juesuan-2m.XXXXXX)
chmod 755 "$dir"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
port=$(( 20000 + RANDOM % 20000 ))
"${as_pg[@]}" "$pgbin/initdb" -D "$dir/pg" -A trust -U juesuan -E UTF8 >/dev/null
stop() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1 || true
  [ -n "${KEEP:-}" ] || rm -rf "$dir"
}
trap stop EXIT
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null
"${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U juesuan lake
cat_uri="postgres://juesuan@127.0.0.1:$port/lake?sslmode=disable"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on port $port"

a=$dir/outA b=$dir/outB
inputs_a=("$corpus")
[ -d "$corpus" ] || inputs_a=("$root/fixtures/sample.pdf")
# convert exits 1 when an input's report is partial or failed: expected
# of the fixtures, which include damaged files.
# Their per-file errors go to $dir/convert.log.
convert() {
  local rc=0
  "$bin" convert -q -j 1 --catalog "$cat_uri" "$@" 2>>"$dir/convert.log" || rc=$?
  [ $rc = 0 ] || [ $rc = 1 ] || { echo "FAIL: convert $* exited $rc:"; tail -5 "$dir/convert.log"; return 1; }
}

echo "1. two converts at once into $a and $b"
convert -o "$a" "${inputs_a[@]}" & pa=$!
convert -o "$b" "$root/fixtures" & pb=$!
wait $pa; wait $pb
# Exit status 1 is also a run that stopped: no such message may be there.
if grep '^juesuan:' "$dir/convert.log"; then echo "FAIL: a convert stopped"; exit 1; fi
for o in "$a" "$b"; do
  ls "$o"/reports/*/*.parquet >/dev/null 2>&1 || { echo "FAIL: $o has no reports"; exit 1; }
done
check() {
  "$here/run.sh" "$a" "$b"
  for ds in reports line_items checks statements; do
    loc=$("${as_pg[@]}" "$pgbin/psql" -h 127.0.0.1 -p "$port" -U juesuan -d lake -Atc \
      "SELECT metadata_location FROM iceberg_tables WHERE table_namespace='juesuan' AND table_name='$ds'")
    meta=${loc#file://}
    hint=$(cat "$(dirname "$meta")/version-hint.text")
    cmp -s "$meta" "$(dirname "$meta")/v$hint.metadata.json" ||
      { echo "FAIL: $ds: version-hint.text ($hint) does not name the catalog's metadata $loc"; exit 1; }
  done
  echo "catalog and version-hint.text agree for the four tables"
}
check

echo "2. compact $a while $b is converted again (--force)"
"$bin" compact --catalog "$cat_uri" "$a" 2>/dev/null >/dev/null & pa=$!
convert --force -o "$b" "$root/fixtures" & pb=$!
wait $pa; wait $pb
if grep '^juesuan:' "$dir/convert.log"; then echo "FAIL: a convert stopped"; exit 1; fi
check
echo "PASS: two machines, one lake: every row once"
