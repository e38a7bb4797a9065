"""Main path of self-assessment: the admin of a firm that never took it answers page by page, sees
three next steps once the last page is finished, turns the first step into an action, assigns it and marks it done; a
second assessment shows progress on the chart and what changed."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import click_and_wait, shot, sign_in

PASSWORD = "shieldwall-demo"
ADMIN = "elaine@harrogate-guesthouse.example"


def answer_every_page(d, pick):
    """Picks the first (usually the best) or the last ("Not sure") answer of every question, page by page."""
    pages = 0
    while "/steps/" in d.current_url:
        for fieldset in d.find_elements(By.CSS_SELECTOR, "fieldset.question"):
            radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            target = radios[0] if pick == "first" or "/steps/profile" in d.current_url else radios[-1]
            d.find_element(By.CSS_SELECTOR, f'label[for="{target.get_attribute("id")}"]').click()
        click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'button[value="next"], button[value="finish"]'))
        pages += 1
    return pages


def test_take_the_assessment_plan_an_action_and_see_progress(demo, browser):
    d = browser
    sign_in(d, demo, ADMIN, PASSWORD)
    assert "Find out where to start" in d.find_element(By.ID, "security-home").text
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Start the self-assessment"))
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action="/assessment/start"] button'))
    assert d.find_element(By.TAG_NAME, "h1").text == "About your business"
    assert d.find_element(By.ID, "assessment-progress").get_attribute("value") == "0"
    # Not sure about anything yet: every question counts as not met.
    # The last page's one button finishes: every question has an answer, so it is submitted at once.
    assert answer_every_page(d, "last") == 11
    assert "Assessment submitted" in d.page_source
    assert "Your next three steps" in d.page_source
    steps = d.find_elements(By.CSS_SELECTOR, "ol.next-steps > li")
    assert len(steps) == 3
    first_step = steps[0].find_element(By.TAG_NAME, "h3").text
    assert "Not ready for Cyber Essentials yet" in d.page_source
    shot(d, "a1-results")
    first_results = d.current_url

    # The first step becomes an action, assigned to Elaine with a date, then done.
    step = d.find_elements(By.CSS_SELECTOR, "ol.next-steps > li")[0]
    click_and_wait(d, step.find_element(By.XPATH, ".//button[text()='Add to our action plan']"))
    assert "Added to your action plan" in d.page_source
    assert d.find_element(By.TAG_NAME, "h1").text == first_step
    Select(d.find_element(By.ID, "field-owner")).select_by_visible_text("Elaine Moss")
    due = d.find_element(By.ID, "field-due_on")
    d.execute_script("arguments[0].value = '2099-06-30'", due)
    Select(d.find_element(By.ID, "field-status")).select_by_visible_text("Doing")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form button[type="submit"]'))
    row = d.find_element(By.XPATH, f"//tr[td/a[text()=\"{first_step}\"]]").text
    assert "Elaine Moss" in row and "2099-06-30" in row and "Doing" in row
    click_and_wait(d, d.find_element(By.LINK_TEXT, first_step))
    Select(d.find_element(By.ID, "field-status")).select_by_visible_text("Done")
    d.find_element(By.ID, "field-notes").send_keys("Switched on for all three mailboxes.")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form button[type="submit"]'))
    assert "Done" in d.find_element(By.XPATH, f"//tr[td/a[text()=\"{first_step}\"]]").text
    shot(d, "a2-action-plan")

    # A second assessment, with everything in place, shows the progress.
    d.get(demo + "/assessment")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action="/assessment/start"] button'))
    answer_every_page(d, "first")
    assert d.current_url != first_results
    assert "What changed since last time" in d.page_source
    assert "Ready for Cyber Essentials" in d.page_source
    chart = d.find_element(By.ID, "progress-chart")
    overall_points = [t.text for t in chart.find_elements(By.CSS_SELECTOR, "text") if t.text.isdigit() and t.get_attribute("font-size") == "11"]
    assert overall_points[-1] == "100" and int(overall_points[0]) < 100, overall_points
    shot(d, "a3-progress")
