#!/usr/bin/env bash
# compare.sh measures juesuan against its performance targets in one run:
#
#   1. speed: `juesuan convert -j 1` over the real final-account reports
#      (r02, r03, r05) and the fixture PDFs, against poppler's
#      `pdftotext -bbox` over the same files, alternating A/B rounds so that
#      load from other processes hits both alike; target A/B <= 0.5;
#   2. memory: peak RSS of `juesuan convert -j 1` on the largest real
#      reports; target <= 100 MB;
#   3. scaling: `-j 2` against `-j 1` on the whole corpus plus fixtures;
#      target speedup >= 1.7x; and, for scale, what two independent
#      single-threaded processes gain over one on the same files (the
#      machine's ceiling for this workload).
#
# Usage (from anywhere; `make bench` runs it):  bench/compare.sh
# Environment: ROUNDS (A/B rounds, default 7), SCALE_ROUNDS (default 5),
# CORPUS (default ../shared/corpus/real), STRICT=1 (exit 1 when a target is
# missed; by default the script reports and exits 0, because wall times on a
# shared machine are noisy), TMPDIR (where the Parquet output goes),
# PDFTOTEXT (default pdftotext), GNU_TIME (default /usr/bin/time).
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-7}
SCALE_ROUNDS=${SCALE_ROUNDS:-5}
CORPUS=${CORPUS:-../shared/corpus/real}
STRICT=${STRICT:-0}
PDFTOTEXT=${PDFTOTEXT:-pdftotext}
GNU_TIME=${GNU_TIME:-/usr/bin/time}
BIN=bin/juesuan
TARGET_RATIO=0.5
TARGET_RSS_MB=100
TARGET_SPEEDUP=1.7

