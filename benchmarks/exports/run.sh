#!/usr/bin/env bash
# Exports of a large community, in one run (issue #32): N generated indicators are imported into a demo
# community, then one `serve` process answers
#   1. the community's STIX bundle (GET /api/v1/communities/SLUG/stix, written as it is made), and
#   2. the community's TAXII collection paged to the end (limit=1000, following `next`),
# each timed, with the server's resident memory sampled every 0.1 s (peak, and 3 s after); nginx serving the
# exported bundle as a file is the yardstick for the download.
# Usage: benchmarks/exports/run.sh [N=1000000]
# Needs: a release build (swift build -c release --product shieldwall), python3, curl, nginx (Debian: nginx-light).
set -euo pipefail
cd "$(dirname "$0")/../.."
. benchmarks/lib/nginx.sh
n=${1:-1000000}
bin=${SHIELDWALL_BIN:-.build/release/shieldwall}
work=$(mktemp -d /tmp/shieldwall-exports-XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
community=south-yorkshire-engineering-supply-chain

echo "== a bundle of $n indicators, imported into a demo community"
python3 benchmarks/threat-sharing/generate.py "$n" "$work/bundle.json" 10
port=$(free_port)
"$bin" demo --data "$work/data" --port "$port" >"$work/demo.log" 2>&1 &
demo=$!
for _ in $(seq 1 240); do grep -q "Server started" "$work/demo.log" && break; sleep 0.5; done
kill $demo; wait $demo 2>/dev/null || true
SHIELDWALL_DATA="$work/data" "$bin" stix import "$work/bundle.json" --community "$community" | head -1
token=$(SHIELDWALL_DATA="$work/data" "$bin" admin create-token --email andrew@kirkfasteners.example --name bench)
rm "$work/bundle.json"

echo "== serving"
port=$(free_port)
SHIELDWALL_DATA="$work/data" SHIELDWALL_BASE_URL="http://127.0.0.1:$port" "$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
pids+=($server)
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
python3 benchmarks/exports/measure.py "http://127.0.0.1:$port" "$token" "$community" "$server" "$work"

nginx_port=$(free_port)
mkdir -p "$work/nginx/www"
mv "$work/export.json" "$work/nginx/www/export.json"
start_nginx "$work" "$nginx_port"
pids+=($(cat "$work/nginx/nginx.pid"))
read -r seconds bytes < <(curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' "http://127.0.0.1:$nginx_port/export.json")
read -r sw_seconds < "$work/export.seconds"
printf "%-46s %9s s %8d MB\n" "nginx serving the same bundle as a file" "$seconds" $((bytes / 1048576))
python3 -c "print(f'  the streamed export takes {float($sw_seconds)/float($seconds):.0f}x the time nginx takes to send the finished file')"
