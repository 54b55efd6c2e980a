"""The whole public site, walked automatically: every page type an editor can create (one live page of
each, in every language it exists in), every public address without parameters, and every public form in
its error state. Each page: zero axe violations, one main and one h1, a working skip link, nothing from
other hosts, and no sideways scrolling at 320 CSS pixels (which is also what 400 % zoom of a 1280-pixel
window gives). The walk grows by itself: a new page type without a demo page fails here, and a new URL
is visited as soon as it exists.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from wagtail.models import Page, get_page_models

from tests.browser.helpers import sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Addresses that are not pages for people: files, feeds, machine interfaces, the staff side, and the
# paper forms' short codes (they redirect).
NOT_PAGES = ("/admin/", "/django-admin/", "/documents/", "/api/", "/b/", "/static/", "/media/", "/sitemap",
             "/robots.txt", "/feed", ".xml", ".ics", ".pdf", ".json", "/cms-", "/_")


def _paths(patterns, prefix=""):
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def public_addresses(language):
    """Every address without parameters that answers an anonymous visitor with an HTML page."""
    client = Client()
    found = []
    with translation.override(language):
        candidates = sorted({"/" + path for path in _paths(get_resolver().url_patterns)})
    for path in candidates:
        if any(marker in path for marker in ("<", "(", "^", "$", "*", "\\")) or any(m in path for m in NOT_PAGES):
            continue
        if not path.startswith(f"/{language}/"):
            continue
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            found.append(path)
    return found


def one_page_of_each_type():
    """(page type, address) for one live page of every creatable type in every language; a type without
    any live page is a missing demo page, reported by name."""
    missing, pages = [], []
    for model in get_page_models():
        if model is Page or not model.is_creatable:
            continue
        live = model.objects.live().public().select_related("locale")
        if not live.exists():
            missing.append(model.__name__)
            continue
        for language, _name in settings.LANGUAGES:
            page = live.filter(locale__language_code=language).order_by("depth", "pk").first()
            if page is not None:
                pages.append((model.__name__, page.url))
    return missing, pages


WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 320, "height": 640}


def check(browser_page, path):
    """The page at 1280 pixels, then the same page narrowed to 320: the browser lays it out anew with the
    narrow media queries, as the dashboards' journey does (loading every page a second time in a 320-pixel
    window cost a third of the walk). Its language is the one its address names."""
    page = browser_page.page
    browser_page.goto(path)
    assert page.get_attribute("html", "lang") == path.split("/")[1], f"{path}: lang is not the address's language"
    browser_page.assert_accessible()
    page.set_viewport_size(NARROW)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    finally:
        page.set_viewport_size(WIDE)
    assert overflow <= 0, f"{path} scrolls sideways at 320 px by {overflow} px"


def test_every_page_type_in_every_language(browser_page, demo_site):
    missing, pages = one_page_of_each_type()
    assert missing == [], f"page types without a live demo page (add one to the demo content): {missing}"
    assert {name for name, _url in pages} >= {"HomePage", "BlogPage", "ProjectPage", "SurveyPage"}
    for _name, url in pages:
        check(browser_page, url)


def test_every_public_address(browser_page, demo_site):
    for language, _name in settings.LANGUAGES:
        addresses = public_addresses(language)
        assert f"/{language}/engagement/" in addresses
        for path in addresses:
            check(browser_page, path)


# Public forms sent empty: each must show its errors accessibly — a summary announced with role="alert"
# and the fields marked invalid — and still pass every check above.
FORMS = ["/de/konto/signup/", "/de/konto/login/", "/de/vorgang/", "/de/barriere-melden/"]
# (address, field → wrong value); the survey's error state is checked in its own journey.
SIGNED_IN_FORMS = [
    ("/de/engagement/organisation/registrieren/", {}),
    ("/de/engagement/mein-profil/", {"#id_birth_year": "1700"}),
    ("/de/engagement/nachrichten/freiwilligenagentur-demo/", {}),
]


def _submit_empty_and_check(browser_page, path, wrong=None):
    page = browser_page.page
    browser_page.goto(path)
    for selector, value in (wrong or {}).items():
        page.locator(selector).fill(value)
    form = page.locator("main form").filter(has=page.locator("button[type=submit], input[type=submit]")).last
    with page.expect_navigation():
        form.locator("button[type=submit], input[type=submit]").last.click()
    alert = page.locator("main [role=alert]")
    assert alert.count() >= 1, f"{path}: the errors must be announced (role=alert)"
    assert page.locator("main [aria-invalid=true]").count() >= 1, f"{path}: the wrong fields must be marked"
    browser_page.assert_accessible()


def test_every_public_form_in_its_error_state(browser_page, demo_site):
    from participation.ideas.models import ParticipationProcessPage

    process = ParticipationProcessPage.objects.live().filter(locale__language_code="de").first()
    for path in [*FORMS, process.url + "idee/neu/"]:
        _submit_empty_and_check(browser_page, path)
    sign_in_by_keyboard(browser_page, "formulare@example.org", "Formulare-Lübeck-1", group=None)
    for path, wrong in SIGNED_IN_FORMS:
        _submit_empty_and_check(browser_page, path, wrong)

    # The comment form under an idea that is being discussed (the error shows on the idea's page).
    from accounts.models import User
    from participation.ideas import rules
    from participation.ideas.models import Idea

    person = User.objects.get(email="formulare@example.org")
    idea = next(idea for idea in Idea.objects.public().select_related("process")
                if rules.can_comment(person, idea))
    page = browser_page.page
    browser_page.goto(idea.get_absolute_url())
    form = page.locator("main #comment-form")
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
    assert page.locator("main [role=alert]").count() >= 1, "the comment form must announce its errors"
    browser_page.assert_accessible()
