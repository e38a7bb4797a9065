"""The whole new-firm path on the demo, served on a port of its own with no base address configured: the operator
adds a firm, its admin opens the invitation from the recorded mail, follows the home page's first steps (second
factor, assessment to "your next steps", inviting staff, asking to join a suggested community) until the list is done.
The admin's page loads are counted: the path must stay short."""
import re
import time

from selenium.webdriver.common.by import By

from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit, totp

OPERATOR = "operator@shieldwall.example"
PASSWORD = "shieldwall-demo"
ADMIN = "dan@donvalleytooling.example"
ADMIN_PASSWORD = "tooling by the river don"


class Loads:
    """Counts the pages the admin's browser loads (each click that leaves a page, each address typed)."""

    def __init__(self, driver):
        self.driver, self.count = driver, 0

    def get(self, url):
        self.driver.get(url)
        self.count += 1

    def click(self, element):
        click_and_wait(self.driver, element)
        self.count += 1

    def submit(self, action):
        self.click(self.driver.find_element(By.CSS_SELECTOR, f'main form[action^="{action}"] button[type="submit"]'))


def steps_left(d):
    return [li.text for li in d.find_elements(By.CSS_SELECTOR, "#first-run ol li:not(.done)")]


def test_a_new_firm_follows_its_first_steps(demo, browser):
    d = browser
    port = demo.rsplit(":", 1)[1]
    sign_in(d, demo, OPERATOR, PASSWORD)
    d.get(demo + "/operator/organisations")
    fill(d, "name", "Don Valley Tooling")
    fill(d, "staff_count", "7")
    fill(d, "sector", "Engineering")
    fill(d, "region", "Sheffield")
    fill(d, "admin_email", ADMIN)
    submit(d, "/operator/organisations")
    assert "no e-mail went out" in d.page_source, "no mail command here: the page does not claim it was sent"
    d.get(demo + "/operator/outbox")
    mail = next(m.text for m in d.find_elements(By.CSS_SELECTOR, "article.mail") if ADMIN in m.text)
    link = re.search(r"http://\S+/invitations/\S+", mail).group(0)
    assert link.startswith(f"http://127.0.0.1:{port}/"), f"the mailed link uses the port the demo serves on: {link}"
    sign_out(d)

    loads = Loads(d)
    loads.get(link)
    fill(d, "display_name", "Dan Whitaker")
    fill(d, "password", ADMIN_PASSWORD)
    fill(d, "password_confirmation", ADMIN_PASSWORD)
    loads.submit("/invitations/")
    assert len(steps_left(d)) == 4
    suggested = [a.text for a in d.find_elements(By.CSS_SELECTOR, "#suggested-communities a")]
    assert "South Yorkshire Engineering Supply Chain" in suggested, suggested
    shot(d, "f1-first-steps")

    # 1. The second factor.
    loads.click(d.find_element(By.LINK_TEXT, "Turn on the second sign-in step"))
    fill(d, "current_password", ADMIN_PASSWORD)
    loads.submit("/account/mfa/start")
    fill(d, "code", totp(d.find_element(By.ID, "totp-secret").text, int(time.time() // 30)))
    loads.submit("/account/mfa/confirm")
    loads.click(d.find_element(By.CSS_SELECTOR, 'nav a[href="/"]'))
    assert len(steps_left(d)) == 3

    # 2. The assessment, to its one "Finish" and the next steps.
    loads.click(d.find_element(By.XPATH, "//section[@id='first-run']//button[text()='Take the self-assessment']"))
    while "/steps/" in d.current_url:
        for fieldset in d.find_elements(By.CSS_SELECTOR, "fieldset.question"):
            radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            d.find_element(By.CSS_SELECTOR, f'label[for="{radios[0].get_attribute("id")}"]').click()
        loads.click(d.find_element(By.CSS_SELECTOR, 'button[value="next"], button[value="finish"]'))
    assert "Assessment submitted" in d.page_source
    heading = d.find_element(By.CSS_SELECTOR, "#next-steps h2").text
    assert heading.startswith("Your next") or "Nothing left to do" in d.page_source
    shot(d, "f2-next-steps")

    # 3. Asking to join the suggested community, from the home page.
    loads.click(d.find_element(By.CSS_SELECTOR, 'nav a[href="/"]'))
    assert len(steps_left(d)) == 2
    loads.click(d.find_element(By.LINK_TEXT, "South Yorkshire Engineering Supply Chain"))
    fill(d, "reason", "We machine parts for two of your members and want to do our part.")
    loads.submit("/communities/")
    assert "Your request has been sent to the facilitator." in d.page_source

    # 4. Inviting a colleague.
    loads.click(d.find_element(By.CSS_SELECTOR, 'nav a[href="/"]'))
    assert steps_left(d) == ["Invite your staff — each person gets their own account and short check-ins."]
    loads.click(d.find_element(By.LINK_TEXT, "Invite your staff"))
    fill(d, "email", "jo@donvalleytooling.example")
    loads.click(d.find_element(By.CSS_SELECTOR, 'main form[action$="/invitations"] button[type="submit"]'))
    loads.click(d.find_element(By.CSS_SELECTOR, 'nav a[href="/"]'))
    assert not d.find_elements(By.ID, "first-run"), "every first step done: the list is gone"
    shot(d, "f3-all-done")
    assert loads.count <= 25, f"the new firm's admin needed {loads.count} page loads"
