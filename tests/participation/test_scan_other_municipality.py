"""A sheet printed for another municipality (issue 26) is refused by this municipality's scan import with a clear
message, and counted where it belongs; no page is lost either way."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from core import municipalities
from participation.paper import scan_import
from participation.paper.models import ReviewTask, ScanPage
from participation.paper.printing import master
from participation.paper.scan_import import lost_pages, resolve
from participation.surveys.models import SurveyPage, SurveyResponse
from tests.participation.test_scan_pipeline import Reader, new_import, new_sheets, read_all, reading_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def wismar_form(demo_site, monkeypatch):
    town = municipalities.create("Hansestadt Wismar", "wismar.localhost", slug="wismar", kind="partner")
    now = timezone.now()
    common = {"help_text": "", "required": False, "show_if_question": "", "show_if_answer": ""}
    survey = SurveyPage(title="Umfrage Alter Hafen", slug="umfrage-alter-hafen", audience=SurveyPage.Audience.ANYONE,
                        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=20),
                        questions=[("section", {"title": "Teil 1", "intro": "", "show_if_question": "",
                                                "show_if_answer": "", "questions": [
                                                    ("yesno", {"text": "Kennen Sie den Hafen?", "key": "hafen",
                                                               **common})]})])
    town.site.root_page.add_child(instance=survey)
    survey.save_revision().publish()
    _pdf, version, _refused = master(survey)
    real = scan_import.version_data

    def cheap(version_id):  # prepared readings need no printed mask
        data = real(version_id)
        return {**data, "masks": {}} if data else data

    monkeypatch.setattr(scan_import, "version_data", cheap)
    return survey, version, town


def test_lubecks_scan_import_refuses_a_wismar_sheet_and_wismars_counts_it(client, analyst, wismar_form,
                                                                         monkeypatch):
    survey, version, town = wismar_form
    reader = Reader(monkeypatch)
    serial, = new_sheets(survey, 1)
    pages = [reading_of(version, serial, number) for number in range(1, version.page_count + 1)]
    at_lubeck = new_import(reader, analyst, pages)
    at_lubeck.site = Site.objects.get(is_default_site=True)
    at_lubeck.save(update_fields=["site"])
    read_all(at_lubeck)
    tasks = ReviewTask.objects.filter(page__scan_import=at_lubeck, status="open")
    assert {task.reason for task in tasks} == {"other_municipality"} and tasks.count() == version.page_count
    assert not SurveyResponse.objects.filter(survey=survey).exists() and lost_pages() == []
    client.force_login(analyst)
    html = client.get(f"/de/papiererfassung/pruefen/{tasks[0].pk}/").content.decode()
    assert "gehört zu Hansestadt Wismar („Umfrage Alter Hafen“)" in html and "Von Hand erfasst" not in html
    for task in tasks:
        resolve(task, analyst, {"action": "discard"})
    assert set(at_lubeck.pages.values_list("status", flat=True)) == {ScanPage.Status.DUPLICATE}

    at_wismar = new_import(reader, analyst, [reading_of(version, serial, number)
                                             for number in range(1, version.page_count + 1)])
    at_wismar.site = town.site
    at_wismar.save(update_fields=["site"])
    read_all(at_wismar)
    assert SurveyResponse.objects.get(survey=survey).paper_sheet == serial  # counted where it belongs
    assert lost_pages() == []
