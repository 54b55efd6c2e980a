"""The parts of the engagement pages kept in the cache (docs/caching.md): what a visitor sees follows every change
of an opportunity, its organisation, translations, interests and dates at once; the free places are never kept."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.html import page_soup
from tests.volunteering.conftest import volunteers
from volunteering.models import Interest, OpportunityTranslation, Shift, Signup

pytestmark = pytest.mark.django_db

LIST = "/de/engagement/"


def card_text(client, title, url=LIST):
    cards = page_soup(client, url).select(".idea-list .kern-card")
    return next((card.get_text(" ", strip=True) for card in cards if title in card.get_text()), None)


def test_a_card_follows_edits_translations_interests_and_next_dates(
        client, opportunity, shift, django_capture_on_commit_callbacks):
    assert card_text(client, "Lebensmittel ausgeben") is not None
    with django_capture_on_commit_callbacks(execute=True):  # the content version is renewed after the commit
        opportunity.title = "Lebensmittel verteilen"
        opportunity.interests.set([Interest.objects.get(slug="digitale-hilfe")])
        opportunity.save()
    card = card_text(client, "Lebensmittel verteilen")
    assert card is not None and Interest.objects.get(slug="digitale-hilfe").name in card
    assert card_text(client, "Lebensmittel ausgeben") is None

    with django_capture_on_commit_callbacks(execute=True):
        OpportunityTranslation.objects.create(opportunity=opportunity, language="en", title="Hand out food",
                                              description="On Saturdays.")
    assert card_text(client, "Hand out food", "/en/engagement/") is not None

    sooner = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).replace(hour=9, minute=30, second=0,
                                                                                      microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        Shift.objects.create(opportunity=opportunity, starts_at=sooner, ends_at=sooner + datetime.timedelta(hours=2))
    assert "9:30" in card_text(client, "Lebensmittel verteilen")


def test_the_opportunity_page_follows_edits_and_goes_away_when_unpublished(
        client, opportunity, shift, django_capture_on_commit_callbacks):
    url = f"/de/engagement/{opportunity.slug}/"
    assert opportunity.title in page_soup(client, url).h1.get_text()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity.title = "Lebensmittel verteilen"
        opportunity.description = "Jetzt auch freitags."
        opportunity.save()
    soup = page_soup(client, url)
    assert soup.h1.get_text() == "Lebensmittel verteilen" and "Jetzt auch freitags." in soup.get_text()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity.organisation.name = "Tafel Lübeck e. V."
        opportunity.organisation.save()
    assert "Tafel Lübeck e. V." in page_soup(client, url).get_text()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity.published = False
        opportunity.save()
    assert client.get(url).status_code == 404


def test_the_free_places_of_a_date_are_never_kept(client, opportunity, shift):
    url = f"/de/engagement/{opportunity.slug}/"
    assert "10 Plätze frei" in page_soup(client, url).select_one(".shift-list").get_text()
    for person in volunteers(3, "frei"):
        Signup.objects.create(shift=shift, volunteer=person, status=Signup.Status.CONFIRMED)
    assert "7 Plätze frei" in page_soup(client, url).select_one(".shift-list").get_text()


def test_an_opportunity_published_after_a_visit_to_its_address_shows_at_once(
        client, organisation, django_capture_on_commit_callbacks):
    from volunteering.models import Opportunity

    assert client.get("/de/engagement/spaeter/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        Opportunity.objects.create(organisation=organisation, title="Später", slug="spaeter", description="Bald.",
                                   published=True)
    assert client.get("/de/engagement/spaeter/").status_code == 200


def test_a_card_shows_the_following_date_once_its_next_shift_has_started(client, opportunity, shift):
    later = shift.starts_at + datetime.timedelta(days=7)
    Shift.objects.create(opportunity=opportunity, starts_at=later, ends_at=later + datetime.timedelta(hours=2))
    first = timezone.localtime(shift.starts_at)
    assert f"{first.day}. " in card_text(client, "Lebensmittel ausgeben")
    # No change to any content: only time passes (the content version stays), and the card must follow.
    with time_machine.travel(shift.starts_at + datetime.timedelta(minutes=1), tick=False):
        card = card_text(client, "Lebensmittel ausgeben")
    following = timezone.localtime(later)
    assert f"{following.day}. " in card and following.strftime("%H:%M") in card


def test_the_number_found_follows_new_and_unpublished_opportunities_with_and_without_filters(
        client, opportunity, organisation, django_capture_on_commit_callbacks):
    from volunteering.models import Opportunity

    def found(query=""):
        return int(page_soup(client, LIST + query).select_one("p[role=status]").get_text(strip=True).split()[0])

    remote = "?remote=1"
    everything, at_home = found(), found(remote)
    assert at_home < everything  # each filter counted on its own
    with django_capture_on_commit_callbacks(execute=True):
        other = Opportunity.objects.create(organisation=organisation, title="Von zu Hause", slug="zuhause",
                                           description="Telefonpatenschaft.", published=True, remote=True)
    assert (found(), found(remote)) == (everything + 1, at_home + 1)
    with django_capture_on_commit_callbacks(execute=True):
        other.published = False
        other.save()
    assert (found(), found(remote)) == (everything, at_home)
