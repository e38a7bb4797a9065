"""Main path of conversations: a member asks a question, an expert finds it in the unanswered queue
and answers, the member sees the notification and accepts the answer; a poll is voted and closed;
search finds the thread."""
from selenium.webdriver.common.by import By

from helpers import click_and_wait, fill, shot, sign_in, sign_out, submit

PASSWORD = "shieldwall-demo"
MEMBER = "lucia@cornercafe.example"
EXPERT = "fiona.grant@experts.example"
TITLE = "Should the card terminal be on the same Wi-Fi as the till?"


def open_discussions(d, demo):
    d.get(demo + "/communities")
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Leeds & Bradford Micro Business Circle"))
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Discussions and questions"))


def test_ask_answer_accept_poll_and_search(demo, browser):
    d = browser
    sign_in(d, demo, MEMBER, PASSWORD)
    open_discussions(d, demo)
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Ask a question"))
    fill(d, "title", TITLE)
    fill(d, "body", "The terminal, the till and the guest Wi-Fi all hang off one router. <script>alert(1)</script> Is that risky?")
    fill(d, "tags", "wifi, payments")
    submit(d, "/communities/")
    assert d.find_element(By.TAG_NAME, "h1").text == TITLE
    assert "Waiting for an answer" in d.find_element(By.ID, "question-status").text
    assert "<script>alert(1)</script>" in d.find_element(By.CSS_SELECTOR, "#opening .markdown").text, "raw HTML is shown as text"
    question_url = d.current_url
    sign_out(d)

    # The expert is told, finds it in the queue and answers.
    sign_in(d, demo, EXPERT, PASSWORD)
    bell = d.find_element(By.CSS_SELECTOR, 'nav a[href="/notifications"]').text
    assert "new)" in bell, bell
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'nav a[href="/notifications"]'))
    assert f"New question from Lucia Romano: “{TITLE}”" in d.page_source
    d.get(demo + "/questions/unanswered")
    rows = [r.text for r in d.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert any(TITLE in r for r in rows), rows
    click_and_wait(d, d.find_element(By.LINK_TEXT, TITLE))
    fill(d, "body", "Yes: put the card terminal on its own network (most routers can make a **guest** network). @lucia-romano")
    submit(d, "/threads/")
    reply = d.find_elements(By.CSS_SELECTOR, "article.reply")[-1]
    assert "Expert" in reply.find_element(By.CSS_SELECTOR, ".byline").text
    assert reply.find_element(By.CSS_SELECTOR, ".markdown strong").text == "guest"
    d.get(demo + "/questions/unanswered")
    assert TITLE not in d.page_source, "answered questions leave the queue"
    shot(d, "c1-expert-answer")
    sign_out(d)

    # The member accepts the answer.
    sign_in(d, demo, MEMBER, PASSWORD)
    d.get(demo + "/notifications")
    assert f"(expert) answered your question “{TITLE}”" in d.page_source
    d.get(question_url)
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='This answered my question']"))
    assert "Marked as the answer" in d.page_source
    assert "Accepted answer" in d.find_elements(By.CSS_SELECTOR, "article.reply")[-1].text
    assert "Answered (an answer is marked)" in d.find_element(By.ID, "question-status").text
    shot(d, "c2-accepted")

    # A poll: started, voted, closed; results for everyone once closed.
    open_discussions(d, demo)
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Start a discussion"))
    fill(d, "title", "Opening hours for the next meeting")
    fill(d, "body", "Which evening suits the café crowd?")
    d.find_element(By.CSS_SELECTOR, "details summary").click()
    d.find_element(By.CSS_SELECTOR, 'label[for="field-poll"]').click()
    fill(d, "poll_question", "Which evening?")
    fill(d, "poll_options", "Tuesday\nThursday")
    submit(d, "/communities/")
    assert "Results show once you have voted" in d.find_element(By.ID, "poll").text
    d.find_element(By.XPATH, "//label[text()='Thursday']").click()
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='Vote']"))
    poll = d.find_element(By.ID, "poll").text
    assert "Thursday: 1" in poll and "You have voted." in poll, poll
    click_and_wait(d, d.find_element(By.XPATH, "//button[text()='Close the poll now']"))
    assert "Closed" in d.find_element(By.ID, "poll").text
    shot(d, "c3-poll")

    # Search finds the question, the matched word highlighted.
    d.get(demo + "/search")
    fill(d, "q", "terminal till")
    submit(d, "/search")
    results = d.find_elements(By.CSS_SELECTOR, "ol.search-results li")
    assert any(TITLE.split(" ")[0] in r.text and "terminal" in r.text for r in results), [r.text for r in results]
    assert d.find_elements(By.CSS_SELECTOR, "ol.search-results mark")
    # FTS syntax is just words.
    fill(d, "q", '"unbalanced NEAR *')
    submit(d, "/search")
    assert "found" in d.page_source
