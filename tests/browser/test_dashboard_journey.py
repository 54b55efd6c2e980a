"""An analyst reads the dashboards in Chromium without the mouse: the overview, a survey's dashboard and
a process's dashboard with a filter; no axe violations, also at 320 px, where the charts shrink and
the page does not scroll sideways."""

import pytest
from django.utils import timezone

from core.models import District
from participation.ideas.models import Channel, Idea, IdeaCategory, ParticipationProcessPage
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.questions import all_questions
from tests.browser.helpers import press, sign_in_by_keyboard
from volunteering.models import Signup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def check(page):
    """Zero axe violations, one main landmark, one h1, the language set, nothing from other hosts, and no
    sideways scrolling of the page. (Wagtail's admin has its own skip link, `.skiplink`.)"""
    violations = page.axe_violations()
    assert violations == [], f"axe found problems on {page.url}:\n" + "\n".join(violations)
    assert page.locator("main").count() == 1 and page.locator("h1").count() == 1
    assert page.get_attribute("html", "lang")
    assert page.locator("a.skiplink").count() == 1
    assert page.foreign_requests() == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    # Wagtail's main area hides what sticks out, so look for it: only tables may scroll, inside their region.
    sticking_out = page.evaluate("""[...document.querySelectorAll('.dashboard *')]
        .filter(el => !el.closest('.dashboard-table, .chart__scroll') || el.matches('.dashboard-table, .chart__scroll'))
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map(el => el.outerHTML.slice(0, 80))""")
    assert sticking_out == [], sticking_out


def check_narrow(page, charts=True):
    """At 320 px: the same checks, and every chart fits the screen."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.reload()
    check(page)
    widths = page.evaluate("[...document.querySelectorAll('svg.chart__svg')].map(s => s.getBoundingClientRect().right)")
    assert bool(widths) is charts and max(widths, default=0) <= 320
    page.set_viewport_size({"width": 1280, "height": 900})


def data():
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    category = IdeaCategory.objects.get(slug="mobilitaet")
    now = timezone.now()
    for n, channel in enumerate([Channel.PAPER, Channel.PAPER, Channel.DESK, Channel.ONLINE]):
        Idea.objects.create(process=process, title=f"Radweg {n}", description="Breiter bitte.", category=category,
                            district=District.objects.get(slug="moisling"), channel=channel,
                            contact_email="papier@example.org", consent_at=now, confirmed_at=now)
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    by_key = {q.key: q for q in all_questions(survey)}
    bike = next(key for key, label in by_key["verkehrsmittel"].options if label == "Fahrrad")
    for n, channel in enumerate([Channel.ONLINE, Channel.ONLINE, Channel.PAPER]):
        SurveyResponse.objects.create(survey=survey, channel=channel, submitted_at=now, answers={
            by_key["verkehrsmittel"].id: bike, by_key["baustellen"].id: str(2 + n),
            by_key["stadtteil"].id: "moisling"})
    return process, survey


def test_an_analyst_reads_the_dashboards_by_keyboard(browser_page):
    process, survey = data()
    page = browser_page
    sign_in_by_keyboard(page, "ana.auswertung@luebeck.example", "Auswertung-Lesen-1")

    page.goto("/admin/dashboards/")
    check(page)
    check_narrow(page, charts=False)

    page.get_by_role("link", name=survey.title).focus()
    press(page, "Enter")
    assert f"/admin/dashboards/survey/{survey.pk}/" in page.url
    assert page.locator('[data-figure="responses"] dd').inner_text() == "3"
    check(page)
    check_narrow(page)

    page.locator(".dashboard > p > a").first.focus()  # back to all dashboards
    press(page, "Enter")
    page.get_by_role("link", name=process.title).focus()
    press(page, "Enter")
    ideas = page.locator('[data-figure="ideas"] dd')
    assert ideas.inner_text() == str(process.ideas.filter(confirmed_at__isnull=False).count())

    page.locator("#id_channel").focus()
    page.keyboard.press("ArrowDown")  # all channels → online
    page.keyboard.press("ArrowDown")  # → paper
    page.locator(".dashboard-filters button[type=submit]").focus()
    press(page, "Enter")
    assert "channel=paper" in page.url
    paper = process.ideas.filter(confirmed_at__isnull=False, channel=Channel.PAPER).count()
    assert ideas.inner_text() == str(paper)
    check(page)
    check_narrow(page)

    # The data tables open with the keyboard, and all of them are there when the page is printed.
    page.locator("#ideas-by-channel summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#ideas-by-channel table").is_visible()
    page.emulate_media(media="print")
    assert page.locator("#ideas-by-category table").is_visible()
    page.emulate_media(media="screen")
    assert not page.locator("#ideas-by-category table").is_visible()

    page.goto("/admin/dashboards/volunteering/")
    check(page)
    check_narrow(page, charts=Signup.objects.exists())
