#!/usr/bin/env bash
# Threat-sharing benchmark, in one run on the same files:
#  1. importing a generated STIX bundle of N indicators with `shieldwall stix import` (time, peak memory)
#     against parsing the same bundle with the Python `stix2` library (`stix2.parse`);
#  2. the lookup API and the blocklist download under `wrk`, with those N indicators stored and confirmed
#     by an expert (so they are all on the blocklist), against nginx serving the same blocklist as a file.
# Usage: benchmarks/threat-sharing/run.sh [N=100000] [SECONDS=10]
# Needs: a release build (swift build -c release), python3 with stix2, wrk, nginx (Debian: wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/../.."
. benchmarks/lib/nginx.sh
n=${1:-100000}; seconds=${2:-10}
bin=${SHIELDWALL_BIN:-.build/release/shieldwall}
work=$(mktemp -d /tmp/shieldwall-bench-XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1; cat "$work/time"; }

echo "== generating a bundle of $n indicators"
python3 benchmarks/threat-sharing/generate.py "$n" "$work/bundle.json"
echo "   $(du -h "$work/bundle.json" | cut -f1)"

echo "== seeding a demo instance to import into"
port=$(free_port)
SHIELDWALL_BASE_URL="http://127.0.0.1:$port" "$bin" demo --data "$work/data" --port "$port" >"$work/demo.log" 2>&1 &
demo=$!
for _ in $(seq 1 120); do grep -q "Server started" "$work/demo.log" && break; sleep 0.5; done
kill $demo; wait $demo 2>/dev/null || true
community=south-yorkshire-engineering-supply-chain

read -r py_s py_kb < <(measure python3 -c 'import stix2, sys; b = stix2.parse(open(sys.argv[1]).read(), allow_custom=True); print(len(b.objects))' "$work/bundle.json")
read -r sw_s sw_kb < <(measure env SHIELDWALL_DATA="$work/data" "$bin" stix import "$work/bundle.json" --community "$community")
head -1 "$work/out"
printf "\n%-44s %10s %12s\n" "import of $n indicators" "seconds" "peak MB"
printf "%-44s %10s %12d\n" "python3 stix2.parse (parse only)" "$py_s" $((py_kb / 1024))
printf "%-44s %10s %12d\n" "shieldwall stix import (parse + store)" "$sw_s" $((sw_kb / 1024))
python3 -c "print(f'  shieldwall is {float($py_s)/float($sw_s):.1f}x faster than stix2.parse alone (aim: >= 20x)')"

echo "== an expert confirms every indicator (so all are on the blocklist)"
python3 - "$work/data/shieldwall.sqlite" "$community" <<'PY'
import sqlite3, sys, time, uuid
db = sqlite3.connect(sys.argv[1])
community, = db.execute("select id from communities where slug = ?", (sys.argv[2],)).fetchone()
expert, = db.execute("select person_id from community_people where community_id = ? and role = 'expert' limit 1", (community,)).fetchone()
rows = db.execute("""select distinct ri.indicator_id from report_indicators ri join threat_reports r on r.id = ri.report_id
                     where r.community_id = ?""", (community,)).fetchall()
now = time.time()
db.executemany("insert or ignore into indicator_confirmations (id, indicator_id, community_id, person_id, created_at) values (?, ?, ?, ?, ?)",
               [(str(uuid.uuid4()).upper(), r[0], community, expert, now) for r in rows])
db.commit()
print(f"   {len(rows)} confirmations")
PY

