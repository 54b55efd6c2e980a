import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import District
from participation.ideas.models import Idea, IdeaCategory
from tests.participation.conftest import PROCESS_URL

pytestmark = pytest.mark.django_db


def add_ideas(process, start, count):
    now = timezone.now()
    categories, districts = list(IdeaCategory.objects.all()), list(District.objects.all())
    Idea.objects.bulk_create([
        Idea(process=process, reference=f"ID-2099-{number:05d}", title=f"Idee {number}", description="Text",
             category=categories[number % len(categories)], district=districts[number % len(districts)],
             contact_email="x@example.org", consent_at=now, confirmed_at=now, published=True, published_at=now)
        for number in range(start, start + count)
    ])


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_idea_list_runs_the_same_queries_with_10_and_1000_ideas(client, process):
    Idea.objects.filter(process=process).delete()
    add_ideas(process, 0, 10)
    urls = [PROCESS_URL, PROCESS_URL + "?sort=supported&district=moisling", PROCESS_URL + "?q=Idee&page=1"]
    small = [queries(client, url) for url in urls]
    add_ideas(process, 10, 990)
    large = [queries(client, url) for url in urls]
    assert small == large
