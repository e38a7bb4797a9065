"""A city chapter's capture the flag as a visitor lives it: Marcus (facilitator of the Milton Keynes Cyber Chapter)
puts a CTF that is running now in the calendar, makes it public and adds a challenge. A visitor, with no account,
registers from the public page with a handle, confirms from the mailed link (read in the operator's outbox, where the
demo's mail goes), sends a wrong flag and then the right one, and sees the scoreboard move to put them first."""
import datetime
import re
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit

PASSWORD = "shieldwall-demo"
SLUG = "milton-keynes-cyber-chapter"


def set_value(d, field, value):
    d.execute_script("arguments[0].value = arguments[1];", d.find_element(By.ID, f"field-{field}"), value)


def test_a_visitor_registers_confirms_and_climbs_the_scoreboard(demo, browser):
    d = browser
    sign_in(d, demo, "marcus.boateng@experts.example", PASSWORD)
    d.get(f"{demo}/communities/{SLUG}/events/new")
    london = datetime.datetime.now(ZoneInfo("Europe/London"))
    Select(d.find_element(By.ID, "field-kind")).select_by_value("ctf")
    fill(d, "title", "Lunchtime CTF")
    fill(d, "description", "Three quick challenges over lunch.")
    set_value(d, "starts", (london - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M"))
    set_value(d, "ends", (london + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    fill(d, "location", "Online")
    submit(d, f"/communities/{SLUG}/events")

    d.get(f"{demo}/communities/{SLUG}")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Public events and registrations"))
    card = [c for c in d.find_elements(By.CSS_SELECTOR, "ul.cards > li") if "Lunchtime CTF" in c.text][0]
    card.find_element(By.TAG_NAME, "summary").click()
    Select(card.find_element(By.CSS_SELECTOR, "select[name=listing]")).select_by_value("public")
    click_and_wait(d, card.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Saved." in d.page_source
    card = [c for c in d.find_elements(By.CSS_SELECTOR, "ul.cards > li") if "Lunchtime CTF" in c.text][0]
    click_and_wait(d, card.find_element(By.PARTIAL_LINK_TEXT, "registered"))
    fill(d, "title", "Hidden in plain sight")
    fill(d, "category", "osint")
    fill(d, "description", "The flag is in the chapter's page source. Or is it?")
    fill(d, "points", "150")
    fill(d, "flag", "flag{lunch-is-served}")
    d.find_element(By.ID, "field-hints").send_keys("20 | It is not in the source.")
    fill(d, "writeup", "It was the title of the lunch menu all along.")
    submit(d, f"/communities/{SLUG}/chapter/events/")
    assert "Challenge added." in d.page_source
    assert "flag{lunch-is-served}" not in d.page_source, "the flag is never shown back"
    sign_out(d)

    # A visitor: no account.
    d.get(f"{demo}/chapters/{SLUG}")
    assert "Public events are free and open to all" in d.page_source
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Lunchtime CTF"))
    fill(d, "name", "Vera Visitor")
    fill(d, "email", "vera@visitor.example")
    fill(d, "handle", "vera_v")
    d.find_element(By.ID, "field-keep_in_touch").click()
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert "open the link in the mail we have just sent you" in d.page_source

    sign_in(d, demo, "operator@shieldwall.example", PASSWORD)
    d.get(demo + "/operator/outbox")
    mail = next(m.text for m in d.find_elements(By.CSS_SELECTOR, "article.mail") if "vera@visitor.example" in m.text)
    link = re.search(r"http://\S+/registrations/\S+/confirm", mail).group(0)
    sign_out(d)

    d.get(link)
    assert "your registration is confirmed" in d.page_source
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Open the challenges"))
    assert "You are playing as vera_v." in d.page_source
    board = d.find_element(By.CSS_SELECTOR, "main table").text
    assert "vera_v" in board and "0" in board
    fill_flag = lambda v: (d.find_element(By.CSS_SELECTOR, "section.challenge input[name=flag]").clear(),
                           d.find_element(By.CSS_SELECTOR, "section.challenge input[name=flag]").send_keys(v))
    fill_flag("flag{breakfast}")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'section.challenge form[action$="/ctf/flag"] button[type=submit]'))
    assert "Not the flag." in d.page_source
    fill_flag("flag{lunch-is-served}")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'section.challenge form[action$="/ctf/flag"] button[type=submit]'))
    assert "Right! The points are yours." in d.page_source
    first = d.find_element(By.CSS_SELECTOR, "main table tbody tr").text
    assert "vera_v" in first and "150" in first, first
    assert "solved" in d.find_element(By.CSS_SELECTOR, "section.challenge h3").text
    shot(d, "chapter-ctf-scoreboard")


def test_a_firm_sees_the_talent_pool_a_visitor_does_not_and_a_learner_finishes_a_lab(demo, browser):
    d = browser
    # A visitor sees the public page, never the talent pool.
    d.get(f"{demo}/chapters/{SLUG}")
    assert "Priya Shah" not in d.page_source
    d.get(f"{demo}/communities/{SLUG}/talent")
    assert "/sign-in" in d.current_url and "Computing student" not in d.page_source

    # Gary runs IT at Ridings Print Co, a member firm: he finds the pool from the chapter and posts an apprenticeship.
    sign_in(d, demo, "gary@ridingsprint.example", PASSWORD)
    d.get(f"{demo}/communities/{SLUG}")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Talent pool"))
    pool = d.find_element(By.TAG_NAME, "main").text
    assert "Priya Shah — Computing student, Open University, year 2" in pool
    assert "IT security summer internship" in pool
    d.find_element(By.XPATH, "//summary[contains(., 'Post an opening')]").click()
    Select(d.find_element(By.ID, "field-kind")).select_by_value("apprenticeship")
    fill(d, "title", "IT technician apprentice")
    fill(d, "description", "Two years, with day release to Milton Keynes College.")
    fill(d, "link", "javascript:alert(1)")
    set_value(d, "closesOn", (datetime.date.today() + datetime.timedelta(days=40)).isoformat())
    post_opening = lambda: click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action$="/talent/openings"] button[type=submit]'))
    post_opening()
    assert "starting with http:// or https://" in d.page_source, "a link that is not http(s) is refused"
    fill(d, "link", "https://ridingsprint.example/jobs/apprentice")
    post_opening()
    main = d.find_element(By.TAG_NAME, "main").text
    assert "IT technician apprentice" in main and "IT security summer internship" in main
    sign_out(d)

    # Liam, half-way through the invoice lab, finishes it.
    sign_in(d, demo, "liam.carter@students.example", PASSWORD)
    d.get(f"{demo}/communities/{SLUG}")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Guided labs"))
    assert "2 of 4 steps done" in d.page_source
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Spot a fake invoice"))
    assert "Check by phone, not by reply" in d.find_element(By.ID, "current").text
    submit(d, f"/communities/{SLUG}/labs/")
    assert "Step done." in d.page_source
    submit(d, f"/communities/{SLUG}/labs/")
    assert "You have done every step of this lab." in d.page_source
    # The pool is for firms: Liam sees the openings, not other people's profiles.
    d.get(f"{demo}/communities/{SLUG}/talent")
    assert "Priya Shah" not in d.page_source and "IT technician apprentice" in d.page_source
    shot(d, "chapter-lab-finished")
