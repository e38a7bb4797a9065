"""Main paths of the joint plan: the facilitator publishes version 2 from a member's accepted proposal, two
firm admins sign it and a third is asked to review it; a firm runs a playbook and shares the lesson; a call
for help reaches an expert (mail in the outbox) who takes it."""
from selenium.webdriver.common.by import By

from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit

PASSWORD = "shieldwall-demo"
FACILITATOR = "sarah@hartleys-bakery.example"
PRIYA = "priya@airevalley-accounts.example"     # Aire Valley Accountants
MEGAN = "megan@woolandweft.example"             # Wool & Weft
LUCIA = "lucia@cornercafe.example"              # The Corner Café
NEIL = "neil@otleybikes.example"                # Otley Bike Repairs
EXPERT = "fiona.grant@experts.example"
OPERATOR = "operator@shieldwall.example"
CIRCLE = "Leeds & Bradford Micro Business Circle"


def open_plan(d, demo):
    d.get(demo + "/communities")
    click_and_wait(d, d.find_element(By.LINK_TEXT, CIRCLE))
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Our plan"))


def sign_for_firm(d, version):
    click_and_wait(d, d.find_element(By.XPATH, f"//button[text()='Sign version {version} for my firm']"))
    assert "Signed for your firm." in d.page_source


def test_plan_published_signed_and_reviewed(demo, browser):
    d = browser
    sign_in(d, demo, FACILITATOR, PASSWORD)
    open_plan(d, demo)
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='Start the plan from the template']"))
    assert "Draft of version 1" in d.find_element(By.TAG_NAME, "h1").text
    fill(d, "summary", "Our first plan, from the template.")
    submit(d, "/communities/leeds-bradford-micro-business-circle/plan/publish")
    assert "every firm is asked to sign it" in d.page_source
    sign_out(d)

    sign_in(d, demo, PRIYA, PASSWORD)
    open_plan(d, demo)
    assert "Aire Valley Accountants has not signed the plan yet" in d.find_element(By.ID, "my-signoff").text
    sign_for_firm(d, 1)
    sign_out(d)

    # A member proposes a change; the facilitator accepts it and publishes version 2.
    sign_in(d, demo, MEGAN, PASSWORD)
    open_plan(d, demo)
    measure = d.find_element(By.ID, "measure-prevent-updates")
    click_and_wait(d, measure.find_element(By.LINK_TEXT, "Propose a change"))
    fill(d, "title", "Updates on within one week")
    fill(d, "text", "Phones, tills and laptops install updates within a week; the web shop's plugins the same day.")
    fill(d, "reason", "Our web shop plugin was attacked three days after a fix came out.")
    submit(d, "/communities/leeds-bradford-micro-business-circle/plan/proposals")
    assert "Your proposal is sent to the facilitator." in d.page_source
    sign_out(d)

    sign_in(d, demo, FACILITATOR, PASSWORD)
    open_plan(d, demo)
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "Proposals (1 open)"))
    assert "Our web shop plugin was attacked" in d.page_source
    click_and_wait(d, d.find_element(By.XPATH, "//button[@value='accept']"))
    assert "Accepted by Sarah Hartley" in d.page_source
    d.find_element(By.LINK_TEXT, "Back to the plan")
    open_plan(d, demo)
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "Draft of version 2"))
    assert "Updates on within one week" in d.page_source
    fill(d, "summary", "Updates within a week (Wool & Weft's proposal).")
    submit(d, "/communities/leeds-bradford-micro-business-circle/plan/publish")
    assert "Version 2" in d.find_element(By.ID, "plan-version").text
    shot(d, "p1-plan-version-2")
    sign_out(d)

    for admin in (MEGAN, LUCIA):
        sign_in(d, demo, admin, PASSWORD)
        open_plan(d, demo)
        sign_for_firm(d, 2)
        assert "has signed version 2, the current one." in d.find_element(By.ID, "my-signoff").text
        sign_out(d)

    sign_in(d, demo, PRIYA, PASSWORD)
    open_plan(d, demo)
    notice = d.find_element(By.ID, "my-signoff").text
    assert "Aire Valley Accountants signed version 1; version 2 is now current. Please read what changed and sign again." == notice, notice
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Compare versions"))
    assert "Reworded:" in d.page_source and "Updates on within one week" in d.page_source
    sign_out(d)


def test_playbook_run_becomes_a_lesson(demo, browser):
    d = browser
    sign_in(d, demo, LUCIA, PASSWORD)
    d.get(demo + "/communities")
    click_and_wait(d, d.find_element(By.LINK_TEXT, CIRCLE))
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Playbooks"))
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Ransomware"))
    fill(d, "contact_it-provider", "Leeds IT Help, Tom: 0113 496 0100")
    submit(d, "/communities/leeds-bradford-micro-business-circle/playbooks/ransomware/adoption")
    assert "Adopted for your firm" in d.page_source
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='Start a run now (we have this incident)']"))
    assert "call Leeds IT Help, Tom: 0113 496 0100" in d.page_source
    step = d.find_element(By.ID, "step-disconnect")
    step.find_element(By.ID, "note-disconnect").send_keys("Till PC unplugged")
    click_and_wait(d, step.find_element(By.TAG_NAME, "button"))
    assert "done by Lucia Romano" in d.find_element(By.ID, "step-disconnect").text
    click_and_wait(d, d.find_element(By.ID, "step-call-it").find_element(By.TAG_NAME, "button"))
    fill(d, "summary", "The till PC showed a ransom note; restored the same afternoon.")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action$="/close"] button[type="submit"]'))
    assert "Nothing is sent until you press the button" in d.page_source
    assert "Till PC unplugged" in d.find_element(By.ID, "field-what_happened").get_attribute("value")
    shot(d, "p2-lesson-draft")
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='Share the lesson with the community']"))
    assert "Your lesson is shared" in d.page_source
    assert "anonymous to everyone outside your firm" in d.find_element(By.TAG_NAME, "main").text, "anonymous by default"
    sign_out(d)


def test_help_request_reaches_an_expert_who_takes_it(demo, browser):
    d = browser
    sign_in(d, demo, NEIL, PASSWORD)
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'nav a[href="/help"]'))
    assert "Action Fraud" in d.page_source, "the places to report"
    fill(d, "description", "Someone is logged in to our shop's e-mail from abroad and we cannot change the password.")
    fill(d, "contact", "Neil, 07700 900 777, in the workshop")
    submit(d, "/help")
    assert "Open — nobody has taken it yet" in d.find_element(By.ID, "help-state").text
    assert "Account taken over" in d.page_source, "the matching playbook is linked"
    sign_out(d)

    sign_in(d, demo, OPERATOR, PASSWORD)
    d.get(demo + "/operator/outbox")
    assert EXPERT in d.page_source and "Otley Bike Repairs" in d.page_source, "the expert was mailed at once"
    sign_out(d)

    sign_in(d, demo, EXPERT, PASSWORD)
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'nav a[href="/help"]'))
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "Someone is logged in to our shop"))
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()=\"I'm on it\"]"))
    assert "Taken by Dr Fiona Grant" in d.find_element(By.ID, "help-state").text
    fill(d, "body", "Use the 'forgot password' route from your phone, then sign out all sessions. Calling you now.")
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='Send']"))
    assert "Calling you now." in d.find_element(By.ID, "help-timeline").text
    sign_out(d)
