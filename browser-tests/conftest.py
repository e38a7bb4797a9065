"""Real-browser tests: a fresh `shieldwall serve` per session and headless Debian Chromium.

Run with `python3 -m pytest browser-tests` after `swift build`; SHIELDWALL_BIN names the binary
(default .build/debug/shieldwall).
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("SHIELDWALL_BIN", os.path.join(ROOT, ".build", "debug", "shieldwall"))
OPERATOR_EMAIL = "op@shieldwall.example"
OPERATOR_PASSWORD = "lantern otter river"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, env, data, port):
    log = open(os.path.join(data, "server.log"), "w")
    proc = subprocess.Popen([BIN] + args + ["--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return proc, base
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("server did not start: " + open(os.path.join(data, "server.log")).read())
            time.sleep(0.3)


def stop(proc, data):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def demo():
    """`shieldwall demo` on a fresh data directory: the seeded world of the README."""
    data = tempfile.mkdtemp(prefix="shieldwall-demo-browser-")
    port = free_port()
    # No base address set: links follow the port the demo serves on (test_first_run checks a mailed link).
    env = dict(os.environ)
    env.pop("SHIELDWALL_BASE_URL", None)
    env.pop("DATABASE_URL", None)
    env.pop("SHIELDWALL_DATA", None)
    proc, base = start(["demo", "--data", data], env, data, port)
    yield base
    stop(proc, data)


@pytest.fixture(scope="session")
def server():
    """A server on a fresh data directory (or a fresh PostgreSQL schema is not needed: SQLite here),
    with one operator; stopped at the end."""
    data = tempfile.mkdtemp(prefix="shieldwall-browser-")
    port = free_port()
    env = dict(os.environ, SHIELDWALL_DATA=data, SHIELDWALL_BASE_URL=f"http://127.0.0.1:{port}")
    env.pop("DATABASE_URL", None)
    subprocess.run([BIN, "admin", "create-operator", "--email", OPERATOR_EMAIL, "--name", "Olivia Operator"],
                   input=OPERATOR_PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
    proc, base = start(["serve"], env, data, port)
    yield base
    stop(proc, data)


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()
