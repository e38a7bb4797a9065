"""axe-core (bundled with axe-selenium-python, so it runs offline) over the main pages as a visitor, a member, a
facilitator, an expert and the operator, at desktop (1280 px) and phone (390 px) widths: no serious or critical
violation, and at most one primary button in sight. Each page is also photographed at both widths into browser-tests/screenshots/ (git-ignored) to look at."""
import os

from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from helpers import sign_in, sign_out

PASSWORD = "shieldwall-demo"
CIRCLE = "/communities/leeds-bradford-micro-business-circle"
CHAPTER = "/chapters/milton-keynes-cyber-chapter"
SHOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "screenshots")
WIDTHS = (1280, 390)
PRIMARY = "main button:not(.secondary):not(.danger):not(.link), main a.button:not(.secondary):not(.danger)"


def first_link(d, base, path, css):
    d.get(base + path)
    return d.find_element(By.CSS_SELECTOR, css).get_attribute("href").replace(base, "")


def check(d, base, role, paths, problems):
    for width in WIDTHS:
        d.set_window_size(width, 900)
        for path in paths:
            d.get(base + path)
            os.makedirs(SHOTS, exist_ok=True)  # before axe, which scrolls
            name = f"{role}-{width}-{path.strip('/').replace('/', '_').replace('?', '_') or 'home'}"[:120]
            d.save_screenshot(os.path.join(SHOTS, name + ".png"))
            # One primary button a page: the one thing it is for (buttons folded in a closed menu are not seen).
            primary = d.execute_script(
                "return [...document.querySelectorAll(arguments[0])].filter(e => e.checkVisibility()).map(e => e.innerText)", PRIMARY)
            if len(primary) > 1:
                problems.append(f"{role} {width}px {path}: {len(primary)} primary buttons {primary}")
            axe = Axe(d)
            axe.inject()
            results = axe.run()
            for v in results["violations"]:
                if v.get("impact") in ("serious", "critical"):
                    targets = [" ".join(n["target"]) for n in v["nodes"]][:3]
                    problems.append(f"{role} {width}px {path}: {v['id']} ({v['impact']}) {v['help']} — {targets}")
    d.set_window_size(1280, 900)


def test_main_pages_have_no_serious_accessibility_problems(demo, browser):
    d, problems = browser, []
    check(d, demo, "visitor", ["/", "/sign-in", "/glossary", CHAPTER], problems)
    event = first_link(d, demo, CHAPTER, "main ul.cards h3 a")
    ctf = first_link(d, demo, CHAPTER, "main a[href$='/ctf']")
    check(d, demo, "visitor", [event, ctf], problems)

    sign_in(d, demo, "lucia@cornercafe.example", PASSWORD)
    thread = first_link(d, demo, CIRCLE + "/discussions", "main table a[href^='/threads/']")
    d.get(demo + CIRCLE + "/threats")
    reports = [a.get_attribute("href").replace(demo, "") for a in d.find_elements(By.CSS_SELECTOR, "main table a[href^='/reports/']")]
    report, indicator = reports[0], None
    for candidate in reports:  # the first report that names indicators
        d.get(demo + candidate)
        found = d.find_elements(By.CSS_SELECTOR, "main a[href^='/indicators/']")
        if found:
            report, indicator = candidate, found[0].get_attribute("href").replace(demo, "")
            break
    assert indicator, "some report in the circle names indicators"
    check(d, demo, "member", ["/", "/communities", CIRCLE, CIRCLE + "/discussions", thread, CIRCLE + "/threats", report, indicator,
                              CIRCLE + "/blocklist", CIRCLE + "/plan", CIRCLE + "/playbooks", "/assessment", "/actions", "/coach",
                              "/help", "/notifications", "/account", "/search?q=backup", "/providers", "/providers/new",
                              "/training", "/training/courses/phishing", CIRCLE + "/training", CIRCLE + "/kpis"], problems)
    sign_out(d)

    sign_in(d, demo, "sarah@hartleys-bakery.example", PASSWORD)
    firm = d.find_element(By.LINK_TEXT, "My organisation").get_attribute("href").replace(demo, "")
    check(d, demo, "facilitator", ["/", CIRCLE, CIRCLE + "/health", CIRCLE + "/flags", CIRCLE + "/plan/draft", thread,
                                   firm + "/security", firm + "/security/devices", firm + "/integrations", firm + "/training", firm + "/kpis",
                                   CIRCLE + "/kpis", "/training/external/new?community=" + CIRCLE.split("/")[-1]], problems)
    sign_out(d)

    sign_in(d, demo, "marcus.boateng@experts.example", PASSWORD)
    admin = first_link(d, demo, "/communities/milton-keynes-cyber-chapter/chapter", "main ul.cards a[href*='/chapter/events/']")
    check(d, demo, "chapter facilitator", ["/communities/milton-keynes-cyber-chapter/chapter", admin,
                                           "/communities/milton-keynes-cyber-chapter/mentoring"], problems)
    sign_out(d)

    sign_in(d, demo, "priya.shah@students.example", PASSWORD)
    pair = first_link(d, demo, "/communities/milton-keynes-cyber-chapter/mentoring", "main table a[href*='/mentoring/pairs/']")
    lab = first_link(d, demo, "/communities/milton-keynes-cyber-chapter/labs", "main table a[href*='/labs/']")
    check(d, demo, "chapter learner", ["/communities/milton-keynes-cyber-chapter/mentoring", pair, "/communities/milton-keynes-cyber-chapter/talent",
                                       "/communities/milton-keynes-cyber-chapter/labs", lab], problems)
    sign_out(d)
    sign_in(d, demo, "gary@ridingsprint.example", PASSWORD)
    check(d, demo, "chapter firm", ["/communities/milton-keynes-cyber-chapter/talent"], problems)
    sign_out(d)

    sign_in(d, demo, "fiona.grant@experts.example", PASSWORD)
    check(d, demo, "expert", ["/", "/questions/unanswered", "/help", thread], problems)
    sign_out(d)

    sign_in(d, demo, "operator@shieldwall.example", PASSWORD)
    check(d, demo, "operator", ["/operator", "/operator/organisations", "/operator/communities", "/operator/settings",
                                "/operator/outbox", "/operator/audit", "/operator/kpis", "/training/external/new"], problems)
    assert problems == [], "\n".join(problems)
