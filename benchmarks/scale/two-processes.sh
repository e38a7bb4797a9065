#!/usr/bin/env bash
# Two `serve` processes on one PostgreSQL behind nginx's round robin, against one process alone (issue #32; aim:
# two serve ≥ 1.7× the requests/s of one on the read-heavy mix). Seeds `shieldwall demo --scale N` once, starts a
# second `serve --skip-migrate` on the same database and nginx (Debian's) over both, then runs the member's read-only
# pages in turn (home, community, discussions, a thread, threats, a report, an indicator, search, notifications) from
# one wrk Lua script: first against one process, then through nginx. Prints requests/s and p99 of each, the ratio,
# and how many of the machine's cores were busy during each run (/proc/stat: servers, PostgreSQL, nginx and wrk).
# Usage: scripts/with-postgres benchmarks/scale/two-processes.sh [N=1] [SECONDS=10] [CONNECTIONS=16]
# Needs: a release build (swift build -c release --product shieldwall), PostgreSQL (PG_URL or DATABASE_URL), nginx,
# wrk, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1}; seconds=${2:-10}; connections=${3:-16}
bin=${SHIELDWALL_BIN:-.build/release/shieldwall}
if [ -z "${DATABASE_URL:-}" ] && [ -n "${PG_URL:-}" ]; then export DATABASE_URL="$PG_URL"; fi
[ -n "${DATABASE_URL:-}" ] || { echo "two-processes: run under scripts/with-postgres (several processes need PostgreSQL)"; exit 2; }
command -v nginx >/dev/null || { echo "two-processes: nginx is not installed (apt-get install nginx-light)"; exit 2; }
work=$(mktemp -d /tmp/shieldwall-two-XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
one=$(free_port); two=$(free_port); front=$(free_port)

PGOPTIONS=--client-min-messages=warning psql "$DATABASE_URL" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
# Pages made every time (SHIELDWALL_PAGE_CACHE_MB=0): the aim is on sharing the work of making them.
export SHIELDWALL_PAGE_CACHE_MB=0
"$bin" demo --scale "$n" --data "$work/data" --port "$one" >"$work/one.log" 2>&1 &
pids+=($!); first=$!
for _ in $(seq 1 7200); do grep -q "Server started" "$work/one.log" && break; kill -0 "$first" 2>/dev/null || break; sleep 0.5; done
grep -q "Server started" "$work/one.log" || { echo "the demo did not start"; tail -n 20 "$work/one.log"; exit 1; }
SHIELDWALL_DATA="$work/data" "$bin" serve --skip-migrate --port "$two" >"$work/two.log" 2>&1 &
pids+=($!); second=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$two/healthz" >/dev/null && break; sleep 0.5; done

mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy; fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
    upstream shieldwall { server 127.0.0.1:$one; server 127.0.0.1:$two; keepalive 32; }
    server {
        listen 127.0.0.1:$front;
        location / {
            proxy_pass http://shieldwall;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
        }
    }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx.conf" &
pids+=($!); proxy=$!
for _ in $(seq 1 40); do curl -sf "http://127.0.0.1:$front/healthz" >/dev/null && break; sleep 0.25; done

# The member's cookie and the mix's paths, found as she would (the demo's circle, its first thread and report).
python3 - "http://127.0.0.1:$one" "$work/mix.lua" <<'PY'
import http.cookiejar, json, re, sys, urllib.parse, urllib.request
base, out = sys.argv[1], sys.argv[2]
jar = http.cookiejar.CookieJar()
o = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
csrf = re.search(r'name="_csrf" value="([^"]+)"', o.open(base + "/sign-in").read().decode()).group(1)
o.open(base + "/sign-in", urllib.parse.urlencode({"_csrf": csrf, "email": "lucia@cornercafe.example", "password": "shieldwall-demo"}).encode())
cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
circle = "/communities/leeds-bradford-micro-business-circle"
page = lambda p: o.open(base + p).read().decode()
thread = re.search(r'href="(/threads/[^"]+)"', page(circle + "/discussions")).group(1)
reports = re.findall(r'href="(/reports/[^"]+)"', page(circle + "/threats"))
indicator = next(m.group(1) for r in reports for m in [re.search(r'href="(/indicators/[^"]+)"', page(r))] if m)
paths = ["/", circle, circle + "/discussions", thread, circle + "/threats", reports[0], indicator, "/search?q=backups", "/notifications"]
with open(out, "w") as f:
    f.write(f"local paths = {json.dumps(paths).replace('[', '{').replace(']', '}')}\nlocal i = 0\n")
    f.write(f'wrk.headers["Cookie"] = "{cookie}"\n')
    f.write("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
PY

busy() {  # clock ticks the whole machine has spent busy so far (all cores; wrk and PostgreSQL included)
    awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}
run() {  # URL → "requests/s p99 cores-busy"
    local before after start out
    before=$(busy); start=$(date +%s.%N)
    out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/mix.lua" "$1")
    after=$(busy)
    python3 - "$out" "$before" "$after" "$start" "$(getconf CLK_TCK)" <<'PY'
import re, sys, time
out, before, after, start, tck = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
assert "Non-2xx" not in out, out
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out).groups()
print(rps, float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit], (after - before) / tck / (time.time() - start))
PY
}
# Warm both (caches, PostgreSQL's statistics after the seeding) before either is timed: a cold first run was half as fast.
wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/mix.lua" "http://127.0.0.1:$front" >/dev/null
read -r rps1 p1 cpu1 < <(run "http://127.0.0.1:$one")
read -r rps2 p2 cpu2 < <(run "http://127.0.0.1:$front")
python3 - "$rps1" "$p1" "$cpu1" "$rps2" "$p2" "$cpu2" "$n" "$seconds" "$connections" "$(nproc)" <<'PY'
import sys
rps1, p1, cpu1, rps2, p2, cpu2 = map(float, sys.argv[1:7])
n, seconds, connections, cores = sys.argv[7:]
print(f"PostgreSQL, demo --scale {n}; the member's read-only mix of 9 pages; wrk -t2 -c{connections} -d{seconds}s; {cores} cores\n")
print("| setup | requests/s | p99 ms | cores busy (whole machine: servers, PostgreSQL, nginx, wrk) |")
print("|---|---|---|---|")
print(f"| one `serve` | {rps1:.0f} | {p1:.1f} | {cpu1:.2f} |")
print(f"| two `serve` behind nginx | {rps2:.0f} | {p2:.1f} | {cpu2:.2f} |")
print(f"\nratio two / one: {rps2 / rps1:.2f}x (aim >= 1.7x)")
PY
