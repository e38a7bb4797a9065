"""Main path of threat sharing: a member pastes a phishing e-mail's headers, reviews the extracted
indicators and publishes as TLP:AMBER; a member of the same community sees it and adds a sighting;
a member of another community does not see it; the blocklist page explains its rule."""
import re

from selenium.webdriver.common.by import By

from helpers import click_and_wait, fill, shot, sign_in, sign_out

PASSWORD = "shieldwall-demo"
CIRCLE = "/communities/leeds-bradford-micro-business-circle"

HEADERS = """Return-Path: <billing@royalmail-redelivery[.]net>
Received: from mx1.royalmail-redelivery.net (unknown [91.92.240.17])
    by mail.woolandweft.example with ESMTP
From: "Royal Mail" <billing@royalmail-redelivery[.]net>
Subject: Your parcel is waiting: pay 1.99 GBP redelivery fee
X-Originating-IP: 192.168.10.4
Pay here: hxxps://royalmail-redelivery[.]net/pay?parcel=GB81734"""


def test_share_a_phishing_email_and_a_member_sights_it(demo, browser):
    d = browser
    # Megan, of a three-person web shop, shares the e-mail she got.
    sign_in(d, demo, "megan@woolandweft.example", PASSWORD)
    d.get(demo + CIRCLE)
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Threat feed"))
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Share something you saw"))
    fill(d, "title", "Fake Royal Mail redelivery fee")
    fill(d, "summary", "A text-and-e-mail scam asking for a 1.99 GBP fee; the page steals card details.")
    fill(d, "paste", HEADERS)
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'button[value="review"]'))
    review = d.find_element(By.ID, "review").text
    assert "https://royalmail-redelivery.net/pay?parcel=GB81734" in review
    assert "billing@royalmail-redelivery.net" in review
    assert "91.92.240.17" in review
    assert "Private network (RFC 1918)" in review
    private = d.find_element(By.CSS_SELECTOR, 'input[value="192.168.10.4"]')
    assert not private.is_selected(), "values that must never be blocked are left unticked"
    assert d.find_element(By.CSS_SELECTOR, 'input[value="91.92.240.17"]').is_selected()
    shot(d, "t1-review")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'button[value="publish"]'))
    assert "Your report is shared." in d.page_source
    assert d.find_element(By.TAG_NAME, "h1").text == "Fake Royal Mail redelivery fee"
    assert "TLP:AMBER" in d.page_source
    report_url = d.current_url
    assert "192.168.10.4" not in d.page_source
    sign_out(d)

    # Priya, of an accountancy in the same circle, sees it and says she got it too.
    sign_in(d, demo, "priya@airevalley-accounts.example", PASSWORD)
    d.get(demo + CIRCLE + "/threats")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Fake Royal Mail redelivery fee"))
    assert "Megan Clarke (Wool & Weft)" in d.find_element(By.TAG_NAME, "main").text
    row = d.find_element(By.XPATH, "//tr[td/a/code[text()='91.92.240.17']]")
    click_and_wait(d, row.find_element(By.XPATH, ".//button[text()='We saw this too']"))
    assert "your sighting is counted" in d.page_source
    assert "1 by 1 firm" in d.page_source and "1 by 1 firms" not in d.page_source
    assert "Aire Valley" not in d.find_element(By.TAG_NAME, "main").text, "the sighting firm is never named"
    shot(d, "t2-indicator")
    sign_out(d)

    # Andrew, of a firm in the other community only, cannot open it.
    sign_in(d, demo, "andrew@kirkfasteners.example", PASSWORD)
    d.get(report_url)
    assert "Fake Royal Mail" not in d.page_source
    assert "no such report" in d.page_source
    # His own community's blocklist explains its rule and hands out a private feed address.
    d.get(demo + "/communities/south-yorkshire-engineering-supply-chain/blocklist")
    assert "at least 2 different firms" in d.page_source
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action$="/blocklist/token"] button'))
    feed = d.find_element(By.ID, "feed-txt").text
    assert re.match(r"http://127\.0\.0\.1:\d+/blocklists/[A-Za-z0-9_-]+\.txt$", feed), feed
    d.get(feed)
    body = d.find_element(By.TAG_NAME, "body").text
    assert "185.220.101.34" in body and "91.92.240.17" not in body
