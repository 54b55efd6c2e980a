"""A visitor reports a barrier from the home page with the keyboard only and without an account; another one
switches on high contrast and larger text with JavaScript off; every accessibility page passes axe."""

import re

import pytest

from accessibility.models import FeedbackTicket
from tests.conftest import AXE_JS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def tab_to(page, text, limit=150):
    """Press Tab until the focused element's text (or label) contains `text`, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " const label = e.id ? document.querySelector(`label[for='${e.id}']`) : null;"
            " return (e.innerText || '') + ' ' + (label ? label.innerText : '') + ' ' + (e.value || ''); })()"
        )
        if text in focused:
            return
    raise AssertionError(f"no focusable element with {text!r} reached by Tab on {page.url}")


def enhanced_contrast_violations(page):
    """axe's WCAG AAA contrast rule (7:1 for text), which the high-contrast mode promises."""
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast-enhanced']}}))"
        ".violations"
    )
    return [f"{node['target'][0]}: {node['failureSummary']}" for v in result for node in v["nodes"]]


def test_report_a_barrier_from_the_home_page_by_keyboard_without_an_account(browser_page):
    page = browser_page
    page.goto("/en/")
    tab_to(page, "Report a barrier")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/en/barriere-melden/\?seite=/en/$"))
    assert page.get_by_label("Which page is it about?").input_value() == "/en/"
    page.assert_accessible()

    # Sending without a description shows the errors at the top and at the fields.
    tab_to(page, "Send report")
    page.keyboard.press("Enter")
    page.wait_for_selector("#form-errors")
    assert page.locator("#id_description-error").is_visible()
    assert page.title().startswith("Error:")
    page.assert_accessible()
    assert FeedbackTicket.objects.count() == 0

    tab_to(page, "I found a barrier")
    page.keyboard.press("Space")
    tab_to(page, "Please describe the barrier")
    page.keyboard.type("The map on the idea form cannot be used with the keyboard.")
    tab_to(page, "Your email address")
    page.keyboard.type("ole.hansen@example.org")
    tab_to(page, "Send report")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/en/barriere-melden/danke/\?t=.+"))
    ticket = FeedbackTicket.objects.get()
    assert ticket.page == "/en/" and ticket.email == "ole.hansen@example.org"
    assert ticket.number in page.locator("main").inner_text()
    page.assert_accessible()


def test_high_contrast_and_larger_text_without_javascript(chromium, live_server, demo_site):
    context = chromium.new_context(java_script_enabled=False, locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/en/impressum/")
        assert context.cookies() == []
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"

        tab_to(page, "Display")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*/en/darstellung/\?next=/en/impressum/$"))
        tab_to(page, "Larger text")
        page.keyboard.press("Space")
        tab_to(page, "High contrast")
        page.keyboard.press("Space")
        tab_to(page, "Save display settings")
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + "/en/impressum/")

        assert [cookie["name"] for cookie in context.cookies()] == ["display"]
        assert page.get_attribute("html", "class") == "display-large display-contrast"
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
        assert page.evaluate("getComputedStyle(document.querySelector('.main-nav')).backgroundColor") == "rgb(0, 0, 0)"

        # Every page follows the choice, also one served from the anonymous page cache.
        page.goto(live_server.url + "/en/")
        assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    finally:
        context.close()


PAGES = ["/de/barrierefreiheit/", "/en/barrierefreiheit/", "/en/barriere-melden/", "/de/darstellung/",
         "/en/darstellung/", "/de/leichte-sprache/", "/de/gebaerdensprache/", "/en/gebaerdensprache/"]


def test_accessibility_pages_have_no_axe_violations(browser_page):
    page = browser_page
    for path in PAGES:
        page.goto(path)
        page.assert_accessible()
    assert page.locator("video track[kind=captions]").count() == 1

    page.goto("/en/barriere-melden/")
    page.get_by_label("Your email address").fill("keine-adresse")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_selector("#form-errors")
    page.assert_accessible()

    page.get_by_label("I need this content in an accessible format").check()
    page.get_by_label("Please describe the barrier").fill("Die Umfrage zur Mobilität bitte in Großdruck.")
    page.get_by_label("In which format do you need the content?").select_option("large_print")
    page.get_by_label("Your email address").fill("")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_url(re.compile(r".*/en/barriere-melden/danke/\?t=.+"))
    page.assert_accessible()


def test_high_contrast_mode_reaches_seven_to_one(browser_page, live_server):
    page = browser_page
    page.context.add_cookies([{"name": "display", "value": "contrast.large", "url": live_server.url}])
    for path in ["/de/", "/en/barrierefreiheit/", "/en/barriere-melden/", "/de/leichte-sprache/"]:
        page.goto(path)
        page.assert_accessible()
        assert enhanced_contrast_violations(page) == [], path


def test_reduced_motion_stops_smooth_scrolling_on_the_whole_page(browser_page, live_server):
    """'Reduced motion' also reaches <html>, where the design system sets smooth scrolling: jumps to an anchor
    (the skip link, a form's error summary) happen at once."""
    page = browser_page
    page.goto("/de/")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"  # the default
    page.context.add_cookies([{"name": "display", "value": "still", "url": live_server.url}])
    page.goto("/de/")
    assert page.get_attribute("html", "class") == "display-still"
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    assert page.evaluate("getComputedStyle(document.body).scrollBehavior") == "auto"
