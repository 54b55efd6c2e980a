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
    from wagtail.models import Site

    call_command("load_demo_content", stdout=io.StringIO())
    lubeck = Site.objects.get(is_default_site=True).root_page  # the region's other towns have an Impressum too
    imprint = lubeck.get_children().get(slug="impressum").specific
    imprint.title = "Impressum (geändert)"
    imprint.save_revision().publish()
    pages_before = Page.objects.count()

    call_command("load_demo_content", stdout=io.StringIO())
    assert Page.objects.count() == pages_before
    assert lubeck.get_children().get(slug="impressum").title == "Impressum (geändert)"
    # The region (issue 26): two more municipalities, each with its own site, loaded once.
    assert sorted(Site.objects.exclude(is_default_site=True).values_list("hostname", flat=True)) == [
        "bad-schwartau.localhost", "wismar.localhost"]
    portal = client.get("/de/region/").content.decode()  # each with an open survey, shown in the region portal
    assert "Umfrage: Wie nutzen Sie den Kurpark?" in portal and "Umfrage: Wegweiser am Alten Hafen" in portal
    # and each with an open engagement of its own organisation, and districts to search from by distance
    assert "Rollstuhlgerechte Führungen durch den Kurpark" in portal and "Gäste am Alten Hafen begrüßen" in portal
    assert "Bad Schwartau" in portal and 'value="cleverbrueck"' in client.get("/de/engagement/").content.decode()


def test_the_demo_shows_a_city_what_the_site_does_with_answers_ideas_and_engagements(client, demo_site):
    """`make run` loads activity too (issue 24, point 19): a survey with a few hundred answers online and on
    paper whose results and dashboard say something, ideas in every status, engagements of three organisations
    with shifts in the coming weeks. Loading again adds nothing."""
    import datetime

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.roles import ANALYSTS
    from participation.ideas.models import Idea
    from participation.surveys.models import SurveyPage
    from participation.surveys.results import compute
    from volunteering.models import Opportunity, Shift

    call_command("load_demo_content", stdout=io.StringIO())
    call_command("load_demo_content", stdout=io.StringIO())  # idempotent

    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    sent = survey.responses.filter(submitted_at__isnull=False)
    assert 200 <= sent.count() <= 500
    assert {"online", "paper"} <= set(sent.values_list("channel", flat=True))
    results = compute(survey)
    assert results["total"] == sent.count()
    # The conditional page is answered only by those who said "Fahrrad".
    by_text = {item["question"].text: item for item in results["questions"]}
    cyclists = {row["label"]: row["count"] for row in by_text["Wie sind Sie meistens unterwegs?"]["rows"]}["Fahrrad"]
    assert 0 < by_text["Was würde das Radfahren verbessern?"]["answered"] <= cyclists

    assert set(Idea.objects.public().values_list("status", flat=True)) == set(Idea.Status.values)

    soon = timezone.now() + datetime.timedelta(days=28)
    engagements = Opportunity.objects.filter(published=True, shifts__starts_at__gt=timezone.now(),
                                             shifts__starts_at__lt=soon).distinct()
    assert engagements.count() >= 8
    assert engagements.values("organisation").distinct().count() >= 3
    assert Shift.objects.filter(starts_at__gt=timezone.now(), starts_at__lt=soon).count() >= 16

    # What an analyst sees: the survey dashboard with the numbers.
    analyst = get_user_model().objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    client.force_login(analyst)
    dashboard = client.get(f"/admin/dashboards/survey/{survey.pk}/").content.decode()
    assert f"{sent.count()}" in dashboard
