#!/usr/bin/env bash
# Integrations benchmark (issue #28), in one run:
#  1. a bouncer's startup pull of N decisions (GET /v1/decisions/stream?startup=true), from Shieldwall (a firm's
#     view of its community's blocklist: N IPv4 indicators imported as STIX and confirmed) and from CrowdSec's own
#     local API holding the same values (imported with `cscli decisions import`), side by side;
#  2. ingest of ALERTS alerts in batches of 1,000 through POST /api/v1/ingest/alerts (SQLite), alerts/s and the
#     server's memory over the run.
# Usage: scripts/with-crowdsec benchmarks/integrations/run.sh [N=100000] [ALERTS=1000000]
# Needs: a release build (swift build -c release --product shieldwall), python3, and the CrowdSec local API that
# scripts/with-crowdsec starts (it exports CSCLI and CROWDSEC_LAPI_URL).
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-100000}; alerts=${2:-1000000}; runs=5
bin=${SHIELDWALL_BIN:-.build/release/shieldwall}
: "${CSCLI:?run me through scripts/with-crowdsec}" "${CROWDSEC_LAPI_URL:?run me through scripts/with-crowdsec}"
work=$(mktemp -d /tmp/shieldwall-bench-XXXXXX)
pids=()
trap 'for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
community=south-yorkshire-engineering-supply-chain

echo "== seeding a demo instance; importing $n IPv4 indicators (TLP:GREEN) into $community"
port=$(free_port)
SHIELDWALL_BASE_URL="http://127.0.0.1:$port" "$bin" demo --data "$work/data" --port "$port" >"$work/demo.log" 2>&1 &
demo=$!
for _ in $(seq 1 120); do grep -q "Server started" "$work/demo.log" && break; sleep 0.5; done
kill $demo 2>/dev/null || { tail -5 "$work/demo.log"; exit 1; }; wait $demo 2>/dev/null || true
python3 - "$n" "$work/bundle.json" <<'PY'
import json, sys, uuid
n, out = int(sys.argv[1]), sys.argv[2]
GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
objects, refs = [], []
for i in range(n):
    value = f"91.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
    oid = f"indicator--{uuid.UUID(int=i + 1, version=4)}"
    refs.append(oid)
    objects.append({"type": "indicator", "spec_version": "2.1", "id": oid, "created": "2026-11-01T08:00:00.000Z",
                    "modified": "2026-11-01T08:00:00.000Z", "name": value, "pattern": f"[ipv4-addr:value = '{value}']",
                    "pattern_type": "stix", "valid_from": "2026-11-01T08:00:00.000Z", "object_marking_refs": [GREEN]})
objects.append({"type": "marking-definition", "spec_version": "2.1", "id": GREEN, "created": "2022-10-01T00:00:00.000Z",
                "name": "TLP:GREEN", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
                                                    {"extension_type": "property-extension", "tlp_2_0": "green"}}})
objects.append({"type": "report", "spec_version": "2.1", "id": "report--" + str(uuid.UUID(int=0, version=4)),
                "created": "2026-11-01T08:00:00.000Z", "modified": "2026-11-01T08:00:00.000Z", "name": "Scanners seen this month",
                "published": "2026-11-01T08:00:00.000Z", "report_types": ["threat-actor"], "object_refs": refs,
                "object_marking_refs": [GREEN]})
json.dump({"type": "bundle", "id": "bundle--" + str(uuid.UUID(int=1, version=4)), "objects": objects}, open(out, "w"))
PY
SHIELDWALL_DATA="$work/data" "$bin" stix import "$work/bundle.json" --community "$community" | head -1
# An expert confirms every indicator, as in benchmarks/threat-sharing (so all are on the blocklist).
python3 - "$work/data/shieldwall.sqlite" "$community" <<'PY'
import sqlite3, sys, time, uuid
db = sqlite3.connect(sys.argv[1])
community, = db.execute("select id from communities where slug = ?", (sys.argv[2],)).fetchone()
expert, = db.execute("select person_id from community_people where community_id = ? and role = 'expert' limit 1", (community,)).fetchone()
rows = db.execute("""select distinct ri.indicator_id from report_indicators ri join threat_reports r on r.id = ri.report_id
                     where r.community_id = ?""", (community,)).fetchall()
db.executemany("insert or ignore into indicator_confirmations (id, indicator_id, community_id, person_id, created_at) values (?, ?, ?, ?, ?)",
               [(str(uuid.uuid4()).upper(), r[0], community, expert, time.time()) for r in rows])
db.commit()
PY

