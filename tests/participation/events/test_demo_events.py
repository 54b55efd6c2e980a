"""The demo events: enough to try every part of events without making any."""

from participation.events.models import EventPage
from participation.ideas.models import Idea
from tests.html import page_soup


def test_the_demo_has_upcoming_events_with_places_and_past_ones_with_minutes_results_and_ideas(client, demo_site):
    events = EventPage.objects.filter(locale__language_code="de")
    upcoming, past = list(events.upcoming()), list(events.past())
    assert len(upcoming) + len(past) >= 6
    assert len({event.district_id for event in events if event.district_id}) >= 5
    assert any(event.capacity and event.registration for event in upcoming)
    assert past and all(event.minutes and event.result for event in past)

    # `make run` loads the activity too (the suite's demo leaves it out): people and the ideas collected there.
    from participation.events import demo as events_demo
    from participation.ideas import demo as ideas_demo

    ideas_demo.load_activity()
    events_demo.load_activity()
    assert Idea.objects.filter(channel="event", event__in=past).count() == len(past)
    assert all(event.registrations.filter(attended_at__isnull=False).exists() for event in past)
    travemuende = next(event for event in past if event.slug == "buergerwerkstatt-travemuende")
    came = travemuende.registrations.filter(attended_at__isnull=False).count() + travemuende.walk_ins
    assert f"{came} Menschen haben mitgemacht" in travemuende.result

    travemuende = page_soup(client, "/de/ideen-digitale-beteiligung/buergerwerkstatt-travemuende/")
    assert "17 Menschen haben mitgemacht" in travemuende.get_text()
    minutes = travemuende.select_one('#result-heading ~ p a[href*="/documents/"]')
    assert minutes is not None and client.get(minutes["href"]).status_code == 200


def test_the_home_page_shows_the_next_events_and_links_the_event_calendar(client, demo_site):
    home = page_soup(client, "/de/")
    cards = home.select("#home-events ~ ul .event-card")
    assert len(cards) == 3
    assert "Infostand auf dem Koberg" in cards[0].get_text()
    assert home.select_one('#home-events ~ p a[href="/de/termine/"]') is not None
    project = page_soup(client, "/de/projekte/baustellenmanagement-roads/")
    assert "Stadtteilspaziergang St. Lorenz-Nord" in project.select_one("#project-events").parent.get_text()
