#!/usr/bin/env bash
# Signed-in pages against the sign-in page, in one run: starts `shieldwall demo` (SQLite, or PostgreSQL when
# DATABASE_URL is set, e.g. under scripts/with-postgres), signs in as a member, a facilitator, an expert and the
# operator, and runs wrk over each main page, printing requests/s, p50, p99, the ratio to the sign-in page and the
# number of database queries the page runs (X-Shieldwall-Queries), asked of a second `serve` on the same data with
# SHIELDWALL_COUNT_QUERIES=1: counting logs every statement, so the timed server does not count. Each signed-in page is
# timed twice: on the demo, which answers a page asked again from its page cache while nothing was written ("kept"),
# and on a third `serve` on the same data with SHIELDWALL_PAGE_CACHE_MB=0, which makes every page ("made"); the
# queries are those of making it.
# Usage: benchmarks/pages/run.sh [SECONDS=6] [CONNECTIONS=16]
# Needs: a release build (swift build -c release --product shieldwall), wrk, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-6}; connections=${2:-16}
bin=${SHIELDWALL_BIN:-.build/release/shieldwall}
work=$(mktemp -d /tmp/shieldwall-pages-XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
# Under scripts/with-postgres the throwaway cluster's address comes as PG_URL.
if [ -z "${DATABASE_URL:-}" ] && [ -n "${PG_URL:-}" ]; then export DATABASE_URL="$PG_URL"; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
healthy() { for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && break; sleep 0.5; done; }
port=$(free_port)

echo "== demo on port $port, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite)"
"$bin" demo --data "$work/data" --port "$port" >"$work/demo.log" 2>&1 &
pids+=($!)
healthy "$port"
count_port=$(free_port)
SHIELDWALL_DATA="$work/data" SHIELDWALL_COUNT_QUERIES=1 SHIELDWALL_PAGE_CACHE_MB=0 "$bin" serve --skip-migrate --port "$count_port" >"$work/count.log" 2>&1 &
pids+=($!)
healthy "$count_port"
made_port=$(free_port)
SHIELDWALL_DATA="$work/data" SHIELDWALL_PAGE_CACHE_MB=0 "$bin" serve --skip-migrate --port "$made_port" >"$work/made.log" 2>&1 &
pids+=($!)
healthy "$made_port"
MADE_URL="http://127.0.0.1:$made_port" COUNT_URL="http://127.0.0.1:$count_port" python3 benchmarks/pages/measure.py "http://127.0.0.1:$port" "$seconds" "$connections"