echo "== serving"
port=$(free_port)
SHIELDWALL_DATA="$work/data" SHIELDWALL_BASE_URL="http://127.0.0.1:$port" "$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
base="http://127.0.0.1:$port"
read -r token feed < <(python3 - "$base" <<'PY'
import http.cookiejar, re, sys, urllib.parse, urllib.request
base = sys.argv[1]
jar = http.cookiejar.CookieJar(); web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
csrf = lambda html: re.search(r'name="_csrf" value="([^"]+)"', html).group(1)
page = web.open(base + "/sign-in").read().decode()
web.open(base + "/sign-in", urllib.parse.urlencode({"_csrf": csrf(page), "email": "andrew@kirkfasteners.example", "password": "shieldwall-demo"}).encode())
page = web.open(base + "/account/tokens").read().decode()
page = web.open(base + "/account/tokens", urllib.parse.urlencode({"_csrf": csrf(page), "name": "bench", "current_password": "shieldwall-demo"}).encode()).read().decode()
token = re.search(r'id="new-token">([^<]+)<', page).group(1)
page = web.open(base + "/communities/south-yorkshire-engineering-supply-chain/blocklist").read().decode()
page = web.open(base + "/communities/south-yorkshire-engineering-supply-chain/blocklist/token", urllib.parse.urlencode({"_csrf": csrf(page)}).encode()).read().decode()
feed = re.search(r'id="feed-txt">([^<]+)<', page).group(1)
print(token, feed)
PY
)
curl -sf "$feed" -o "$work/blocklist.txt"
echo "   blocklist: $(wc -l < "$work/blocklist.txt") lines"
value=$(sed -n '1000p' "$work/blocklist.txt")
cat >"$work/lookup.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"values": ["$value"]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
# A random address each request: never known, never cached — the cost of a lookup that reaches the database.
cat >"$work/lookup-random.lua" <<LUA
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
request = function()
  local ip = string.format("198.%d.%d.%d", math.random(18, 19), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", nil, nil, '{"values": ["' .. ip .. '"]}')
end
LUA
curl -sf -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" -d "{\"values\": [\"$value\"]}" "$base/api/v1/indicators/lookup" | grep -q '"known":true'

nginx_port=$(free_port)
mkdir -p "$work/nginx/www"
cp "$work/blocklist.txt" "$work/nginx/www/blocklist.txt"
start_nginx "$work" "$nginx_port"
pids+=($(cat "$work/nginx/nginx.pid"))
cmp -s <(curl -sf "http://127.0.0.1:$nginx_port/blocklist.txt") "$work/blocklist.txt" || { echo "nginx does not serve the same file"; exit 1; }

# Requests/s and p99; any non-2xx/3xx answer makes the run fail (a fast error page is not a result).
bench() {
    wrk -t2 -c16 -d"${seconds}s" --latency "$@" >"$work/wrk.txt"
    if grep -q "Non-2xx" "$work/wrk.txt"; then echo "wrk saw error answers:" >&2; cat "$work/wrk.txt" >&2; exit 1; fi
    awk '/Requests\/sec/ {r=$2} / 99%/ {p=$2} END {print r, p}' "$work/wrk.txt"
}
printf "\n%-52s %12s %10s\n" "under wrk -t2 -c16 -d${seconds}s ($n indicators stored)" "requests/s" "p99"
read -r r p < <(bench -s "$work/lookup.lua" "$base/api/v1/indicators/lookup"); printf "%-52s %12s %10s\n" "shieldwall POST /api/v1/indicators/lookup (1 value)" "$r" "$p"; lookup=$r
read -r r p < <(bench -s "$work/lookup-random.lua" "$base/api/v1/indicators/lookup"); printf "%-52s %12s %10s\n" "shieldwall lookup, a new unknown address each time" "$r" "$p"; cold=$r
read -r r p < <(bench "$feed"); printf "%-52s %12s %10s\n" "shieldwall blocklist download" "$r" "$p"; blocklist=$r
etag=$(curl -sfI "$feed" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
read -r r p < <(bench -H "If-None-Match: $etag" "$feed"); printf "%-52s %12s %10s\n" "shieldwall blocklist poll (If-None-Match, 304)" "$r" "$p"; poll=$r
read -r r p < <(bench "http://127.0.0.1:$nginx_port/blocklist.txt"); printf "%-52s %12s %10s\n" "nginx static blocklist.txt" "$r" "$p"; static=$r
python3 -c "print(f'  blocklist download: {float($blocklist)/float($static):.3f}x nginx; lookup: {float($lookup)/float($static):.3f}x (a new address each time: {float($cold)/float($static):.3f}x); 304 poll: {float($poll)/float($static):.3f}x (aim: >= 0.5x)')"
