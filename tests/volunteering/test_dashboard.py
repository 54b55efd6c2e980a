"""The analysts' volunteering dashboard: who may open it, the numbers on a known data set, filters,
agreement with plain counts and the sign-ups export, and a query count that does not grow."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from accounts.roles import ANALYSTS, VOLUNTEER_COORDINATORS
from core.models import District
from tests.volunteering.conftest import volunteers
from volunteering import dashboards
from volunteering.models import Interest, Opportunity, Organisation, Shift, Signup

pytestmark = pytest.mark.django_db
URL = "/admin/dashboards/volunteering/"
Status = Signup.Status


def staff(email, group):
    user = User.objects.create_user(email, "Ein-Langes-Passwort-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def analyst(db):
    return staff("ana@luebeck.example", ANALYSTS)


@pytest.fixture
def data(organisation, opportunity, shift):
    """Three organisations (verified, waiting, on hold), a published opportunity in Moisling in two fields,
    a coming shift with five sign-ups and a past one with three (5.5 hours recorded). The demo's
    organisations are removed first."""
    Organisation.objects.exclude(pk=organisation.pk).delete()
    Organisation.objects.create(name="Neu e.V.", slug="neu", contact_email="neu@example.org")
    Organisation.objects.create(name="Wartet e.V.", slug="wartet", contact_email="w@example.org",
                                verification_note="Bitte Satzung nachreichen.")
    Opportunity.objects.create(organisation=organisation, title="Entwurf", slug="entwurf", description="x")
    opportunity.district = District.objects.get(slug="moisling")
    opportunity.interests.set([Interest.objects.create(name="Testfeld Soziales", slug="testfeld-soziales"),
                               Interest.objects.create(name="Testfeld Umwelt", slug="testfeld-umwelt")])
    opportunity.save()  # a parental many-to-many is written on save
    past_start = timezone.now() - datetime.timedelta(days=40)
    past = Shift.objects.create(opportunity=opportunity, starts_at=past_start,
                                ends_at=past_start + datetime.timedelta(hours=3), capacity=5)
    people = volunteers(6)
    for person, status, channel in [(people[0], Status.CONFIRMED, "online"), (people[1], Status.CONFIRMED, "online"),
                                    (people[2], Status.CONFIRMED, "online"), (people[3], Status.REQUESTED, "desk"),
                                    (people[4], Status.CANCELLED, "online")]:
        Signup.objects.create(shift=shift, volunteer=person, status=status, channel=channel)
    for person, status, channel, hours in [(people[0], Status.ATTENDED, "online", Decimal("3.0")),
                                           (people[1], Status.ATTENDED, "online", Decimal("2.5")),
                                           (people[5], Status.NO_SHOW, "desk", None)]:
        Signup.objects.create(shift=past, volunteer=person, status=status, channel=channel, hours=hours)
    return {"past": past, "shift": shift, "people": people}


def soup(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def table_of(page, chart_id):
    table = page.select_one(f"#{chart_id} table")
    return {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
            for row in table.tbody.find_all("tr")}


def figures(page):
    return {item["data-figure"]: item.dd.get_text(strip=True) for item in page.select("[data-figure]")}


def test_only_analysts_see_the_volunteering_dashboard(client, analyst):
    assert "/admin/login/" in client.get(URL)["Location"]
    client.force_login(staff("koordination@luebeck.example", VOLUNTEER_COORDINATORS))
    assert client.get(URL).status_code == 403
    client.force_login(analyst)
    assert client.get(URL).status_code == 200


def test_the_dashboard_shows_a_known_data_set(client, analyst, data):
    client.force_login(analyst)
    page = soup(client.get(URL))
    assert figures(page) == {
        "organisations-verified": "1", "organisations-waiting": "1", "organisations-on-hold": "1",
        "opportunities": "1", "signups": "8", "volunteers": "5", "hours": "5,5",
    }
    with translation.override("de"):
        status = {value: str(label) for value, label in Signup.Status.choices}
    statuses = table_of(page, "signups-by-status")  # online, desk, total
    assert statuses[status["confirmed"]] == ["3", "0", "3"]
    assert statuses[status["requested"]] == ["0", "1", "1"]
    assert statuses[status["attended"]] == ["2", "0", "2"]
    assert statuses[status["no_show"]] == ["0", "1", "1"]
    assert table_of(page, "hours-by-district") == {"Moisling": ["5,5"]}
    assert table_of(page, "hours-by-field") == {"Testfeld Soziales": ["5,5"], "Testfeld Umwelt": ["5,5"]}
    hours = table_of(page, "hours-per-month")
    assert sum(Decimal(cells[0].replace(",", ".")) for cells in hours.values()) == Decimal("5.5")
    over_time = table_of(page, "signups-over-time")
    assert sum(int(cells[2]) for cells in over_time.values()) == 8  # online + desk = total per period


def test_filters_change_the_numbers(client, analyst, data, organisation):
    client.force_login(analyst)
    assert figures(soup(client.get(URL, {"channel": "desk"})))["signups"] == "2"
    coming = figures(soup(client.get(URL, {"date_from": timezone.localdate().isoformat()})))
    assert (coming["signups"], coming["volunteers"], coming["hours"]) == ("5", "4", "0,0")
    other = Organisation.objects.get(slug="neu")
    assert figures(soup(client.get(URL, {"organisation": other.pk})))["signups"] == "0"
    assert figures(soup(client.get(URL, {"organisation": organisation.pk})))["signups"] == "8"


@pytest.mark.parametrize("days_back", [None, 0, 60])
def test_the_numbers_agree_with_plain_counts_and_the_export(data, days_back):
    from volunteering.datasets import Signups

    filters = dashboards.Filters()
    params = {}
    signups = Signup.objects.all()
    if days_back is not None:
        day = timezone.localdate() - datetime.timedelta(days=days_back)
        filters = dashboards.Filters(date_from=day)
        params = {"date_from": day.isoformat()}
        signups = signups.filter(shift__starts_at__gte=filters.moments()[0])
    totals = dashboards.signup_totals(filters)
    assert totals["signups"] == signups.count() == Signups().count(params)
    assert totals["volunteers"] == signups.exclude(status__in=[Status.CANCELLED, Status.DECLINED]).values(
        "volunteer").distinct().count()
    assert totals["hours"] == sum(s.hours for s in signups if s.hours is not None)


def test_the_same_queries_for_2_or_20_signups(client, analyst, shift):
    client.force_login(analyst)
    people = volunteers(20)
    for person in people[:2]:
        Signup.objects.create(shift=shift, volunteer=person, status=Status.CONFIRMED)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for n, person in enumerate(people[2:]):
        start = timezone.now() - datetime.timedelta(days=10 * n + 1)
        other = Shift.objects.create(opportunity=shift.opportunity, starts_at=start,
                                     ends_at=start + datetime.timedelta(hours=2))
        Signup.objects.create(shift=other, volunteer=person, status=Status.ATTENDED, hours=Decimal("2"),
                              channel=["online", "desk"][n % 2])
    with CaptureQueriesContext(connection) as many:
        page = soup(client.get(URL))
    assert figures(page)["signups"] == "20"
    assert len(many) == len(few)


def test_the_overview_shows_volunteering(client, analyst, data):
    client.force_login(analyst)
    page = soup(client.get(reverse("dashboards")))
    link = page.find("a", href=URL)
    section = link.find_parent("section")
    numbers = {dt.get_text(strip=True): dd.get_text(strip=True)
               for dt, dd in zip(section.find_all("dt"), section.find_all("dd"), strict=True)}
    assert "8" in numbers.values() and "5,5" in numbers.values()
