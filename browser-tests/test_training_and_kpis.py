"""Training and KPIs as the bakery uses them: Sarah assigns the backups module to everyone, Tom gets it on his
training page, answers the quiz (a wrong answer first, with its explanation) and passes; the matrix shows him done.
Then Sarah enters this month's share of accounts with a second step, below the circle's target, and sees it on the
chart with the target line and in the data table."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit

PASSWORD = "shieldwall-demo"


def set_date(d, field, value):
    d.execute_script("arguments[0].value = arguments[1];", d.find_element(By.ID, f"field-{field}"), value)


def answer(d, question, option):
    d.find_element(By.ID, f"{question}--{option}").click()


def test_admin_assigns_staff_pass_the_quiz_and_kpis_chart_against_the_target(demo, browser):
    d = browser
    sign_in(d, demo, "sarah@hartleys-bakery.example", PASSWORD)
    d.get(demo + "/")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "My organisation"))
    firm = d.current_url.replace(demo, "")
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "Your firm's training"))
    Select(d.find_element(By.ID, "field-course")).select_by_visible_text("Backups you can restore")
    Select(d.find_element(By.ID, "field-person")).select_by_value("everyone")
    set_date(d, "dueOn", (datetime.date.today() + datetime.timedelta(days=10)).isoformat())
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, f'main form[action="{firm}/training"] button[type="submit"]'))
    assert "Course assigned." in d.page_source
    sign_out(d)

    sign_in(d, demo, "tom@hartleys-bakery.example", PASSWORD)
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Training"))
    assigned = d.find_element(By.CSS_SELECTOR, "main table").text
    assert "Backups you can restore" in assigned and "Due by" in assigned
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Backups you can restore"))
    answers = {"rule": "three-two-one", "ransomware": "reach", "test": "light", "how-often": "never"}
    for q, o in answers.items():
        answer(d, q, o)
    submit(d, "/training/courses/backups/quiz")
    outcome = d.find_element(By.ID, "quiz-outcome").text
    assert "2 of 4 right" in outcome, outcome
    assert "A green tick says a copy ran" in d.page_source, "the wrong answer is explained"
    answer(d, "test", "restore")
    answer(d, "how-often", "quarterly")
    submit(d, "/training/courses/backups/quiz")
    assert "Passed: 4 of 4 right." in d.find_element(By.ID, "quiz-outcome").text
    assert "Done on" in d.find_element(By.ID, "my-status").text
    shot(d, "training-quiz-passed")
    sign_out(d)

    sign_in(d, demo, "sarah@hartleys-bakery.example", PASSWORD)
    d.get(demo + firm + "/training")
    tom_row = [r for r in d.find_elements(By.CSS_SELECTOR, "main table tbody tr") if "Tom Price" in r.text][0]
    backups = tom_row.find_element(By.CSS_SELECTOR, 'td[data-label="Backups you can restore"]').text
    assert backups.startswith("Done on"), backups
    shot(d, "training-matrix")

    d.get(demo + firm)
    click_and_wait(d, d.find_element(By.PARTIAL_LINK_TEXT, "Your firm's KPIs"))
    fill(d, "value-mfa", "150")
    submit(d, firm + "/kpis")
    assert "must be between 0 and 100" in d.page_source
    fill(d, "value-mfa", "85")
    submit(d, firm + "/kpis")
    assert "Values saved" in d.page_source
    section = d.find_element(By.ID, "kpi-mfa")
    assert section.find_elements(By.CSS_SELECTOR, "svg line.target-line"), "the chart draws the target line"
    assert "85%" in section.find_element(By.CSS_SELECTOR, "table").text
    assert "Target: 100%" in section.text
    assert "Below target last time" in section.text
    shot(d, "kpis-firm")
