"""Leichte Sprache and Arabic as their readers meet them (issue 24, point 13)."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_leichte_sprache_home_lists_what_is_open_in_larger_text_without_hyphenation(browser_page):
    from wagtail.models import Page

    # The survey has no Leichte Sprache version here: the home page still lists the German one.
    Page.objects.filter(slug="umfrage-mobilitaet", locale__language_code="de-x-ls").delete()
    page = browser_page
    page.goto("/de/")
    standard = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    page.goto("/de-x-ls/")
    main = page.locator("main")
    assert "Gerade gibt es keine Beteiligung" not in main.inner_text()
    # The survey exists only in German: listed, and marked so screen readers read it in German.
    survey = main.get_by_role("link", name=re.compile("Umfrage: Unterwegs in Lübeck"))
    assert survey.count() == 1 and survey.evaluate("a => a.closest('[lang]').lang") == "de"
    assert main.locator("a[href='/de-x-ls/ideen-digitale-beteiligung/']").count() == 1  # the call, in its own words
    for heading in ("projects", "latest-posts"):  # no heading over an empty section
        section = page.locator(f"section:has(#{heading})")
        assert section.locator("li").count() >= 1, heading
    easy = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    assert easy >= standard * 1.1
    assert page.evaluate("getComputedStyle(document.querySelector('main h2')).hyphens") == "manual"
    page.assert_accessible()

    page.goto("/de-x-ls/konto/login/")
    text = page.locator("main").inner_text()
    assert "Sie haben noch kein Konto?" in text and "Pass·wort" in text
    page.goto("/de-x-ls/konto/signup/")
    assert "Das Pass·wort darf nicht nur aus Zahlen bestehen." in page.locator("main").inner_text()


def test_an_arabic_survey_page_runs_right_to_left(browser_page):
    page = browser_page
    page.goto("/ar/umfrage-mobilitaet/")
    opening = page.locator("main").inner_text()
    assert re.search(r"\d{1,2} [\u0621-\u064a]+، \d{4}", opening)  # "30 نوفمبر، 2026": day, month, year
    assert not re.search(r"[\u0621-\u064a]+ \d{1,2}, \d{4}", opening)  # not the English order
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    legend = page.locator("main legend").first.bounding_box()
    main = page.locator("main form").bounding_box()
    assert abs((legend["x"] + legend["width"]) - (main["x"] + main["width"])) < 24  # the question starts at the right
    resume = page.locator("main a[href*='/antworten/']")
    assert resume.get_attribute("dir") == "ltr"  # the address reads as an address, not mirrored
    sign = page.locator(".site-access a[hreflang='de']").filter(has=page.locator(".kern-icon--sign-language"))
    assert sign.inner_text().strip() == "لغة الإشارة الألمانية"
    page.assert_accessible()
