#!/usr/bin/env python3
"""Times a bouncer's startup pull, GET /v1/decisions/stream?startup=true, against a CrowdSec-compatible local API
RUNS times; prints the decisions received, the median, best and worst seconds, and the body size. Writes the values of
the first pull to VALUES (one per line) when given. Usage: decisions.py URL KEY RUNS [VALUES]"""
import json
import statistics
import sys
import time
import urllib.request

url, key, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
times, count, size = [], 0, 0
for run in range(runs):
    request = urllib.request.Request(url.rstrip("/") + "/v1/decisions/stream?startup=true&scopes=ip,range",
                                     headers={"X-Api-Key": key, "User-Agent": "crowdsec-custom-bouncer/v0.0.15"})
    began = time.monotonic()
    with urllib.request.urlopen(request, timeout=300) as response:
        data = response.read()
    times.append(time.monotonic() - began)
    decisions = json.loads(data).get("new") or []
    count, size = len(decisions), len(data)
    if run == 0 and len(sys.argv) > 4:
        with open(sys.argv[4], "w") as out:
            out.write("".join(d["value"] + "\n" for d in decisions))
print(f"{count} {statistics.median(times):.3f} {min(times):.3f} {max(times):.3f} {size}")
