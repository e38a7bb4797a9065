"""A firm's admin points CrowdSec at the community blocklist: the private feed address from the page,
imported with `cscli decisions import` into a throwaway CrowdSec local API (scripts/with-crowdsec sets
CSCLI). Both the plain CSV (addresses only) and the CrowdSec-shaped CSV import; the latter gives bans."""
import json
import os
import shlex
import subprocess
import tempfile
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from helpers import click_and_wait, sign_in

PASSWORD = "shieldwall-demo"
CSCLI = os.environ.get("CSCLI")


def cscli(*args):
    return subprocess.run(shlex.split(CSCLI) + list(args), capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not CSCLI, reason="run under scripts/with-crowdsec (CI does)")
def test_blocklist_imports_into_crowdsec(demo, browser):
    d = browser
    sign_in(d, demo, "andrew@kirkfasteners.example", PASSWORD)
    d.get(demo + "/communities/south-yorkshire-engineering-supply-chain/blocklist")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action$="/blocklist/token"] button'))
    crowdsec_url = d.find_element(By.ID, "feed-crowdsec").text
    csv_url = d.find_element(By.ID, "feed-csv").text + "?type=ipv4,ipv6,cidr"
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in [("plain.csv", csv_url), ("crowdsec.csv", crowdsec_url)]:
            path = os.path.join(tmp, name)
            with urllib.request.urlopen(url) as response, open(path, "wb") as out:
                out.write(response.read())
            result = cscli("decisions", "import", "-i", path)
            assert result.returncode == 0, result.stderr
            assert "successfully imported" in result.stderr + result.stdout
    listed = cscli("decisions", "list", "-a", "-o", "json")
    decisions = [x for alert in (json.loads(listed.stdout) or []) for x in alert["decisions"]]
    bans = {x["value"] for x in decisions if x["type"] == "ban"}
    assert "185.220.101.34" in bans and "193.142.146.0/24" in bans, decisions
    # A range ban covers the addresses inside it.
    inside = cscli("decisions", "list", "-a", "-i", "193.142.146.7", "-o", "json")
    assert "193.142.146.0/24" in inside.stdout
