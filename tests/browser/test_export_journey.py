"""An analyst exports the demo survey's responses as XLSX without the mouse: from the survey's dashboard to
the export form, or choosing the data, the survey and the format there; starts the export, watches it
become ready and downloads a real workbook."""

import io
import zipfile

import pytest

from core.models import ExportJob
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.questions import all_questions
from tests.browser.helpers import press, sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_admin_page_accessible(page):
    """Zero axe violations, one main landmark and one h1 (the Wagtail admin's own skip link leads to #main)."""
    violations = page.axe_violations()
    assert violations == [], f"axe found problems on {page.url}:\n" + "\n".join(violations)
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() == 1
    assert page.foreign_requests() == []


def test_an_analyst_exports_survey_responses_as_xlsx_by_keyboard(browser_page):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    question = next(q for q in all_questions(survey) if q.key == "verkehrsmittel")
    bike = next(key for key, label in question.options if label == "Fahrrad")
    SurveyResponse.objects.bulk_create([
        SurveyResponse(survey=survey, submitted_at=survey.opens_at, answers={question.id: bike}) for _n in range(3)])
    page = browser_page
    sign_in_by_keyboard(page, "auswertung@luebeck.example", "Auswertung-2026!")

    page.goto(f"/admin/dashboards/survey/{survey.pk}/")
    assert_admin_page_accessible(page)
    page.locator("main a[href*='dataset=survey_responses']").focus()
    press(page, "Enter")  # the export form, with the survey and XLSX chosen already
    assert "dataset=survey_responses" in page.url
    assert_admin_page_accessible(page)
    assert page.locator("#id_source").input_value() == str(survey.pk)
    assert page.locator("input[name=format][value=xlsx]").is_checked()
    page.locator("main form[method=post] button[type=submit]").focus()
    press(page, "Enter")
    assert "/admin/exports/" in page.url and "dataset" not in page.url  # the job's page
    status = page.locator("[data-export-state]")
    status.wait_for()
    page.locator("[data-export-download]").wait_for()  # shown when done (not wait_for_function: CSP forbids eval)
    assert "3" in status.inner_text()
    assert status.get_attribute("role") == "status"
    assert_admin_page_accessible(page)

    link = page.locator("[data-export-download] a")
    link.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    data = open(download_info.value.path(), "rb").read()  # noqa: SIM115 - read at once
    assert download_info.value.suggested_filename.endswith(".xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as workbook:
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    assert "Fahrrad" in sheet and "Wie sind Sie meistens unterwegs?" in sheet

    page.goto("/admin/exports/")  # the form itself, chosen by keyboard
    assert_admin_page_accessible(page)
    page.locator("input[name=dataset][value=survey_responses]").focus()
    page.keyboard.press("Space")
    press(page, "Enter")
    assert "dataset=survey_responses" in page.url

    page.goto("/admin/exports/mine/")
    assert page.locator("tr[data-job]").count() == 1
    assert_admin_page_accessible(page)
    job = ExportJob.objects.get()
    job.file.delete()  # the private files are not rolled back with the database
