"""Concurrent clicks on "support" by one person count once (unique constraint + atomic increment)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from accounts.models import User
from participation.ideas.models import Idea, Support
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
    barrier = threading.Barrier(len(clients))
    statuses = []

    def click(client):
        try:
            barrier.wait(timeout=10)
            statuses.append(client.post(f"{PROCESS_URL}idee/{idea.reference}/unterstuetzen/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302] * len(clients)
    idea.refresh_from_db()
    assert Support.objects.filter(idea=idea, user=user).count() == 1
    assert idea.support_count == before + 4  # the fast clicker once, the three others once each
