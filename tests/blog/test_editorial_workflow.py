"""Editors in the Wagtail admin: write, preview, submit, a second editor approves; scheduled posts go live by beat.
Nobody makes a post live alone: not by publishing, scheduling, bulk actions, copies, old versions, translations
or the admin API (core.publishing)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, TaskState, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.models import User
from accounts.roles import EDITORS
from blog.models import Author, BlogIndexPage, BlogPage
from blog.workflow import WORKFLOW_NAME
from config.celery import app

pytestmark = pytest.mark.django_db


def editor(email):
    user = User.objects.create_user(email, "Redaktion-Passwort-2026", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def post_form(title, slug, **extra):
    return nested_form_data({
        "title": title,
        "slug": slug,
        "date": "2026-11-20",
        "teaser": "Die Baustellenkoordination mit ROADS geht in die nächste Phase.",
        "body": streamfield([("paragraph", rich_text("<p>ROADS bringt alle Beteiligten an einen Tisch.</p>"))]),
        "authors": Author.objects.first().pk,
        "tags": "ROADS, Baustellen",
        "comments": inline_formset([]),
        **extra,
    })


@pytest.fixture
def blog():
    return BlogIndexPage.objects.get(locale__language_code="de")


def submit_new_post(client, blog, title, slug, **extra):
    response = client.post(reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog.pk]),
                           {**post_form(title, slug, **extra), "action-submit": "submit"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return BlogPage.objects.get(slug=slug)


def approve(client, post):
    task_state = post.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def beat_publishes_scheduled_pages():
    app.loader.import_default_modules()  # as the worker does at start: every app's tasks.py
    entry = app.conf.beat_schedule["publish-scheduled-pages"]
    app.tasks[entry["task"]].delay()


def test_post_is_written_previewed_submitted_and_approved_by_a_second_editor(client, demo_site, blog):
    anna, ben = editor("anna.redaktion@luebeck.example"), editor("ben.redaktion@luebeck.example")
    add_url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog.pk])
    client.force_login(anna)
    assert client.get(add_url).status_code == 200

    data = post_form("ROADS: die nächste Phase", "roads-naechste-phase")
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["blog", "blogpage", blog.pk])
    assert client.post(preview_url, data).json()["is_valid"] is True
    preview = client.get(preview_url)
    assert "ROADS bringt alle Beteiligten an einen Tisch." in preview.content.decode()

    response = client.post(add_url, {**data, "action-submit": "submit"})
    assert response.status_code == 302, response.content.decode()[:3000]
    post = BlogPage.objects.get(slug="roads-naechste-phase")
    assert not post.live
    assert post.current_workflow_state.status == "in_progress"

    # The author cannot approve her own post (four eyes).
    task_state = post.current_workflow_task_state
    action_url = reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "approve", task_state.pk])
    client.post(action_url, {"comment": ""})
    post.refresh_from_db()
    assert not post.live

    client.force_login(ben)
    response = client.post(action_url, {"comment": "Passt so."})
    assert response.status_code in (200, 302)
    post.refresh_from_db()
    assert post.live
    assert TaskState.objects.get(pk=task_state.pk).status == "approved"
    assert client.get(post.url).status_code == 200


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_nobody_publishes_or_schedules_a_post_alone(client, demo_site, blog, who):
    """Redaktion, and superusers too: the edit and create views offer only "submit", and every direct way
    to publish or schedule leaves the post as it was."""
    if who == "superuser":
        user = User.objects.create_superuser("chefin@luebeck.example", "Chefredaktion-2026")
    else:
        user = editor("anna.redaktion@luebeck.example")
    client.force_login(user)
    add_url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog.pk])
    html = client.get(add_url).content.decode()
    assert 'name="action-publish"' not in html and 'name="action-submit"' in html

    # "Publish" on a new post: Wagtail saves a draft instead.
    client.post(add_url, {**post_form("Allein veröffentlicht", "allein"), "action-publish": "publish"})
    post = BlogPage.objects.get(slug="allein")
    edit_url = reverse("wagtailadmin_pages:edit", args=[post.pk])
    assert 'name="action-publish"' not in client.get(edit_url).content.decode()
    # Scheduling: a go-live date in the future and "Publish".
    go_live = (timezone.localtime() + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    client.post(edit_url, {**post_form("Allein geplant", "allein", go_live_at=go_live), "action-publish": "publish"})
    # Reverting to the first version and publishing it.
    first = post.revisions.order_by("created_at").first()
    client.post(reverse("wagtailadmin_pages:revisions_revert", args=[post.pk, first.pk]),
                {**post_form("Alte Fassung", "allein"), "action-publish": "publish"})
    # The pages listing's bulk action "Publish", with its descendants.
    bulk_url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={post.pk}"
    client.post(bulk_url, {"include_descendants": "on"})
    # The admin API's publish action.
    api = client.post(f"/admin/api/main/pages/{post.pk}/action/publish/", {}, content_type="application/json")
    assert api.status_code == 403

    post.refresh_from_db()
    assert not post.live and post.live_revision is None
    assert not post.revisions.filter(approved_go_live_at__isnull=False).exists()

    # A live post: changes stay a draft, the public version stays the reviewed one.
    live_post = BlogPage.objects.live().filter(locale__language_code="de").first()
    reviewed_title = live_post.title
    client.post(reverse("wagtailadmin_pages:edit", args=[live_post.pk]),
                {**post_form("Eigenmächtig geändert", live_post.slug), "action-publish": "publish"})
    live_post.refresh_from_db()
    assert live_post.title == reviewed_title and live_post.has_unpublished_changes
    client.logout()
    assert "Eigenmächtig geändert" not in client.get(live_post.url).content.decode()


def test_copies_of_a_post_are_never_published_at_once(client, demo_site, blog):
    client.force_login(editor("anna.redaktion@luebeck.example"))
    original = BlogPage.objects.live().filter(locale__language_code="de").first()
    client.post(reverse("wagtailadmin_pages:copy", args=[original.pk]), {
        "new_title": "Kopie", "new_slug": "kopie", "new_parent_page": blog.pk, "publish_copies": "on",
    })
    client.post(reverse("wagtailadmin_pages:copy", args=[original.pk]), {
        "new_title": "Alias", "new_slug": "alias", "new_parent_page": blog.pk, "alias": "on",
    })
    assert not BlogPage.objects.live().filter(slug__in=["kopie", "alias"]).exists()


def test_a_translated_post_waits_for_approval_too(client, demo_site, blog, django_capture_on_commit_callbacks):
    """A new language's blog is put under the workflow when it is made; neither wagtail-localize's own
    publishing nor the translation editor's "Publish" takes a translation live without approval."""
    from wagtail_localize.models import Translation, TranslationSource

    anna = editor("anna.redaktion@luebeck.example")
    post = BlogPage.objects.live().filter(locale__language_code="de").first()
    source, _created = TranslationSource.get_or_create_from_instance(post)
    translation = Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="tr"))
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=anna, publish=True)  # what "Sync translated pages → Publish" does
    turkish = post.get_translation(Locale.objects.get(language_code="tr"))
    assert not turkish.live
    assert turkish.get_parent().specific.get_workflow().name == WORKFLOW_NAME
    assert WorkflowPage.objects.filter(page=turkish.get_parent()).exists()

    client.force_login(anna)
    edit_url = reverse("wagtailadmin_pages:edit", args=[turkish.pk])
    editor_html = client.get(edit_url).content.decode()
    assert "&quot;canPublish&quot;: false" in editor_html  # the translation editor offers no "Publish"
    response = client.post(edit_url, {"action": "publish"}, follow=True)
    assert "Sie haben leider keinen Zugang zu diesem Bereich." in response.content.decode()
    turkish.refresh_from_db()
    assert not turkish.live

    # The way to approval (docs/editors.md): stop syncing, submit in the ordinary editor, a second
    # member approves.
    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    html = client.get(edit_url).content.decode()
    assert 'name="action-submit"' in html and 'name="action-publish"' not in html
    client.post(edit_url, {"action-submit": "submit", **post_form(turkish.title, turkish.slug)})
    turkish.refresh_from_db()
    assert turkish.workflow_in_progress
    client.force_login(editor("ben.redaktion@luebeck.example"))
    approve(client, turkish)
    turkish.refresh_from_db()
    assert turkish.live


