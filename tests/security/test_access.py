"""Who gets in where: every kind of address, tried as each role. A row lists the roles that get the page;
everyone else must be turned away (sent to sign in, 403 or 404) — never shown the page.

Roles: anonymous visitor, resident (an account, no group), and the staff groups of accounts.roles —
moderation, analysis, volunteering coordination, editors — plus a superuser ("admin")."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts import roles

pytestmark = pytest.mark.django_db

ANON, RESIDENT, MODERATOR, ANALYST, COORDINATOR, EDITOR, ADMIN = (
    "anonymous", "resident", "moderator", "analyst", "coordinator", "editor", "admin")
ROLES = [ANON, RESIDENT, MODERATOR, ANALYST, COORDINATOR, EDITOR, ADMIN]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {ANON}
STAFF = {MODERATOR, ANALYST, COORDINATOR, EDITOR, ADMIN}
GROUPS = {MODERATOR: roles.MODERATORS, ANALYST: roles.ANALYSTS, COORDINATOR: roles.VOLUNTEER_COORDINATORS,
          EDITOR: roles.EDITORS}


def addresses():
    """(address, roles that get in). Built at run time: some addresses need a page's id."""
    from participation.ideas.models import ParticipationProcessPage
    from participation.surveys.models import SurveyPage
    from tests.participation.events.conftest import add_event

    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    process = ParticipationProcessPage.objects.filter(locale__language_code="de").first()
    # An event nobody organises: its registrations and requests are for superusers only (organisers: the truth
    # table in tests/participation/events/test_rules.py).
    event = add_event(process, "Zugangswerkstatt", "zugangswerkstatt")
    return [
        # The public site
        ("/de/", EVERYONE),
        ("/en/", EVERYONE),
        ("/ar/", EVERYONE),
        (survey.url, EVERYONE),
        (process.url, EVERYONE),
        (event.url, EVERYONE),
        ("/de/engagement/", EVERYONE),
        ("/de/engagement/digitale-sprechstunde/", EVERYONE),
        ("/de/barriere-melden/", EVERYONE),
        ("/de/vorgang/", EVERYONE),
        ("/de/darstellung/", EVERYONE),
        ("/de/suche/?q=Lübeck", EVERYONE),
        # A resident's own pages
        (reverse("accounts:profile"), SIGNED_IN),
        ("/de/engagement/mein-profil/", SIGNED_IN),
        ("/de/engagement/meine-anmeldungen/", SIGNED_IN),
        ("/de/engagement/vorschlaege/", SIGNED_IN),
        ("/de/engagement/nachrichten/", SIGNED_IN),
        ("/de/engagement/organisation/", SIGNED_IN),
        ("/de/engagement/nachweis/", SIGNED_IN),
        # Survey results before the survey closes: analysts and moderators
        (survey.url + "ergebnisse/", {MODERATOR, ANALYST, ADMIN}),
        # Paper entry and scans: people who count results
        ("/de/papiererfassung/", {MODERATOR, ANALYST, ADMIN}),
        ("/de/papiererfassung/scans/", {MODERATOR, ANALYST, ADMIN}),
        ("/de/papiererfassung/pruefen/", {MODERATOR, ANALYST, ADMIN}),
        # The volunteer desk: coordinators
        ("/de/engagement/vermittlung/", {COORDINATOR, ADMIN}),
        ("/de/engagement/vermittlung/neu/", {COORDINATOR, ADMIN}),
        # The admin
        ("/admin/", STAFF),
        ("/admin/ideas/", {MODERATOR, ADMIN}),
        ("/admin/idea_comments/", {MODERATOR, ADMIN}),
        ("/admin/barrier-reports/", {MODERATOR, ADMIN}),
        ("/admin/events/requests/", STAFF),  # each sees the requests of the events she organises
        (f"/admin/events/{event.pk}/requests/", {ADMIN}),
        (f"/admin/events/{event.pk}/registrations/", {ADMIN}),
        (f"/admin/events/{event.pk}/registrations/new/", {ADMIN}),
        ("/admin/dashboards/", {ANALYST, ADMIN}),
        (f"/admin/dashboards/survey/{survey.pk}/", {ANALYST, ADMIN}),
        ("/admin/dashboards/volunteering/", {ANALYST, ADMIN}),
        ("/admin/exports/", {ANALYST, ADMIN}),
        ("/admin/exports/log/", {ADMIN}),
        ("/admin/downloads/log/", {ADMIN}),
        ("/admin/snippets/volunteering/organisation/", {COORDINATOR, ADMIN}),
        ("/admin/snippets/volunteering/opportunity/", {COORDINATOR, ADMIN}),
        (f"/admin/pages/{survey.pk}/edit/", {EDITOR, ADMIN}),
        (f"/admin/surveys/{survey.pk}/codes/", {EDITOR, ADMIN}),
        (f"/admin/paper/{survey.pk}/sheets/", {EDITOR, ADMIN}),
        ("/admin/images/", {EDITOR, ADMIN}),
        ("/admin/documents/", {EDITOR, ADMIN}),
        ("/admin/users/", {ADMIN}),
        ("/admin/groups/", {ADMIN}),
        ("/admin/consent-records/", {ADMIN}),  # proof of consent: no role has the view permission yet
        ("/admin/settings/core/footersettings/", {ADMIN}),
        ("/admin/settings/core/municipality/", {ADMIN}),  # a municipality's name, colours, languages (issue 26)
        ("/django-admin/", set()),
    ]


def client_for(role, django_user_model):
    client = Client()
    if role == ANON:
        return client
    user = django_user_model.objects.create_user(f"{role}@access.example", "Zugang-geprueft-2026",
                                                 is_superuser=role == ADMIN, is_staff=role == ADMIN)
    if role in GROUPS:
        user.groups.add(Group.objects.get(name=GROUPS[role]))
    client.force_login(user)
    return client


def got_in(address, response):
    """In: the page itself (2xx), or a redirect onwards. Out: 401/403/404, a redirect to sign in, Wagtail's
    "permission denied" redirect to the admin's start page, or the language redirect that a 404 outside
    the language prefix becomes (/admin/x/ → /de/admin/x/, which does not exist either)."""
    if response.status_code in (401, 403, 404, 405):
        return False
    if response.status_code in (301, 302):
        target = response["Location"].split("?")[0]
        if any(part in target for part in ("/login", "/konto/login", "/admin/login")):
            return False
        if target == "/admin/" and address != "/admin/":
            return False
        return target != "/de" + address.split("?")[0]
    return 200 <= response.status_code < 300


def test_every_address_lets_in_exactly_the_roles_it_names(demo_site, django_user_model):
    clients = {role: client_for(role, django_user_model) for role in ROLES}
    wrong = []
    for address, allowed in addresses():
        for role in ROLES:
            response = clients[role].get(address)
            if got_in(address, response) != (role in allowed):
                wrong.append(f"{address} as {role}: {response.status_code} {response.get('Location', '')}")
    assert wrong == [], "\n".join(wrong)
