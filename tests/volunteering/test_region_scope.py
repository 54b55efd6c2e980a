"""Volunteering per municipality (issue 26): two municipalities (Bad Schwartau and Wismar) × their coordinators and
analysts × the region's staff. A municipality's coordinator sees and changes its organisations, opportunities,
desk people and sign-ups only; its analyst counts and exports its organisations only; another municipality's
object answers 404; the region's staff see everything."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from accounts.models import User
from accounts.roles import ANALYSTS, VOLUNTEER_COORDINATORS
from core import municipalities
from core.models import District
from volunteering.datasets import Signups
from volunteering.models import Opportunity, Organisation, Shift, Signup, VolunteerProfile

pytestmark = pytest.mark.django_db
ADMIN = "/admin/snippets/volunteering/"
DESK = "/de/engagement/vermittlung/"
PERSON = {"first_name": "Hildegard", "last_name": "Krüger", "phone": "0451 12 34 56", "postal_address": "",
          "email": "", "languages": ["de"], "birth_year": "1948", "consent": "on"}


def member(email, group_name):
    """A staff member in one group (not `is_staff`: that would make them region staff)."""
    user = User.objects.create_user(email, "Ein-Langes-Passwort-1")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def _town(name, host, slug, district):
    town = municipalities.create(name, host, slug=slug)
    site = town.site
    place = District.objects.create(name=district, slug=slug + "-mitte", site=site, latitude=53.9, longitude=11.0)
    organisation = Organisation.objects.create(name=f"Helferkreis {name}", slug=f"helferkreis-{slug}", site=site,
                                               contact_email=f"kreis@{slug}.example", verified_at=timezone.now(),
                                               district=place)
    opportunity = Opportunity.objects.create(organisation=organisation, title=f"Mithelfen in {name}",
                                             slug=f"mithelfen-{slug}", description="Wir brauchen Hilfe.",
                                             published=True, district=place)
    start = timezone.now() + datetime.timedelta(days=4)
    shift = Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                                 capacity=5)
    # A person the town's desk registered (no email), signed up at the desk with two recorded hours.
    person = User.objects.create_user(f"desk-{slug}@ohne-email.invalid", None, first_name="Person",
                                      last_name=f"aus {name}")
    VolunteerProfile.objects.create(user=person, desk_site=site, phone="0451 000")
    Signup.objects.create(shift=shift, volunteer=person, status=Signup.Status.CONFIRMED,
                          channel=Signup.Channel.DESK, hours=Decimal("2"))
    return {"site": site, "organisation": organisation, "opportunity": opportunity, "shift": shift,
            "person": person, "name": name,
            "coordinator": member(f"koordination@{slug}.example", f"{name}: {VOLUNTEER_COORDINATORS}"),
            "analyst": member(f"auswertung@{slug}.example", f"{name}: {ANALYSTS}")}


@pytest.fixture
def towns(demo_site):
    return {"schwartau": _town("Bad Schwartau", "bad-schwartau.localhost", "bad-schwartau", "Schwartau-Mitte"),
            "wismar": _town("Hansestadt Wismar", "wismar.localhost", "wismar", "Wismar-Mitte")}


@pytest.fixture
def region_coordinator(db):
    return member("region@luebeck.example", VOLUNTEER_COORDINATORS)


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_coordinator_lists_her_municipalitys_organisations_and_opportunities_only(client, towns):
    wismar, schwartau = towns["wismar"], towns["schwartau"]
    client.force_login(wismar["coordinator"])
    organisations = page(client, ADMIN + "organisation/")
    assert "Helferkreis Hansestadt Wismar" in organisations
    assert schwartau["organisation"].name not in organisations
    assert "Seniorenbüro und Lesenetz Lübeck" not in organisations  # the default site's demo organisation
    opportunities = page(client, ADMIN + "opportunity/")
    assert "Mithelfen in Hansestadt Wismar" in opportunities and "Mithelfen in Bad Schwartau" not in opportunities
    assert "Digitale Sprechstunde" not in opportunities


@pytest.mark.parametrize("who", ["region_coordinator", "superuser"])
def test_the_regions_staff_see_every_municipality(client, towns, region_coordinator, admin_user, who):
    client.force_login(region_coordinator if who == "region_coordinator" else admin_user)
    organisations = page(client, ADMIN + "organisation/")
    assert all(name in organisations for name in ("Helferkreis Hansestadt Wismar", "Helferkreis Bad Schwartau",
                                                  "Seniorenbüro und Lesenetz Lübeck"))
    desk = page(client, DESK)
    assert "aus Hansestadt Wismar" in desk and "aus Bad Schwartau" in desk
    for town in towns.values():
        assert client.get(ADMIN + f"organisation/edit/{town['organisation'].pk}/").status_code == 200
        assert client.get(f"{DESK}person/{town['person'].pk}/").status_code == 200


def test_another_municipalitys_objects_are_not_found_and_stay_unchanged(client, towns):
    wismar, schwartau = towns["wismar"], towns["schwartau"]
    client.force_login(wismar["coordinator"])
    own, other = wismar["organisation"], schwartau["organisation"]
    assert client.get(ADMIN + f"organisation/edit/{own.pk}/").status_code == 200
    assert client.get(ADMIN + f"opportunity/edit/{wismar['opportunity'].pk}/").status_code == 200
    for url in (f"organisation/edit/{other.pk}/", f"organisation/delete/{other.pk}/",
                f"organisation/history/{other.pk}/", f"opportunity/edit/{schwartau['opportunity'].pk}/",
                f"opportunity/delete/{schwartau['opportunity'].pk}/"):
        assert client.get(ADMIN + url).status_code == 404, url
    form = {"name": "Übernommen", "slug": other.slug, "description": "", "contact_email": other.contact_email,
            "contact_phone": "", "address": "", "district": "", "logo": "", "verification_note": "", "decision": ""}
    assert client.post(ADMIN + f"organisation/edit/{other.pk}/", form).status_code == 404
    assert client.post(ADMIN + f"organisation/delete/{other.pk}/").status_code == 404
    assert client.post(ADMIN + f"opportunity/delete/{schwartau['opportunity'].pk}/").status_code == 404
    other.refresh_from_db()
    assert other.name == "Helferkreis Bad Schwartau"
    assert Opportunity.objects.filter(pk=schwartau["opportunity"].pk).exists()


def test_an_opportunitys_organisation_can_only_be_one_of_her_own(client, towns):
    wismar, schwartau = towns["wismar"], towns["schwartau"]
    client.force_login(wismar["coordinator"])
    assert client.get(ADMIN + "opportunity/add/").status_code == 200
    chooser = client.get(reverse("wagtailsnippetchoosers_volunteering_organisation:choose")).json()["html"]
    assert "Helferkreis Hansestadt Wismar" in chooser and "Helferkreis Bad Schwartau" not in chooser
    chosen = reverse("wagtailsnippetchoosers_volunteering_organisation:chosen", args=[schwartau["organisation"].pk])
    assert client.get(chosen).status_code == 404
    assert client.get(reverse("wagtailsnippetchoosers_volunteering_organisation:chosen",
                              args=[wismar["organisation"].pk])).status_code == 200


def test_an_organisation_belongs_to_the_municipality_whose_site_it_is_added_or_registers_at(client, towns):
    wismar = towns["wismar"]
    client.force_login(wismar["coordinator"])
    form = {"name": "Neu in Wismar", "slug": "neu-in-wismar", "description": "", "contact_email": "neu@wismar.example",
            "contact_phone": "", "address": "", "district": "", "logo": "", "verification_note": "", "decision": "",
            "auto_confirm": ""}
    # Even at Lübeck's address a Wismar coordinator adds to Wismar: she could not see it otherwise.
    response = client.post(ADMIN + "organisation/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Organisation.objects.get(slug="neu-in-wismar").site == wismar["site"]

    resident = User.objects.create_user("verein@wismar.example", "Ein-Langes-Passwort-1")
    client.force_login(resident)
    mail.outbox.clear()
    response = client.post("/de/engagement/organisation/registrieren/", {
        "name": "Hafenverein", "description": "Wir helfen am Hafen.", "contact_email": "hafen@wismar.example",
        "contact_phone": "", "address": ""}, HTTP_HOST="wismar.localhost")
    assert response.status_code == 302
    registered = Organisation.objects.get(name="Hafenverein")
    assert registered.site == wismar["site"]
    # Wismar's coordinators hear of it, Bad Schwartau's do not.
    recipients = {address for message in mail.outbox for address in message.to}
    assert "koordination@wismar.example" in recipients
    assert "koordination@bad-schwartau.example" not in recipients


def test_the_desk_shows_her_municipalitys_people_shifts_and_sign_ups_only(client, towns):
    wismar, schwartau = towns["wismar"], towns["schwartau"]
    client.force_login(wismar["coordinator"])
    desk = page(client, DESK, HTTP_HOST="wismar.localhost")
    assert "aus Hansestadt Wismar" in desk and "aus Bad Schwartau" not in desk
    assert "aus Bad Schwartau" not in page(client, DESK + "?q=Person")
    assert client.get(f"{DESK}person/{schwartau['person'].pk}/").status_code == 404
    person = page(client, f"{DESK}person/{wismar['person'].pk}/")
    assert "Mithelfen in Hansestadt Wismar" in person and "Mithelfen in Bad Schwartau" not in person
    # Signing someone up for another municipality's shift, or printing its confirmation: not found.
    response = client.post(reverse("volunteering:desk_signup", args=[wismar["person"].pk, schwartau["shift"].pk]))
    assert response.status_code == 404
    assert not Signup.objects.filter(volunteer=wismar["person"], shift=schwartau["shift"]).exists()
    other_signup = Signup.objects.get(volunteer=schwartau["person"])
    assert client.get(reverse("volunteering:desk_confirmation", args=[other_signup.pk])).status_code == 404

    # Someone registered at Wismar's desk is Wismar's, before any sign-up.
    response = client.post(DESK + "neu/", PERSON, HTTP_HOST="wismar.localhost")
    assert response.status_code == 302
    registered = User.objects.get(last_name="Krüger")
    assert registered.volunteer_profile.desk_site == wismar["site"]
    assert "Krüger" in page(client, DESK, HTTP_HOST="wismar.localhost")
    client.force_login(schwartau["coordinator"])
    assert "Krüger" not in page(client, DESK)
    assert client.get(f"{DESK}person/{registered.pk}/").status_code == 404


def figures(html):
    soup = BeautifulSoup(html, "html.parser")
    return {item["data-figure"]: item.dd.get_text(strip=True) for item in soup.select("[data-figure]")}


def test_an_analyst_counts_and_exports_her_municipalitys_organisations_only(client, towns, admin_user):
    wismar, schwartau = towns["wismar"], towns["schwartau"]
    client.force_login(wismar["analyst"])
    numbers = figures(page(client, "/admin/dashboards/volunteering/"))
    assert numbers["organisations-verified"] == "1" and numbers["signups"] == "1" and numbers["hours"] == "2,0"
    soup = BeautifulSoup(page(client, "/admin/dashboards/volunteering/"), "html.parser")
    assert {option.get_text(strip=True) for option in soup.select("select[name=organisation] option")
            if option.get("value")} == {"Helferkreis Hansestadt Wismar"}
    overview = BeautifulSoup(page(client, reverse("dashboards")), "html.parser")
    section = overview.find("a", href="/admin/dashboards/volunteering/").find_parent("section")
    shown = {dt.get_text(strip=True): dd.get_text(strip=True)
             for dt, dd in zip(section.find_all("dt"), section.find_all("dd"), strict=True)}
    assert shown["Verifizierte Organisationen"] == "1" and shown["Erfasste Stunden"] == "2,0"
    assert Signups().sources(wismar["analyst"]) == [(wismar["organisation"].pk, "Helferkreis Hansestadt Wismar")]
    assert Signups().sources(schwartau["analyst"]) == [(schwartau["organisation"].pk, "Helferkreis Bad Schwartau")]
    everything = dict(Signups().sources(admin_user))
    assert {wismar["organisation"].pk, schwartau["organisation"].pk} <= set(everything) and len(everything) > 2

    client.force_login(admin_user)  # the region: every organisation's sign-ups
    numbers = figures(page(client, "/admin/dashboards/volunteering/"))
    assert int(numbers["signups"]) >= 2 and numbers["organisations-verified"] != "1"


def test_a_coordinator_is_not_an_analyst_of_her_municipality(client, towns):
    client.force_login(towns["wismar"]["coordinator"])
    assert client.get("/admin/dashboards/volunteering/").status_code == 403


def test_the_scoped_lists_use_the_same_number_of_queries_for_2_or_12_organisations(client, towns):
    wismar = towns["wismar"]
    client.force_login(wismar["coordinator"])

    def add(start, count):
        for n in range(start, start + count):
            organisation = Organisation.objects.create(name=f"Verein {n}", slug=f"verein-{n}", site=wismar["site"],
                                                       contact_email=f"v{n}@wismar.example")
            Opportunity.objects.create(organisation=organisation, title=f"Aufgabe {n}", slug=f"aufgabe-{n}",
                                       description="x")

    def counts():
        found = {}
        for url in (ADMIN + "organisation/", ADMIN + "opportunity/", DESK):
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            found[url] = len(captured)
        return found

    add(0, 1)
    small = counts()
    add(1, 11)
    assert counts() == small


def test_existing_organisations_and_districts_belong_to_the_default_site(towns):
    default = Site.objects.get(is_default_site=True)
    demo = Organisation.objects.get(slug="freiwilligenagentur-demo")
    assert demo.site == default
    assert District.objects.get(slug="moisling").site is None  # none: the default site's


def test_only_the_regions_coordinators_move_an_organisation_to_another_municipality(client, towns,
                                                                                    region_coordinator):
    wismar, schwartau = towns["wismar"], towns["schwartau"]
    organisation = wismar["organisation"]
    url = ADMIN + f"organisation/edit/{organisation.pk}/"
    form = {"name": organisation.name, "slug": organisation.slug, "description": "", "contact_email":
            organisation.contact_email, "contact_phone": "", "address": "", "district": "", "logo": "",
            "verification_note": "", "decision": "", "site": schwartau["site"].pk}
    client.force_login(wismar["coordinator"])
    assert 'name="site"' not in page(client, url)
    assert client.post(url, form).status_code == 302
    organisation.refresh_from_db()
    assert organisation.site == wismar["site"]  # the field is not hers: ignored

    client.force_login(region_coordinator)
    listing = BeautifulSoup(page(client, ADMIN + "organisation/"), "html.parser")
    row = next(tr for tr in listing.select("tbody tr") if organisation.name in tr.get_text())
    assert "Hansestadt Wismar" in row.get_text()  # the region's list says whose each organisation is
    assert 'name="site"' in page(client, url)
    assert client.post(url, form).status_code == 302
    organisation.refresh_from_db()
    assert organisation.site == schwartau["site"]
