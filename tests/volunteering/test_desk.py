"""The volunteer desk: coordinators register people without email, sign them up for shifts and print a
confirmation; nobody else gets in."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import time_format

from accounts.models import User
from accounts.roles import VOLUNTEER_COORDINATORS
from core import links
from core.models import OutgoingEmail
from tests.participation.test_printing import text_of
from tests.volunteering.conftest import volunteers
from tests.volunteering.test_documents import flat_text, qr_codes
from volunteering.models import NO_EMAIL_DOMAIN, Interest, Opportunity, Shift, Signup, VolunteerProfile

pytestmark = pytest.mark.django_db
DESK = "/en/engagement/vermittlung/"
PERSON = {
    "first_name": "Hildegard", "last_name": "Krüger", "phone": "0451 12 34 56",
    "postal_address": "Mengstraße 4\n23552 Lübeck", "email": "", "languages": ["de", "pl"], "birth_year": "1948",
    "needs_wheelchair_access": "on", "consent": "on",
}


@pytest.fixture
def coordinator(client):
    user = User.objects.create_user("agentur@luebeck.example", "Ein-Langes-Passwort-1")
    user.groups.add(Group.objects.get_or_create(name=VOLUNTEER_COORDINATORS)[0])
    client.force_login(user)
    return user


def register(client, **changes):
    return client.post(DESK + "neu/", {**PERSON, **changes})


@pytest.fixture
def person(client, coordinator):
    register(client)
    return User.objects.get(last_name="Krüger")


def test_a_person_without_email_gets_an_invalid_address_and_no_mail(
        client, coordinator, shift, organisation, django_capture_on_commit_callbacks):
    organisation.auto_confirm = True  # a confirmed place is mailed to people who have an address
    organisation.save()
    garden = Interest.objects.create(name="Stadtgrün am Wasser", slug="stadtgruen-am-wasser")
    response = register(client, interests=[garden.pk])
    person = User.objects.get(last_name="Krüger")
    assert response.status_code == 302 and response["Location"] == f"{DESK}person/{person.pk}/"
    assert person.email.startswith("desk-") and person.email.endswith("@" + NO_EMAIL_DOMAIN)
    assert person.first_name == "Hildegard" and not person.has_usable_password()
    profile = person.volunteer_profile
    assert (profile.phone, profile.birth_year, profile.languages) == ("0451 12 34 56", 1948, ["de", "pl"])
    assert profile.needs_wheelchair_access and list(profile.interests.all()) == [garden]
    page = client.get(response["Location"]).content.decode()
    assert "Hildegard Krüger is registered" in page and "none: let the person know by phone or post" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{DESK}person/{person.pk}/schicht/{shift.pk}/")
    assert Signup.objects.get(volunteer=person).status == "confirmed"
    assert mail.outbox == [] and not OutgoingEmail.objects.exists()  # nothing is ever mailed to .invalid


def test_a_person_with_email_keeps_it(client, coordinator):
    register(client, email="Hilde@Example.org")
    assert User.objects.get(last_name="Krüger").email == "hilde@example.org"
    assert "already an account" in register(client, email="hilde@example.org").content.decode()


@pytest.mark.parametrize(("changes", "error"), [
    ({"first_name": ""}, "This field is required."),
    ({"consent": ""}, "Without the person&#x27;s consent nothing can be stored."),
    ({"birth_year": "1800"}, "Please enter a year between"),
    ({"birth_year": "neunzehn"}, "Enter a whole number."),
    ({"last_name": "x" * 151}, "Ensure this value has at most 150 characters"),
    ({"phone": "", "postal_address": "", "email": ""}, "Please enter a phone number, a postal address or an email"),
])
def test_form_errors_are_listed_at_the_top_and_at_the_field_and_nothing_is_saved(client, coordinator, changes, error):
    users, profiles = User.objects.count(), VolunteerProfile.objects.count()
    response = register(client, **changes)
    page = response.content.decode()
    assert response.status_code == 200 and page.count(error) == 2  # in the summary and at the field
    assert 'id="form-errors"' in page and 'aria-invalid="true"' in page
    assert (User.objects.count(), VolunteerProfile.objects.count()) == (users, profiles)


def test_every_field_has_a_label(client, coordinator):
    page = client.get(DESK + "neu/").content.decode()
    for field in ("first_name", "last_name", "phone", "postal_address", "email", "birth_year", "consent",
                  "languages_0", "needs_little_german"):
        assert f'for="id_{field}"' in page


def test_search_finds_desk_persons_by_name_and_phone_but_not_people_who_registered_online(client, person):
    online = volunteers(1, prefix="online")[0]
    online.first_name, online.last_name = "Hildegard", "Online"
    online.save()
    VolunteerProfile.objects.create(user=online, phone="0451 123456")
    for query in ("krüger", "Hilde Krü", "0451123456", "0451-12-34"):
        page = client.get(DESK, {"q": query}).content.decode()
        assert f'href="{DESK}person/{person.pk}/"' in page, query
        assert "Online" not in page
    assert "Nobody found" in client.get(DESK, {"q": "Meier"}).content.decode()
    assert client.get(f"{DESK}person/{online.pk}/").status_code == 404  # not the desk's to look after


@pytest.mark.parametrize(("auto_confirm", "status", "message"), [
    (False, "requested", "The organisation still has to confirm the place"),
    (True, "confirmed", "the place is confirmed"),
])
def test_a_desk_signup_is_stored_with_channel_and_coordinator_and_the_result_shown(
        client, coordinator, person, shift, organisation, auto_confirm, status, message):
    organisation.auto_confirm = auto_confirm
    organisation.save()
    response = client.post(f"{DESK}person/{person.pk}/schicht/{shift.pk}/", follow=True)
    signup = Signup.objects.get(volunteer=person, shift=shift)
    assert (signup.status, signup.channel, signup.registered_by) == (status, "desk", coordinator)
    page = response.content.decode()
    assert f"Hildegard Krüger is signed up. {message}" in page or f"Hildegard Krüger is signed up and {message}" in page
    assert f'href="{DESK}anmeldung/{signup.pk}/bestaetigung.pdf"' in page


def test_a_full_shift_puts_the_person_on_the_waiting_list_and_refusals_are_shown(client, person, shift):
    shift.capacity = 1
    shift.save()
    Signup.objects.create(shift=shift, volunteer=volunteers(1)[0], status="confirmed")
    page = client.post(f"{DESK}person/{person.pk}/schicht/{shift.pk}/", follow=True).content.decode()
    assert "The shift is full: Hildegard Krüger is on the waiting list." in page
    assert Signup.objects.get(volunteer=person).status == "waitlisted"
    now = timezone.now()
    started = Shift.objects.create(opportunity=shift.opportunity, starts_at=now - datetime.timedelta(hours=1),
                                   ends_at=now + datetime.timedelta(hours=1))
    page = client.post(f"{DESK}person/{person.pk}/schicht/{started.pk}/", follow=True).content.decode()
    assert "This shift has already started." in page
    assert not Signup.objects.filter(shift=started).exists()


def test_the_confirmation_is_a_large_print_pdf_with_what_when_where_status_and_how_to_cancel(
        client, person, shift, settings):
    settings.VOLUNTEER_DESK_PHONE = "0451 122-4711"
    shift.opportunity.place = "Tafel-Laden, Schwartauer Allee 50"
    shift.opportunity.save()
    client.post(f"{DESK}person/{person.pk}/schicht/{shift.pk}/")
    signup = Signup.objects.get(volunteer=person)
    response = client.get(f"{DESK}anmeldung/{signup.pk}/bestaetigung.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat_text(response.content)
    with translation.override("en"):
        start = time_format(timezone.localtime(shift.starts_at), "TIME_FORMAT")
    for expected in ("Your sign-up", "Hildegard Krüger", "Lebensmittel ausgeben", "Tafel Lübeck",
                     "Schwartauer Allee 50", "Requested", "0451 122-4711", start, "If you cannot come"):
        assert expected in text, expected
    url = links.site_root() + "/en/engagement/ausgabe/"  # the public address, whatever host staff use
    assert url in text.replace(" ", "") and url in qr_codes(response.content)  # the address may wrap
    for language in ("en", "de"):  # one sheet, also in the longer German
        assert text_of(client.get(f"/{language}{DESK[3:]}anmeldung/{signup.pk}/bestaetigung.pdf").content)[1] == 1


def test_the_desk_phone_has_a_default(client, person, shift):
    client.post(f"{DESK}person/{person.pk}/schicht/{shift.pk}/")
    signup = Signup.objects.get(volunteer=person)
    assert "0451 122-0" in flat_text(client.get(f"{DESK}anmeldung/{signup.pk}/bestaetigung.pdf").content)


def test_the_shift_list_filters_by_text_and_hides_what_is_not_open(client, person, shift, organisation):
    hidden = Opportunity.objects.create(organisation=organisation, title="Noch geheim", slug="geheim",
                                        description="…", published=False)
    Shift.objects.create(opportunity=hidden, starts_at=shift.starts_at, ends_at=shift.ends_at)
    page = client.get(f"{DESK}person/{person.pk}/").content.decode()
    assert "Lebensmittel ausgeben" in page and "Noch geheim" not in page and "10 places free" in page
    assert "Lebensmittel" not in client.get(f"{DESK}person/{person.pk}/", {"q": "Garten"}).content.decode()
    assert "Lebensmittel ausgeben" in client.get(f"{DESK}person/{person.pk}/", {"q": "tafel"}).content.decode()


def desk_urls(person, shift):
    signup = Signup.objects.create(shift=shift, volunteer=person, status="requested", channel="desk")
    return [DESK, DESK + "neu/", f"{DESK}person/{person.pk}/", f"{DESK}anmeldung/{signup.pk}/bestaetigung.pdf"]


def test_the_desk_is_for_coordinators_only(client, person, shift, django_user_model):
    urls = desk_urls(person, shift)
    for url in urls:
        assert client.get(url).status_code == 200, url
    staff = django_user_model.objects.create_user("redaktion@luebeck.example", "Ein-Langes-Passwort-1",
                                                  is_staff=True)
    staff.groups.add(Group.objects.get_or_create(name="Redaktion")[0])
    client.force_login(staff)
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post(f"{DESK}person/{person.pk}/schicht/{shift.pk}/").status_code == 403
    assert client.post(DESK + "neu/", {**PERSON, "last_name": "Neu"}).status_code == 403
    assert not User.objects.filter(last_name="Neu").exists()
    client.logout()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_person_page_runs_the_same_queries_for_2_and_20_shifts_and_sign_ups(client, person, opportunity):
    def make(count):
        start = timezone.now() + datetime.timedelta(days=2)
        for n in range(count):
            shift = Shift.objects.create(opportunity=opportunity, starts_at=start + datetime.timedelta(hours=n),
                                         ends_at=start + datetime.timedelta(hours=n + 1))
            Signup.objects.create(shift=shift, volunteer=person, status="requested", channel="desk")

    url = f"{DESK}person/{person.pk}/"
    make(2)
    count_queries(client, url)  # the first request also looks up the site once
    small = count_queries(client, url)
    make(18)
    count_queries(client, url)  # new shifts renew the content version: the page frame's cached data is rebuilt once
    assert count_queries(client, url) == small


def test_the_desk_start_page_runs_the_same_queries_for_2_and_20_people(client, coordinator):
    def make(count, start):
        for n in range(start, start + count):
            register(client, first_name=f"Person{n}", phone=f"0451 {n}")

    make(2, 0)
    count_queries(client, DESK)
    small = count_queries(client, DESK)
    assert count_queries(client, DESK + "?q=0451") == small
    make(18, 2)
    assert count_queries(client, DESK) == small
    assert count_queries(client, DESK + "?q=0451") == small


def test_coordinators_find_the_desk_in_the_admin_menu_and_editors_do_not(client, coordinator, django_user_model):
    desk = "/engagement/vermittlung/"  # in the admin's language
    assert desk in client.get("/admin/").content.decode().replace("\\u002D", "-")
    editor = django_user_model.objects.create_user("redakteurin@luebeck.example", "Ein-Langes-Passwort-1",
                                                   is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))
    client.force_login(editor)
    admin = client.get("/admin/")
    assert admin.status_code == 200 and desk not in admin.content.decode().replace("\\u002D", "-")
