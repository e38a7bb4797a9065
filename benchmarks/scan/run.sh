#!/usr/bin/env bash
# Scan benchmark (issue: shieldwall scan). Generates logs and indicators from a fixed seed, times the
# tools on the same files in one run and prints ratios, after checking they agree where their
# semantics agree.
#   benchmarks/scan/run.sh [MEGABYTES] [INDICATORS] [--check-only]
# Needs: python3, hyperfine is not required; GNU time (/usr/bin/time) for peak memory; rg optional.
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-100}; n=${2:-10000}; mode=${3:-}
bin=${SHIELDWALL_BIN:-.build/release/shieldwall}
[ -x "$bin" ] || bin=.build/debug/shieldwall
work=$(mktemp -d /tmp/shieldwall-scan-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 benchmarks/scan/generate.py --megabytes "$mb" --indicators "$n" --out "$work"
log=$work/access.log; ind=$work/indicators.txt

# Agreement where semantics agree: exact addresses and URLs.
grep -vE '^[0-9a-f.:]+/[0-9]+$|^[a-z0-9.-]+\.[a-z]+$' "$ind" > "$work/exact.txt" || true
"$bin" scan --json --indicators "$work/exact.txt" "$log" | python3 -c '
import json, sys
print("\n".join(sorted({str(json.loads(l)["line"]) for l in sys.stdin if "\"line\"" in l and "summary" not in l}, key=int)))' > "$work/sw-exact.lines" || true
python3 benchmarks/scan/naive_matcher.py "$work/exact.txt" "$log" | sort -n | uniq > "$work/py-exact.lines"
if ! cmp -s "$work/sw-exact.lines" "$work/py-exact.lines"; then
    echo "MISMATCH on exact indicators: shieldwall $(wc -l < "$work/sw-exact.lines") lines, python $(wc -l < "$work/py-exact.lines")"
    exit 1
fi
echo "agree on exact indicators: $(wc -l < "$work/py-exact.lines") matching lines"
full=$("$bin" scan --json --indicators "$ind" "$log" | tail -n 1 | python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["matches"])') || true
echo "with CIDR ranges and subdomains (which fixed strings cannot express): $full matches"
[ "$mode" = "--check-only" ] && exit 0

# Output goes to a file, not /dev/null: GNU grep stops at the first match when writing to /dev/null.
# The tools take turns: each round runs every tool once, and each keeps its fastest run over the rounds (the
# same rule for every tool: its least disturbed run). Taking turns, a slow spell of the machine falls on all
# of them rather than on one tool's runs. Before each run the log and the list are read once, so every tool
# finds them in the page cache: on the machine these figures come from, the cache is emptied from outside
# every few minutes, and a 1 GB log then comes from disk at 100 MB/s (measured with dd).
rounds=${ROUNDS:-5}
names=("wc -l" "shieldwall scan (1 thread)" "shieldwall scan ($(nproc) threads)" "python token+set matcher")
commands=("wc -l $log" "$bin scan --threads 1 --indicators $ind $log" "$bin scan --indicators $ind $log"
          "python3 benchmarks/scan/naive_matcher.py $ind $log")
if [ "$n" -le 10000 ]; then
    grep -vE '/' "$ind" > "$work/fixed.txt" || true
    names+=("grep -F -w -f"); commands+=("grep -F -w -f $work/fixed.txt $log")
    if command -v rg > /dev/null; then names+=("rg -F -w -f"); commands+=("rg -F -w -f $work/fixed.txt $log"); fi
fi
best=()
for _ in $(seq "$rounds"); do
    for i in "${!commands[@]}"; do
        cat "$log" "$ind" > /dev/null
        start=$(date +%s.%N); ${commands[$i]} > "$work/out" 2>&1 || true; end=$(date +%s.%N)
        took=$(echo "$end - $start" | bc)
        if [ -z "${best[$i]:-}" ] || [ "$(echo "$took < ${best[$i]}" | bc)" = 1 ]; then best[$i]=$took; fi
    done
done
echo "size: $(du -m "$log" | cut -f1) MB, $(wc -l < "$log") lines, $n indicators; fastest of $rounds rounds"
for i in "${!names[@]}"; do printf "%-34s %8.3f s\n" "${names[$i]}" "${best[$i]}"; done
wc=${best[0]}; sw1=${best[1]}; swn=${best[2]}; py=${best[3]}; gr=${best[4]:-}; rg=${best[5]:-}
mem() { cat "$log" "$ind" > /dev/null; /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
echo "ratios: scan(1 thread)/wc = $(echo "scale=2; $sw1 / $wc" | bc)x the time of wc -l;" \
     "python/scan(1 thread) = $(echo "scale=1; $py / $sw1" | bc)x; all cores speed-up = $(echo "scale=2; $sw1 / $swn" | bc)x"
[ -n "${gr:-}" ] && echo "grep/scan(1 thread) = $(echo "scale=1; $gr / $sw1" | bc)x"
[ -n "${rg:-}" ] && echo "rg/scan(1 thread) = $(echo "scale=1; $rg / $sw1" | bc)x"
echo "peak memory of shieldwall scan: $(mem "$bin" scan --indicators "$ind" "$log") KB"
