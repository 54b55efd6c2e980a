"""Surveys: every question type validated, stored by stable id and counted; conditions; one-answer rules."""

import datetime
import re
import threading

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.utils import timezone

from participation.surveys.models import AccessCode, SurveyPage, SurveyResponse
from participation.surveys.questions import all_questions, sections
from participation.surveys.results import compute
from tests.participation.conftest import question

pytestmark = pytest.mark.django_db
DEMO = "/de/umfrage-mobilitaet/"


def q(text, kind, **extra):
    base = {"text": text, "key": extra.pop("key", ""), "help_text": "", "required": extra.pop("required", False),
            "show_if_question": "", "show_if_answer": ""}
    return (kind, {**base, **extra})


def options(*labels):
    return [{"label": label} for label in labels]


@pytest.fixture
def survey(demo_site):
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    now = timezone.now()
    page = SurveyPage(
        title="Alle Fragetypen", slug="alle-fragetypen", opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        questions=[("section", {"title": "Seite 1", "intro": "", "show_if_question": "", "show_if_answer": "",
                                "questions": [
            q("Einzeln", "single", key="einzeln", required=True, options=options("A", "B"), allow_other=True),
            q("Mehrere", "multiple", options=options("X", "Y", "Z"), allow_other=False, min_choices=1,
              max_choices=2),
            q("Liste", "dropdown", options=options("eins", "zwei")),
            q("Ja/Nein", "yesno", key="janein"),
            q("Skala", "scale", minimum=1, maximum=5, min_label="schlecht", max_label="gut", allow_no_answer=True),
            q("Matrix", "matrix", minimum=1, maximum=3, min_label="", max_label="", allow_no_answer=False,
              rows=[{"label": "Busse"}, {"label": "Bahnen"}]),
            q("Rangfolge", "ranking", options=options("Sicherheit", "Tempo")),
            q("Kurz", "short_text", max_length=10),
            q("Lang", "long_text", max_length=500),
            q("Zahl", "number", minimum=0, maximum=120),
            q("Datum", "date"),
            q("Stadtteil", "district"),
        ]}),
        ("section", {"title": "Nur bei Ja", "intro": "", "show_if_question": "janein", "show_if_answer": "ja",
                     "questions": [q("Warum ja?", "short_text", max_length=100, required=True)]})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def field_names(page):
    return {question.text: f"q-{question.id}" for question in all_questions(page)}


def start(client, page, **data):
    response = client.post(page.url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    return response["Location"]


def test_every_question_type_is_validated_stored_and_counted(client, survey):
    names = field_names(survey)
    qs = {question.text: question for question in all_questions(survey)}
    url = start(client, survey)
    bad = {names["Einzeln"]: "", names["Mehrere"]: [qs["Mehrere"].options[0][0], qs["Mehrere"].options[1][0],
                                                     qs["Mehrere"].options[2][0]],
           names["Kurz"]: "viel zu lang für zehn", names["Zahl"]: "130", names["Datum"]: "gestern"}
    response = client.post(url, bad)
    html = response.content.decode()
    assert response.status_code == 400
    for name in ("Einzeln", "Mehrere", "Kurz", "Zahl", "Datum"):
        assert f'id="id_{names[name]}-error"' in html, name
    assert "viel zu lang für zehn" in html  # entered values stay

    good = {
        names["Einzeln"]: "other", f"{names['Einzeln']}-other": "Segway",
        names["Mehrere"]: [qs["Mehrere"].options[0][0]],
        names["Liste"]: qs["Liste"].options[1][0], names["Ja/Nein"]: "no", names["Skala"]: "4",
        f"{names['Matrix']}-{qs['Matrix'].rows[0][0]}": "3", f"{names['Matrix']}-{qs['Matrix'].rows[1][0]}": "1",
        f"{names['Rangfolge']}-{qs['Rangfolge'].options[0][0]}": "2",
        f"{names['Rangfolge']}-{qs['Rangfolge'].options[1][0]}": "1",
        names["Kurz"]: "kurz", names["Lang"]: "Ein längerer Text.", names["Zahl"]: "42",
        names["Datum"]: "2026-05-01", names["Stadtteil"]: "moisling",
    }
    response = client.post(url, good)
    assert response.status_code == 302 and "/danke/" in response["Location"]  # "no": the conditional page is skipped
    stored = SurveyResponse.objects.get(survey=survey)
    survey.refresh_from_db()
    assert stored.submitted_at and stored.revision_id == survey.live_revision_id
    assert stored.answers[qs["Einzeln"].id] == {"choice": "other", "other": "Segway"}
    assert stored.answers[qs["Zahl"].id] == "42" and stored.answers[qs["Datum"].id] == "2026-05-01"
    assert stored.answers[qs["Rangfolge"].id] == {qs["Rangfolge"].options[0][0]: 2, qs["Rangfolge"].options[1][0]: 1}

    results = {item["question"].text: item for item in compute(survey)["questions"]}
    assert compute(survey)["total"] == 1
    assert {r["key"]: r["count"] for r in results["Einzeln"]["rows"]}["other"] == 1
    assert results["Skala"]["stats"]["mean"] == 4
    assert results["Zahl"]["stats"]["median"] == 42
    assert results["Rangfolge"]["ranking"][0]["label"] == "Tempo"
    assert results["Lang"]["texts"] == ["Ein längerer Text."]


def test_a_condition_shows_a_page_only_after_the_matching_answer(client, survey):
    names = field_names(survey)
    url = start(client, survey)
    response = client.post(url, {names["Einzeln"]: question(survey, "einzeln").options[0][0], names["Ja/Nein"]: "yes"})
    assert response.status_code == 302 and response["Location"].endswith("/2/")
    page_two = client.get(response["Location"]).content.decode()
    assert "Warum ja?" in page_two and "Seite 2 von 2" in page_two
    assert client.post(response["Location"], {}).status_code == 400  # the conditional question is required
    final = client.post(response["Location"], {names["Warum ja?"]: "Weil."})
    assert "/danke/" in final["Location"]


def test_back_and_resume_keep_the_answers(client, survey):
    names = field_names(survey)
    url = start(client, survey)
    first_option = question(survey, "einzeln").options[0][0]
    step_two = client.post(url, {names["Einzeln"]: first_option, names["Ja/Nein"]: "yes", names["Kurz"]: "merken"})
    # Later, in another browser, by the link alone:
    other = Client()
    html = other.get(url).content.decode()
    assert 'value="merken"' in html and f'value="{first_option}"' in html
    assert other.get(step_two["Location"]).status_code == 200


def test_editing_a_live_survey_keeps_earlier_answers_and_marks_removed_options(client, survey):
    names = field_names(survey)
    einzeln = question(survey, "einzeln")
    removed_id = einzeln.options[1][0]
    url = start(client, survey)
    client.post(url, {names["Einzeln"]: removed_id, names["Ja/Nein"]: "no"})
    old_revision = SurveyResponse.objects.get(survey=survey).revision_id

    survey.refresh_from_db()
    data = survey.questions.get_prep_value()  # what the editor's form sends: blocks with their ids
    block = next(b for section in data for b in section["value"]["questions"] if b["value"]["key"] == "einzeln")
    block["value"]["options"] = block["value"]["options"][:1]
    survey.questions = data
    survey.save_revision().publish()
    survey.refresh_from_db()
    assert [o[0] for o in question(survey, "einzeln").options] == [einzeln.options[0][0]]  # ids stay stable
    rows = next(q for q in compute(survey)["questions"] if q["question"].key == "einzeln")["rows"]
    assert any(row.get("removed") and row["key"] == removed_id and row["count"] == 1 for row in rows)
    assert SurveyResponse.objects.get(survey=survey).revision_id == old_revision


def test_going_back_keeps_the_page_as_left_valid_or_not(client, survey):
    names = field_names(survey)
    url = start(client, survey)
    page_two = client.post(url, {names["Einzeln"]: question(survey, "einzeln").options[0][0],
                                 names["Ja/Nein"]: "yes"})["Location"]
    assert client.post(page_two, {names["Warum ja?"]: "x" * 101, "back": "1"})["Location"] == url
    page_one = BeautifulSoup(client.get(url).content, "html.parser")
    yes = page_one.find("input", {"name": names["Ja/Nein"], "value": "yes"})
    assert yes.has_attr("checked")
    # Forward again: the too-long text is there as typed (to correct, not to retype), without an error yet.
    html = client.get(page_two).content.decode()
    assert 'value="' + "x" * 101 + '"' in html and "kern-error" not in html
    client.post(page_two, {names["Warum ja?"]: "Weil."})
    assert SurveyResponse.objects.get(survey=survey).page_drafts == {}


def test_the_page_counter_says_about_while_a_condition_may_open_a_page(client, survey):
    names = field_names(survey)
    url = start(client, survey)
    assert "Seite 1, etwa 2" in client.get(url).content.decode()  # "Ja/Nein" on this page may open page 2
    page_two = client.post(url, {names["Einzeln"]: question(survey, "einzeln").options[0][0],
                                 names["Ja/Nein"]: "yes"})["Location"]
    assert "Seite 2 von 2" in client.get(page_two).content.decode()
    client.post(page_two, {"back": "1"})
    client.post(url, {names["Einzeln"]: question(survey, "einzeln").options[0][0], names["Ja/Nein"]: "no"})
    assert SurveyResponse.objects.get(survey=survey).submitted_at  # "no": page 1 was the last


def test_one_answer_per_account(client, survey, resident):
    survey.audience = SurveyPage.Audience.RESIDENTS
    survey.save_revision().publish()
    assert "anmelden" in client.post(survey.url).content.decode().lower()
    client.force_login(resident)
    names = field_names(survey)
    url = start(client, survey)
    assert start(client, survey) == url  # starting again resumes the same response
    client.post(url, {names["Einzeln"]: question(survey, "einzeln").options[0][0], names["Ja/Nein"]: "no"})
    response = client.post(survey.url)
    assert response.status_code == 200 and "bereits" in response.content.decode()
    assert SurveyResponse.objects.filter(survey=survey, user=resident).count() == 1


def test_closed_and_unopened_surveys_take_no_answers(client, survey):
    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.save_revision().publish()
    assert client.post(survey.url).status_code == 200
    assert not SurveyResponse.objects.filter(survey=survey).exists()


def test_results_for_analysts_only_until_the_editor_opens_them(client, survey, django_user_model):
    from django.contrib.auth.models import Group

    results_url = survey.url + "ergebnisse/"
    assert client.get(results_url).status_code == 404
    analyst = django_user_model.objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1")
    analyst.groups.add(Group.objects.get(name="Auswertung"))
    client.force_login(analyst)
    assert client.get(results_url).status_code == 200


def test_demo_survey_sections(demo_site):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    assert [s.title for s in sections(survey)] == ["Ihre Wege", "Radfahren", "Zum Schluss"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_access_code_is_used_once_even_when_two_start_at_the_same_moment():
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    survey.audience = SurveyPage.Audience.CODE
    survey.save_revision().publish()
    AccessCode.objects.create(survey=survey, code="LUEB-1234")
    barrier = threading.Barrier(4)
    outcomes = []

    def use_code():
        try:
            barrier.wait(timeout=10)
            response = Client().post(survey.url, {"code": "lueb-1234"})
            outcomes.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=use_code) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [200, 200, 200, 302]
    assert SurveyResponse.objects.filter(survey=survey, access_code__code="LUEB-1234").count() == 1


def test_results_of_10000_responses_render_fast_with_constant_queries(client, survey, django_user_model):

    from django.contrib.auth.models import Group
    from django.test.utils import CaptureQueriesContext

    analyst = django_user_model.objects.create_user("ana2@luebeck.example", "Ein-Langes-Passwort-1")
    analyst.groups.add(Group.objects.get(name="Auswertung"))
    client.force_login(analyst)
    qs = {q.text: q for q in all_questions(survey)}
    now = timezone.now()

    def make(count):
        SurveyResponse.objects.bulk_create([
            SurveyResponse(survey=survey, submitted_at=now, answers={
                qs["Einzeln"].id: qs["Einzeln"].options[n % 2][0], qs["Skala"].id: str(1 + n % 5),
                qs["Zahl"].id: str(n % 90), qs["Lang"].id: f"Antwort {n}"})
            for n in range(count)
        ], batch_size=2000)

    url = survey.url + "ergebnisse/"
    make(10)
    client.get(url)  # a first request makes one-off lookups (session, groups); measure the steady state
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    make(9990)
    with CaptureQueriesContext(connection) as large:  # the time (p95) is measured by `make bench`
        response = client.get(url)
    assert "10.000" in response.content.decode() or "10000" in response.content.decode()
    assert len(large) == len(small)


def test_one_answer_per_confirmed_email_address(client, survey):
    from django.core import mail

    survey.audience = SurveyPage.Audience.EMAIL
    survey.save_revision().publish()
    assert "gültige" in client.post(survey.url, {"email": "nope"}).content.decode()
    response = client.post(survey.url, {"email": "Leser@Example.org"})
    assert response.status_code == 200 and len(mail.outbox) == 1
    link = re.search(r"https?://\S+/bestaetigen/[0-9a-f]{32}/", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    stored = SurveyResponse.objects.get(survey=survey)
    assert stored.email == "leser@example.org" and stored.email_confirmed_at is None
    # Without confirming, the questions stay closed; a GET of the link confirms nothing (mail scanners).
    assert client.get(survey.url + f"antworten/{stored.token.hex}/1/")["Location"].endswith(path[-50:])
    assert client.get(path).status_code == 200
    stored.refresh_from_db()
    assert stored.email_confirmed_at is None
    step_one = client.post(path)["Location"]
    names = field_names(survey)
    client.post(step_one, {names["Einzeln"]: question(survey, "einzeln").options[0][0], names["Ja/Nein"]: "no"})
    stored.refresh_from_db()
    assert stored.submitted_at is not None
    again = client.post(survey.url, {"email": "leser@example.org"})
    assert "bereits" in again.content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_access_codes_are_generated_in_bulk_and_refused_when_unknown(client, survey):
    survey.audience = SurveyPage.Audience.CODE
    survey.save_revision().publish()
    codes = AccessCode.generate(survey, 25)
    assert len({c.code for c in codes}) == 25
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", c.code) for c in codes)
    unknown = client.post(survey.url, {"code": "XXXX-0000"})
    assert unknown.status_code == 200 and 'role="alert"' in unknown.content.decode()
    assert not SurveyResponse.objects.filter(survey=survey).exists()
    assert client.post(survey.url, {"code": codes[0].code.lower()}).status_code == 302
    assert client.post(survey.url, {"code": codes[0].code}).status_code == 200  # used


def test_editors_create_and_print_access_codes_and_are_warned_about_answers(client, survey, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("red@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))
    client.force_login(editor)
    url = f"/admin/surveys/{survey.pk}/codes/"
    assert client.post(url, {"count": "0"}).status_code == 200
    assert client.post(url, {"count": "30"}).status_code == 302
    assert AccessCode.objects.filter(survey=survey).count() == 30
    sheet = client.get(url).content.decode()
    assert all(code.code in sheet for code in AccessCode.objects.filter(survey=survey))

    SurveyResponse.objects.create(survey=survey, submitted_at=timezone.now(), answers={})
    edit = client.get(f"/admin/pages/{survey.pk}/edit/", follow=True).content.decode()
    assert "1 Antworten" in edit or "bereits 1" in edit

    resident = django_user_model.objects.create_user("nobody@example.org", "Ein-Langes-Passwort-1")
    client.force_login(resident)
    assert client.get(url).status_code in (302, 403)


def test_finished_survey_mails_a_confirmation_and_public_results_open_after_closing(
        client, survey, resident, django_capture_on_commit_callbacks):
    from django.core import mail

    survey.audience = SurveyPage.Audience.RESIDENTS
    survey.public_results = True
    survey.save_revision().publish()
    client.force_login(resident)
    names = field_names(survey)
    url = start(client, survey)
    client.post(url, {names["Einzeln"]: question(survey, "einzeln").options[0][0], names["Ja/Nein"]: "no"})
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "Alle Fragetypen" in mail.outbox[0].subject

    anonymous = Client()
    assert anonymous.get(survey.url + "ergebnisse/").status_code == 404  # still open
    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):  # routed pages follow what is committed
        survey.save_revision().publish()
    assert anonymous.get(survey.url + "ergebnisse/").status_code == 200


def test_open_surveys_appear_on_the_home_page(client, demo_site):
    html = client.get("/de/").content.decode()
    assert "Umfrage: Unterwegs in Lübeck" in html.split('id="open-participation"')[1].split('id="projects"')[0]


def test_question_conditions_and_district_filter(survey):
    from participation.surveys.questions import visible_questions

    section = next(s for s in sections(survey) if s.title == "Seite 1")
    kurz = next(q for q in section.questions if q.text == "Kurz")
    kurz.value["show_if_question"] = "einzeln"
    kurz.value["show_if_answer"] = "B"
    einzeln = next(q for q in section.questions if q.key == "einzeln")
    shown_for_a = [q.text for q in visible_questions(survey, section, {einzeln.id: einzeln.options[0][0]})]
    shown_for_b = [q.text for q in visible_questions(survey, section, {einzeln.id: einzeln.options[1][0]})]
    assert "Kurz" not in shown_for_a and "Kurz" in shown_for_b

    district = next(q for q in all_questions(survey) if q.kind == "district")
    now = timezone.now()
    for slug in ["moisling", "moisling", "travemuende"]:
        SurveyResponse.objects.create(survey=survey, submitted_at=now, answers={district.id: slug})
    assert compute(survey, district="moisling")["total"] == 2
    assert compute(survey, channel="paper")["total"] == 0


def test_multiple_choice_is_shown_as_checkboxes_and_single_choice_as_radio_buttons(survey):
    """A question with several answers must look like one: square boxes, not the round radio buttons of a
    single choice (Django's checkbox widget is a kind of radio widget, which once gave them the radio style)."""
    from participation.surveys.questions import SectionForm

    several = next(item for item in all_questions(survey) if item.kind == "multiple")
    one = question(survey, "einzeln")
    form = SectionForm(questions=[several, one])
    from bs4 import BeautifulSoup

    def inputs(name):
        return [(tag["type"], tag.get("class")) for tag in BeautifulSoup(str(form[name]), "html.parser")("input")]

    assert inputs(f"q-{several.id}") == [("checkbox", ["kern-form-check__checkbox"])] * 3  # X, Y, Z
    assert inputs(f"q-{one.id}")[:2] == [("radio", ["kern-form-check__radio"])] * 2  # A, B (then "other")


def test_the_other_field_says_when_it_is_needed_instead_of_optional(survey):
    """"Sonstiges – optional" followed by "Bitte füllen Sie „Sonstiges“ aus" told people two things: the field
    now says that it is needed once "other" is chosen, and is not marked optional."""
    from bs4 import BeautifulSoup
    from django.template.loader import render_to_string

    from participation.surveys.questions import SectionForm

    one = question(survey, "einzeln")
    form = SectionForm(questions=[one])
    html = render_to_string("surveys/includes/survey_field.html", {"field": form[f"q-{one.id}-other"]})
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "optional" not in text and "Nur nötig, wenn Sie „Sonstiges, bitte angeben“ gewählt haben" in text
    refused = SectionForm({f"q-{one.id}": "other", f"q-{one.id}-other": ""}, questions=[one])
    assert not refused.is_valid()
