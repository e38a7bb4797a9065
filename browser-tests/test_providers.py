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


LUCIA = "lucia@cornercafe.example"              # The Corner Café


def review(d, overall, tick=True):
    if tick:
        d.find_element(By.ID, "field-uses_provider").click()
    for rating in ["pricing-clarity", "responsiveness", "security-practice"]:
        d.find_element(By.ID, f"ratings[{rating}]--4").click()
    d.find_element(By.ID, f"ratings[overall]--{overall}").click()
    d.find_element(By.ID, "practice[uses-mfa]--yes").click()
    fill(d, "text", "They set up two-step sign-in for all of us.")
    submit(d, "/providers/")


def test_firms_review_a_provider_and_the_third_review_shows_scores(demo, browser):
    d = browser
    sign_in(d, demo, MEGAN, PASSWORD)
    d.get(demo + "/providers?service=accounting-software")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Ledgerly"))
    assert "(1 so far)" in d.find_element(By.ID, "provider-scores").text
    # Without saying the firm uses the provider: refused, and the ratings are kept.
    review(d, 5, tick=False)
    assert "Only a firm that uses or used the provider may review it" in d.page_source
    assert d.find_element(By.ID, "ratings[overall]--5").is_selected()
    d.find_element(By.ID, "field-uses_provider").click()
    submit(d, "/providers/")
    assert "your firm's review is published" in d.page_source
    assert "(2 so far)" in d.find_element(By.ID, "provider-scores").text
    assert "Your firm's review" in d.find_element(By.ID, "provider-reviews").text
    sign_out(d)

    sign_in(d, demo, LUCIA, PASSWORD)
    d.get(demo + "/providers?service=accounting-software")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Ledgerly"))
    review(d, 4)
    scores = d.find_element(By.ID, "provider-scores").text
    assert "Scores from 3 reviewing firms" in scores
    assert "Overall" in scores and "4.7 / 5" in scores
    shot(d, "provider-scores")
