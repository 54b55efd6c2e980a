"""An editor chooses "Diese Seite übersetzen" → English on a published German blog post in Chromium: the
English copy stays offline (not on /en/digitalblog/, 404 at its address) until a person has translated and
published it (issue 21, point 3)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from accounts.models import User
from accounts.roles import EDITORS
from blog.models import BlogPage
from core.localize_content import translate_page
from tests.browser.helpers import sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KULTURWERK = "digitales-kulturwerk-welterbe-in-3d"  # its English version is removed first
ENGLISH_TITLE = "Digital Kulturwerk: experiencing world heritage in 3D"


def visit_as_anonymous(chromium, base_url, path):
    """(status, text of main) of a page for a visitor who is not signed in."""
    context = chromium.new_context(locale="en-GB")
    page = context.new_page()
    response = page.goto(base_url + path)
    result = response.status, page.locator("main").inner_text()
    context.close()
    return result


def test_a_translated_copy_stays_offline_until_it_is_published(browser_page, chromium):
    german = BlogPage.objects.get(slug=KULTURWERK, locale__language_code="de")
    english_locale = Locale.objects.get(language_code="en")
    # The demo has every post in English (issue 24, point 11): without it, the post is German-only as a new one is.
    german.get_translation(english_locale).delete()
    page = browser_page
    sign_in_by_keyboard(page, "lena.redaktion@luebeck.example", "Redaktion-Uebersetzt-2026", group="Redaktion")

    page.goto(f"/admin/pages/{german.pk}/edit/")
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Aktionen").click()  # the page's actions
    page.get_by_role("link", name="Diese Seite übersetzen").click()
    page.wait_for_url(f"**/admin/localize/submit/page/{german.pk}/")
    page.get_by_label("English").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Absenden").click()

    english = german.get_translation(english_locale)
    assert not english.live
    address = f"/en/digitalblog/{KULTURWERK}/"
    assert english.url_path.endswith(f"/digitalblog/{KULTURWERK}/")
    status, listing = visit_as_anonymous(chromium, page.base_url, "/en/digitalblog/")
    assert status == 200 and german.title not in listing
    assert visit_as_anonymous(chromium, page.base_url, address)[0] == 404
    assert visit_as_anonymous(chromium, page.base_url, f"/de/digitalblog/{KULTURWERK}/")[0] == 200

    # The editor translates the copy and submits it; a second member of Redaktion approves, which publishes it
    # (the blog's four-eyes workflow: nobody publishes a post alone, tests/browser/test_four_eyes_journey.py).
    lena = User.objects.get(email="lena.redaktion@luebeck.example")
    translated, _missing = translate_page(german, "en", {german.title: ENGLISH_TITLE}, user=lena, publish=False)
    assert not translated.live
    status, listing = visit_as_anonymous(chromium, page.base_url, "/en/digitalblog/")
    assert german.title not in listing and ENGLISH_TITLE not in listing
    state = translated.get_workflow().start(translated, user=lena)
    second = User.objects.create_user("ben.redaktion@luebeck.example", "Redaktion-Zweite-2026", is_staff=True)
    second.groups.add(Group.objects.get(name=EDITORS))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user=second, action_name="approve")
    translated.refresh_from_db()
    assert translated.live

    status, listing = visit_as_anonymous(chromium, page.base_url, "/en/digitalblog/")
    assert status == 200 and ENGLISH_TITLE in listing
    status, text = visit_as_anonymous(chromium, page.base_url, address)
    assert status == 200 and ENGLISH_TITLE in text
