#!/usr/bin/env python3
"""Sends N alerts in batches of 1,000 to POST /api/v1/ingest/alerts with the given keys (round robin, CONCURRENCY
requests in flight), while sampling the server's resident memory. Every alert is distinct (its own address and
summary), so nothing folds; each batch covers one minute, the batches run from N/1000 minutes ago to now.
Usage: ingest.py BASE PID N CONCURRENCY KEY...   Prints alerts/s and memory at start, peak and end."""
import concurrent.futures
import datetime
import http.client
import json
import sys
import threading
import time
import urllib.parse

base, pid, n, concurrency, keys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
url = urllib.parse.urlparse(base)
batches = n // 1000
start_time = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=batches + 1)


def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def body(b):
    minute = start_time + datetime.timedelta(minutes=b)
    items = []
    for j in range(1000):
        i = b * 1000 + j
        t = (minute + datetime.timedelta(milliseconds=j * 50)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        address = f"45.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
        items.append(f'{{"source":"bench","time":"{t}","severity":"medium","kind":"brute-force","addresses":["{address}"],'
                     f'"host":"shop","summary":"failed sign-in {i}"}}')
    return ('{"alerts":[' + ",".join(items) + "]}").encode()


local = threading.local()


def send(b):
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    data = body(b)
    conn.request("POST", "/api/v1/ingest/alerts", body=data,
                 headers={"Authorization": "Bearer " + keys[b % len(keys)], "Content-Type": "application/json"})
    r = conn.getresponse()
    answer = r.read()
    if r.status != 200:
        raise SystemExit(f"batch {b}: {r.status} {answer[:300]!r}")
    return json.loads(answer)["stored"]


samples, done = [rss()], threading.Event()


def sample():
    while not done.wait(0.5):
        samples.append(rss())


threading.Thread(target=sample, daemon=True).start()
began = time.monotonic()
with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
    stored = sum(pool.map(send, range(batches)))
seconds = time.monotonic() - began
done.set()
time.sleep(0.6)
after = rss()
print(f"{stored} alerts stored in {seconds:.1f} s: {stored / seconds:.0f} alerts/s")
print(f"server memory: {samples[0]} MB before, {max(samples)} MB peak, {after} MB after "
      f"(quartiles of the run: {' / '.join(str(sorted(samples)[len(samples) * q // 4]) for q in (1, 2, 3))} MB)")
