"""Main path of communities: a firm's person asks to start one, the operator approves, the facilitator
goes through the toolkit and invites a firm; that firm's admin accepts, accepts the charter, sees the
community and answers an event; the private calendar feed is valid iCalendar."""
import urllib.request

import icalendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit

PASSWORD = "shieldwall-demo"


def choose(driver, field, text):
    Select(driver.find_element(By.ID, f"field-{field}")).select_by_visible_text(text)


def test_start_a_community_and_bring_a_firm_in(demo, browser):
    d = browser
    # Grace, of a florist in the demo, asks to start a community.
    sign_in(d, demo, "grace@ilkleyflorist.example", PASSWORD)
    d.get(demo + "/communities/new")
    fill(d, "name", "Wharfedale Shops")
    choose(d, "kind", "Region")
    fill(d, "description", "Shops along the Wharfe valley helping each other stay safe.")
    submit(d, "/communities/new")
    assert "sent to the operator" in d.page_source
    sign_out(d)

    # The operator approves it.
    sign_in(d, demo, "operator@shieldwall.example", PASSWORD)
    d.get(demo + "/operator/communities")
    row = d.find_element(By.XPATH, "//li[strong[text()='Wharfedale Shops']]")
    click_and_wait(d, row.find_element(By.XPATH, ".//button[text()='Approve']"))
    assert "Community approved" in d.page_source
    sign_out(d)

    # Grace goes through the toolkit.
    sign_in(d, demo, "grace@ilkleyflorist.example", PASSWORD)
    d.get(demo + "/communities/wharfedale-shops")
    assert "Step 1 of 4" in d.page_source
    submit(d, "/communities/wharfedale-shops/setup/1")
    assert "Step 2 of 4" in d.page_source
    assert "Charter of Wharfedale Shops" in d.find_element(By.ID, "field-charter").get_attribute("value")
    submit(d, "/communities/wharfedale-shops/setup/2")
    assert "Step 3 of 4" in d.page_source
    choose(d, "organisation", "Northgate Motors")
    fill(d, "message", "Imran, come and tell us about that fake invoice.")
    submit(d, "/communities/wharfedale-shops/invitations")
    assert "Northgate Motors" in d.find_element(By.ID, "sent-invitations").text
    shot(d, "c1-toolkit-invitations")
    submit(d, "/communities/wharfedale-shops/setup/3")
    assert "Step 4 of 4" in d.page_source
    d.find_element(By.ID, "field-webinar").click()
    d.execute_script("document.getElementById('field-webinar_starts').value = '2030-01-15T18:00'")
    submit(d, "/communities/wharfedale-shops/setup/4")
    assert d.find_element(By.TAG_NAME, "h1").text == "Wharfedale Shops"
    assert "Monthly webinar" in d.page_source
    sign_out(d)

    # Imran, admin of Northgate Motors, accepts, reads and accepts the charter, and answers the webinar.
    sign_in(d, demo, "imran@northgate-motors.example", PASSWORD)
    invitation = d.find_element(By.XPATH, "//ul[@id='community-invitations']/li[contains(., 'Wharfedale Shops')]")
    click_and_wait(d, invitation.find_element(By.XPATH, ".//button[text()='Accept']"))
    assert "Please read and accept the charter" in d.page_source
    submit(d, "/communities/wharfedale-shops/charter/accept")
    assert d.find_element(By.TAG_NAME, "h1").text == "Wharfedale Shops"
    assert "Northgate Motors" in d.page_source
    shot(d, "c2-member-sees-community")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Monthly webinar"))
    Select(d.find_element(By.ID, "field-answer")).select_by_visible_text("Going")
    submit(d, "/communities/wharfedale-shops/events/")
    assert "1 going, 0 maybe, 0 not going" in d.find_element(By.ID, "rsvp-counts").text

    # His private calendar feed is valid iCalendar with the webinars in it.
    d.get(demo + "/communities/wharfedale-shops/events")
    click_and_wait(d, d.find_element(By.XPATH, "//form[contains(@action, '/calendar')]/button"))
    feed_url = d.find_element(By.ID, "calendar-feed").text
    body = urllib.request.urlopen(feed_url, timeout=10).read()
    calendar = icalendar.Calendar.from_ical(body)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 6
    assert all(str(e["SUMMARY"]) == "Monthly webinar (Wharfedale Shops)" for e in events)
    first = min(e.decoded("DTSTART") for e in events)
    assert first.isoformat() == "2030-01-15T18:00:00+00:00"
