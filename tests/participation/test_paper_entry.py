"""Paper sheets entered by staff land in the same results as online answers, marked as paper."""

import pytest
from bs4 import BeautifulSoup

from participation.paper.models import PrintBatch, Sheet
from participation.paper.tasks import _next_serials
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.results import compute
from tests.participation.conftest import question

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheets(demo_site):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    batch = PrintBatch.objects.create(survey=survey, count=3)
    return [Sheet.objects.create(batch=batch, serial=serial) for serial in _next_serials(3)]


def test_a_sheet_is_entered_once_and_counted_as_paper(client, sheets, analyst):
    survey = sheets[0].batch.survey
    first = question(survey, "verkehrsmittel")
    client.force_login(analyst)
    response = client.get("/de/papiererfassung/", {"serial": sheets[0].serial.lstrip("0")})
    assert response.status_code == 302 and response["Location"].endswith(f"/{sheets[0].serial}/")
    html = client.get(response["Location"]).content.decode()
    assert first.text in html
    client.post(response["Location"], {f"paper-q-{first.id}": first.options[1][0], "finalise": "1"})
    stored = SurveyResponse.objects.get(paper_sheet=sheets[0].serial)
    assert stored.channel == "paper" and stored.entered_by == analyst and stored.submitted_at
    again = client.get("/de/papiererfassung/", {"serial": sheets[0].serial})
    assert again.status_code == 200 and "bereits" in again.content.decode()
    results = compute(survey)
    assert {value: count for value, _label, count in results["channels"]}["paper"] == 1


def test_save_for_later_keeps_the_sheet_open(client, sheets, analyst):
    survey = sheets[1].batch.survey
    first = question(survey, "verkehrsmittel")
    client.force_login(analyst)
    url = f"/de/papiererfassung/{sheets[1].serial}/"
    client.post(url, {f"paper-q-{first.id}": first.options[0][0], "later": "1"})
    draft = SurveyResponse.objects.get(paper_sheet=sheets[1].serial)
    assert draft.submitted_at is None
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.find("input", {"value": first.options[0][0]}).has_attr("checked")  # the saved answer is back
    assert compute(survey)["all_channels"] == 0


def test_only_staff_enter_paper_and_unknown_sheets_are_named(client, sheets, resident, analyst):
    client.force_login(resident)
    assert client.get("/de/papiererfassung/").status_code == 403
    client.force_login(analyst)
    html = client.get("/de/papiererfassung/", {"serial": "999999"}).content.decode()
    assert "999999" in html and "id_serial-error" in html
