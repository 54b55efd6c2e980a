"""The public volunteering pages: only verified organisations' opportunities, filters, free places,
sign-up and sign-off, offered places, and queries that do not grow with the number of opportunities."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.volunteering.conftest import volunteers
from volunteering.models import Interest, Opportunity, Organisation, Shift, Signup

pytestmark = pytest.mark.django_db


def test_only_verified_and_published_opportunities_are_shown(client, opportunity, organisation):
    hidden_org = Organisation.objects.create(name="Noch ungeprüft", slug="ungeprueft", contact_email="x@example.org")
    Opportunity.objects.create(organisation=hidden_org, title="Geheimes Angebot", slug="geheim", description="x",
                               published=True)
    html = client.get("/de/engagement/").content.decode()
    assert opportunity.title in html and "Geheimes Angebot" not in html
    assert client.get("/de/engagement/geheim/").status_code == 404
    assert client.get(f"/de/engagement/{opportunity.slug}/").status_code == 200


def test_filters_narrow_the_list(client, opportunity, organisation):
    digital = Interest.objects.get(slug="digitale-hilfe")
    other = Opportunity.objects.create(organisation=organisation, title="Handy-Sprechstunde", slug="handy",
                                       description="Hilfe am Smartphone", published=True, little_german=True)
    other.interests.add(digital)
    other.save()  # parental many-to-many: saved with the opportunity
    html = client.get("/de/engagement/", {"interest": "digitale-hilfe"}).content.decode()
    assert "Handy-Sprechstunde" in html and opportunity.title not in html
    html = client.get("/de/engagement/", {"little_german": "1"}).content.decode()
    assert "Handy-Sprechstunde" in html and opportunity.title not in html


def test_sign_up_full_shift_waiting_list_and_sign_off(client, shift, opportunity):
    url = f"/de/engagement/{opportunity.slug}/"
    anonymous = client.post(f"/de/engagement/schicht/{shift.pk}/anmelden/")
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    shift.capacity = 1
    shift.save()
    first, second = volunteers(2, "seite")
    client.force_login(first)
    assert "1 Platz frei" in client.get(url).content.decode()
    done = client.post(f"/de/engagement/schicht/{shift.pk}/anmelden/", follow=True).content.decode()
    assert "Anfrage" in done and "0 Plätze frei" in done
    client.force_login(second)
    waiting = client.post(f"/de/engagement/schicht/{shift.pk}/anmelden/", follow=True).content.decode()
    assert "Warteliste" in waiting
    client.force_login(first)
    mine = Signup.objects.get(volunteer=first)
    client.post(f"/de/engagement/meine-anmeldungen/{mine.pk}/abmelden/")
    offered = Signup.objects.get(volunteer=second)
    assert offered.status == "offered"
    client.force_login(second)
    page = client.get("/de/engagement/meine-anmeldungen/").content.decode()
    assert "Platz angeboten" in page
    client.post("/de/engagement/meine-anmeldungen/", {"signup": offered.pk, "action": "accept"})
    assert Signup.objects.get(pk=offered.pk).status == "requested"
    client.force_login(first)  # nobody acts on another person's sign-up
    other = client.post(f"/de/engagement/meine-anmeldungen/{offered.pk}/abmelden/")
    assert other.status_code == 404


def test_the_list_runs_the_same_queries_for_3_and_30_opportunities(client, organisation):
    def make(count):
        start = timezone.now() + datetime.timedelta(days=2)
        for n in range(count):
            item = Opportunity.objects.create(organisation=organisation, title=f"Angebot {n}", slug=f"a-{n}-{count}",
                                              description="Text", published=True)
            item.interests.set(Interest.objects.all()[:2])
            item.save()
            Shift.objects.create(opportunity=item, starts_at=start, ends_at=start + datetime.timedelta(hours=1))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/de/engagement/").status_code == 200
        return len(captured)

    make(3)
    queries()  # the first request also looks up the site once
    small = queries()
    make(27)
    queries()  # the change renewed the content version: the page frame's cached data is built once again
    assert queries() == small


def test_signing_off_asks_first_and_taking_an_offer_says_whether_the_organisation_still_confirms(
        client, shift, opportunity, organisation):
    """Issue 24, point 10: a sign-off needs the "yes" on its own page; the message after taking an offered
    place agrees with the status shown (requested: the organisation still confirms; confirmed: signed up)."""
    shift.capacity = 1
    shift.save()
    first, second = volunteers(2, "angebot")
    client.force_login(first)
    client.post(f"/de/engagement/schicht/{shift.pk}/anmelden/")
    mine = Signup.objects.get(volunteer=first)
    listing = client.get("/de/engagement/meine-anmeldungen/").content.decode()
    assert f'href="/de/engagement/meine-anmeldungen/{mine.pk}/abmelden/"' in listing
    assert "die Organisation muss Ihren Platz noch bestätigen" in listing
    question = client.get(f"/de/engagement/meine-anmeldungen/{mine.pk}/abmelden/").content.decode()
    assert "Möchten Sie sich wirklich abmelden?" in question and "Nein, Platz behalten" in question
    mine.refresh_from_db()
    assert mine.status == "requested"  # looking at the question changes nothing
    client.post("/de/engagement/meine-anmeldungen/", {"signup": mine.pk, "action": "cancel"})
    mine.refresh_from_db()
    assert mine.status == "requested"  # the old one-click sign-off leads to the question, no more

    client.force_login(second)
    client.post(f"/de/engagement/schicht/{shift.pk}/anmelden/")  # waiting list
    client.force_login(first)
    client.post(f"/de/engagement/meine-anmeldungen/{mine.pk}/abmelden/")
    offered = Signup.objects.get(volunteer=second)
    assert offered.status == "offered"
    client.force_login(second)
    taken = client.post("/de/engagement/meine-anmeldungen/", {"signup": offered.pk, "action": "accept"},
                        follow=True).content.decode()
    assert "Die Organisation muss ihn noch bestätigen" in taken and "Angefragt" in taken
    assert "Der Platz gehört Ihnen" not in taken

    organisation.auto_confirm = True
    organisation.save()
    client.force_login(first)
    client.post(f"/de/engagement/schicht/{shift.pk}/anmelden/")  # full again: waiting list
    client.force_login(second)
    client.post(f"/de/engagement/meine-anmeldungen/{offered.pk}/abmelden/")
    again = Signup.objects.get(volunteer=first)
    client.force_login(first)
    taken = client.post("/de/engagement/meine-anmeldungen/", {"signup": again.pk, "action": "accept"},
                        follow=True).content.decode()
    assert "und sind eingetragen" in taken and "Bestätigt" in taken
