"""A reader follows the Digitalblog with the keyboard only, and every page type passes axe."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def tab_to(page, text, limit=120):
    """Press Tab until the focused element's text contains `text`, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.innerText || document.activeElement.value || ''")
        if text in focused:
            return
    raise AssertionError(f"no focusable element with {text!r} reached by Tab on {page.url}")


def test_home_blog_post_category_and_feed_by_keyboard(browser_page):
    page = browser_page
    page.goto("/de/")
    page.assert_accessible()

    tab_to(page, "Digitalblog")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/digitalblog/")
    page.assert_accessible()

    tab_to(page, "ROADS: Baustellen früher")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/digitalblog/roads-baustellen-frueh-gemeinsam-koordinieren/")
    page.assert_accessible()

    tab_to(page, "Mobilität")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/digitalblog/kategorie/mobilitaet/")
    assert page.locator("h1").inner_text() == "Mobilität"
    page.assert_accessible()

    tab_to(page, "RSS-Feed")
    feed = page.evaluate("document.activeElement.href")
    assert feed.endswith("/de/digitalblog/kategorie/mobilitaet/feed/rss/")
    response = page.page.request.get(feed)
    assert response.ok and "<rss" in response.text()


def test_project_pages_search_and_english_blog_are_accessible(browser_page):
    page = browser_page
    for path in ["/de/projekte/", "/de/projekte/baustellenmanagement-roads/", "/en/projekte/",
                 "/de/suche/?q=ROADS", "/en/suche/?q=ROADS", "/en/digitalblog/", "/de/digitalblog/2026/",
                 "/de/leichte-sprache/", "/de/gebaerdensprache/"]:
        page.goto(path)
        page.assert_accessible()
