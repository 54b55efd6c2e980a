"""Each municipality's site (issue 26) in a real browser: its own name and colour, its own legal pages, its own
language set, and zero axe violations, at 375 px too."""

from urllib.parse import urlsplit

import pytest

from core import municipalities

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_every_municipality_site_is_accessible_and_keeps_its_own_languages(browser_page, live_server, demo_site):
    port = urlsplit(live_server.url).port
    municipalities.create("Bad Schwartau", "bad-schwartau.localhost", port=port, accent_colour="#1d5e3a")
    municipalities.create("Hansestadt Wismar", "wismar.localhost", port=port, kind="partner",
                          accent_colour="#8a1c1c", languages=["de", "de-x-ls", "en", "tr", "uk"])
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    for host, name in (("bad-schwartau.localhost", "Bad Schwartau"), ("wismar.localhost", "Hansestadt Wismar")):
        page.base_url, page.requests = f"http://{host}:{port}", []  # what this host's pages load, from it only
        for path in ("/de/", "/en/", "/de/impressum/", "/de/barrierefreiheit/", "/de/region/"):
            page.goto(path)
            assert name in page.locator("header").inner_text()
            page.assert_accessible()
        accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--mg-blue').trim()")
        assert accent in ("#1d5e3a", "#8a1c1c")
    languages = page.locator(".site-tools").inner_text()
    assert "Türkçe" in languages and "العربية" not in languages  # Wismar offers no Arabic
    page.goto("/ar/")
    assert page.url == f"http://wismar.localhost:{port}/de/"

    # The region portal, filtered by keyboard: only Wismar, whose site has no participation yet.
    page.goto("/de/region/")
    page.get_by_label("Kommune").select_option(label="Hansestadt Wismar")
    page.get_by_role("button", name="Anzeigen").press("Enter")
    page.wait_for_url("**kommune=*")
    assert "Ideen für die Digitale Beteiligung" not in page.locator("#region-results").inner_text()
    page.assert_accessible()
