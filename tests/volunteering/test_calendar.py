"""The private calendar: a feed calendar apps can read without signing in, events that keep their UID when
a shift moves (and the same UID as the mailed .ics), and an address the person can replace."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from tests.volunteering.conftest import volunteers
from volunteering.models import Shift, Signup, VolunteerProfile
from volunteering.signup import sign_up

pytestmark = pytest.mark.django_db


def feed_url(token):
    return f"/de/engagement/kalender/{token}.ics"


def events(response):
    assert response.status_code == 200
    return {str(event["uid"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


def shift_at(opportunity, start):
    start = start.replace(second=0, microsecond=0)  # calendars count in whole seconds
    return Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                                capacity=5)


@pytest.fixture
def person():
    person = volunteers(1, prefix="kalender")[0]
    VolunteerProfile.objects.create(user=person, calendar_token="geheim-" + "x" * 36)
    return person


def test_the_feed_lists_held_and_recently_attended_shifts_without_login(client, person, opportunity):
    now = timezone.now()
    held = {status: shift_at(opportunity, now + datetime.timedelta(days=n + 1))
            for n, status in enumerate(["confirmed", "requested", "waitlisted", "cancelled", "declined"])}
    for status, shift in held.items():
        Signup.objects.create(shift=shift, volunteer=person, status=status)
    attended = shift_at(opportunity, now - datetime.timedelta(days=30))
    long_ago = shift_at(opportunity, now - datetime.timedelta(days=120))
    Signup.objects.create(shift=attended, volunteer=person, status="attended")
    Signup.objects.create(shift=long_ago, volunteer=person, status="attended")
    someone_else = volunteers(1, prefix="andere")[0]
    Signup.objects.create(shift=shift_at(opportunity, now + datetime.timedelta(days=9)), volunteer=someone_else,
                          status="confirmed")

    response = client.get(feed_url(person.volunteer_profile.calendar_token))
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    found = events(response)
    assert {uid.split("@")[0] for uid in found} == {
        f"shift-{held['confirmed'].pk}", f"shift-{held['requested'].pk}", f"shift-{attended.pk}"}
    event = found[next(uid for uid in found if uid.startswith(f"shift-{held['confirmed'].pk}@"))]
    assert str(event["summary"]) == "Lebensmittel ausgeben"
    assert "Tafel Lübeck" in str(event["description"])
    assert str(event["url"]).endswith("/de/engagement/ausgabe/")
    assert event["dtstart"].dt == held["confirmed"].starts_at and "dtstamp" in event


def test_a_wrong_token_finds_nothing(client, person):
    assert client.get(feed_url("falsch")).status_code == 404
    assert client.get(feed_url(person.volunteer_profile.calendar_token + "x")).status_code == 404


def test_the_uid_survives_an_edited_shift_and_matches_the_mailed_ics(
        client, person, opportunity, organisation, django_capture_on_commit_callbacks):
    organisation.auto_confirm = True
    organisation.save()
    shift = shift_at(opportunity, timezone.now() + datetime.timedelta(days=4))
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(shift.pk, person)
    (confirmation,) = mail.outbox
    (_name, ics, _type) = confirmation.attachments[0]
    (mailed,) = Calendar.from_ical(ics).walk("VEVENT")

    (before,) = events(client.get(feed_url(person.volunteer_profile.calendar_token)))
    shift.starts_at += datetime.timedelta(hours=2)
    shift.ends_at += datetime.timedelta(hours=2)
    shift.save()
    ((after_uid, after),) = events(client.get(feed_url(person.volunteer_profile.calendar_token))).items()
    assert before == after_uid == str(mailed["uid"])
    assert after["dtstart"].dt == shift.starts_at != mailed["dtstart"].dt  # the new time, under the same UID
    assert int(after["sequence"]) == int(mailed["sequence"]) + 1  # so calendars take the new time
    shift.capacity += 1
    shift.save()  # more places: the event itself is unchanged
    ((_uid, same),) = events(client.get(feed_url(person.volunteer_profile.calendar_token))).items()
    assert int(same["sequence"]) == int(after["sequence"])


def test_creating_and_resetting_the_address_on_my_signups(client, opportunity):
    person = volunteers(1, prefix="neu")[0]
    client.force_login(person)
    page = client.get("/de/engagement/meine-anmeldungen/")
    assert 'id="kalender"' in page.text and "/de/engagement/kalender/adresse/" in page.text
    assert client.get("/de/engagement/kalender/adresse/").status_code == 405  # only a POST makes an address

    client.post("/de/engagement/kalender/adresse/")
    first = VolunteerProfile.objects.get(user=person).calendar_token
    assert len(first) >= 40
    page = client.get("/de/engagement/meine-anmeldungen/")
    assert f"http://testserver/de/engagement/kalender/{first}.ics" in page.text
    assert client.get(feed_url(first)).status_code == 200

    client.post("/de/engagement/kalender/adresse/")
    second = VolunteerProfile.objects.get(user=person).calendar_token
    assert second != first
    assert client.get(feed_url(first)).status_code == 404  # the old address stops working
    assert client.get(feed_url(second)).status_code == 200

    client.logout()
    assert client.post("/de/engagement/kalender/adresse/").status_code == 302  # to the sign-in page
    assert VolunteerProfile.objects.get(user=person).calendar_token == second


def test_the_feed_does_not_query_per_shift(client, person, opportunity, organisation):
    def fill(count):
        Signup.objects.filter(volunteer=person).delete()
        start = timezone.now() + datetime.timedelta(days=1)
        for n in range(count):
            Signup.objects.create(shift=shift_at(opportunity, start + datetime.timedelta(days=n)), volunteer=person,
                                  status="confirmed")

    url = feed_url(person.volunteer_profile.calendar_token)
    client.get(url)  # warm up
    counts = []
    for count in (2, 20):
        fill(count)
        with CaptureQueriesContext(connection) as queries:
            assert len(events(client.get(url))) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]
