"""Signs in as each demo role and runs wrk over the main pages, and as the member's API token over the blocklist
download and a lookup of its values (up to ten); prints one table (see run.sh), and with a fourth argument writes the rows as
JSON to that file (benchmarks/scale/run.sh compares two runs). With SOAK_PID and SOAK_SECONDS set, it then goes on
over the same pages, 10 seconds each in turn, sampling that process's resident memory after each, and prints the
growth from the end of the first round (caches filled) to the end (issue #32: memory stays flat under load).
With MADE_URL set (a server on the same data with SHIELDWALL_PAGE_CACHE_MB=0), each signed-in page is timed there too:
the timed server answers a page asked again from its page cache while nothing was written; that one makes every page."""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

base, seconds, connections = sys.argv[1], sys.argv[2], sys.argv[3]
PASSWORD = "shieldwall-demo"
CIRCLE = "/communities/leeds-bradford-micro-business-circle"
ROLES = {
    "member": "lucia@cornercafe.example",
    "facilitator": "sarah@hartleys-bakery.example",
    "expert": "fiona.grant@experts.example",
    "operator": "operator@shieldwall.example",
}


def sign_in(email):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/sign-in").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"_csrf": csrf, "email": email, "password": PASSWORD}).encode()
    opener.open(base + "/sign-in", form)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    assert "sw_session" in cookie, f"{email} could not sign in"
    return opener, cookie


def first(opener, path, pattern):
    return re.search(pattern, opener.open(base + path).read().decode()).group(1)


def queries(opener, path, headers=None, body=None):
    """The page's queries, asked twice of the counting server (COUNT_URL, the same data) so its caches are as warm as
    the timed server's: counting logs every statement with its binds, which cost a third of a page's time, so the
    timed server does not count."""
    counted = os.environ.get("COUNT_URL", base)
    for _ in range(2):
        response = opener.open(urllib.request.Request(counted + path, data=body, headers=headers or {}))
    assert response.status == 200, (path, response.status)
    return response.headers.get("X-Shieldwall-Queries", "?")


def new_token(opener):
    """A personal API token, made on the account page as a person would (it asks for the password again)."""
    page = opener.open(base + "/account/tokens").read().decode()
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"_csrf": csrf, "name": "benchmark", "current_password": PASSWORD}).encode()
    return re.search(r'id="new-token">([^<]+)<', opener.open(base + "/account/tokens", form).read().decode()).group(1)


