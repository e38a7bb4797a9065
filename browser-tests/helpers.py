"""What the browser tests do as a person would: type into labelled fields, press buttons, wait for pages."""
import base64
import hashlib
import hmac
import os
import struct

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

SHOTS = os.environ.get("SHIELDWALL_SCREENSHOTS")


def totp(secret_b32, step):
    """The code an authenticator app shows (RFC 6238, SHA-1, 6 digits, 30 s)."""
    key = base64.b32decode(secret_b32.replace(" ", "") + "=" * (-len(secret_b32.replace(" ", "")) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def fill(driver, field, value):
    element = driver.find_element(By.ID, f"field-{field}")
    element.clear()
    element.send_keys(value)


def click_and_wait(driver, element):
    """Clicks and waits until the browser has left the current page."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def left(_):
        # Chromium sometimes reports a node of the old document as "not in the document" instead of stale.
        try:
            page.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    WebDriverWait(driver, 15).until(left)


def submit(driver, form_action):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f'main form[action^="{form_action}"] button[type="submit"]'))


def sign_out(driver):
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, 'nav form[action="/sign-out"] button'))
    assert "You are signed out." in driver.page_source


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def sign_in(driver, base, email, password):
    driver.get(base + "/sign-in")
    fill(driver, "email", email)
    fill(driver, "password", password)
    submit(driver, "/sign-in")
