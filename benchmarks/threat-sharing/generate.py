#!/usr/bin/env python3
"""A STIX 2.1 bundle of N indicators (fixed seed): IPv4 addresses, CIDR ranges, domains, URLs and SHA-256
hashes, each an `indicator` with a STIX pattern, half marked TLP:GREEN (TLP 2.0 id), and one report naming
them all (or REPORTS reports naming a share each); another SEED gives other ids and values.
Usage: generate.py N OUT.json [REPORTS] [SEED]"""
import hashlib
import json
import random
import sys
import uuid

n, out = int(sys.argv[1]), sys.argv[2]
reports = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 20261123)
GREEN = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
words = ["login", "secure", "account", "verify", "update", "billing", "parcel", "refund", "portal", "invoice", "office", "cloud"]
tlds = ["com", "net", "top", "xyz", "info", "shop", "online", "site"]


def ident(kind):
    return f"{kind}--{uuid.UUID(int=rng.getrandbits(128), version=4)}"


def value():
    r = rng.random()
    if r < 0.5:
        return "ipv4-addr:value", f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if r < 0.6:
        return "ipv4-addr:value", f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/24"
    domain = f"{rng.choice(words)}-{rng.choice(words)}{rng.randint(1, 99999)}.{rng.choice(tlds)}"
    if r < 0.8:
        return "domain-name:value", domain
    if r < 0.9:
        return "url:value", f"https://{domain}/{rng.choice(words)}?id={rng.randint(1, 10**6)}"
    return "file:hashes.'SHA-256'", hashlib.sha256(str(rng.random()).encode()).hexdigest()


objects, refs = [], []
for _ in range(n):
    path, v = value()
    oid = ident("indicator")
    refs.append(oid)
    o = {"type": "indicator", "spec_version": "2.1", "id": oid, "created": "2026-11-01T08:00:00.000Z",
         "modified": "2026-11-01T08:00:00.000Z", "name": v, "pattern": f"[{path} = '{v}']", "pattern_type": "stix",
         "valid_from": "2026-11-01T08:00:00.000Z", "indicator_types": ["malicious-activity"]}
    if rng.random() < 0.5:
        o["object_marking_refs"] = [GREEN]
    objects.append(o)
objects.append({"type": "marking-definition", "spec_version": "2.1", "id": GREEN, "created": "2022-10-01T00:00:00.000Z",
                "name": "TLP:GREEN", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
                                                    {"extension_type": "property-extension", "tlp_2_0": "green"}}})
for r in range(reports):
    share = refs[r::reports]
    name = f"Benchmark feed of {n} indicators" if reports == 1 else f"Benchmark feed part {r + 1} of {reports} ({len(share)} indicators)"
    objects.append({"type": "report", "spec_version": "2.1", "id": ident("report"), "created": "2026-11-01T08:00:00.000Z",
                    "modified": "2026-11-01T08:00:00.000Z", "name": name, "published": "2026-11-01T08:00:00.000Z",
                    "report_types": ["threat-report"], "object_refs": share})
with open(out, "w") as f:
    json.dump({"type": "bundle", "id": ident("bundle"), "objects": objects}, f)
