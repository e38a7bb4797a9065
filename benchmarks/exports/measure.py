#!/usr/bin/env python3
"""Times the STIX export and the TAXII paging of one community while sampling the server's memory.
Usage: measure.py BASE TOKEN COMMUNITY SERVER_PID WORKDIR (writes WORKDIR/export.json and export.seconds)"""
import json
import sys
import threading
import time
import urllib.request

base, token, community, pid, work = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]


def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Peak:
    """The highest resident memory seen every 0.1 s while a step runs."""

    def __enter__(self):
        self.peak, self.running = rss_mb(), True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()
        return self

    def sample(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.1)

    def __exit__(self, *_):
        self.running = False
        self.thread.join()


def get(url, accept="application/json"):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "Accept": accept})
    return urllib.request.urlopen(request, timeout=3600)


print(f"{'':46} {'seconds':>9} {'objects':>9} {'objects/s':>10} {'MB sent':>8} {'RSS before':>11} {'peak':>6} {'3 s after':>10}")


def row(label, seconds, objects, sent, before, peak):
    time.sleep(3)
    print(f"{label:46} {seconds:9.2f} {objects:9d} {objects / seconds:10.0f} {sent / 1048576:8.0f} {before:9.0f} MB {peak:6.0f} {rss_mb():8.0f} MB",
          flush=True)


before = rss_mb()
with Peak() as peak:
    start = time.monotonic()
    sent = 0
    with get(f"{base}/api/v1/communities/{community}/stix") as response, open(f"{work}/export.json", "wb") as out:
        while chunk := response.read(1 << 20):
            out.write(chunk)
            sent += len(chunk)
    seconds = time.monotonic() - start
with open(f"{work}/export.json") as f:
    objects = len(json.load(f)["objects"])
with open(f"{work}/export.seconds", "w") as f:
    f.write(f"{seconds:.2f}\n")
row("GET /api/v1/communities/SLUG/stix", seconds, objects, sent, before, peak.peak)

with get(f"{base}/taxii2/api/collections/", "application/taxii+json;version=2.1") as response:
    collections = json.load(response)["collections"]
collection = next(c["id"] for c in collections if "Engineering" in c["title"])
before = rss_mb()
with Peak() as peak:
    start, objects, sent, cursor = time.monotonic(), 0, 0, None
    while True:
        url = f"{base}/taxii2/api/collections/{collection}/objects/?limit=1000" + (f"&next={cursor}" if cursor else "")
        with get(url, "application/taxii+json;version=2.1") as response:
            body = response.read()
        sent += len(body)
        page = json.loads(body)
        objects += len(page.get("objects", []))
        cursor = page.get("next")
        if not page.get("more"):
            break
    seconds = time.monotonic() - start
row("TAXII objects/, limit=1000, every page", seconds, objects, sent, before, peak.peak)
