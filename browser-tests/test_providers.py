"""The provider directory: a member proposes a provider she uses, a duplicate is caught, the facilitator approves
it, and it is found among the backup providers."""
from selenium.webdriver.common.by import By

from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit

PASSWORD = "shieldwall-demo"
MEGAN = "megan@woolandweft.example"             # Wool & Weft, a member firm
FACILITATOR = "sarah@hartleys-bakery.example"


def open_directory(d):
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, "nav").find_element(By.LINK_TEXT, "Providers"))
    assert d.find_element(By.TAG_NAME, "h1").text == "Provider directory"


def test_a_member_proposes_a_provider_and_the_facilitator_approves_it(demo, browser):
    d = browser
    sign_in(d, demo, MEGAN, PASSWORD)
    open_directory(d)
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Propose a provider"))
    # Already listed under another spelling: caught, and what she typed is kept.
    fill(d, "name", "northern backup")
    fill(d, "website", "https://www.nbackup.example/")
    d.find_element(By.ID, "services--backup").click()
    submit(d, "/providers")
    assert "“Northern Backup Ltd” is already in the directory" in d.page_source
    assert d.find_element(By.ID, "services--backup").is_selected()

    fill(d, "name", "Calder Cloud Backup")
    fill(d, "website", "caldercloud.example")
    fill(d, "area", "Calderdale")
    d.find_element(By.ID, "client_sizes--micro").click()
    fill(d, "certifications", "Cyber Essentials")
    submit(d, "/providers")
    assert "once a facilitator or the operator approves it" in d.page_source
    assert "Cyber Essentials — stated, not checked" in d.find_element(By.ID, "provider-certifications").text
    shot(d, "provider-proposed")
    sign_out(d)

    sign_in(d, demo, FACILITATOR, PASSWORD)
    open_directory(d)
    pending = d.find_element(By.ID, "providers-pending")
    click_and_wait(d, pending.find_element(By.LINK_TEXT, "Calder Cloud Backup"))
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='Approve']"))
    assert "The provider is in the directory." in d.page_source
    sign_out(d)

    sign_in(d, demo, MEGAN, PASSWORD)
    d.get(demo + "/providers?service=backup")
    names = [a.text for a in d.find_elements(By.CSS_SELECTOR, "main table a")]
    assert "Calder Cloud Backup" in names and "Northern Backup Ltd" in names
    assert not d.find_elements(By.ID, "providers-pending")