def wrk(path, cookie, headers=None, body=None, server=None):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
    if body is not None:  # a POST: wrk takes its method and body from a Lua script
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body.decode())}\n')
        script.close()
        args += ["-s", script.name]
    args += [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")] + [(server or base) + path]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert not errors, f"{path}: {errors.group(0)}"

    def ms(label):
        value, unit = re.search(rf"\s{label}\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return rps, ms("50%"), ms("99%")


member, member_cookie = sign_in(ROLES["member"])
thread = first(member, CIRCLE + "/discussions", r'href="(/threads/[^"]+)"')
report = first(member, CIRCLE + "/threats", r'href="(/reports/[^"]+)"')
threats = member.open(base + CIRCLE + "/threats").read().decode()
indicator = next(m.group(1) for r in re.findall(r'href="(/reports/[^"]+)"', threats)
                 for m in [re.search(r'href="(/indicators/[^"]+)"', member.open(base + r).read().decode())] if m)
pages = [("visitor", None, None, "/sign-in"), ("visitor", None, None, "/static/app.css")]
pages += [("member", member, member_cookie, p) for p in
          ["/", CIRCLE, CIRCLE + "/discussions", thread, CIRCLE + "/threats", report, indicator, "/search?q=backups", "/assessment",
           "/actions", "/notifications"]]
facilitator, cookie = sign_in(ROLES["facilitator"])
pages += [("facilitator", facilitator, cookie, p) for p in ["/", CIRCLE + "/discussions", CIRCLE + "/health"]]
expert, cookie = sign_in(ROLES["expert"])
pages += [("expert", expert, cookie, p) for p in ["/", "/questions/unanswered", "/notifications"]]
operator, cookie = sign_in(ROLES["operator"])
pages += [("operator", operator, cookie, p) for p in ["/operator"]]
pages = [(role, opener, cookie, path, None, None) for role, opener, cookie, path in pages]
api = {"Authorization": f"Bearer {new_token(member)}"}
blocklist = "/api/v1" + CIRCLE + "/blocklist"
listed = urllib.request.build_opener().open(urllib.request.Request(base + blocklist, headers=api)).read().decode().split()
values = [line for line in listed if not line.startswith("#")][:10]
assert values, "the blocklist is empty"
lookup = json.dumps({"values": values}).encode()
pages += [("member API", None, None, blocklist, api, None),
          ("member API", None, None, "/api/v1/indicators/lookup", dict(api, **{"Content-Type": "application/json"}), lookup)]

rows, baseline, made_url = [], None, os.environ.get("MADE_URL")
for role, opener, cookie, path, headers, body in pages:
    count = queries(opener or urllib.request.build_opener(), path, headers, body)
    if opener:  # asked once, as the wrk connections will ask again: what a person who comes back to a page gets
        opener.open(base + path).read()
    rps, p50, p99 = wrk(path, cookie, headers, body)
    if path == "/sign-in":
        baseline = rps
    made = wrk(path, cookie, headers, body, made_url) if made_url and cookie else None
    rows.append((role, re.sub(r"[0-9A-F]{8}-[0-9A-F-]{27}", "ID", path).replace(CIRCLE, "/communities/CIRCLE"), count, rps, p50, p99,
                 rps / baseline, made))
print(f"wrk -t2 -c{connections} -d{seconds}s --latency; ratio = requests/s ÷ the sign-in page's; queries = to make the page"
      + ("; kept = asked again while nothing was written (page cache), made = the same page made each time" if made_url else "") + "\n")
if made_url:
    print(f"| {'page':<48} | queries | kept req/s | p99 ms | ratio | made req/s | p99 ms | ratio |")
    print(f"|{'-' * 50}|---------|------------|--------|-------|------------|--------|-------|")
else:
    print(f"| {'page':<48} | queries | requests/s | p50 ms | p99 ms | ratio |")
    print(f"|{'-' * 50}|---------|------------|--------|--------|-------|")
for role, path, count, rps, p50, p99, ratio, made in rows:
    if made_url:
        made_cells = f"{made[0]:>10.0f} | {made[2]:>6.1f} | {made[0] / baseline:>5.2f}" if made else f"{'':>10} | {'':>6} | {'':>5}"
        print(f"| {role + ' ' + path:<48} | {count:>7} | {rps:>10.0f} | {p99:>6.1f} | {ratio:>5.2f} | {made_cells} |")
    else:
        print(f"| {role + ' ' + path:<48} | {count:>7} | {rps:>10.0f} | {p50:>6.1f} | {p99:>6.1f} | {ratio:>5.2f} |")
if len(sys.argv) > 4:
    with open(sys.argv[4], "w") as f:
        json.dump([{"page": f"{role} {path}", "queries": count, "rps": rps, "p50": p50, "p99": p99} for role, path, count, rps, p50, p99, _, _ in rows], f)

if os.environ.get("SOAK_PID"):
    pid, until = os.environ["SOAK_PID"], time.time() + float(os.environ.get("SOAK_SECONDS", "300"))
    seconds = "10"
    signed = [page for page in pages if page[0] != "visitor"]

    def rss():
        return next(int(line.split()[1]) // 1024 for line in open(f"/proc/{pid}/status") if line.startswith("VmRSS"))
    samples, turn = [], 0
    while time.time() < until or turn < len(signed):
        role, opener, cookie, path, headers, body = signed[turn % len(signed)]
        wrk(path, cookie, headers, body)
        turn += 1
        samples.append(rss())
    first = samples[len(signed) - 1]
    print(f"\nmemory under load for {len(samples) * 10} s ({len(samples)} pages of 10 s, {connections} connections): "
          f"{samples[0]} MB after the first page, {first} MB after the first round, {samples[-1]} MB at the end, "
          f"peak {max(samples)} MB; growth after the first round {100 * (samples[-1] - first) / first:+.1f} % (aim <= 10 %)")
    print("samples (MB):", " ".join(map(str, samples)))
