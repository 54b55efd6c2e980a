"""Editors in the Wagtail admin: write, preview, submit, a second editor approves; scheduled posts go live by beat."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.models import User
from accounts.roles import EDITORS
from blog.models import Author, BlogIndexPage, BlogPage
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


def test_scheduled_post_is_published_by_the_beat_task(client, demo_site, blog):
    superuser = User.objects.create_superuser("chefin@luebeck.example", "Chefredaktion-2026")
    client.force_login(superuser)
    go_live = timezone.localtime() + datetime.timedelta(hours=1)
    data = post_form(
        "Geplanter Beitrag", "geplanter-beitrag", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["blog", "blogpage", blog.pk]), {**data, "action-publish": "publish"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    post = BlogPage.objects.get(slug="geplanter-beitrag")
    assert not post.live

    app.loader.import_default_modules()  # as the worker does at start: every app's tasks.py
    entry = app.conf.beat_schedule["publish-scheduled-pages"]
    app.tasks[entry["task"]].delay()  # what beat sends every minute: too early, nothing happens
    post.refresh_from_db()
    assert not post.live

    # An hour later: move the scheduled revision's go-live time into the past, as the clock would.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = post.scheduled_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    app.tasks[entry["task"]].delay()
    post.refresh_from_db()
    assert post.live
    assert Page.objects.get(pk=post.pk).live
