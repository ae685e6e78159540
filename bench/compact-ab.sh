#!/usr/bin/env bash
# compact-ab.sh times `juesuan compact` of variants in turn, each run on a
# fresh copy of a generated OUT (bench/scale.sh, or `synth -scale`), so
# that the machine's slow and quick spells fall on every variant alike:
# compare the figures of one round, not across rounds.
#
# Usage: bench/compact-ab.sh ROUNDS VARIANT...
#   VARIANT is [NAME=VALUE,...:]JUESUAN[@OUT]: environment variables for
#   the compaction, the binary, and the OUT to copy (default $OUT), e.g.
#     bench/compact-ab.sh 3 /tmp/old/juesuan bin/juesuan
#     bench/compact-ab.sh 2 bin/juesuan GOGC=100:bin/juesuan
#     bench/compact-ab.sh 3 bin/juesuan@/big/out-a bin/juesuan@/big/out-b
# Environment: OUT (the OUT to copy when a variant names none), WORK (the
# copy, default ${TMPDIR:-/tmp}/juesuan-compact-ab, removed at the end),
# GNU_TIME (default /usr/bin/time).
#
# Each run: the copy (`cp -a`, `sync`), a `convert` of an empty folder into
# it (untimed: a copied OUT's first run lists its files in new table
# metadata at the new path), `sync`, then `compact` under GNU time. It
# prints the wall and CPU time, peak RSS and juesuan's summary line.
set -euo pipefail

[ $# -ge 2 ] || { sed -n '2,20p' "$0"; exit 2; }
rounds=$1
shift
WORK=${WORK:-${TMPDIR:-/tmp}/juesuan-compact-ab}
GNU_TIME=${GNU_TIME:-/usr/bin/time}
[ -x "$GNU_TIME" ] || { echo "GNU time not found at $GNU_TIME (apt-get install time)" >&2; exit 1; }
empty=$(mktemp -d)
trap 'rm -rf "$WORK" "$empty"' EXIT

for r in $(seq 1 "$rounds"); do
	for v in "$@"; do
		env=()
		rest=$v
		if [[ $v == *:* ]]; then
			IFS=, read -ra env <<<"${v%%:*}"
			rest=${v#*:}
		fi
		bin=${rest%%@*}
		out=${OUT:-}
		[[ $rest == *@* ]] && out=${rest#*@}
		[ -d "$out" ] || { echo "no OUT to copy for $v (set OUT or name it: BIN@OUT)" >&2; exit 2; }
		rm -rf "$WORK"
		cp -a "$out" "$WORK"
		sync
		"$bin" convert -o "$WORK" --quiet "$empty" >/dev/null 2>&1 || true
		sync
		sleep 2
		env "${env[@]}" "$GNU_TIME" -f '%e %U %S %M' -o "$WORK.time" "$bin" compact "$WORK" >"$WORK.out" 2>&1 || true
		read -r wall user sys kb <"$WORK.time"
		printf 'round %d  %-40s wall %6.2f s  user %6.2f s  sys %5.2f s  peak RSS %4d MB  %s\n' \
			"$r" "$v" "$wall" "$user" "$sys" $((kb / 1024)) "$(tail -1 "$WORK.out" | cut -c1-90)"
		rm -f "$WORK.time" "$WORK.out"
	done
done
