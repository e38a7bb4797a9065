"""Federation's main path on the pages (issue #31; scripts/check-federation runs two real instances): the operator
makes a reading account for another instance and adds a peer that turns out to be unreachable, and sees why in
words, with nothing changed; the community's facilitator agrees that the reading account may read its TLP:AMBER."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import free_port
from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit

PASSWORD = "shieldwall-demo"
OPERATOR = "operator@shieldwall.example"
FACILITATOR = "sarah@hartleys-bakery.example"
CIRCLE = "Leeds & Bradford Micro Business Circle"


def test_an_operator_connects_instances_and_a_facilitator_agrees_to_amber(demo, browser):
    d = browser
    sign_in(d, demo, OPERATOR, PASSWORD)
    d.get(demo + "/operator/federation")
    assert d.find_element(By.TAG_NAME, "h1").text == "Federation: sharing with other instances"

    # A reading account for another instance: its token, once.
    fill(d, "account-name", "Madrid retailers")
    submit(d, "/operator/federation/accounts")
    token = d.find_element(By.ID, "new-key").text
    assert token.startswith("swf_") and "shown only once" in d.page_source
    d.get(demo + "/operator/federation")
    assert token not in d.page_source

    # A peer nobody answers at: added, pulled on request, and the console says what is wrong.
    fill(d, "name", "Closed door")
    fill(d, "api_root", f"http://127.0.0.1:{free_port()}/taxii2/api/")  # a port nobody listens on
    Select(d.find_element(By.ID, "field-community")).select_by_visible_text(CIRCLE)
    submit(d, "/operator/federation")
    assert "Instance added" in d.page_source
    row = d.find_element(By.XPATH, "//tr[td/strong[text()='Closed door']]")
    assert "Collections: every one it may read" in row.text and "Not pulled yet" in row.text
    click_and_wait(d, row.find_element(By.XPATH, ".//button[text()='Pull now']"))
    assert "The pull failed; see why below. Nothing was changed here." in d.page_source
    row = d.find_element(By.XPATH, "//tr[td/strong[text()='Closed door']]")
    assert "Failing (1 in a row): it could not be reached" in row.text, row.text
    shot(d, "f1-operator")

    # Removed again, after a confirmation naming it.
    click_and_wait(d, row.find_element(By.XPATH, ".//button[text()='Remove']"))
    assert "Closed door" in d.find_element(By.TAG_NAME, "main").text
    click_and_wait(d, d.find_element(By.XPATH, "//main//button[text()='Yes, remove it']"))
    assert "Instance removed" in d.page_source and "This instance pulls from no other instance yet." in d.page_source
    sign_out(d)

    # The circle's facilitator lets Madrid read the circle's TLP:AMBER; the agreement carries her name.
    sign_in(d, demo, FACILITATOR, PASSWORD)
    d.get(demo + "/communities")
    click_and_wait(d, d.find_element(By.LINK_TEXT, CIRCLE))
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Sharing with other instances"))
    row = d.find_element(By.XPATH, "//tr[td[text()='Madrid retailers']]")
    assert "Not agreed" in row.text
    click_and_wait(d, row.find_element(By.XPATH, ".//button[text()='Let it read our TLP:AMBER']"))
    assert "Agreed. TLP:AMBER now crosses" in d.page_source
    assert "Agreed by Sarah Hartley" in d.find_element(By.XPATH, "//tr[td[text()='Madrid retailers']]").text
    shot(d, "f2-facilitator")
