#!/usr/bin/env python3
"""Generates, from a fixed seed, a combined-format access log and a mixed indicator list of which a
known share occurs in the log. Shape after Tests/Fixtures/logs/apache_access.log.

    generate.py --megabytes 20 --indicators 10000 --out DIR
"""
import argparse
import os
import random

PATHS = ["/", "/index.html", "/products/{n}", "/cart", "/checkout", "/blog/{n}-security-tips", "/images/p{n}.jpg",
         "/wp-login.php", "/xmlrpc.php", "/api/v1/items?page={n}", "/search?q=backup+{n}", "/.env", "/static/app.{n}.css"]
AGENTS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/7.88.1", "python-requests/2.31.0",
          "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"]
WORDS = ["shop", "mail", "cdn", "news", "blog", "secure", "login", "pay", "update", "files", "cloud", "portal", "static"]
TLDS = ["example", "test", "invalid", "example.org", "example.net"]


def v4(r):
    return f"{r.randrange(1, 224)}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"


def v6(r):
    return "2001:db8:" + ":".join(f"{r.randrange(65536):x}" for _ in range(6))


def domain(r):
    return f"{r.choice(WORDS)}{r.randrange(100000)}.{r.choice(TLDS)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--megabytes", type=float, default=20)
    ap.add_argument("--indicators", type=int, default=10000)
    ap.add_argument("--present", type=float, default=0.05, help="share of indicators that occur in the log")
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    # Indicators: 55% IPv4, 10% IPv6, 10% CIDR, 20% domains, 5% URLs.
    indicators = []
    for i in range(a.indicators):
        x = r.random()
        if x < 0.55: indicators.append(("ipv4", v4(r)))
        elif x < 0.65: indicators.append(("ipv6", v6(r)))
        elif x < 0.75: indicators.append(("cidr", f"{r.randrange(1, 224)}.{r.randrange(256)}.{r.randrange(256)}.0/24"))
        elif x < 0.95: indicators.append(("domain", domain(r)))
        else: indicators.append(("url", f"http://{domain(r)}/{r.choice(WORDS)}.php"))
    present = [ind for ind in indicators if r.random() < a.present]
    with open(os.path.join(a.out, "indicators.txt"), "w") as f:
        for kind, value in indicators:
            f.write(value + "\n")

    clients = [v4(r) for _ in range(5000)] + [v6(r) for _ in range(500)]
    referrers = ["-"] * 6 + [f"https://{domain(r)}/" for _ in range(300)] + ["https://www.google.com/"] * 3
    target = int(a.megabytes * 1024 * 1024)
    written = 0
    second = 0
    with open(os.path.join(a.out, "access.log"), "w") as f:
        while written < target:
            second += r.randrange(0, 3)
            client, ref = r.choice(clients), r.choice(referrers)
            if present and r.random() < 0.02:
                kind, value = r.choice(present)
                if kind in ("ipv4", "ipv6"): client = value
                elif kind == "cidr": client = value.rsplit(".", 1)[0] + f".{r.randrange(1, 255)}"
                elif kind == "domain": ref = f"https://{r.choice(['www.', 'cdn.', ''])}{value}/{r.choice(WORDS)}"
                else: ref = value
            path = r.choice(PATHS).format(n=r.randrange(1000))
            h, m, s = (second // 3600) % 24, (second // 60) % 60, second % 60
            line = (f'{client} - - [22/Nov/2026:{h:02d}:{m:02d}:{s:02d} +0000] "GET {path} HTTP/1.1" '
                    f'{r.choice([200, 200, 200, 301, 304, 404, 500])} {r.randrange(200, 90000)} "{ref}" "{r.choice(AGENTS)}"\n')
            f.write(line)
            written += len(line)


if __name__ == "__main__":
    main()
