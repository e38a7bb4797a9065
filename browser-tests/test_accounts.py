"""Main path of the foundation: accept an invitation, set a password, enrol TOTP, sign out,
sign in again with password and code."""
import time

from selenium.webdriver.common.by import By

from conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD
from helpers import click_and_wait, fill, shot, sign_out, submit, totp


def test_invitation_password_totp_and_sign_in_again(server, browser):
    d = browser
    # The operator adds a firm and invites its admin.
    d.get(server + "/sign-in")
    fill(d, "email", OPERATOR_EMAIL)
    fill(d, "password", OPERATOR_PASSWORD)
    submit(d, "/sign-in")
    d.get(server + "/operator/organisations")
    fill(d, "name", "Wool & Weft")
    fill(d, "staff_count", "3")
    fill(d, "sector", "Retail (web shop)")
    fill(d, "region", "Halifax")
    fill(d, "admin_email", "megan@woolandweft.example")
    submit(d, "/operator/organisations")
    link = d.find_element(By.ID, "invitation-link").text
    assert link.startswith(server + "/invitations/")
    shot(d, "1-operator-invited")
    sign_out(d)

    # Megan opens the link, tries a common password, then a good one.
    d.get(link)
    assert "Wool & Weft" in d.find_element(By.TAG_NAME, "main").text
    fill(d, "display_name", "Megan Clarke")
    fill(d, "password", "password1234")
    fill(d, "password_confirmation", "password1234")
    submit(d, "/invitations/")
    assert "too common" in d.find_element(By.CSS_SELECTOR, ".error-summary").text
    fill(d, "password", "wool and weft and wire")
    fill(d, "password_confirmation", "wool and weft and wire")
    submit(d, "/invitations/")
    assert d.find_element(By.TAG_NAME, "h1").text == "Welcome, Megan Clarke"
    shot(d, "2-welcome")

    # Her home page leads: the first of her first steps is the second factor, with her authenticator app (computed here).
    assert "Getting started" in d.find_element(By.ID, "first-run").text
    click_and_wait(d, d.find_element(By.LINK_TEXT, "Turn on the second sign-in step"))
    fill(d, "current_password", "wool and weft and wire")
    submit(d, "/account/mfa/start")
    secret = d.find_element(By.ID, "totp-secret").text
    assert d.find_element(By.ID, "totp-link").get_attribute("href").startswith("otpauth://totp/Shieldwall:")
    enrol_step = int(time.time() // 30)
    fill(d, "code", totp(secret, enrol_step))
    submit(d, "/account/mfa/confirm")
    codes = d.find_elements(By.CSS_SELECTOR, "#recovery-codes li")
    assert len(codes) == 10
    shot(d, "3-recovery-codes")
    sign_out(d)

    # Signing in again asks for the password, then a fresh code.
    d.get(server + "/sign-in")
    fill(d, "email", "megan@woolandweft.example")
    fill(d, "password", "wool and weft and wire")
    submit(d, "/sign-in")
    assert d.find_element(By.TAG_NAME, "h1").text == "Second step: your code"
    fill(d, "code", totp(secret, enrol_step))
    submit(d, "/sign-in/code")
    assert "already used" in d.find_element(By.CSS_SELECTOR, ".error-summary").text, "a used code is refused"
    fill(d, "code", totp(secret, enrol_step + 1))
    submit(d, "/sign-in/code")
    assert d.find_element(By.TAG_NAME, "h1").text == "Welcome, Megan Clarke"
    assert "Wool & Weft" in d.find_element(By.TAG_NAME, "main").text
    shot(d, "4-signed-in-with-code")
