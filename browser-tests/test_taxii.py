"""TAXII 2.1 with the OASIS client (`taxii2-client` from PyPI): a member makes an API token on her account
page, then a security tool reads her community's collection, pages through it, reads the manifest and one
object, adds an indicator, and cannot read a community she is not in. STIX import from the page is
checked with one of the OASIS bundles."""
import os
import re

import pytest
import requests
from selenium.webdriver.common.by import By
from taxii2client.v21 import Collection, Server, as_pages

from helpers import click_and_wait, fill, sign_in, submit

PASSWORD = "shieldwall-demo"
FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "stix-oasis")


def new_token(d, base, email):
    sign_in(d, base, email, PASSWORD)
    d.get(base + "/account/tokens")
    fill(d, "name", "TAXII client")
    fill(d, "current_password", PASSWORD)
    submit(d, "/account/tokens")
    return d.find_element(By.ID, "new-token").text


def test_a_security_tool_reads_and_writes_through_taxii(demo, browser):
    token = new_token(browser, demo, "helen@pennine-precision.example")
    server = Server(demo + "/taxii2/", user="helen@pennine-precision.example", password=token)
    assert server.title == "Shieldwall"
    root = server.api_roots[0]
    titles = {c.title: c for c in root.collections}
    assert set(titles) == {"South Yorkshire Engineering Supply Chain", "TLP:GREEN", "TLP:CLEAR"}
    chain = titles["South Yorkshire Engineering Supply Chain"]
    assert chain.can_read and chain.can_write
    everything = chain.get_objects()
    names = {o.get("name") for o in everything["objects"] if o["type"] == "report"}
    assert "Credential stuffing against our trade web shop" in names
    assert "Attempted change of our bank details with a customer" not in names, "TLP:RED never leaves through TAXII"
    pages = list(as_pages(chain.get_objects, per_request=4))
    assert sum(len(p.get("objects", [])) for p in pages) == len(everything["objects"])
    assert len(chain.get_manifest()["objects"]) == len(everything["objects"])
    indicators = chain.get_objects(type="indicator")["objects"]
    assert indicators and all(o["type"] == "indicator" for o in indicators)
    one = chain.get_object(indicators[0]["id"])
    assert one["objects"][0]["pattern"] == indicators[0]["pattern"]
    status = chain.add_objects({"objects": [{
        "type": "indicator", "spec_version": "2.1", "id": "indicator--6b6f2c0a-1f0e-4c1e-9a55-2a8f3c4d5e6f",
        "created": "2026-11-20T10:00:00.000Z", "modified": "2026-11-20T10:00:00.000Z",
        "pattern": "[ipv4-addr:value = '45.155.205.233']", "pattern_type": "stix", "valid_from": "2026-11-20T10:00:00.000Z"}]})
    assert status.status == "complete" and status.success_count == 1
    assert any("45.155.205.233" in o.get("pattern", "") for o in chain.get_objects(type="indicator")["objects"])
    assert chain.get_objects(added_after="2099-01-01T00:00:00Z").get("objects", []) == []
    # Another community's collection: not listed, and not readable by its address.
    other = chain.url.replace(chain.id, "00000000-0000-4000-8000-000000000000")
    with pytest.raises(requests.HTTPError, match="404"):
        Collection(other, user="helen@pennine-precision.example", password=token).get_objects()
    # A wrong token is refused.
    with pytest.raises(requests.HTTPError, match="401"):
        Server(demo + "/taxii2/", user="helen@pennine-precision.example", password="swp_wrong").title


def test_import_a_stix_bundle_from_the_page(demo, browser):
    d = browser
    sign_in(d, demo, "andrew@kirkfasteners.example", PASSWORD)
    d.get(demo + "/communities/south-yorkshire-engineering-supply-chain/threats")
    d.find_element(By.CSS_SELECTOR, "details.for-it summary").click()  # STIX is for the IT person, folded
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Import STIX"))
    d.find_element(By.ID, "field-bundle").send_keys(os.path.abspath(os.path.join(FIXTURES, "poisonivy.json")))
    submit(d, "/communities/south-yorkshire-engineering-supply-chain/stix/import")
    summary = d.find_element(By.ID, "import-summary").text
    assert re.search(r"\d+ reports? created", summary), summary
    assert "domain autuo.xicp.net" in summary, "the malformed pattern is named"
    d.get(demo + "/communities/south-yorkshire-engineering-supply-chain/threats")
    assert "Poison Ivy" in d.page_source
