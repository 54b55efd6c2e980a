"""Issue 21, point 7: people behind one shared address (a Bürgerbüro, a library, an event) are limited each on their
own first; the address's own limit is high, and a refusal comes as a message of its own with whom to call."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from participation.ideas.models import Idea
from tests.participation.conftest import PROCESS_URL, idea_data

pytestmark = pytest.mark.django_db
SUBMIT = PROCESS_URL + "idee/neu/"
SHARED = {"REMOTE_ADDR": "198.51.100.20"}  # the public computer in the Bürgerbüro


@pytest.fixture(autouse=True)
def _contact(settings):
    settings.PARTICIPATION_CONTACT_PHONE = "0451 122-4242"
    settings.PARTICIPATION_CONTACT_EMAIL = "buergerbuero@luebeck.example"
    cache.clear()
    yield
    cache.clear()


def limits(settings, action, **per_subject):
    """Set the limits of one action for a test (settings.RATE_LIMITS, "amount/period" per subject)."""
    settings.RATE_LIMITS = {**getattr(settings, "RATE_LIMITS", {}), action: per_subject}


def send(title, email, client=None, **extra):
    return (client or Client()).post(SUBMIT, idea_data(title=title, contact_email=email, **extra), **SHARED)


def test_a_new_person_at_a_shared_address_sends_her_first_idea(process):
    for number in range(15):  # more people than the old limit of 10 per address and hour
        assert send(f"Idee Nummer {number}", f"person{number}@example.org").status_code == 302
    assert send("Bank vor dem Bürgerbüro", "neu.hier@example.org").status_code == 302
    assert Idea.objects.filter(title="Bank vor dem Bürgerbüro").exists()


def test_one_person_meets_her_own_limit_in_a_message_of_its_own(process, settings):
    limits(settings, "idea", email="3/h", address="60/h")
    for number in range(3):
        assert send(f"Idee {number}", "eifrig@example.org").status_code == 302
    refused = send("Noch eine Idee", "eifrig@example.org", description="Ein langer Text, den ich nicht neu tippe.")
    assert refused.status_code == 429
    page = BeautifulSoup(refused.content, "html.parser")
    block = page.select_one("#rate-limited")
    assert block is not None and page.select_one("#form-errors") is None  # not under "Please correct the fields"
    text = " ".join(block.get_text().split())
    assert "Sie haben in kurzer Zeit viele Beiträge gesendet" in text and "0451 122-4242" in text
    assert block.select_one('a[href="tel:04511224242"]') and block.select_one(
        'a[href="mailto:buergerbuero@luebeck.example"]')
    # Nothing typed is lost, and nothing was saved.
    assert page.select_one("#id_title")["value"] == "Noch eine Idee"
    assert "Ein langer Text, den ich nicht neu tippe." in page.select_one("#id_description").get_text()
    assert not Idea.objects.filter(title="Noch eine Idee").exists()
    # The next person at the same computer is not affected.
    assert send("Noch eine Idee", "naechste@example.org").status_code == 302


def test_a_signed_in_resident_is_counted_by_her_account_wherever_she_is(process, settings, resident):
    limits(settings, "idea", account="2/h", address="60/h")
    client = Client()
    client.force_login(resident)
    for number, address in enumerate(("198.51.100.20", "203.0.113.7")):
        assert client.post(SUBMIT, idea_data(title=f"Idee {number}"), REMOTE_ADDR=address).status_code == 302
    assert client.post(SUBMIT, idea_data(title="Dritte"), REMOTE_ADDR="192.0.2.99").status_code == 429
    neighbour = Client()
    neighbour.force_login(User.objects.create_user("nachbarin@example.org", "Ein-Langes-Passwort-1"))
    assert neighbour.post(SUBMIT, idea_data(title="Ihre erste"), **SHARED).status_code == 302


def test_the_shared_address_limit_says_so_and_whom_to_call(process, settings):
    limits(settings, "idea", email="10/h", address="3/h")
    for number in range(3):
        assert send(f"Idee {number}", f"person{number}@example.org").status_code == 302
    refused = send("Vierte Idee", "person3@example.org")
    assert refused.status_code == 429
    block = BeautifulSoup(refused.content, "html.parser").select_one("#rate-limited")
    text = " ".join(block.get_text().split())
    assert "Aus Ihrem Netz kamen" in text and "0451 122-4242" in text and "buergerbuero@luebeck.example" in text
    # From another address the same person gets in: the limit was the shared one.
    assert Client().post(SUBMIT, idea_data(title="Vierte Idee", contact_email="person3@example.org"),
                         REMOTE_ADDR="192.0.2.50").status_code == 302
