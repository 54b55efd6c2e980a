"""The volunteer profile and the suggestions page: a saved profile leads to fitting dates with their
reasons in words; bad input is refused with a message; linked opportunities appear on project pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from core.models import District, ProjectPage
from tests.volunteering.conftest import volunteers
from volunteering.models import Interest, Opportunity, Shift, VolunteerProfile

pytestmark = pytest.mark.django_db


def _profile_data(**changes):
    data = {"interests": [Interest.objects.get(slug="digitale-hilfe").pk], "languages": ["de", "tr"],
            "availability": ["sat-morning", "wed-evening"], "home_district": District.objects.get(slug="innenstadt").pk,
            "max_km": "8", "birth_year": "1958", "weekly_digest": "on"}
    data.update(changes)
    return data


def test_a_saved_profile_leads_to_suggestions_with_reasons(client, organisation, opportunity):
    opportunity.interests.add(Interest.objects.get(slug="digitale-hilfe"))
    opportunity.district = District.objects.get(slug="innenstadt")
    opportunity.save()
    saturday = timezone.localtime(timezone.now() + datetime.timedelta(days=3))
    saturday += datetime.timedelta(days=(5 - saturday.weekday()) % 7)
    start = saturday.replace(hour=10, minute=0, second=0, microsecond=0)
    Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                         capacity=3)
    (person,) = volunteers(1, "profil")
    client.force_login(person)
    assert client.get("/de/engagement/vorschlaege/")["Location"].endswith("/de/engagement/mein-profil/")
    form = client.get("/de/engagement/mein-profil/").content.decode()
    assert 'lang="tr"' in form and "Samstag" in form
    response = client.post("/de/engagement/mein-profil/", _profile_data(), follow=True)
    html = response.content.decode()
    profile = VolunteerProfile.objects.get(user=person)
    assert profile.availability == ["sat-morning", "wed-evening"] and profile.weekly_digest
    assert response.redirect_chain[-1][0].endswith("/de/engagement/vorschlaege/")
    assert opportunity.title in html
    assert "Passt:" in html and "Digitale Hilfe" in html and "samstags vormittags" in html


def test_bad_input_is_refused_and_nothing_is_saved(client):
    (person,) = volunteers(1, "falsch")
    client.force_login(person)
    response = client.post("/de/engagement/mein-profil/", _profile_data(birth_year="1700", max_km="500"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Bitte korrigieren" in html and 'aria-invalid="true"' in html
    assert not VolunteerProfile.objects.filter(user=person).exists()


def test_suggestions_page_queries_do_not_grow_with_opportunities(client, organisation):
    (person,) = volunteers(1, "zaehlen")
    VolunteerProfile.objects.create(user=person, availability=["sat-morning"])
    client.force_login(person)
    start = timezone.now() + datetime.timedelta(days=2)

    def add(count):
        for n in range(count):
            opportunity = Opportunity.objects.create(organisation=organisation, title=f"Angebot {n}",
                                                     slug=f"angebot-{count}-{n}", description="x", published=True)
            Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=1))

    client.get("/de/engagement/vorschlaege/")
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/de/engagement/vorschlaege/").status_code == 200
    add(18)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/de/engagement/vorschlaege/").content.decode()
    assert html.count("<h2 class=\"kern-title\">") == 20
    assert len(many) == len(few)


def test_project_page_lists_its_opportunities_and_the_menu_leads_to_volunteering(client, demo_site):
    project = ProjectPage.objects.get(slug="social-smart-city", locale__language_code="de")
    html = client.get(project.url).content.decode()
    assert "Digitale Sprechstunde in der Stadtbibliothek" in html
    assert 'href="/de/engagement/"' in html  # the main navigation
    # On the project's translations, in the opportunity's translation where there is one.
    english = project.get_translation(Locale.objects.get(language_code="en"))
    assert "Digital help desk at the City Library" in client.get(english.url).content.decode()
    ukrainian = project.get_translation(Locale.objects.get(language_code="uk"))
    assert "Digitale Sprechstunde" not in client.get(ukrainian.url).content.decode()
