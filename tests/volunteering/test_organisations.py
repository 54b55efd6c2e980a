"""The organisations' area: registration and verification, members only, decisions on requests, what an
organisation may see of a volunteer, attendance and hours, messages, certificate records, and list pages
whose queries do not grow with the number of sign-ups. Pages are read in English (the msgids)."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import VOLUNTEER_COORDINATORS
from tests.volunteering.conftest import volunteers
from volunteering import organisation as org
from volunteering.models import CertificateRecord, Message, Opportunity, Organisation, Shift, Signup, VolunteerProfile
from volunteering.signup import sign_up

pytestmark = pytest.mark.django_db
BASE = "/en/engagement/organisation/"


@pytest.fixture
def member(organisation):
    user = User.objects.create_user("vorstand@tafel.example", "Ein-Langes-Passwort-1", display_name="Tafel-Team")
    organisation.members.add(user)
    return user


@pytest.fixture
def past_shift(opportunity):
    start = timezone.now() - datetime.timedelta(days=1)
    return Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                                capacity=5)


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# Registration and verification

def test_a_person_registers_an_organisation_that_waits_for_the_coordinators(client):
    coordinator = User.objects.create_user("koordination@luebeck.example", "x")
    coordinator.groups.add(Group.objects.get_or_create(name=VOLUNTEER_COORDINATORS)[0])
    person = User.objects.create_user("gruenderin@example.org", "x")
    client.force_login(person)
    refused = client.post(BASE + "registrieren/", {"name": "", "contact_email": "keine-adresse"})
    assert refused.status_code == 400
    assert 'href="#id_name"' in refused.content.decode() and 'aria-invalid="true"' in refused.content.decode()
    assert not Organisation.objects.filter(registered_by=person).exists()

    response = client.post(BASE + "registrieren/", {
        "name": "Nachbarschaftshilfe St. Lorenz", "description": "Wir helfen im Viertel.",
        "contact_email": "kontakt@nachbarn.example", "contact_phone": "0451 123", "address": "Hauptstraße 1",
    })
    organisation = Organisation.objects.get(registered_by=person)
    assert response.status_code == 302 and response["Location"].endswith(f"/organisation/{organisation.slug}/")
    assert organisation.slug == "nachbarschaftshilfe-st-lorenz"
    assert organisation.registered_by == person and list(organisation.members.all()) == [person]
    assert organisation.verified_at is None
    assert "waiting for verification by the volunteering coordinators" in _page(client, response["Location"])
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "Nachbarschaftshilfe St. Lorenz" in mail.outbox[0].subject
    assert f"/edit/{organisation.pk}/" in mail.outbox[0].body


def test_coordinators_see_the_waiting_organisations_first_and_verify_or_hold_them(client, organisation):
    coordinator = User.objects.create_user("koordination@luebeck.example", "x")
    coordinator.groups.add(Group.objects.get(name=VOLUNTEER_COORDINATORS))
    waiting = Organisation.objects.create(name="Neuer Verein", slug="neuer-verein", contact_email="neu@verein.example")
    client.force_login(coordinator)
    listing = _page(client, "/admin/snippets/volunteering/organisation/")
    assert listing.index("Neuer Verein") < listing.index("Tafel Lübeck")  # waiting ones first
    only_waiting = _page(client, "/admin/snippets/volunteering/organisation/?verification=waiting")
    assert "Neuer Verein" in only_waiting and "Tafel Lübeck" not in only_waiting

    url = f"/admin/snippets/volunteering/organisation/edit/{waiting.pk}/"
    form = {"name": waiting.name, "slug": waiting.slug, "description": "", "contact_email": waiting.contact_email,
            "contact_phone": "", "address": "", "district": "", "logo": "", "verification_note": ""}
    refused = client.post(url, {**form, "decision": "hold"})
    assert refused.status_code == 200 and "Bitte schreiben Sie, was fehlt" in refused.content.decode()
    client.post(url, {**form, "decision": "hold", "verification_note": "Bitte Satzung nachreichen."})
    waiting.refresh_from_db()
    assert waiting.verified_at is None and waiting.verification_note == "Bitte Satzung nachreichen."
    assert "Bitte Satzung nachreichen." in mail.outbox[-1].body
    on_hold = _page(client, "/admin/snippets/volunteering/organisation/?verification=on_hold")
    assert "Neuer Verein" in on_hold

    client.post(url, {**form, "decision": "verify", "verification_note": "Bitte Satzung nachreichen."})
    waiting.refresh_from_db()
    assert waiting.verified_at is not None and waiting.verified_by == coordinator
    assert waiting.verification_note == ""
    assert mail.outbox[-1].to == ["neu@verein.example"]


# Members only

def test_only_members_and_superusers_get_in(client, organisation, member, shift, past_shift):
    other_org = Organisation.objects.create(name="Sportverein", slug="sportverein", contact_email="s@sport.example",
                                            verified_at=timezone.now())
    outsider = User.objects.create_user("sport@example.org", "x")
    other_org.members.add(outsider)
    helper = volunteers(1)[0]
    signup = Signup.objects.create(shift=past_shift, volunteer=helper, status=Signup.Status.CONFIRMED)
    urls = [f"{BASE}{organisation.slug}/", f"{BASE}{organisation.slug}/anfragen/",
            f"{BASE}{organisation.slug}/angebote/neu/", f"{BASE}{organisation.slug}/schichten/{shift.pk}/",
            f"{BASE}{organisation.slug}/schichten/{past_shift.pk}/anwesenheit/",
            f"{BASE}{organisation.slug}/personen/{helper.pk}/nachweise/",
            f"{BASE}{organisation.slug}/nachrichten/", f"{BASE}{organisation.slug}/nachrichten/{helper.pk}/"]
    assert client.get(urls[0]).status_code == 302  # anonymous: to the sign-in page
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(urls[1], {"signup": signup.pk, "action": "decline"}).status_code == 404
    assert client.post(f"{BASE}{organisation.slug}/einstellungen/", {"auto_confirm": "on"}).status_code == 404
    client.force_login(member)
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.create_superuser("admin@luebeck.example", "x"))
    assert client.get(urls[0]).status_code == 200
    with pytest.raises(org.OrganisationError):
        org.confirm(signup.pk, outsider)


# Decisions

def test_confirm_and_decline_and_the_place_goes_to_the_next_in_line(client, member, shift):
    shift.capacity = 2
    shift.save()
    first, second, waiting = volunteers(3)
    signups = [sign_up(shift.pk, person) for person in (first, second, waiting)]
    assert [s.status for s in signups] == ["requested", "requested", "waitlisted"]
    client.force_login(member)
    page = _page(client, f"{BASE}tafel-luebeck/anfragen/")
    assert f"Volunteer #{first.pk}" in page and f"Volunteer #{waiting.pk}" not in page

    client.post(f"{BASE}tafel-luebeck/anfragen/", {"signup": signups[0].pk, "action": "confirm"})
    confirmed = Signup.objects.get(pk=signups[0].pk)
    assert confirmed.status == "confirmed" and confirmed.decided_by == member and confirmed.decided_at

    client.post(f"{BASE}tafel-luebeck/anfragen/", {"signup": signups[1].pk, "action": "decline"})
    declined = Signup.objects.get(pk=signups[1].pk)
    assert declined.status == "declined" and declined.decided_by == member
    assert Signup.objects.get(pk=signups[2].pk).status == "offered"  # the freed place, offered to the next
    assert Signup.objects.filter(shift=shift, status__in=Signup.HOLDS_A_PLACE).count() == 2

    assert org.confirm(signups[0].pk, member).status == "confirmed"  # twice: nothing changes
    with pytest.raises(org.OrganisationError):
        org.confirm(signups[1].pk, member)  # declined stays declined
    shown = client.post(f"{BASE}tafel-luebeck/anfragen/", {"signup": signups[1].pk, "action": "confirm"},
                        follow=True).content.decode()
    assert "no longer open" in shown


def test_auto_confirm_can_be_switched_on_the_dashboard(client, organisation, member, shift):
    client.force_login(member)
    client.post(f"{BASE}tafel-luebeck/einstellungen/", {"auto_confirm": "on"})
    organisation.refresh_from_db()
    assert organisation.auto_confirm
    assert sign_up(shift.pk, volunteers(1)[0]).status == "confirmed"
    client.post(f"{BASE}tafel-luebeck/einstellungen/", {})
    organisation.refresh_from_db()
    assert not organisation.auto_confirm


# Privacy

def test_contact_details_only_after_confirming(client, member, shift):
    person = User.objects.create_user("maria.yilmaz@example.org", "x", first_name="Maria", last_name="Yılmaz")
    VolunteerProfile.objects.create(user=person, phone="0451 987654", postal_address="Mühlenstraße 5, Lübeck")
    named = User.objects.create_user("anna@example.org", "x", display_name="Anna aus Moisling")
    mine = sign_up(shift.pk, person)
    sign_up(shift.pk, named)
    client.force_login(member)
    for url in (f"{BASE}tafel-luebeck/anfragen/", f"{BASE}tafel-luebeck/schichten/{shift.pk}/"):
        page = _page(client, url)
        assert f"Volunteer #{person.pk}" in page and "Anna aus Moisling" in page
        assert "maria.yilmaz@example.org" not in page and "0451 987654" not in page
        assert "Mühlenstraße" not in page and "Yılmaz" not in page and "anna@example.org" not in page

    client.post(f"{BASE}tafel-luebeck/anfragen/", {"signup": mine.pk, "action": "confirm"})
    for url in (f"{BASE}tafel-luebeck/anfragen/", f"{BASE}tafel-luebeck/schichten/{shift.pk}/"):
        page = _page(client, url)
        assert "maria.yilmaz@example.org" in page and "0451 987654" in page and "Mühlenstraße 5" in page
        assert "Maria Yılmaz" in page
        assert "anna@example.org" not in page  # still only requested


# Attendance and hours

def test_attendance_with_hours_and_hours_per_year(client, member, opportunity, shift, past_shift):
    came, away, later = volunteers(3)
    signups = [Signup.objects.create(shift=past_shift, volunteer=person, status=Signup.Status.CONFIRMED)
               for person in (came, away)]
    client.force_login(member)
    url = f"{BASE}tafel-luebeck/schichten/{past_shift.pk}/anwesenheit/"
    page = _page(client, url)
    assert 'value="3.00"' in page  # the shift's length is the default
    refused = client.post(url, {f"person-{signups[0].pk}-presence": "attended", f"person-{signups[0].pk}-hours": "25",
                                f"person-{signups[1].pk}-presence": "no_show"})
    assert refused.status_code == 400 and f'href="#id_person-{signups[0].pk}-hours"' in refused.content.decode()
    assert Signup.objects.get(pk=signups[1].pk).status == "confirmed"  # nothing saved while anything is wrong

    client.post(url, {f"person-{signups[0].pk}-presence": "attended", f"person-{signups[0].pk}-hours": "2.5",
                      f"person-{signups[1].pk}-presence": "no_show", f"person-{signups[1].pk}-hours": "3"})
    attended, absent = (Signup.objects.get(pk=s.pk) for s in signups)
    assert attended.status == "attended" and attended.hours == Decimal("2.5")
    assert attended.attendance_recorded_by == member and attended.attendance_recorded_at
    assert absent.status == "no_show" and absent.hours is None

    # A future shift cannot be recorded yet.
    upcoming = Signup.objects.create(shift=shift, volunteer=later, status=Signup.Status.CONFIRMED)
    assert "once the shift has started" in _page(client, f"{BASE}tafel-luebeck/schichten/{shift.pk}/anwesenheit/")
    with pytest.raises(org.OrganisationError):
        org.record_attendance(upcoming.pk, member, True)

    # Hours add up per calendar year.
    for year, hours in ((2023, "4"), (2024, "1.5"), (2024, "2")):
        start = timezone.make_aware(datetime.datetime(year, 6, int(hours[0]) + 1, 10))
        old = Shift.objects.create(opportunity=opportunity, starts_at=start,
                                   ends_at=start + datetime.timedelta(hours=4))
        old_signup = Signup.objects.create(shift=old, volunteer=came, status=Signup.Status.CONFIRMED)
        org.record_attendance(old_signup.pk, member, True, Decimal(hours))
    totals = org.hours_per_year(came)
    assert totals[2023] == Decimal("4") and totals[2024] == Decimal("3.5")
    assert totals[past_shift.starts_at.year] >= Decimal("2.5")
    assert org.hours_per_year(away) == {}


# Messages

def test_messages_between_a_volunteer_and_the_organisation_stay_private(client, member, opportunity, shift):
    person = User.objects.create_user("fragende@example.org", "x")
    client.force_login(person)
    detail = _page(client, f"/en/engagement/{opportunity.slug}/")
    ask = re.search(r'href="([^"]+)">Ask the organisation', detail).group(1).replace("&amp;", "&")
    thread = _page(client, ask)
    assert opportunity.title in thread
    too_long = client.post(ask, {"body": "x" * 2001, "opportunity": opportunity.slug})
    assert too_long.status_code == 400 and not Message.objects.exists()
    client.post(ask, {"body": "Kann ich <b>auch</b> samstags kommen?\nViele Grüße", "opportunity": opportunity.slug})
    message = Message.objects.get()
    assert message.volunteer == person and not message.from_organisation and message.opportunity == opportunity
    assert mail.outbox[-1].to == [member.email]
    assert "fragende@example.org" not in mail.outbox[-1].body and "fragende" not in str(mail.outbox[-1].reply_to)
    assert f"/organisation/tafel-luebeck/nachrichten/{person.pk}/" in mail.outbox[-1].body

    client.force_login(member)
    inbox = _page(client, f"{BASE}tafel-luebeck/nachrichten/")
    assert f"Volunteer #{person.pk}" in inbox and "1 new" in inbox
    seen = _page(client, f"{BASE}tafel-luebeck/nachrichten/{person.pk}/")
    assert "&lt;b&gt;auch&lt;/b&gt;" in seen and "<br>Viele Grüße" in seen  # plain text, escaped, line breaks
    assert "fragende@example.org" not in seen
    assert Message.objects.get().read_at is not None
    client.post(f"{BASE}tafel-luebeck/nachrichten/{person.pk}/", {"body": "Ja, gern!"})
    assert mail.outbox[-1].to == ["fragende@example.org"] and member.email not in mail.outbox[-1].body
    assert "/engagement/nachrichten/tafel-luebeck/" in mail.outbox[-1].body

    stranger = volunteers(1, "fremd")[0]
    client.force_login(stranger)
    assert client.get(f"{BASE}tafel-luebeck/nachrichten/{person.pk}/").status_code == 404
    assert "Ja, gern!" not in _page(client, "/en/engagement/nachrichten/tafel-luebeck/")  # their own, empty thread
    client.force_login(person)
    inbox = _page(client, "/en/engagement/nachrichten/")
    assert "Tafel Lübeck" in inbox and "1 new" in inbox
    assert "Ja, gern!" in _page(client, "/en/engagement/nachrichten/tafel-luebeck/")
    # The organisation cannot start a thread with someone who never signed up or wrote.
    client.force_login(member)
    assert client.get(f"{BASE}tafel-luebeck/nachrichten/{stranger.pk}/").status_code == 404


# Certificate records

def test_certificate_dates_are_checked(client, member, past_shift):
    person = volunteers(1)[0]
    Signup.objects.create(shift=past_shift, volunteer=person, status=Signup.Status.CONFIRMED)
    client.force_login(member)
    url = f"{BASE}tafel-luebeck/personen/{person.pk}/nachweise/"
    today = timezone.localdate()
    too_old = client.post(url, {"requirement": "police_certificate", "seen_on": today.isoformat(),
                                "issued_on": (today - datetime.timedelta(days=100)).isoformat()})
    assert too_old.status_code == 400 and "older than three months" in too_old.content.decode()
    future = client.post(url, {"requirement": "food_hygiene", "seen_on": today.isoformat(),
                               "issued_on": (today + datetime.timedelta(days=1)).isoformat()})
    assert future.status_code == 400 and "cannot be in the future" in future.content.decode()
    food = client.post(url, {"requirement": "food_hygiene", "seen_on": today.isoformat(),
                             "issued_on": (today - datetime.timedelta(days=400)).isoformat()})
    assert food.status_code == 302  # only the police certificate has a maximum age
    client.post(url, {"requirement": "police_certificate", "seen_on": today.isoformat(),
                      "issued_on": (today - datetime.timedelta(days=30)).isoformat()})
    record = CertificateRecord.objects.get(requirement="police_certificate")
    assert record.due_on == org.add_years(record.issued_on, 5) and record.recorded_by == member
    assert org.valid_certificate(person, "police_certificate", today)
    assert not org.valid_certificate(person, "police_certificate", record.due_on)
    assert org.certificate_errors("police_certificate", today, today, today, today) == {
        "due_on": "The date it is due again must be after the issue date."}
    # Only for people the organisation has confirmed.
    requested = volunteers(1, "neu")[0]
    Signup.objects.create(shift=past_shift, volunteer=requested, status=Signup.Status.REQUESTED)
    assert client.get(f"{BASE}tafel-luebeck/personen/{requested.pk}/nachweise/").status_code == 404


def test_certificate_records_are_deleted_90_days_after_the_engagement_ends(organisation, opportunity):
    engaged, never = volunteers(2)
    start = timezone.make_aware(datetime.datetime(2025, 3, 1, 10))
    with time_machine.travel(start - datetime.timedelta(days=10), tick=False):
        shift = Shift.objects.create(opportunity=opportunity, starts_at=start,
                                     ends_at=start + datetime.timedelta(hours=2))
        Signup.objects.create(shift=shift, volunteer=engaged, status=Signup.Status.CONFIRMED)
        for person in (engaged, never):
            org.record_certificate(organisation, person, "police_certificate", start.date(), start.date())
    with time_machine.travel(start + datetime.timedelta(days=85), tick=False):
        assert org.delete_expired_certificate_records() == 1  # no shift: 90 days after it was recorded
        assert list(CertificateRecord.objects.values_list("volunteer", flat=True)) == [engaged.pk]
    with time_machine.travel(start + datetime.timedelta(days=89), tick=False):
        assert org.delete_expired_certificate_records() == 0
    with time_machine.travel(start + datetime.timedelta(days=91), tick=False):
        assert org.delete_expired_certificate_records() == 1
        assert org.delete_expired_certificate_records() == 0  # idempotent
    assert not CertificateRecord.objects.exists()


# Opportunities and shifts

def test_members_create_an_opportunity_with_shifts_and_cannot_lower_places_below_those_held(client, member, shift):
    client.force_login(member)
    start = (timezone.localtime() + datetime.timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    management = {"shifts-TOTAL_FORMS": "2", "shifts-INITIAL_FORMS": "0", "shifts-MIN_NUM_FORMS": "0",
                  "shifts-MAX_NUM_FORMS": "200"}
    data = {"title": "Ausgabe", "description": "Hilfe bei der Ausgabe.", "kind": "one_off", "minimum_age": "16",
            "languages": ["de", "tr"], "requirements": ["food_hygiene"], "published": "on",
            "shifts-0-starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "shifts-0-ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "shifts-0-capacity": "4", "shifts-1-capacity": "1", **management}  # as a browser sends it
    response = client.post(f"{BASE}tafel-luebeck/angebote/neu/", data)
    assert response.status_code == 302, response.context["error_summary"]
    created = Opportunity.objects.get(title="Ausgabe", organisation__slug="tafel-luebeck")
    assert created.slug == "ausgabe-2"  # "ausgabe" is taken by the fixture
    assert created.languages == ["de", "tr"] and created.requirements == ["food_hygiene"]
    assert [(s.capacity, timezone.localtime(s.starts_at)) for s in created.shifts.all()] == [(4, start)]

    shift.capacity = 2
    shift.save()
    people = volunteers(3)
    for person in people:
        sign_up(shift.pk, person)
    edit = f"{BASE}tafel-luebeck/angebote/{shift.opportunity_id}/"
    form = {"title": "Lebensmittel ausgeben", "description": "Samstags.", "kind": "one_off", "minimum_age": "16",
            "published": "on", "shifts-TOTAL_FORMS": "1", "shifts-INITIAL_FORMS": "1", "shifts-MIN_NUM_FORMS": "0",
            "shifts-MAX_NUM_FORMS": "200", "shifts-0-id": str(shift.pk),
            "shifts-0-starts_at": timezone.localtime(shift.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "shifts-0-ends_at": timezone.localtime(shift.ends_at).strftime("%Y-%m-%dT%H:%M")}
    lowered = client.post(edit, {**form, "shifts-0-capacity": "1"})
    assert lowered.status_code == 400 and "2 places are already held" in lowered.content.decode()
    deleted = client.post(edit, {**form, "shifts-0-capacity": "2", "shifts-0-DELETE": "on"})
    assert deleted.status_code == 400 and Shift.objects.filter(pk=shift.pk).exists()
    raised = client.post(edit, {**form, "shifts-0-capacity": "3"})
    assert raised.status_code == 302
    assert Signup.objects.get(volunteer=people[2]).status == "offered"  # the new place goes to the waiting list


# Queries do not grow with the number of sign-ups

@pytest.mark.parametrize("page", ["", "anfragen/", "nachrichten/", "schichten/{shift}/"])
def test_list_pages_use_the_same_number_of_queries_for_2_and_20_signups(client, member, organisation, opportunity,
                                                                         page):
    start = timezone.now() + datetime.timedelta(days=2)
    client.force_login(member)
    counts = []
    for count in (2, 20):
        shift = Shift.objects.create(opportunity=opportunity, starts_at=start,
                                     ends_at=start + datetime.timedelta(hours=1), capacity=50)
        for index, person in enumerate(volunteers(count, prefix=f"q{count}-")):
            VolunteerProfile.objects.create(user=person, phone="0451")
            status = Signup.Status.REQUESTED if index % 2 else Signup.Status.CONFIRMED
            Signup.objects.create(shift=shift, volunteer=person, status=status, decided_at=timezone.now())
            Message.objects.create(organisation=organisation, volunteer=person, sender=person, body="Hallo")
            org.record_certificate(organisation, person, "food_hygiene", start.date(), start.date())
        url = f"{BASE}tafel-luebeck/{page.format(shift=shift.pk)}"
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
        Shift.objects.filter(pk=shift.pk).delete()
        Message.objects.all().delete()
    assert counts[0] == counts[1]


def test_the_volunteer_inbox_uses_the_same_number_of_queries_for_2_and_20_threads(client):
    person = volunteers(1)[0]
    client.force_login(person)
    counts = []
    for count in (2, 20):
        for number in range(count):
            organisation = Organisation.objects.create(name=f"Verein {count}-{number}", slug=f"verein-{count}-{number}",
                                                       contact_email="v@verein.example", verified_at=timezone.now())
            Message.objects.create(organisation=organisation, volunteer=person, from_organisation=True, body="Hallo")
        client.get("/en/engagement/nachrichten/")  # warm-up
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/engagement/nachrichten/").status_code == 200
        counts.append(len(queries))
        Message.objects.all().delete()
    assert counts[0] == counts[1]


def test_a_new_shift_in_the_past_is_refused_but_a_shift_already_past_can_still_be_corrected(client, member, shift):
    """Issue 24, point 10: a start in the past is a typo (wrong year, wrong day) and gets a clear error."""
    client.force_login(member)
    edit = f"{BASE}tafel-luebeck/angebote/{shift.opportunity_id}/"
    past = Shift.objects.create(opportunity=shift.opportunity, starts_at=timezone.now() - datetime.timedelta(days=2),
                                ends_at=timezone.now() - datetime.timedelta(days=2, hours=-3), capacity=2)

    def row(index, item=None, starts=None, capacity="2"):
        starts = starts or timezone.localtime(item.starts_at)
        return {f"shifts-{index}-starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
                f"shifts-{index}-ends_at": (starts + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
                f"shifts-{index}-capacity": capacity, **({f"shifts-{index}-id": str(item.pk)} if item else {})}

    form = {"title": "Lebensmittel ausgeben", "description": "Samstags.", "kind": "one_off", "minimum_age": "16",
            "published": "on", "shifts-TOTAL_FORMS": "3", "shifts-INITIAL_FORMS": "2", "shifts-MIN_NUM_FORMS": "0",
            "shifts-MAX_NUM_FORMS": "200", **row(0, past, capacity="3"), **row(1, shift),
            "shifts-2-capacity": "1"}  # an empty row, as a browser sends it
    last_year = timezone.localtime() - datetime.timedelta(days=365)
    refused = client.post(edit, {**form, **row(2, starts=last_year)})
    assert refused.status_code == 400
    assert "This date is in the past: nobody could sign up for it." in refused.content.decode()
    assert shift.opportunity.shifts.count() == 2
    corrected = client.post(edit, form)  # the past shift's places are corrected: no error
    assert corrected.status_code == 302, corrected.context["error_summary"]
    past.refresh_from_db()
    assert past.capacity == 3
