"""Twenty municipalities on one install (issue 26, Must hold): every page runs the same number of queries with one
municipality as with twenty, and the region portal names all of them."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts import roles
from core import municipalities

pytestmark = pytest.mark.django_db

PAGES = ["/de/", "/en/", "/de/region/", "/de/termine/", "/de/engagement/", "/de/digitalblog/",
         "/de/suche/?q=Beteiligung", "/de/ideen-digitale-beteiligung/"]
STAFF_PAGES = {roles.ANALYSTS: ["/admin/dashboards/", "/admin/exports/?dataset=ideas"],
               roles.MODERATORS: ["/admin/ideas/", "/de/papiererfassung/"]}


def counts(clients):
    found = {}
    for client, address in clients:
        client.get(address)  # one-off lookups (site, locales, groups) happen once per process: the steady state
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address)
        assert response.status_code == 200, (address, response.status_code)
        found[address] = len(captured)
    return found


def test_queries_per_page_are_the_same_with_one_and_with_twenty_municipalities(demo_site, settings,
                                                                               django_user_model):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself, not the anonymous page cache
    clients = [(Client(), address) for address in PAGES]
    for role, addresses in STAFF_PAGES.items():  # the region's staff: their lists span every municipality
        user = django_user_model.objects.create_user(f"{role}@scale.example", "Zwanzig-Kommunen-2026")
        user.groups.add(Group.objects.get(name=role))
        client = Client()
        client.force_login(user)
        clients += [(client, address) for address in addresses]
    one = counts(clients)
    for number in range(2, 21):
        municipalities.create(f"Gemeinde {number:02d}", f"gemeinde-{number:02d}.localhost")
    twenty = counts(clients)
    assert twenty == one
    portal = Client().get("/de/region/").content.decode()
    assert all(f"Gemeinde {number:02d}" in portal for number in range(2, 21)) and "Hansestadt Lübeck" in portal
