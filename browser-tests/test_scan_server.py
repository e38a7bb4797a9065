"""`shieldwall scan --server`: a haulier's admin scans her web shop's log against her community's
blocklist, sees what would be sent with --dry-run, follows the link the scan prints to the indicator's page
(the reports naming it), sends the counts, and the page's sighting count goes up; with the server gone the
cached list is used and she is told."""
import glob
import json
import shutil
import subprocess
import tempfile
import urllib.request

from selenium.webdriver.common.by import By

from conftest import BIN
from test_taxii import new_token

LOG = """185.220.101.47 - - [22/Nov/2026:01:02:03 +0000] "POST /account/login HTTP/1.1" 401 12 "-" "python-requests/2.31"
185.220.101.47 - - [22/Nov/2026:01:02:04 +0000] "POST /account/login HTTP/1.1" 401 12 "-" "python-requests/2.31"
185.220.101.47 - - [22/Nov/2026:01:02:05 +0000] "POST /account/login HTTP/1.1" 401 12 "-" "python-requests/2.31"
81.2.69.160 - - [22/Nov/2026:01:03:00 +0000] "GET /catalogue HTTP/1.1" 200 5120 "-" "Mozilla/5.0"
"""


def sightings_of(base, token, value):
    req = urllib.request.Request(base + "/api/v1/indicators/lookup", data=json.dumps({"values": [value]}).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)[0]["indicator"]["sightings"]


def test_scan_against_the_server_and_report_back(demo, browser):
    token = new_token(browser, demo, "claire@dalehaulage.example")
    with tempfile.TemporaryDirectory() as tmp:
        log = f"{tmp}/access.log"
        with open(log, "w") as f:
            f.write(LOG)
        args = [BIN, "scan", "--server", demo, "--token", token, "--community", "south-yorkshire-engineering-supply-chain",
                "--cache", f"{tmp}/cache", log]
        before = sightings_of(demo, token, "185.220.101.47")
        dry = subprocess.run(args + ["--dry-run"], capture_output=True, text=True, timeout=60)
        assert dry.returncode == 1, dry.stderr
        assert "185.220.101.47 (ipv4): 3 hit(s)" in dry.stdout
        assert '"value":"185.220.101.47"' in dry.stderr and '"count":3' in dry.stderr
        assert '"first_seen":"2026-11-22T01:02:03Z","last_seen":"2026-11-22T01:02:05Z"' in dry.stderr, "times come from the log"
        assert "81.2.69.160" not in dry.stderr, "addresses that are not indicators are never sent"
        assert sightings_of(demo, token, "185.220.101.47") == before, "a dry run sends nothing"
        # Under the indicator, the scan prints its page on the server: she follows it to the reports naming it.
        found = dry.stdout.splitlines()
        link = found[found.index(next(l for l in found if "185.220.101.47 (ipv4)" in l)) + 1].strip()
        assert link.startswith(demo + "/indicators/"), dry.stdout
        browser.get(link)
        assert "185.220.101.47" in browser.find_element(By.TAG_NAME, "h1").text
        assert "Credential stuffing against our trade web shop" in browser.find_element(By.TAG_NAME, "main").text
        page_count = lambda: browser.find_element(By.XPATH, "//dt[text()='Sightings']/following-sibling::dd[1]").text
        assert page_count().startswith(f"{before} by"), page_count()
        sent = subprocess.run(args, capture_output=True, text=True, timeout=60)
        assert sent.returncode == 1 and "Sent 1 sighting(s)" in sent.stderr, sent.stderr
        assert sightings_of(demo, token, "185.220.101.47") == before + 3
        browser.refresh()
        assert page_count().startswith(f"{before + 3} by"), page_count()
        # The server is unreachable: the cached list is used, and it says so.
        gone = [a if a != demo else demo.rsplit(":", 1)[0] + ":9" for a in args] + ["--no-report"]
        nothing = subprocess.run(gone, capture_output=True, text=True, timeout=60)
        assert nothing.returncode == 2 and "there is no cached list yet" in nothing.stderr, nothing.stderr
        # A server that answered before and is down now: the cache it left (copied under the dead address) stands in.
        for path in glob.glob(f"{tmp}/cache/*"):
            shutil.copy(path, path.replace(demo.rsplit(":", 1)[1], "9"))
        cached = subprocess.run(gone, capture_output=True, text=True, timeout=60)
        assert cached.returncode == 1, cached.stderr
        assert "using the list cached" in cached.stderr
