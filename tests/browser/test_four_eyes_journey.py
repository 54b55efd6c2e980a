"""Four eyes in the Wagtail admin, in Chromium: a Redaktion member finds no way to publish or schedule her
blog post herself, only "submit"; a second member's approval makes it live."""

import pytest

from accounts.roles import EDITORS
from blog.models import BlogIndexPage, BlogPage
from tests.browser.helpers import sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Vier Augen sehen mehr"


def open_more_actions(page):
    """The editor's footer: "Save draft" and a menu with the other actions."""
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()


def test_a_post_goes_live_only_through_a_second_editors_approval(browser_page):
    page = browser_page
    anna = sign_in_by_keyboard(page, "anna.redaktion@luebeck.example", "Redaktion-Lübeck-2026", group=EDITORS)
    blog = BlogIndexPage.objects.get(locale__language_code="de")
    post = BlogPage(title=TITLE, slug="vier-augen-sehen-mehr", teaser="Warum jeder Beitrag zwei Menschen braucht.",
                    body=[("paragraph", "<p>Eine schreibt, ein anderer gibt frei.</p>")], live=False, owner=anna)
    blog.add_child(instance=post)
    post.save_revision(user=anna)

    # Her post's editor: save a draft or submit it, nothing that publishes or schedules publishing.
    page.goto(f"/admin/pages/{post.pk}/edit/")
    open_more_actions(page)
    submit = page.locator("footer button[name=action-submit]")
    submit.wait_for()
    footer = page.locator("footer").inner_text()
    assert page.locator("button[name=action-publish]").count() == 0
    assert "Veröffentlichen" not in footer and "planen" not in footer.lower()
    # The pages list's bulk "Publish" refuses her too.
    page.goto(f"/admin/bulk/wagtailcore/page/publish/?id={post.pk}&next=/admin/pages/{blog.pk}/")
    main = page.locator("main").inner_text()
    assert "Sie haben nicht die Berechtigung diese Seite zu veröffentlichen" in main
    assert page.get_by_role("button", name="Ja, veröffentlichen").count() == 0

    page.goto(f"/admin/pages/{post.pk}/edit/")
    open_more_actions(page)
    with page.expect_navigation():
        page.locator("footer button[name=action-submit]").click()
    post.refresh_from_db()
    assert not post.live and post.workflow_in_progress
    assert page.goto(f"/de/digitalblog/{post.slug}/").status == 404

    # Ben, a second member of Redaktion, signs in and approves: now it is live.
    page.context.clear_cookies()
    sign_in_by_keyboard(page, "ben.redaktion@luebeck.example", "Redaktion-Lübeck-2027", group=EDITORS)
    page.goto(f"/admin/pages/{post.pk}/edit/")
    open_more_actions(page)
    with page.expect_navigation():
        page.locator("footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    post.refresh_from_db()
    assert post.live
    page.context.clear_cookies()
    assert page.goto(f"/de/digitalblog/{post.slug}/").status == 200
    assert page.locator("h1").inner_text() == TITLE
