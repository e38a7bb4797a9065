"""The second language (issue #31): a visitor switches the sign-in page to Spanish at its foot; Carmen, whose firm
reads Shieldwall in Spanish, takes the self-assessment from start to "tus próximos tres pasos" without an English word
on the way."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import click_and_wait, shot, sign_in
from test_self_assessment import answer_every_page

PASSWORD = "shieldwall-demo"
CARMEN = "carmen@taperiasol.example"


def test_a_visitor_switches_to_spanish_at_the_foot_of_the_page(demo, browser):
    d = browser
    d.get(demo + "/sign-in")
    assert d.find_element(By.TAG_NAME, "h1").text == "Sign in"
    Select(d.find_element(By.ID, "language-switch")).select_by_visible_text("Español")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, "form.language-switch button"))
    assert d.current_url.endswith("/sign-in")
    assert d.find_element(By.TAG_NAME, "h1").text == "Entrar"
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    d.get(demo + "/glossary")
    assert d.find_element(By.TAG_NAME, "h1").text == "Palabras explicadas"
    shot(d, "es1-visitor")
    # And back.
    Select(d.find_element(By.ID, "language-switch")).select_by_visible_text("English")
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, "form.language-switch button"))
    assert d.find_element(By.TAG_NAME, "h1").text == "Words explained"


def test_carmen_takes_the_assessment_in_spanish(demo, browser):
    d = browser
    sign_in(d, demo, CARMEN, PASSWORD)
    assert "Hola, Carmen Ruiz" in d.find_element(By.TAG_NAME, "h1").text
    assert "Descubre por dónde empezar" in d.find_element(By.ID, "security-home").text
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Empezar la autoevaluación"))
    click_and_wait(d, d.find_element(By.CSS_SELECTOR, 'main form[action="/assessment/start"] button'))
    assert d.find_element(By.TAG_NAME, "h1").text == "Sobre tu negocio"
    assert "¿Tu negocio tiene página web?" in d.page_source
    assert answer_every_page(d, "last") == 11
    assert "Autoevaluación enviada" in d.page_source
    assert "Tus próximos tres pasos" in d.page_source
    steps = d.find_elements(By.CSS_SELECTOR, "ol.next-steps > li")
    assert len(steps) == 3
    titles = [s.find_element(By.TAG_NAME, "h3").text for s in steps]
    assert "Activa la verificación en dos pasos en el correo de todos" in titles, titles
    assert "Tu empresa todavía no está lista para Cyber Essentials" in d.page_source
    main = d.find_element(By.TAG_NAME, "main").text
    for english in ("Your next", "Not sure", "Overall", "How to do it", "Backups", "Passwords"):
        assert english not in main, english
    shot(d, "es2-results")
