import datetime

import pytest
from django.utils import timezone

from core.models import District
from participation.events.models import EventPage
from participation.ideas.models import ParticipationProcessPage


def add_event(parent, title, slug, days=14, capacity=10, **fields):
    """A published workshop `days` from now (negative: in the past) under `parent`."""
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    event = EventPage(title=title, slug=slug, intro="Wir sammeln Ideen für den Stadtteil.", starts_at=starts,
                      ends_at=starts + datetime.timedelta(hours=2), place_name="Stadtteilbüro",
                      address="Musterstraße 1, 23560 Lübeck", capacity=capacity, **fields)
    parent.add_child(instance=event)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture
def process_de(demo_site):
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


@pytest.fixture
def workshop(process_de):
    moisling = District.objects.get(slug="moisling")
    return add_event(process_de, "Bürgerwerkstatt Testweg", "werkstatt-testweg", district=moisling,
                     step_free=True, hearing_loop=True, languages=["de", "tr"])