def test_scheduled_post_goes_live_by_the_beat_task_after_approval(client, demo_site, blog):
    anna, ben = editor("anna.redaktion@luebeck.example"), editor("ben.redaktion@luebeck.example")
    client.force_login(anna)
    go_live = timezone.localtime() + datetime.timedelta(hours=1)
    post = submit_new_post(client, blog, "Geplanter Beitrag", "geplanter-beitrag",
                           go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    client.force_login(ben)
    approve(client, post)
    post.refresh_from_db()
    assert not post.live and post.scheduled_revision is not None  # approved for its go-live time

    beat_publishes_scheduled_pages()  # what beat sends every minute: too early, nothing happens
    post.refresh_from_db()
    assert not post.live

    # An hour later: move the scheduled revision's go-live time into the past, as the clock would.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = post.scheduled_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    beat_publishes_scheduled_pages()
    post.refresh_from_db()
    assert post.live
    assert Page.objects.get(pk=post.pk).live


def test_the_beat_task_never_publishes_a_version_no_one_approved(demo_site, blog):
    """A version scheduled directly (as Redaktion could before this rule) is withdrawn, not published, and
    does not stop other pages that are due."""
    draft = BlogPage(title="Unbesehen geplant", slug="unbesehen-geplant", teaser="Ohne Freigabe.", live=False,
                     body=[("paragraph", "<p>Text.</p>")])
    blog.add_child(instance=draft)
    about = Page.objects.get(slug="ueber-mitgestalten", locale__language_code="de").specific
    about.title = "Über Mitgestalten (geplant)"
    past = timezone.now() - datetime.timedelta(minutes=1)
    Revision.objects.filter(pk__in=[draft.save_revision().pk, about.save_revision().pk]).update(
        approved_go_live_at=past)

    beat_publishes_scheduled_pages()
    draft.refresh_from_db()
    about.refresh_from_db()
    assert not draft.live and draft.scheduled_revision is None
    assert about.title == "Über Mitgestalten (geplant)"  # a page outside the workflow: published as before


def test_the_approval_publishes_the_submitted_version_and_who_saved_a_version_cannot_approve_it(
        client, demo_site, blog):
    anna, ben = editor("anna.redaktion@luebeck.example"), editor("ben.redaktion@luebeck.example")
    client.force_login(anna)
    post = submit_new_post(client, blog, "Vier Augen", "vier-augen")
    client.force_login(ben)
    edit_url = reverse("wagtailadmin_pages:edit", args=[post.pk])
    client.post(edit_url, post_form("Von Ben geändert", "vier-augen"))  # an edit during the review
    approve(client, post)
    post.refresh_from_db()
    assert post.live and post.title == "Vier Augen" and post.has_unpublished_changes  # what Anna submitted

    # Ben's edit is a draft he submits himself: he cannot approve it, Anna can.
    client.post(edit_url, {**post_form("Von Ben geändert", "vier-augen"), "action-submit": "submit"})
    post.refresh_from_db()
    approve(client, post)
    post.refresh_from_db()
    assert post.title == "Vier Augen" and post.current_workflow_state.requested_by == ben
    client.force_login(anna)
    approve(client, post)
    post.refresh_from_db()
    assert post.title == "Von Ben geändert" and not post.has_unpublished_changes


def test_who_reworked_a_post_after_a_change_request_cannot_approve_it(client, demo_site, blog):
    anna, ben, carla = (editor(f"{name}.redaktion@luebeck.example") for name in ("anna", "ben", "carla"))
    client.force_login(anna)
    post = submit_new_post(client, blog, "Zu lang", "zu-lang")
    client.force_login(ben)
    task_state = post.current_workflow_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[post.pk, "reject", task_state.pk]),
                {"comment": "Bitte kürzen."})
    # Ben shortens it himself and resubmits: Anna's review goes on, with his version.
    client.post(reverse("wagtailadmin_pages:edit", args=[post.pk]),
                {**post_form("Von Ben gekürzt", "zu-lang"), "action-submit": "submit"})
    post.refresh_from_db()
    assert post.current_workflow_state.requested_by == anna
    approve(client, post)
    post.refresh_from_db()
    assert not post.live

    client.force_login(carla)
    approve(client, post)
    post.refresh_from_db()
    assert post.live and post.title == "Von Ben gekürzt"
