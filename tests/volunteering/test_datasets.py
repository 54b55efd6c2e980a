"""The volunteering export: sign-ups with shift, status, channel and hours; names, email addresses and phone
numbers only on request (never the placeholder address of people without email); filters; no query per row."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.models import User
from core import exports, registry
from volunteering.models import NO_EMAIL_DOMAIN, Opportunity, Organisation, Shift, Signup, VolunteerProfile

pytestmark = pytest.mark.django_db


def as_dicts(params, personal=False, open_data=False):
    dataset = registry.export_datasets["signups"]
    with translation.override("en"):
        codes = exports.headers(dataset.columns(params, personal=personal, open_data=open_data), "codes")
        rows = list(dataset.rows(params, personal=personal, open_data=open_data))
    return [dict(zip(codes, row, strict=True)) for row in rows]


@pytest.fixture
def signups(shift, organisation):
    anna = User.objects.create_user("anna@example.org", "Ein-Langes-Passwort-1", first_name="Anna",
                                    last_name="Holm")
    VolunteerProfile.objects.create(user=anna, phone="0451 123456")
    desk = User.objects.create_user(f"desk-1@{NO_EMAIL_DOMAIN}", "Ein-Langes-Passwort-1", display_name="Herr Ohm")
    Signup.objects.create(shift=shift, volunteer=anna, status=Signup.Status.ATTENDED, hours=Decimal("3.50"))
    Signup.objects.create(shift=shift, volunteer=desk, status=Signup.Status.CONFIRMED, channel=Signup.Channel.DESK)
    other = Organisation.objects.create(name="Kirchengemeinde", slug="kirche", contact_email="k@example.org")
    opportunity = Opportunity.objects.create(organisation=other, title="Kaffee kochen", slug="kaffee",
                                             description="…")
    start = timezone.now() + datetime.timedelta(days=40)
    later = Shift.objects.create(opportunity=opportunity, starts_at=start,
                                 ends_at=start + datetime.timedelta(hours=2))
    Signup.objects.create(shift=later, volunteer=anna, status=Signup.Status.REQUESTED)
    return shift


def test_signups_with_shift_status_channel_and_hours(signups, organisation):
    rows = as_dicts({"source": organisation.pk})
    assert [(row["opportunity"], row["organisation"], row["status"], row["channel"], row["hours"]) for row in rows] == [
        ("Lebensmittel ausgeben", "Tafel Lübeck", "Attended", "Online", Decimal("3.50")),
        ("Lebensmittel ausgeben", "Tafel Lübeck", "Confirmed", "At the volunteer desk", None),
    ]
    assert rows[0]["shift_start"] == signups.starts_at and rows[0]["shift_end"] == signups.ends_at
    assert "volunteer_email" not in rows[0]
    assert len(as_dicts({})) == 3


def test_personal_columns_only_on_request_and_never_a_placeholder_address(signups, organisation):
    rows = as_dicts({"source": organisation.pk}, personal=True)
    assert [(row["volunteer_name"], row["volunteer_email"], row["volunteer_phone"]) for row in rows] == [
        ("Anna Holm", "anna@example.org", "0451 123456"), ("Herr Ohm", "", "")]
    assert "volunteer_name" not in as_dicts({"source": organisation.pk}, personal=True, open_data=True)[0]


def test_signups_by_shift_date(signups):
    soon = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    assert len(as_dicts({"date_from": soon, "date_to": soon})) == 2
    later = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert [row["opportunity"] for row in as_dicts({"date_from": later})] == ["Kaffee kochen"]
    assert registry.export_datasets["signups"].count({"date_from": later}) == 1


def test_the_same_queries_for_2_and_20_signups(shift, organisation):
    def queries(count):
        Signup.objects.all().delete()
        for person in [User.objects.create_user(f"h{count}-{n}@example.org", "Ein-Langes-Passwort-1")
                       for n in range(count)]:
            Signup.objects.create(shift=shift, volunteer=person, status=Signup.Status.CONFIRMED)
        with CaptureQueriesContext(connection) as captured:
            assert len(as_dicts({"source": organisation.pk}, personal=True)) == count
        return len(captured)

    assert queries(2) == queries(20)
