"""`make run` loads the demo content and prints an admin login that works."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from tooling.management.commands.load_demo_content import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_EDITOR_EMAIL

pytestmark = pytest.mark.django_db


@pytest.mark.sqlite
def test_printed_demo_admin_login_works_in_the_admin(client):
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert f"{DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}" in out.getvalue()

    # The admin's sign-in is the site's own (/admin/login/ leads there); in dev the demo admin needs no
    # authenticator app (STAFF_MFA_REQUIRED is off there and in tests).
    response = client.post("/de/konto/login/?next=/admin/",
                           {"login": DEMO_ADMIN_EMAIL, "password": DEMO_ADMIN_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Mitgestalten" in dashboard.content.decode()

    # A second editor, so that the blog's four-eyes approval can be tried: she approves what the admin submits.
    assert f"{DEMO_EDITOR_EMAIL} / {DEMO_ADMIN_PASSWORD}" in out.getvalue()
    client.logout()
    response = client.post("/de/konto/login/?next=/admin/",
                           {"login": DEMO_EDITOR_EMAIL, "password": DEMO_ADMIN_PASSWORD})
    assert response.status_code == 302 and client.get("/admin/").status_code == 200
    assert get_user_model().objects.get(email=DEMO_EDITOR_EMAIL).groups.filter(name="Redaktion").exists()


def test_loading_twice_changes_nothing_and_keeps_editors_changes(client):
    call_command("load_demo_content", stdout=io.StringIO())
    imprint = Page.objects.get(slug="impressum", locale__language_code="de").specific
    imprint.title = "Impressum (geändert)"
    imprint.save_revision().publish()
    pages_before = Page.objects.count()

    call_command("load_demo_content", stdout=io.StringIO())
    assert Page.objects.count() == pages_before
    assert Page.objects.get(slug="impressum", locale__language_code="de").title == "Impressum (geändert)"
