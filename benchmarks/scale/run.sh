#!/usr/bin/env bash
# Pages at the demo's size and at N times it, in one run (issue #32): `shieldwall demo` and then
# `shieldwall demo --scale N` (SQLite, or PostgreSQL when DATABASE_URL / PG_URL is set, e.g. under
# scripts/with-postgres), each measured with benchmarks/pages/measure.py (wrk, signed in as a member, a
# facilitator, an expert and the operator of the demo — the expert takes part in every generated community,
# the operator oversees them all); prints p99 and requests/s at both sizes, the p99 ratio (aim ≤ 2×, and
# ≤ 200 ms) and the queries per page (asked of a second `serve` on the same data with SHIELDWALL_COUNT_QUERIES=1:
# counting logs every statement, so the timed server does not count), and the server's memory while the pages ran. With SOAK_SECONDS=300 the server
# at N is then kept under load that long, its memory sampled every 10 s (aim: growth ≤ 10 %).
# Usage: [SOAK_SECONDS=300] benchmarks/scale/run.sh [N=100] [SECONDS=5] [CONNECTIONS=16]
# Needs: a release build (swift build -c release --product shieldwall), wrk, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100}; seconds=${2:-5}; connections=${3:-16}
bin=${SHIELDWALL_BIN:-.build/release/shieldwall}
work=$(mktemp -d /tmp/shieldwall-scale-XXXXXX)
pid=""; counter=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$counter" ] && kill "$counter" 2>/dev/null; rm -rf "$work"' EXIT
if [ -z "${DATABASE_URL:-}" ] && [ -n "${PG_URL:-}" ]; then export DATABASE_URL="$PG_URL"; fi
engine=$([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite)

measure() {  # SCALE → $work/rows-SCALE.json
    local scale=$1 port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if [ -n "${DATABASE_URL:-}" ]; then
        PGOPTIONS=--client-min-messages=warning psql "$DATABASE_URL" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
    fi
    local start=$SECONDS
    # Pages made every time (no page cache): the aim is on what making a page costs as the data grows.
    SHIELDWALL_PAGE_CACHE_MB=0 "$bin" demo --scale "$scale" --data "$work/data-$scale" --port "$port" >"$work/demo-$scale.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 7200); do grep -q "Server started" "$work/demo-$scale.log" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    grep -q "Server started" "$work/demo-$scale.log" || { echo "the demo at --scale $scale did not start"; tail -n 20 "$work/demo-$scale.log"; exit 1; }
    echo "== --scale $scale ($engine): seeded in $((SECONDS - start)) s"
    grep "^Scaled" "$work/demo-$scale.log" || true
    local count_port
    count_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    SHIELDWALL_DATA="$work/data-$scale" SHIELDWALL_COUNT_QUERIES=1 SHIELDWALL_PAGE_CACHE_MB=0 "$bin" serve --skip-migrate --port "$count_port" >"$work/count-$scale.log" 2>&1 &
    counter=$!
    for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$count_port/healthz" >/dev/null && break; sleep 0.5; done
    export COUNT_URL="http://127.0.0.1:$count_port"
    if [ "$scale" = 1 ] || [ -z "${SOAK_SECONDS:-}" ]; then
        python3 benchmarks/pages/measure.py "http://127.0.0.1:$port" "$seconds" "$connections" "$work/rows-$scale.json" >/dev/null
    else
        SOAK_PID=$pid python3 benchmarks/pages/measure.py "http://127.0.0.1:$port" "$seconds" "$connections" "$work/rows-$scale.json" \
            | sed -n '/^memory under load/,$p'
    fi
    echo "   memory of serve after the pages: $(awk '/VmRSS/ {print int($2 / 1024)}' /proc/$pid/status) MB (peak $(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$pid/status) MB)"
    kill "$pid" "$counter"; wait "$pid" "$counter" 2>/dev/null || true; pid=""; counter=""
}
measure 1
measure "$n"
python3 - "$work/rows-1.json" "$work/rows-$n.json" "$n" "$seconds" "$connections" <<'PY'
import json, sys
one, many, n = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
print(f"\nwrk -t2 -c{sys.argv[5]} -d{sys.argv[4]}s --latency; aim: p99 at {n}x <= 2x p99 at 1x, and <= 200 ms\n")
print(f"| {'page':<48} | queries 1x / {n}x | req/s 1x | req/s {n}x | p99 1x ms | p99 {n}x ms | p99 ratio | aim |")
print(f"|{'-' * 50}|------------|----------|-----------|-----------|------------|-----------|-----|")
for a, b in zip(one, many):
    ratio = b["p99"] / a["p99"] if a["p99"] else float("inf")
    met = "yes" if ratio <= 2 and b["p99"] <= 200 else "no"
    print(f"| {a['page']:<48} | {a['queries']:>4} / {b['queries']:<4} | {a['rps']:>8.0f} | {b['rps']:>9.0f} | {a['p99']:>9.1f} | {b['p99']:>10.1f} | {ratio:>9.2f} | {met:>3} |")
PY
