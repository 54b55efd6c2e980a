"""Every public page so far passes axe-core, has one h1 and one main, and loads nothing from elsewhere."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ANONYMOUS_PAGES = [
    "/de/", "/en/",
    "/de/ueber-mitgestalten/", "/en/ueber-mitgestalten/",
    "/de/impressum/", "/de/datenschutz/", "/de/barrierefreiheit/", "/en/barrierefreiheit/",
    "/de/konto/login/", "/de/konto/signup/", "/de/konto/password/reset/", "/en/konto/login/",
    "/de/gibt-es-nicht/",
]
ACCOUNT_PAGES = ["/de/konto/", "/de/konto/email/", "/de/konto/password/change/", "/en/konto/", "/de/konto/loeschen/"]


def test_every_anonymous_page_is_accessible(browser_page, demo_site):
    for path in ANONYMOUS_PAGES:
        browser_page.goto(path)
        browser_page.assert_accessible()


def test_a_page_with_every_content_block_is_accessible(browser_page, block_page):
    browser_page.goto("/de/alle-bausteine/")
    browser_page.assert_accessible()
    browser_page.locator("summary", has_text="Wer kann mitmachen?").click()
    assert browser_page.get_by_text("Alle Menschen in der Region Lübeck.").is_visible()


def test_every_account_page_is_accessible(browser_page, demo_site):
    user = User.objects.create_user("lena.hansen@example.org", "Buntekuh-Wiese-12")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page = browser_page
    page.goto("/de/konto/login/")
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill("Buntekuh-Wiese-12")
    page.get_by_role("button", name="Anmeldung").click()
    page.wait_for_url("**/de/konto/")
    for path in ACCOUNT_PAGES:
        page.goto(path)
        page.assert_accessible()

    # "Download my data" (the task runs at once in tests) shows the download link; a wrong password on
    # "delete my account" is announced and deletes nothing.
    page.goto("/de/konto/")
    with page.expect_navigation():
        page.locator('main form[action="/de/konto/meine-daten/"] button').click()
    assert page.locator('[data-export-state="ready"] a').count() == 1
    page.assert_accessible()
    page.goto("/de/konto/loeschen/")
    page.locator("#id_password").fill("falsch")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("main [role=alert]").count() == 1
    assert page.locator("#id_password[aria-invalid=true]").count() == 1
    page.assert_accessible()


@pytest.mark.sqlite
def test_pages_reflow_at_320_pixels_and_focus_is_visible(chromium, live_server, demo_site):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in ["/de/", "/de/konto/signup/"]:
            page.goto(live_server.url + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways at 320 px by {overflow} px"
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the logo link
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("none", ""), "keyboard focus must be visible"
    finally:
        context.close()
