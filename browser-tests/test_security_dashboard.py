"""A firm's security dashboard with a real CrowdSec bouncer: the bakery's admin sees the credential-stuffing
recommendation its CrowdSec alerts call for, creates a key for a bouncer, and one click blocks the addresses, which
Debian's `crowdsec-custom-bouncer` then receives from Shieldwall's decisions stream; "warn your community" opens a
report draft with the addresses; a device left without updates goes into the action list, and the device list
comes down as CSV and goes up again. scripts/with-crowdsec sets CUSTOM_BOUNCER to the bouncer's binary."""
import os
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium.webdriver.common.by import By

from helpers import click_and_wait, fill, shot, sign_in

PASSWORD = "shieldwall-demo"
BOUNCER = os.environ.get("CUSTOM_BOUNCER")
ATTACKERS = ["45.155.205.233", "80.94.95.81", "194.26.29.102"]


def open_dashboard(d, demo):
    d.get(demo + "/")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "My organisation"))
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "Security dashboard"))


def start_bouncer(tmp, base, key):
    calls = os.path.join(tmp, "calls.log")
    script = os.path.join(tmp, "record.sh")
    with open(script, "w") as f:
        f.write(f'#!/bin/sh\necho "$1 $2" >> {calls}\n')
    os.chmod(script, 0o755)
    config = os.path.join(tmp, "bouncer.yaml")
    with open(config, "w") as f:
        f.write(f"""bin_path: {script}
feed_via_stdin: false
total_retries: 0
scenarios_containing: []
scenarios_not_containing: []
origins: []
piddir: {tmp}/
update_frequency: 1s
cache_retention_duration: 10s
daemonize: false
log_mode: file
log_dir: {tmp}/
log_level: info
api_url: {base}/
api_key: {key}
prometheus:
  enabled: false
  listen_addr: 127.0.0.1
  listen_port: 60602
""")
    proc = subprocess.Popen([BOUNCER, "-c", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, calls


def wait_for(calls, wanted, seconds=20):
    deadline = time.time() + seconds
    seen = ""
    while time.time() < deadline:
        seen = open(calls).read() if os.path.exists(calls) else ""
        if all(w in seen for w in wanted):
            return seen
        time.sleep(0.5)
    raise AssertionError(f"the bouncer did not receive {wanted}; it got: {seen!r}")


@pytest.mark.skipif(not BOUNCER, reason="run under scripts/with-crowdsec (CI does), which finds crowdsec-custom-bouncer")
def test_one_click_blocks_the_attackers_at_the_bouncer(demo, browser):
    d = browser
    sign_in(d, demo, "sarah@hartleys-bakery.example", PASSWORD)
    open_dashboard(d, demo)
    text = d.find_element(By.ID, "recommendations").find_element(By.XPATH, "following-sibling::ul").text
    assert "Someone is guessing your passwords" in text
    for address in ATTACKERS:
        assert address in text
    shot(d, "security-dashboard")

    # A key that may pull the blocklist, for the firewall's bouncer.
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "Integration keys"))
    fill(d, "name", "Firewall bouncer")
    d.find_element(By.ID, "field-alerts").click()
    d.find_element(By.ID, "field-decisions").click()
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action$="/integrations"] button[type="submit"]'))
    key = d.find_element(By.ID, "new-key").text
    assert key.startswith("swi_")

    with tempfile.TemporaryDirectory() as tmp:
        proc, calls = start_bouncer(tmp, demo, key)
        try:
            time.sleep(3)  # its first pulls: the communities' blocklists, none of the attackers yet
            before = open(calls).read() if os.path.exists(calls) else ""
            assert not any(a in before for a in ATTACKERS), before
            open_dashboard(d, demo)
            click_and_wait(d, d.find_element(By.XPATH, '//button[text()="Block these addresses"]'))
            assert "Done: your firm blocks these addresses." in d.page_source
            seen = wait_for(calls, [f"add {a}" for a in ATTACKERS])
            assert seen.count("add ") >= 3
        finally:
            proc.terminate()
            proc.wait(timeout=10)

    # Warning the community opens a draft; nothing is shared until Sarah reviews and publishes it.
    d.find_element(By.PARTIAL_LINK_TEXT, "Warn ").click()
    assert d.find_element(By.ID, "field-title").get_attribute("value").startswith("Someone is guessing your passwords")
    paste = d.find_element(By.ID, "field-paste").get_attribute("value")
    for address in ATTACKERS:
        assert address in paste


def test_devices_needing_attention_reach_the_action_list_and_the_list_uploads_again(demo, browser):
    d = browser
    sign_in(d, demo, "sarah@hartleys-bakery.example", PASSWORD)
    open_dashboard(d, demo)
    devices = d.find_element(By.ID, "devices").find_element(By.XPATH, "following-sibling::div[1]").text
    assert "Back-office PC" in devices and "Delivery laptop" in devices
    recommendations = d.find_element(By.ID, "recommendations").find_element(By.XPATH, "following-sibling::ul").text
    assert "Back-office PC has had no updates for 38 days" in recommendations

    # One click puts the fix in the firm's action list, once.
    click_and_wait(d, d.find_element(By.XPATH, '//button[text()="Add to our action list"]'))
    assert "It is in your firm's action list." in d.page_source
    assert "In your firm's action list." in d.find_element(By.ID, "recommendations").find_element(By.XPATH, "following-sibling::ul").text
    click_and_wait(d, d.find_element(By.LINK_TEXT, "See your action list"))
    assert "Install the updates on Back-office PC" in d.find_element(By.TAG_NAME, "main").text

    # The device list comes down as CSV, gets a new row in a spreadsheet, and goes up again.
    open_dashboard(d, demo)
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "All devices"))
    link = d.find_element(By.PARTIAL_LINK_TEXT, "Download the list as CSV").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
    csv = urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookie})).read().decode()
    assert csv.count("\n") == 8, csv  # the header and seven devices
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "devices.csv")
        with open(path, "w") as f:
            f.write(csv + "Bad row,toaster,,,,,,,,\r\n")
        d.find_element(By.ID, "field-file").send_keys(path)
        click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[enctype="multipart/form-data"] button[type="submit"]'))
        refused = d.find_element(By.CLASS_NAME, "error-summary").text
        assert 'Line 9: kind "toaster" is not one of' in refused
        assert "7 devices; 2 need attention." in d.page_source, "nothing changed"
        with open(path, "w") as f:
            f.write(csv + "Stock room PC,desktop,Windows,10,,,,,,Tom\r\n")
        d.find_element(By.ID, "field-file").send_keys(path)
        click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[enctype="multipart/form-data"] button[type="submit"]'))
    assert "The device list is stored." in d.page_source
    assert "8 devices; 3 need attention." in d.page_source
    table = d.find_element(By.TAG_NAME, "table").text
    assert "Stock room PC" in table and "Nobody knows when it was last updated" in table
    shot(d, "devices")
