"""A city trying the site finds it in use (issue 24, point 19): the demo survey's dashboard shows a few hundred
answers split by channel, the idea list has ideas in every status, the engagement list has many engagements."""

import io

import pytest
from django.core.management import call_command

from participation.surveys.models import SurveyPage
from tests.browser.helpers import sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_demo_shows_answers_ideas_in_every_status_and_engagements(browser_page):
    call_command("load_demo_content", stdout=io.StringIO())  # with the activity, as `make run` loads it
    page = browser_page
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    answers = survey.responses.filter(submitted_at__isnull=False).count()

    page.goto("/de/ideen-digitale-beteiligung/")
    main = page.locator("main").inner_text()
    for status in ("Eingegangen", "In Prüfung", "Angenommen", "Abgelehnt", "In Bearbeitung", "Abgeschlossen"):
        assert status in main, status
    page.goto("/de/engagement/")
    assert page.locator("main article, main .kern-card").count() >= 8
    page.assert_accessible()

    sign_in_by_keyboard(page, "ana@luebeck.example", "Auswertung-2026!")
    page.goto(f"/admin/dashboards/survey/{survey.pk}/")
    dashboard = page.locator("main").inner_text()
    assert f"{answers}" in dashboard and answers >= 200
    assert "Papier" in dashboard and "Online" in dashboard
