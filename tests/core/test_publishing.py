"""The publishing rule in core.publishing: under an active workflow only its approval publishes; elsewhere
Redaktion publishes as before. Blog specifics are in tests/blog/test_editorial_workflow.py."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.models import User
from accounts.roles import EDITORS
from core.models import StandardPage
from core.publishing import PublishThroughWorkflowMixin

pytestmark = pytest.mark.django_db


def test_every_page_type_follows_the_publishing_rule():
    page_types = [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]
    assert len(page_types) >= 11
    assert [model.__name__ for model in page_types if not issubclass(model, PublishThroughWorkflowMixin)] == []


def standard_page_form(page, title):
    return nested_form_data({
        "title": title, "slug": page.slug, "intro": page.intro,
        "body": streamfield([("paragraph", rich_text("<p>Wer wir sind.</p>"))]),
        "comments": inline_formset([]),
    })


def test_redaktion_publishes_pages_outside_a_workflow_and_only_submits_once_an_admin_adds_one(client, demo_site):
    editor = User.objects.create_user("redaktion@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    page = StandardPage.objects.get(slug="ueber-mitgestalten", locale__language_code="de")
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    response = client.post(edit_url, {**standard_page_form(page, "Über uns"), "action-publish": "publish"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Über uns" and page.live and not page.has_unpublished_changes

    # An admin puts the page under the four-eyes workflow: from then on Redaktion only submits.
    WorkflowPage.objects.create(page=page, workflow=Workflow.objects.get(active=True))
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html and 'name="action-submit"' in html
    client.post(edit_url, {**standard_page_form(page, "Eigenmächtig"), "action-publish": "publish"})
    page.refresh_from_db()
    assert page.title == "Über uns"

    # Nor can a live page be moved in there (it would be live without approval); a draft can.
    imprint = StandardPage.objects.get(slug="impressum", locale__language_code="de")
    assert imprint.live and imprint.permissions_for_user(editor).can_move_to(page) is False
    imprint.live = False
    assert imprint.permissions_for_user(editor).can_move_to(page) is True
