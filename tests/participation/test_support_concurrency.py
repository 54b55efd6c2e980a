"""Concurrent clicks on "support" by one person count once (unique constraint + atomic increment)."""

import pytest
from django.test import Client

from accounts.models import User
from participation.ideas.models import Idea, Support
from tests.concurrency import at_once
from tests.participation.conftest import PROCESS_URL

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_concurrent_supports_by_one_person_count_once():
    user = User.objects.create_user("schnell@example.org", "Ein-Langes-Passwort-1")
    others = [User.objects.create_user(f"person{n}@example.org", "Ein-Langes-Passwort-1") for n in range(3)]
    idea = Idea.objects.public().filter(process__slug="ideen-digitale-beteiligung").first()
    before = idea.support_count
    clients = []
    for person in [user] * 6 + others:
        client = Client()
        client.force_login(person)
        clients.append(client)
    statuses = []
    url = f"{PROCESS_URL}idee/{idea.reference}/unterstuetzen/"
    assert at_once([lambda client=client: statuses.append(client.post(url).status_code) for client in clients]) == []
    assert statuses == [302] * len(clients)
    idea.refresh_from_db()
    assert Support.objects.filter(idea=idea, user=user).count() == 1
    assert idea.support_count == before + 4  # the fast clicker once, the three others once each
