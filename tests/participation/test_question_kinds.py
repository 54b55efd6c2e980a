"""Question kinds: every question type of the survey StreamField has its class in the registry, with a
template of its own for the printed form and the transcription screen; and a kind that exists only in
this test works end to end (online form → stored answer → results → export), so a new kind is one new
module plus its tests."""

import datetime

import pytest
from django import forms
from django.template.loader import get_template
from django.utils import timezone
from wagtail.models import Site

from core import exports, registry
from participation.paper.scanning import SINGLE_KINDS
from participation.surveys.blocks import QuestionStreamBlock
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.question_blocks import QuestionBlock
from participation.surveys.question_kinds import QuestionKind, Tally, get_kind, register, registered, unregister
from participation.surveys.question_kinds.base import result_rows, stats
from participation.surveys.question_kinds.scale import ScaleKind
from participation.surveys.questions import all_questions
from participation.surveys.results import compute

pytestmark = pytest.mark.django_db


def test_every_question_type_of_the_survey_streamfield_has_a_registered_kind():
    names = list(QuestionStreamBlock().child_blocks)
    assert names == ["single", "multiple", "dropdown", "yesno", "scale", "matrix", "ranking", "short_text",
                     "long_text", "number", "date", "district"]
    kinds = registered()
    for name, block in QuestionStreamBlock().child_blocks.items():
        assert isinstance(block, kinds[name].block)
        kind = get_kind(name)
        assert type(kind) is not QuestionKind and kind.name == name
        get_template(kind.paper_template)  # what the printed form shows, per kind
        get_template(kind.transcription_template)  # the review screen's input for its handwriting
    assert [name for name, kind in kinds.items() if kind.names_district] == ["district"]
    assert [name for name, kind in kinds.items() if kind.written_boxes] == ["ranking"]
    # The scan reader (which knows kinds by name only) calls a second tick a conflict in these groups.
    assert {name for name, kind in kinds.items() if kind.one_tick} == SINGLE_KINDS


def test_an_unknown_kind_has_no_fields_and_no_answer():
    kind = get_kind("no-such-kind")
    assert type(kind) is QuestionKind
    assert list(kind.form_fields(None)) == [] and kind.collect(None, {}) is None


class StarsBlock(QuestionBlock):
    pass


class StarsKind(QuestionKind):
    """One to five stars (exists only in this test): radio buttons, stored as "1"…"5", results as a bar
    per number of stars with the mean, exported as a number; on paper one ticked box per star count."""

    name = "stars"
    block = StarsBlock
    STARS = ["1", "2", "3", "4", "5"]

    def form_fields(self, question):
        yield self.field_name(question), forms.ChoiceField(
            choices=[(s, "★" * int(s)) for s in self.STARS], widget=forms.RadioSelect, **self.common(question))

    def collect(self, question, cleaned):
        return cleaned.get(self.field_name(question)) or None

    def count(self, question, tally, answer, channel, language):
        tally.counts[answer] += 1
        tally.by_channel[channel, answer] += 1
        tally.numbers.append(int(answer))

    def summarise(self, question, tally, answered, summary):
        summary["rows"] = result_rows(tally.counts, [(s, "★" * int(s)) for s in self.STARS], answered,
                                      tally.by_channel)
        summary["stats"] = stats(tally.numbers)

    def export_columns(self, question, code, districts, open_data):
        qid = question.id
        return ([exports.Column(code, question.text), exports.Column(f"{code}_max", f"{question.text}: 5")],
                lambda answers: [int(answers[qid]) if qid in answers else None,
                                 int(answers.get(qid) == "5") if qid in answers else None])

    def from_scan(self, question, ticked, written):
        return ticked[0] if len(ticked) == 1 and ticked[0] in self.STARS else None


@pytest.fixture
def stars(monkeypatch):
    """The stars kind registered, and its block offered in the survey StreamField, for this test only."""
    register(StarsKind)
    # A kind brings its block: every question list built from now on offers it (the survey model's was built at
    # start-up, so the test adds it there as a restart would).
    assert isinstance(QuestionStreamBlock().child_blocks["stars"], StarsBlock)
    questions = SurveyPage._meta.get_field("questions").stream_block.child_blocks["section"].child_blocks["questions"]
    block = StarsBlock()
    block.set_name("stars")
    monkeypatch.setitem(questions.child_blocks, "stars", block)
    yield get_kind("stars")
    unregister("stars")
    assert "stars" not in registered()


def stars_survey():
    home = Site.objects.get(is_default_site=True).root_page.specific
    now = timezone.now()
    question = {"text": "Wie gefällt Ihnen der neue Platz?", "key": "sterne", "help_text": "", "required": True,
                "show_if_question": "", "show_if_answer": ""}
    page = SurveyPage(title="Sterne", slug="sterne", opens_at=now - datetime.timedelta(days=1),
                      closes_at=now + datetime.timedelta(days=1),
                      questions=[("section", {"title": "Seite 1", "intro": "", "show_if_question": "",
                                              "show_if_answer": "", "questions": [("stars", question)]})])
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def answer_online(client, survey, data):
    response = client.post(survey.url, {})
    assert response.status_code == 302
    return client.post(response["Location"], data)


def test_a_kind_of_its_own_works_from_the_form_to_results_and_export(client, demo_site, stars):
    survey = stars_survey()
    question = all_questions(survey)[0]
    assert question.handler is stars
    name = f"q-{question.id}"

    html = client.get(client.post(survey.url, {})["Location"]).content.decode()
    assert f'name="{name}" value="5"' in html and "★★★★★" in html

    refused = answer_online(client, survey, {name: "6"})
    assert refused.status_code == 400  # the kind's own field validates
    for stars_given in ("5", "3", "5"):
        client.cookies.clear()
        done = answer_online(client, survey, {name: stars_given})
        assert done.status_code == 302 and "/danke/" in done["Location"]
    stored = sorted(r.answers[question.id] for r in SurveyResponse.objects.filter(survey=survey,
                                                                                  submitted_at__isnull=False))
    assert stored == ["3", "5", "5"]

    summary = compute(survey)["questions"][0]
    assert summary["kind"] == "stars" and summary["answered"] == 3
    assert [(row["label"], row["count"], row["percent"]) for row in summary["rows"]] == [
        ("★", 0, 0), ("★★", 0, 0), ("★★★", 1, 33.3), ("★★★★", 0, 0), ("★★★★★", 2, 66.7)]
    assert summary["stats"]["mean"] == 4.33

    dataset = registry.export_datasets["survey_responses"]
    params = {"source": survey.pk}
    columns = [column.code for column in dataset.columns(params)]
    assert columns[-2:] == ["sterne", "sterne_max"]
    assert sorted(row[-2:] for row in dataset.rows(params)) == [[3, 0], [5, 1], [5, 1]]

    assert stars.from_scan(question, ["4"], lambda suffix: None) == "4"
    assert stars.from_scan(question, ["4", "5"], lambda suffix: None) is None


def test_a_kind_subclassing_another_inherits_all_but_what_it_changes(stars):
    class PercentScaleKind(ScaleKind):
        name = "percent_scale"

        def export_cell(self, question, districts):
            return lambda value: f"{value} %"

    register(PercentScaleKind)
    try:
        kind = get_kind("percent_scale")
        assert kind.paper_template == get_kind("scale").paper_template
        tally = Tally()
        kind.count(None, tally, "4", "online", "de")
        assert tally.counts == {"4": 1} and tally.numbers == [4.0]
    finally:
        unregister("percent_scale")
