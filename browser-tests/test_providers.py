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


PAT = "pat@nbackup.example"                     # from Northern Backup, invited by the operator to answer its reviews


def review_saying(d, words):
    return next(a for a in d.find_elements(By.CSS_SELECTOR, "#provider-reviews article.review") if words in a.text)


def test_the_providers_own_person_answers_a_review_and_a_member_reports_one(demo, browser):
    d = browser
    sign_in(d, demo, PAT, PASSWORD)
    d.get(demo + "/providers?service=backup")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Northern Backup Ltd"))
    assert "You answer these reviews for the provider" in d.find_element(By.ID, "answers-for-provider").text
    assert not d.find_elements(By.ID, "review-form"), "the provider's people do not review"
    article = review_saying(d, "Took a day to answer once")
    article.find_element(By.TAG_NAME, "textarea").send_keys("Sorry about that day: we now answer within four working hours.")
    click_and_wait(d, article.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Your answer is shown under the review." in d.page_source
    sign_out(d)

    sign_in(d, demo, LUCIA, PASSWORD)
    d.get(demo + "/providers?service=backup")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Northern Backup Ltd"))
    article = review_saying(d, "Took a day to answer once")
    assert "Answer from Northern Backup Ltd" in article.text
    assert "within four working hours" in article.text
    assert not article.find_elements(By.TAG_NAME, "textarea"), "only the provider's people answer"
    article.find_element(By.TAG_NAME, "summary").click()
    click_and_wait(d, article.find_element(By.CSS_SELECTOR, "details button[type=submit]"))
    assert "the operator will look at this review" in d.page_source
    assert "You reported this review." in review_saying(d, "Took a day to answer once").text
    shot(d, "provider-answer")


NEIL = "neil@otleybikes.example"                # Otley Bike Repairs, in the micro-business circle


def test_a_firm_registers_its_number_in_a_group_purchase(demo, browser):
    d = browser
    sign_in(d, demo, NEIL, PASSWORD)
    d.get(demo + "/communities/leeds-bradford-micro-business-circle")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Group purchases"))
    click_and_wait(d, d.find_element(By.LINK_TEXT, "A password manager for our firms"))
    assert d.find_element(By.ID, "purchase-total").text == "7 firms, 36 people"
    fill(d, "quantity", "-2")
    d.execute_script("document.getElementById('field-quantity').removeAttribute('min')")
    submit(d, "/communities/leeds-bradford-micro-business-circle/purchases/")
    assert "Give a whole number from 0 to 100000" in d.page_source
    fill(d, "quantity", "5")
    submit(d, "/communities/leeds-bradford-micro-business-circle/purchases/")
    assert "Your firm's number is saved." in d.page_source
    assert d.find_element(By.ID, "purchase-total").text == "8 firms, 41 people"
    assert "Otley Bike Repairs" in d.find_element(By.ID, "purchase-firms").text
    shot(d, "group-purchase")