echo "== serving; Kirk Fasteners' admin makes a bouncer key and 20 alert keys"
port=$(free_port)
SHIELDWALL_DATA="$work/data" SHIELDWALL_BASE_URL="http://127.0.0.1:$port" "$bin" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!; pids+=($server)
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
base="http://127.0.0.1:$port"
python3 - "$base" "$work/keys" <<'PY'
import http.cookiejar, re, sys, urllib.parse, urllib.request
base, out = sys.argv[1], sys.argv[2]
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
csrf = lambda html: re.search(r'name="_csrf" value="([^"]+)"', html).group(1)
page = web.open(base + "/sign-in").read().decode()
page = web.open(base + "/sign-in", urllib.parse.urlencode({"_csrf": csrf(page), "email": "andrew@kirkfasteners.example",
                                                           "password": "shieldwall-demo"}).encode()).read().decode()
firm = re.search(r'/organisations/([0-9A-Fa-f-]{36})', web.open(base + "/account").read().decode()).group(1)
keys = []
for name, scope in [("bouncer", "decisions")] + [(f"tool {i}", "alerts") for i in range(20)]:
    page = web.open(f"{base}/organisations/{firm}/integrations").read().decode()
    page = web.open(f"{base}/organisations/{firm}/integrations",
                    urllib.parse.urlencode({"_csrf": csrf(page), "name": name, scope: "true"}).encode()).read().decode()
    keys.append(re.search(r'id="new-key">([^<]+)<', page).group(1))
open(out, "w").write("\n".join(keys) + "\n")
PY
bouncer=$(head -1 "$work/keys")

echo "== the same values into CrowdSec's local API"
# PROFILE_COLD=FILE records the server with perf while it builds the firm's list for the first pull.
[ -n "${PROFILE_COLD:-}" ] && { perf record -F 499 -g -p "$server" -o "$PROFILE_COLD" >/dev/null 2>&1 & pids+=($!); sleep 1; }
read -r _ cold _ _ _ < <(python3 benchmarks/integrations/decisions.py "$base" "$bouncer" 1 "$work/values.txt")
[ -n "${PROFILE_COLD:-}" ] && { kill -INT "${pids[-1]}"; sleep 2; }
{ echo "duration,scope,value"; sed 's/^/720h,ip,/' "$work/values.txt"; } >"$work/decisions.csv"
$CSCLI decisions import -i "$work/decisions.csv" >"$work/import.log" 2>&1 || { cat "$work/import.log"; exit 1; }
cs_key=$($CSCLI bouncers add "bench-$$" -o raw)

echo "== startup pulls, $runs each"
# PROFILE_PULLS=FILE records the server with perf while it answers the startup pulls.
[ -n "${PROFILE_PULLS:-}" ] && { perf record -F 499 -g -p "$server" -o "$PROFILE_PULLS" >/dev/null 2>&1 & pids+=($!); sleep 1; }
read -r sw_count sw_median sw_best sw_worst sw_bytes < <(python3 benchmarks/integrations/decisions.py "$base" "$bouncer" "$runs")
[ -n "${PROFILE_PULLS:-}" ] && { kill -INT "${pids[-1]}"; sleep 2; }
read -r cs_count cs_median cs_best cs_worst cs_bytes < <(python3 benchmarks/integrations/decisions.py "$CROWDSEC_LAPI_URL" "$cs_key" "$runs")
printf "\n%-46s %10s %9s %9s %9s %6s\n" "startup pull (GET /v1/decisions/stream)" "decisions" "median s" "best s" "worst s" "MB"
printf "%-46s %10s %9s %9s %9s %6s\n" "shieldwall (community blocklist + firm blocks)" "$sw_count" "$sw_median" "$sw_best" "$sw_worst" $((sw_bytes / 1048576))
printf "%-46s %10s %9s %9s %9s %6s\n" "crowdsec local API (cscli decisions import)" "$cs_count" "$cs_median" "$cs_best" "$cs_worst" $((cs_bytes / 1048576))
python3 -c "print(f'  shieldwall takes {float($sw_median)/float($cs_median):.2f}x the time of crowdsec (aim: <= 1x)')"
echo "  shieldwall's first pull, which builds the firm's list (then kept a minute while the data stay the same): $cold s"

echo
echo "== ingest of $alerts alerts in batches of 1,000 (20 keys of one firm, 2 requests in flight)"
# PROFILE=FILE records the server with perf while it ingests (perf report -i FILE).
[ -n "${PROFILE:-}" ] && { perf record -F 499 -g -p "$server" -o "$PROFILE" >/dev/null 2>&1 & pids+=($!); }
python3 benchmarks/integrations/ingest.py "$base" "$server" "$alerts" 2 $(tail -n +2 "$work/keys") || { tail -20 "$work/serve.log"; exit 1; }
[ -n "${PROFILE:-}" ] && { kill -INT "${pids[-1]}"; sleep 2; }