missed=0
verdict() { # verdict PASS|FAIL: prints it and counts a miss (call it outside $(...))
	if [ "$1" = PASS ]; then echo PASS; else echo FAIL; missed=$((missed + 1)); fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/juesuan-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# timed CMD...: runs CMD in this shell and sets t_real, t_cpu (user+sys), in
# seconds. CMD redirects its own output.
timed() {
	local TIMEFORMAT='%3R %3U %3S' u s
	{ time "$@"; } 2>"$tmp/time"
	read -r t_real u s <"$tmp/time"
	t_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')
}

median() { # median of the arguments
	printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
		if (NR % 2) printf "%.3f", a[(NR + 1) / 2]; else printf "%.3f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

least() { printf '%s\n' "$@" | awk 'NR == 1 || $1 < m { m = $1 } END { printf "%.3f", m }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "inf" }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

echo "== machine"
echo "nproc: $(nproc); cpu: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
echo "memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
# busy: is the 1-minute load above the CPU count plus this script's own
# process? Wall times are then inflated unevenly (several-fold), and the
# CPU-time figures are the ones to trust.
busy() { awk -v n="$(nproc)" '{ exit !($1 > n + 1) }' /proc/loadavg 2>/dev/null; }
if busy; then echo "WARNING: the machine is busy (load above $(($(nproc) + 1))): wall times are unreliable; compare the cpu figures"; fi
echo "go: $(go version | cut -d' ' -f3-)"

echo "== build"
CGO_ENABLED=0 go build -o "$BIN" ./cmd/juesuan # as `make build`
echo "built $BIN ($($BIN version 2>/dev/null | head -1 || true))"

# The files of the speed comparison: the real finals and the fixtures.
finals=()
if [ -d "$CORPUS" ]; then
	for r in r02 r03 r05; do
		for f in "$CORPUS"/"$r"_*.pdf; do [ -e "$f" ] && finals+=("$f"); done
	done
else
	echo "corpus absent at $CORPUS: measuring the fixtures only"
fi
fixtures=()
for f in fixtures/*.pdf; do [ -e "$f" ] && fixtures+=("$f"); done
files=("${finals[@]}" "${fixtures[@]}")
if [ ${#files[@]} -eq 0 ]; then
	echo "no input PDFs (no corpus, no fixtures): nothing to measure"
	exit 0
fi
pages=
if command -v pdfinfo >/dev/null; then
	pages=0
	for f in "${files[@]}"; do
		pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')))
	done
fi
echo "== speed: ${#files[@]} files${pages:+, $pages pages}, $ROUNDS rounds"
printf '  %s\n' "${files[@]}"

a_rc=0
run_a() {
	"$BIN" convert -o "$tmp/a" -j 1 --force --quiet "${files[@]}" >/dev/null 2>"$tmp/a.log" || a_rc=$?
}
run_b() {
	local f
	for f in "${files[@]}"; do "$PDFTOTEXT" -bbox "$f" /dev/null 2>/dev/null || true; done
}

if ! command -v "$PDFTOTEXT" >/dev/null; then
	echo "pdftotext (poppler-utils) not installed: skipping the comparison with poppler"
	timed run_a
	echo "juesuan alone: ${t_real}s wall, ${t_cpu}s cpu"
else
	run_a # warm-up: page cache, output folders
	run_b
	a_real=() a_cpu=() b_real=() b_cpu=()
	for ((i = 1; i <= ROUNDS; i++)); do
		# Alternate the order so neither side always runs second.
		for side in $([ $((i % 2)) -eq 1 ] && echo "a b" || echo "b a"); do
			timed "run_$side"
			if [ "$side" = a ]; then a_real+=("$t_real") a_cpu+=("$t_cpu"); else b_real+=("$t_real") b_cpu+=("$t_cpu"); fi
		done
		printf '  round %d: juesuan %ss (cpu %ss)  pdftotext %ss (cpu %ss)\n' \
			"$i" "${a_real[-1]}" "${a_cpu[-1]}" "${b_real[-1]}" "${b_cpu[-1]}"
	done
	if [ "$a_rc" -ne 0 ]; then
		echo "WARNING: juesuan convert exited $a_rc (some inputs failed; see below): its time is not comparable"
		tail -3 "$tmp/a.log" | sed 's/^/  /'
	fi
	ma=$(median "${a_real[@]}") mb=$(median "${b_real[@]}")
	ca=$(median "${a_cpu[@]}") cb=$(median "${b_cpu[@]}")
	r=$(ratio "$ma" "$mb")
	echo "median wall: juesuan ${ma}s, pdftotext ${mb}s (best: $(least "${a_real[@]}")s, $(least "${b_real[@]}")s, ratio $(ratio "$(least "${a_real[@]}")" "$(least "${b_real[@]}")"))"
	echo "median cpu:  juesuan ${ca}s, pdftotext ${cb}s (cpu ratio $(ratio "$ca" "$cb"), less sensitive to other load)"
	if le "$r" "$TARGET_RATIO"; then v=PASS; else v=FAIL; fi
	echo -n "speed ratio juesuan/pdftotext = $r (target <= $TARGET_RATIO): "
	verdict $v
	if busy; then echo "  (measured on a busy machine: see the cpu ratio)"; fi

	# -j 1 is one worker, but the Go runtime marks garbage and the batch
	# syncs files on the other CPU while it works. For the strict reading
	# of "single core", both sides again pinned to one CPU (information,
	# not the verdict).
	if command -v taskset >/dev/null; then
		pinned_a() { taskset -c 0 "$BIN" convert -o "$tmp/a1" -j 1 --force --quiet "${files[@]}" >/dev/null 2>&1 || true; }
		pinned_b() { taskset -c 0 bash -c 'for f; do "$0" -bbox "$f" /dev/null 2>/dev/null; done' "$PDFTOTEXT" "${files[@]}" || true; }
		pa=() pb=()
		for ((i = 1; i <= ROUNDS; i++)); do
			timed pinned_a
			pa+=("$t_real")
			timed pinned_b
			pb+=("$t_real")
		done
		echo "pinned to one CPU (taskset -c 0): juesuan $(median "${pa[@]}")s, pdftotext $(median "${pb[@]}")s (medians): ratio $(ratio "$(median "${pa[@]}")" "$(median "${pb[@]}")")"
	fi
fi

echo "== memory: peak RSS of juesuan convert -j 1 (target <= ${TARGET_RSS_MB} MB)"
# peak_kb FILE...: peak resident set of one conversion, in KiB. GNU time when
# installed; otherwise sampled from /proc (a lower bound).
peak_kb() {
	if [ -x "$GNU_TIME" ]; then
		# convert exits 1 when an input fails (a budget report): still measured.
		{ "$GNU_TIME" -v "$BIN" convert -o "$tmp/m" -j 1 --force --quiet "$@" 2>&1 >/dev/null || true; } |
			awk -F': ' '/Maximum resident set size/ { print $2 }'
		return
	fi
	local pid hwm=0 h
	"$BIN" convert -o "$tmp/m" -j 1 --force --quiet "$@" >/dev/null 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		h=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
		[ -n "$h" ] && hwm=$h
		sleep 0.005
	done
	wait "$pid" || true
	echo "$hwm"
}
[ -x "$GNU_TIME" ] || echo "GNU time not installed (apt-get install time): RSS sampled from /proc every 5 ms, a lower bound"
rss_inputs=()
[ ${#finals[@]} -gt 0 ] && rss_inputs+=("$(ls -S "${finals[@]}" | head -1)")
[ -d "$CORPUS" ] && rss_inputs+=("$(ls -S "$CORPUS"/*.pdf | head -1)")
[ ${#rss_inputs[@]} -eq 0 ] && rss_inputs+=("$(ls -S "${fixtures[@]}" | head -1)")
worst=0
for f in $(printf '%s\n' "${rss_inputs[@]}" | sort -u); do
	kb=$(peak_kb "$f")
	kb=${kb:-0}
	echo "  $(basename "$f") ($(($(stat -c %s "$f") / 1024)) KiB): peak RSS $(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }') MB"
	[ "$kb" -gt "$worst" ] && worst=$kb
done
kb=$(peak_kb "${files[@]}")
kb=${kb:-0}
echo "  whole speed batch (${#files[@]} files, -j 1): peak RSS $(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }') MB"
[ "$kb" -gt "$worst" ] && worst=$kb
worst_mb=$(awk -v k="$worst" 'BEGIN { printf "%.1f", k / 1024 }')
if le "$worst_mb" "$TARGET_RSS_MB"; then v=PASS; else v=FAIL; fi
echo -n "peak RSS = ${worst_mb} MB (target <= ${TARGET_RSS_MB} MB): "
verdict $v

echo "== scaling: -j 2 against -j 1"
batch=("${fixtures[@]}")
[ -d "$CORPUS" ] && batch=("$CORPUS" "${fixtures[@]}")
nbatch=${#fixtures[@]}
[ -d "$CORPUS" ] && nbatch=$((nbatch + $(ls "$CORPUS"/*.pdf | wc -l)))
run_j() { "$BIN" convert -o "$tmp/j" -j "$1" --force --quiet "${batch[@]}" >/dev/null 2>&1 || true; }
echo "batch: $nbatch files, $SCALE_ROUNDS rounds (the budget reports end as failed by design, no 决算 tables, after full extraction)"
if [ "$(nproc)" -lt 2 ]; then
	echo "only $(nproc) CPU: no speedup possible, skipped"
elif [ "$SECONDS" -gt 80 ]; then
	# Keep the whole script near two minutes on a slow or busy machine.
	echo "already ${SECONDS}s spent (busy machine?): one round only"
	SCALE_ROUNDS=1
fi
if [ "$(nproc)" -ge 2 ]; then
	run_j 1 # warm-up
	j1=() j2=()
	for ((i = 1; i <= SCALE_ROUNDS; i++)); do
		for j in $([ $((i % 2)) -eq 1 ] && echo "1 2" || echo "2 1"); do
			timed run_j "$j"
			if [ "$j" = 1 ]; then j1+=("$t_real"); else j2+=("$t_real"); fi
		done
		printf '  round %d: -j 1 %ss  -j 2 %ss\n' "$i" "${j1[-1]}" "${j2[-1]}"
	done
	m1=$(median "${j1[@]}") m2=$(median "${j2[@]}")
	echo "best: -j 1 $(least "${j1[@]}")s, -j 2 $(least "${j2[@]}")s: speedup $(ratio "$(least "${j1[@]}")" "$(least "${j2[@]}")")x"
	s=$(ratio "$m1" "$m2")
	if le "$TARGET_SPEEDUP" "$s"; then v=PASS; else v=FAIL; fi
	echo -n "median -j 1 ${m1}s, -j 2 ${m2}s: speedup ${s}x (target >= ${TARGET_SPEEDUP}x): "
	verdict $v
	if busy; then echo "  (measured on a busy machine: other processes take the second CPU)"; fi

	# For comparison, what the machine gives this workload without any of
	# juesuan's scheduling: the batch split in two halves converted by two
	# independent single-threaded processes at once, against one such
	# process over all of it. A figure well under 2 means the two CPUs slow
	# each other down (shared caches, memory bandwidth), which -j 2 cannot
	# escape either.
	all=()
	for f in "${batch[@]}"; do
		if [ -d "$f" ]; then all+=("$f"/*.pdf); else all+=("$f"); fi
	done
	half1=() half2=()
	for ((k = 0; k < ${#all[@]}; k++)); do
		if ((k % 2 == 0)); then half1+=("${all[k]}"); else half2+=("${all[k]}"); fi
	done
	one_proc() { GOMAXPROCS=1 "$BIN" convert -o "$tmp/s" -j 1 --force --quiet "${all[@]}" >/dev/null 2>&1 || true; }
	two_procs() {
		GOMAXPROCS=1 "$BIN" convert -o "$tmp/s1" -j 1 --force --quiet "${half1[@]}" >/dev/null 2>&1 &
		GOMAXPROCS=1 "$BIN" convert -o "$tmp/s2" -j 1 --force --quiet "${half2[@]}" >/dev/null 2>&1 || true
		wait || true
	}
	c1=() c2=()
	for ((i = 1; i <= SCALE_ROUNDS; i++)); do
		timed one_proc
		c1+=("$t_real")
		timed two_procs
		c2+=("$t_real")
	done
	mc1=$(median "${c1[@]}") mc2=$(median "${c2[@]}")
	echo "for comparison, independent processes (GOMAXPROCS=1): one over the batch ${mc1}s, two at once on its halves ${mc2}s (medians): $(ratio "$mc1" "$mc2")x;"
	echo "  those two processes against -j 1 (${m1}s): $(ratio "$m1" "$mc2")x, where -j 2 (${m2}s) gives $(ratio "$m1" "$m2")x"
fi

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); ${SECONDS}s in all"
if [ "$missed" -gt 0 ]; then
	echo "$missed target(s) missed"
	[ "$STRICT" = 1 ] && exit 1
fi
exit 0
