#!/usr/bin/env python3
"""The obvious matcher a sysadmin would write: split each line into fields, strip quotes and brackets,
look every token up in a set of indicator strings. Exact values only: no CIDR ranges, no subdomains.
Prints the numbers of matching lines.

    naive_matcher.py indicators.txt access.log
"""
import sys


def main():
    wanted = {line.strip().lower() for line in open(sys.argv[1]) if line.strip() and not line.startswith("#")}
    out = sys.stdout
    with open(sys.argv[2], "rb") as f:
        for n, raw in enumerate(f, 1):
            for token in raw.decode("utf-8", "replace").split():
                if token.strip('"[]()<>,;').lower() in wanted:
                    out.write(f"{n}\n")
                    break


if __name__ == "__main__":
    main()
