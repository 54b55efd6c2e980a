import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from volunteering.models import Opportunity, Organisation, Shift


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Tafel Lübeck", slug="tafel-luebeck", contact_email="info@tafel.example",
                                       verified_at=timezone.now())


@pytest.fixture
def opportunity(organisation):
    return Opportunity.objects.create(organisation=organisation, title="Lebensmittel ausgeben", slug="ausgabe",
                                      description="Samstags Lebensmittel an Kundinnen und Kunden ausgeben.",
                                      published=True)


@pytest.fixture
def shift(opportunity):
    start = timezone.now() + datetime.timedelta(days=3)
    return Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                                capacity=10)


def volunteers(count, prefix="helfer"):
    return [User.objects.create_user(f"{prefix}{n}@example.org", "Ein-Langes-Passwort-1") for n in range(count)]
