#!/usr/bin/env bash
# hostile.sh runs the hostile batch of issue 13 (`make hostile`):
#
#   1. generates 500+ damaged and malicious variants of the real
#      final-account reports (r02, r03, r05) and the fixtures under $WORK
#      (never in the repository): decompression bombs of every filter
#      chain (2.4 GB of zeros each), page trees that loop or list a page
#      100,000 times, one flipped byte in each of up to 50 compressed
#      streams, truncations, one text-showing operator of a table page
#      damaged (textsep, textflip, textdrop, textshift);
#   2. converts them with the originals, `juesuan convert -j 2`, under a
#      memory limit of $LIMIT_MB (a cgroup v1 or v2 memory controller
#      child of this shell's cgroup when one is writable, else
#      `prlimit --as`, which bounds address space rather than memory),
#      and reports peak RSS (GNU time) and the cgroup's peak usage;
#   3. checks the output (go run ./bench/hostile check): every input has a
#      report ok/partial/failed, no original failed or timed out,
#      no variant is ok with fewer line_items cells than its original, or
#      with a figure it still prints (pdftotext) lost or doubled.
#
# Usage: bench/hostile.sh     Environment: WORK (default /tmp/juesuan-hostile),
# LIMIT_MB (1024), JOBS (2), TIMEOUT (60s), CORPUS (../shared/corpus/real),
# EXTRA (more flags for convert, e.g. "--max-memory 256MB").
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/juesuan-hostile}
LIMIT_MB=${LIMIT_MB:-1024}
JOBS=${JOBS:-2}
TIMEOUT=${TIMEOUT:-60s}
CORPUS=${CORPUS:-../shared/corpus/real}
EXTRA=${EXTRA:-}

originals=()
for f in "$CORPUS"/r02_*.pdf "$CORPUS"/r03_*.pdf "$CORPUS"/r05_*.pdf fixtures/*.pdf; do
	[ -f "$f" ] && originals+=("$f")
done
rm -rf "$WORK"
mkdir -p "$WORK"
CGO_ENABLED=0 go build -o "$WORK/juesuan" ./cmd/juesuan
go run ./bench/hostile gen -o "$WORK/in" "${originals[@]}"
# Written back before the run, as a nightly job's downloads are: pages
# still dirty cannot be dropped from the cache, which the cgroup counts.
sync

# limited CMD...: runs CMD under the memory limit; sets cg_peak (bytes, or "").
cg_peak=""
limited() {
	local self cg=""
	if [ -f /sys/fs/cgroup/cgroup.controllers ]; then # cgroup v2
		self=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
		cg=/sys/fs/cgroup$self/juesuan-hostile-$$
		if mkdir "$cg" 2>/dev/null && echo $((LIMIT_MB << 20)) >"$cg/memory.max" 2>/dev/null; then
			echo 0 >"$cg/memory.swap.max" 2>/dev/null || true
			echo "memory limit: cgroup v2 $cg, memory.max $LIMIT_MB MB"
			(echo $BASHPID >"$cg/cgroup.procs" && exec "$@") || status=$?
			cg_peak=$(cat "$cg/memory.peak" 2>/dev/null || echo "")
			rmdir "$cg" 2>/dev/null || true
			return 0
		fi
	fi
	self=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
	cg=/sys/fs/cgroup/memory$self/juesuan-hostile-$$
	if [ -n "$self" ] && mkdir "$cg" 2>/dev/null && echo $((LIMIT_MB << 20)) >"$cg/memory.limit_in_bytes" 2>/dev/null; then
		echo $((LIMIT_MB << 20)) >"$cg/memory.memsw.limit_in_bytes" 2>/dev/null || true
		echo "memory limit: cgroup v1 $cg, memory.limit_in_bytes $LIMIT_MB MB"
		(echo $BASHPID >"$cg/cgroup.procs" && exec "$@") || status=$?
		cg_peak=$(cat "$cg/memory.max_usage_in_bytes")
		echo "cgroup OOM kills: $(awk '$1 == "oom_kill" { print $2 }' "$cg/memory.oom_control" 2>/dev/null || echo '?')"
		rmdir "$cg" 2>/dev/null || true
		return 0
	fi
	echo "memory limit: prlimit --as $LIMIT_MB MB (no writable cgroup)"
	prlimit --as=$((LIMIT_MB << 20)) -- "$@" || status=$?
}

status=0
start=$(date +%s.%N)
limited /usr/bin/time -v -o "$WORK/time.txt" "$WORK/juesuan" convert -j "$JOBS" --timeout "$TIMEOUT" $EXTRA \
	-o "$WORK/out" "$WORK/in" "${originals[@]}" >"$WORK/summary.txt" 2>"$WORK/log.jsonl"
end=$(date +%s.%N)
echo "convert exit status $status (1: some inputs partial or failed, as expected), $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s"
cat "$WORK/summary.txt"
awk -F': ' '/Maximum resident set size/ { printf "peak RSS (GNU time): %.0f MB\n", $2 / 1024 }' "$WORK/time.txt"
[ -n "$cg_peak" ] && awk -v p="$cg_peak" 'BEGIN { printf "peak cgroup memory usage (page cache included): %.0f MB\n", p / 1048576 }'
grep -c '"took longer' "$WORK/log.jsonl" | sed 's/^/files timed out: /' || true
failed=0
go run ./bench/hostile check -o "$WORK/out" "$WORK/in" || failed=1

# Issue 24's deadline check: files whose whole work is minutes (a page of
# 60,000 rulings each way, a content stream of 100 million operands), with
# --timeout 1s: each must stop within half a second of its deadline.
limited "$WORK/juesuan" convert -j "$JOBS" --timeout 1s $EXTRA -o "$WORK/out-slow" "$WORK/slow" >/dev/null 2>"$WORK/log-slow.jsonl"
[ -n "$cg_peak" ] && awk -v p="$cg_peak" 'BEGIN { printf "deadline run: peak cgroup memory usage %.0f MB\n", p / 1048576 }'
go run ./bench/hostile deadline -o "$WORK/log-slow.jsonl" 1s || failed=1

# A partition folder of OUT that is a link out of it: the run is refused
# with an error naming it, and nothing is written behind the link.
mkdir -p "$WORK/outside" "$WORK/out-link/line_items"
echo stale >"$WORK/outside/stale.parquet"
ln -s "$WORK/outside" "$WORK/out-link/line_items/fiscal_year=2024"
if "$WORK/juesuan" convert -o "$WORK/out-link" "${originals[0]}" >/dev/null 2>"$WORK/log-link.txt"; then
	echo "PROBLEM a linked partition folder was written through"; failed=1
elif ! grep -q "symbolic link" "$WORK/log-link.txt" || [ "$(ls "$WORK/outside")" != stale.parquet ]; then
	echo "PROBLEM linked partition: $(tail -1 "$WORK/log-link.txt"); behind it: $(ls "$WORK/outside")"; failed=1
else
	echo "linked partition folder refused: $(tail -1 "$WORK/log-link.txt" | cut -c1-160)"
fi
exit $failed
