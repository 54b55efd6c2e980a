# ruff: noqa: F811 - the fixtures imported from test_dashboards are pytest's arguments here
"""The PDF reports of a process and of a survey, read back: summary, charts' tables, selected ideas with
their official answers, per-question results, no fetch, no table across a page break, and the time a
report of 500 ideas takes."""


import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.models import District
from participation.ideas import reports
from participation.ideas.dashboards import Filters
from participation.ideas.models import Channel, Idea, IdeaCategory
from participation.surveys import reports as survey_reports
from participation.surveys.questions import all_questions
from tests.participation.test_dashboards import (  # noqa: F401 - fixtures, shared with the dashboards' tests
    answer,
    answered_survey,
    five_ideas,
    make_idea,
    option,
    process,
)
from tests.participation.test_printing import pdf_streams

pytestmark = pytest.mark.django_db


def text_of(pdf):
    document = pdfium.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document), len(document)


def flat(text):
    return " ".join(text.split())


def tables_per_page(document):
    """For every page, the tables (by their element) that have a part on it."""
    from weasyprint.formatting_structure import boxes

    return [{id(box.element) for box in page._page_box.descendants() if isinstance(box, boxes.TableBox)}
            for page in document.pages]


def test_the_process_report_holds_the_summary_charts_and_answered_ideas(process, five_ideas):
    answered = five_ideas[2]
    Idea.objects.filter(pk=answered.pk).update(
        published=True, official_answer="Die Bänke kommen im Frühjahr.", answered_at=timezone.now(),
        title="Bänke am Mühlenteich")
    popular = five_ideas[3]
    Idea.objects.filter(pk=popular.pk).update(published=True, support_count=42, title="Wasserspielplatz")
    Idea.objects.filter(pk=five_ideas[4].pk).update(published=True, hidden=True, title="Versteckte Idee")
    with translation.override("en"):
        pdf, refused = reports.process_report(process)
    text, pages = text_of(pdf)
    text = flat(text)
    assert refused == []
    assert text.startswith("Report on a participation process")
    assert "Spielplätze" in text
    assert "Participants 4" in text and "Contributions 8" in text and "Ideas 5" in text
    assert "Ideas by channel" in text and "Ideas by district and channel" in text and "Ideas by category" in text
    assert "Online 3" in text and "Paper 2" in text  # the channel table
    assert "Moisling 1 2 0 0 3" in text  # district × channel table with its total
    # Answered ideas first, then the most supported; hidden ones are not shown.
    assert text.index("Bänke am Mühlenteich") < text.index("Die Bänke kommen im Frühjahr.") < \
        text.index("Wasserspielplatz")
    assert "Versteckte Idee" not in text
    assert pdf.startswith(b"%PDF")
    assert any(b"pdfuaid" in stream for stream in pdf_streams(pdf))  # declared PDF/UA-1 (XMP metadata)
    assert any(b"/StructTreeRoot" in stream for stream in pdf_streams(pdf))  # tagged PDF


def test_the_report_follows_the_filters(process, five_ideas):
    with translation.override("en"):
        pdf, _refused = reports.process_report(process, Filters(channel="paper", district="moisling"))
    text = flat(text_of(pdf)[0])
    assert "Selection: channel: Paper; district: Moisling" in text
    assert "Ideas 2" in text


def test_the_survey_report_holds_every_question_with_the_channel_split(answered_survey):
    with translation.override("en"):
        pdf, refused = survey_reports.survey_report(answered_survey)
    text = flat(text_of(pdf)[0])
    assert refused == []
    assert "Report on a survey" in text and "Responses 3" in text
    for number, question in enumerate(all_questions(answered_survey), start=1):
        assert f"{number}. {' '.join(question.text.split())}" in text
    assert "Answer Online Paper Event Citizens' desk Total Share" in text
    assert "Fahrrad 1 1 0 0 2 66.7 %" in text
    assert "Responses by district and channel" in text


def test_analysts_download_the_report(client, analyst, process, five_ideas):
    client.force_login(analyst)
    response = client.get(reverse("participation_process_report", args=[process.pk]), {"channel": "paper"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="spielplaetze-report-' in response["Content-Disposition"]
    assert "Spielplätze" in text_of(response.content)[0]


def test_500_ideas_in_40_districts_without_a_table_across_pages(process):
    districts = [District.objects.create(name=f"Ortsteil {n:02d}", slug=f"ortsteil-{n:02d}", sort_order=100 + n)
                 for n in range(30)] + list(District.objects.filter(sort_order__lt=100))
    category = IdeaCategory.objects.get(slug="wohnen")
    now = timezone.now()
    Idea.objects.bulk_create([
        Idea(process=process, reference=f"ID-1999-{n:05d}", title=f"Idee Nummer {n}",
             description="Eine längere Beschreibung der Idee. " * 12, category=category,
             district=districts[n % len(districts)], channel=Channel.values[n % 4], contact_email="x@example.org",
             consent_at=now, confirmed_at=now, published=True, support_count=n % 50,
             official_answer="Wir prüfen das." if n % 7 == 0 else "")
        for n in range(500)
    ])
    with translation.override("en"):
        pdf, refused = reports.process_report(process)
    assert refused == []
    text = flat(text_of(pdf)[0])
    assert text.count("Wir prüfen das.") == 30  # at most 30 ideas, answered ones first (72 of them)
    assert "Ideas by district and channel (continued)" in text  # 40 rows: in blocks

    with translation.override("en"):
        document, _refused = reports.render(reports.process_context(process))
    on_pages = tables_per_page(document)
    for number, tables in enumerate(on_pages):
        for later in on_pages[number + 1:]:
            assert not tables & later, "a table runs across a page break"
    # Five charts with a table each; the 40 districts come in three blocks of at most 15 rows.
    assert sum(len(tables) for tables in on_pages) == 7


def test_a_survey_question_with_many_answers_is_split_into_blocks(survey):
    district = next(q for q in all_questions(survey) if q.kind == "district")
    extra = [District.objects.create(name=f"Dorf {n:02d}", slug=f"dorf-{n:02d}", sort_order=200 + n) for n in range(25)]
    bike = option(survey, "verkehrsmittel", "Fahrrad")
    for n, place in enumerate(extra):
        answer(survey, Channel.values[n % 4], verkehrsmittel=bike, baustellen="3", stadtteil=place.slug)
    document, refused = reports.render(survey_reports.survey_context(survey))
    assert refused == []
    on_pages = tables_per_page(document)
    for number, tables in enumerate(on_pages):
        for later in on_pages[number + 1:]:
            assert not tables & later
    assert district is not None
