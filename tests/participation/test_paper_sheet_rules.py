"""The printed survey sheet says what the online form does (issue 24, points 7 and 8): when a question or a part
is to be answered, where the sheet goes back to, one cross or several, "no answer" in a matrix, a receipt in
large print, no question head alone at the foot of a page; and paper answers to a question whose condition the
sheet does not meet are kept but not counted, whether typed in or scanned."""

import datetime

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from core import registry
from core.models import District
from participation.paper.models import PrintBatch, Sheet
from participation.paper.printing import master, print_sheet, render_master
from participation.paper.tasks import _next_serials
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.questions import all_questions
from participation.surveys.results import compute
from tests.participation.conftest import option_id, question
from tests.participation.test_scan_pipeline import Reader, new_import, read_all, reading_of

pytestmark = pytest.mark.django_db


def q(text, kind, key="", **extra):
    base = {"text": text, "key": key, "help_text": "", "required": False, "show_if_question": "", "show_if_answer": ""}
    return (kind, {**base, **extra})


def when(key, answer):
    return {"show_if_question": key, "show_if_answer": answer}


def options(*labels):
    return [{"label": label} for label in labels]


def section(title, *questions, **condition):
    return (
        "section",
        {
            "title": title,
            "intro": "",
            "show_if_question": "",
            "show_if_answer": "",
            **condition,
            "questions": list(questions),
        },
    )


def make_survey(title, slug, *sections, parent=None, **fields):
    parent = parent or Site.objects.get(is_default_site=True).root_page.specific
    now = timezone.now()
    page = SurveyPage(
        title=title,
        slug=slug,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
        questions=list(sections),
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def cheap_layouts(monkeypatch):
    """Prepared readings (test_scan_pipeline.Reader) need the layout map of a form version, not its printed mask."""
    from participation.paper import scan_import
    from participation.paper.models import FormVersion

    def cheap(version_id):
        found = FormVersion.objects.select_related("survey", "process").get(pk=version_id)
        layouts = {n + 1: found.layout.get(f"page-{n + 1}") for n in range(found.page_count)}
        return {
            "layouts": layouts,
            "masks": {},
            "kinds": {q.id: q.kind for q in all_questions(found.survey)},
            "version": found,
        }

    monkeypatch.setattr(scan_import, "version_data", cheap)


def scanned(reader, user, version, serial, ticked):
    """One sheet read from a scan, with the boxes `ticked` ticked (and the consent box)."""
    readings = []
    for number in range(1, version.page_count + 1):
        reading = reading_of(version, serial, number)
        for anchor in ticked:
            if anchor in reading.boxes:
                reading.boxes[anchor] = {"state": "ticked", "core": 0.3, "ring": 0.0}
        readings.append(reading)
    read_all(new_import(reader, user, readings))
    return SurveyResponse.objects.get(paper_sheet=serial)


def new_serial(survey):
    return Sheet.objects.create(
        batch=PrintBatch.objects.create(survey=survey, count=1), serial=_next_serials(1)[0]
    ).serial


def flat(pdf):
    """The PDF's text in one line, and its pages' texts one line each."""
    document = pdfium.PdfDocument(pdf)
    pages = [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    return " ".join(pages), pages


@pytest.fixture
def conditional_survey(demo_site):
    """A condition on every kind of answer the online engine can name: a choice, yes/no, a scale value, a
    district, free text, and a whole part shown by a choice; and one on a question that does not exist."""
    district = District.objects.order_by("name").first()
    return make_survey(
        "Bedingungen",
        "bedingungen",
        section(
            "Ihre Wege",
            q(
                "Wie sind Sie meistens unterwegs?",
                "single",
                key="verkehr",
                options=options("Zu Fuß", "Fahrrad", "Auto"),
                allow_other=False,
            ),
            q("Fahren Sie Bus?", "yesno", key="bus"),
            q(
                "Wie zufrieden sind Sie?",
                "scale",
                key="zufrieden",
                minimum=1,
                maximum=5,
                min_label="",
                max_label="",
                allow_no_answer=True,
            ),
            q("In welchem Stadtteil wohnen Sie?", "district", key="stadtteil"),
            q("Ihr Lieblingsort?", "short_text", key="ort", max_length=100),
            q("Was fehlt auf dem Radweg?", "short_text", key="radweg", max_length=100, **when("verkehr", "Fahrrad")),
            q("Welche Linie?", "short_text", key="linie", max_length=100, **when("bus", "ja")),
            q("Was gefällt Ihnen so gut?", "short_text", key="gut", max_length=100, **when("zufrieden", "5")),
            q(
                "Was fehlt in Ihrem Stadtteil?",
                "short_text",
                key="fehlt",
                max_length=100,
                **when("stadtteil", district.slug),
            ),
            q("Warum gerade dort?", "short_text", key="warum", max_length=100, **when("ort", "Hafen")),
            q("Diese Frage gibt es nie", "short_text", key="nie", max_length=100, **when("gibt-es-nicht", "x")),
        ),
        section(
            "Mit dem Auto",
            q("Wie oft fahren Sie Auto?", "single", key="oft", options=options("Täglich", "Selten"), allow_other=False),
            **when("verkehr", "Auto"),
        ),
    ), district


# Point 7: conditions on paper


def test_a_conditional_question_and_part_print_their_condition_naming_the_question_by_number(
    conditional_survey, survey
):
    demo = survey
    survey, district = conditional_survey
    pdf, _version, _refused = print_sheet(survey)
    text, _pages = flat(pdf)
    assert "1. Wie sind Sie meistens unterwegs?" in text and "6. Was fehlt auf dem Radweg?" in text
    for sentence in (
        "Nur wenn Sie bei Frage 1 „Fahrrad“ angekreuzt haben.",
        "Nur wenn Sie bei Frage 2 „Ja“ angekreuzt haben.",  # the condition says "ja"; the box says "Ja"
        "Nur wenn Sie bei Frage 3 „5“ angekreuzt haben.",
        f"Nur wenn Sie bei Frage 4 „{district.name}“ geantwortet haben.",  # a district is written, by its name
        "Nur wenn Sie bei Frage 5 „Hafen“ geantwortet haben.",
        "Diesen Teil bitte nur ausfüllen, wenn Sie bei Frage 1 „Auto“ angekreuzt haben.",
    ):
        assert sentence in text, sentence
    # Online a condition on a question that does not exist is never met: that question is not printed either.
    assert "Diese Frage gibt es nie" not in text
    # The sheet in English (the interface strings; the survey has no English translation, so the labels stay).
    english, _pages = flat(print_sheet(survey, language="en")[0])
    assert "Only if you ticked “Fahrrad” in question 1." in english
    assert "Please answer this part only if you ticked “Auto” in question 1." in english
    # A translated survey names the option by its translated label: the condition itself names "Fahrrad".
    demo_english, _pages = flat(print_sheet(demo, language="en")[0])
    assert "Please answer this part only if you ticked “Bicycle” in question 1." in demo_english


@pytest.fixture
def sheets(survey):
    batch = PrintBatch.objects.create(survey=survey, count=3)
    return [Sheet.objects.create(batch=batch, serial=serial).serial for serial in _next_serials(3)]


def test_typed_answers_to_a_question_whose_condition_the_sheet_does_not_meet_are_kept_not_counted(
    client, survey, sheets, analyst
):
    """The demo survey asks about cycling only if "Fahrrad" is ticked in question 1."""
    mode, wishes = question(survey, "verkehrsmittel"), question(survey, "rad-wuensche")
    wish = wishes.options[0][0]
    client.force_login(analyst)
    entry = client.get(f"/de/papiererfassung/{sheets[0]}/").content.decode()
    assert "4. Was würde das Radfahren verbessern?" in entry  # numbered as printed, its condition beside it
    assert "Diesen Teil bitte nur ausfüllen, wenn Sie bei Frage 1 „Fahrrad“ angekreuzt haben." in entry
    car = client.post(
        f"/de/papiererfassung/{sheets[0]}/",
        {f"paper-q-{mode.id}": option_id(mode, "Auto"), f"paper-q-{wishes.id}": [wish], "finalise": "1"},
        follow=True,
    )
    assert "1 Antwort wird nicht gezählt" in car.content.decode()
    bike = f"/de/papiererfassung/{sheets[1]}/"
    client.post(
        bike, {f"paper-q-{mode.id}": option_id(mode, "Fahrrad"), f"paper-q-{wishes.id}": [wish], "finalise": "1"}
    )

    set_aside = SurveyResponse.objects.get(paper_sheet=sheets[0])
    assert set_aside.submitted_at and wishes.id not in set_aside.answers
    assert set_aside.not_counted == {wishes.id: [wish]}  # kept, never lost
    counted = SurveyResponse.objects.get(paper_sheet=sheets[1])
    assert counted.answers[wishes.id] == [wish] and counted.not_counted == {}

    summary = next(item for item in compute(survey)["questions"] if item["question"].id == wishes.id)
    assert summary["answered"] == 1 and summary["not_counted"] == 1
    assert next(row for row in summary["rows"] if row["key"] == wish)["count"] == 1
    results = BeautifulSoup(client.get(survey.url + "ergebnisse/").content, "html.parser")
    note = results.select_one("[data-not-counted]")
    assert note["data-not-counted"] == "1" and "Nicht gezählt: 1 Antwort auf Papier" in note.text

    dataset = registry.export_datasets["survey_responses"]
    params = {"source": survey.pk}
    codes = [column.code for column in dataset.columns(params)]
    first_wish = codes.index("rad-wuensche_1")
    # The export has the cyclist's wish; the car driver's is not there.
    assert sorted((row[first_wish] for row in dataset.rows(params)), key=str) == [1, None]


def test_scanned_answers_to_a_question_whose_condition_is_not_met_are_kept_not_counted(
    survey, analyst, monkeypatch, cheap_layouts
):
    _pdf, version, _refused = master(survey)
    reader = Reader(monkeypatch)
    mode, wishes = question(survey, "verkehrsmittel"), question(survey, "rad-wuensche")
    wish = wishes.options[1][0]
    walker, cyclist = (
        scanned(
            reader,
            analyst,
            version,
            new_serial(survey),
            [f"box-{mode.id}-{option_id(mode, label)}", f"box-{wishes.id}-{wish}"],
        )
        for label in ("Zu Fuß", "Fahrrad")
    )
    assert walker.capture_method == "scan_auto" and walker.submitted_at
    assert wishes.id not in walker.answers and walker.not_counted == {wishes.id: [wish]}
    assert cyclist.answers[wishes.id] == [wish] and cyclist.not_counted == {}
    summary = next(item for item in compute(survey)["questions"] if item["question"].id == wishes.id)
    assert (summary["answered"], summary["not_counted"]) == (1, 1)


def test_online_and_paper_count_by_the_same_rule(conditional_survey):
    """A part hidden by its condition hides the answers of conditions inside it too, online and on paper."""
    from participation.surveys.questions import counted_answers

    survey, _district = conditional_survey
    ids = {each.key: each.id for each in all_questions(survey)}
    mode = question(survey, "verkehr")
    answers = {
        ids["verkehr"]: option_id(mode, "Zu Fuß"),
        ids["radweg"]: "Breiter",
        ids["oft"]: "x",
        ids["bus"]: "yes",
        ids["linie"]: "11",
    }
    counted, kept = counted_answers(survey, answers)
    assert counted == {ids["verkehr"]: option_id(mode, "Zu Fuß"), ids["bus"]: "yes", ids["linie"]: "11"}
    assert kept == {ids["radweg"]: "Breiter", ids["oft"]: "x"}


# Point 8: what the sheet says, and how it is laid out


def test_the_survey_sheet_says_where_to_hand_it_in(demo_site, survey, process):
    text, _pages = flat(print_sheet(survey)[0])
    assert f"Hier geben Sie den Bogen ab: {survey.paper_hint}" in text  # the demo survey's own words
    english, _pages = flat(print_sheet(survey, language="en")[0])
    assert "Where to hand in the form: Paper forms are available at every citizens' office" in english
    survey.paper_hint = ""  # an editor left it empty: the sheet still says where
    survey.save_revision().publish()
    text, _pages = flat(print_sheet(survey)[0])
    assert "Bitte geben Sie den Bogen in einem Bürgerbüro ab oder dort, wo Sie ihn bekommen haben." in text
    # A survey of a participation process without words of its own says what the idea call's sheet says.
    inside = make_survey(
        "Umfrage im Verfahren",
        "umfrage-im-verfahren",
        section("Seite 1", q("Fahren Sie Bus?", "yesno", key="bus")),
        parent=process,
    )
    idea_text, _pages = flat(print_sheet(process)[0])
    survey_text, _pages = flat(print_sheet(inside)[0])
    hint = " ".join(process.paper_hint.split())
    assert f"Hier geben Sie den Bogen ab: {hint}" in idea_text
    assert f"Hier geben Sie den Bogen ab: {hint}" in survey_text


def test_one_cross_and_several_answers_are_each_said_once(survey):
    text, _pages = flat(print_sheet(survey)[0])
    one_tick = [each for each in all_questions(survey) if each.kind in ("single", "dropdown", "yesno", "scale")]
    several = [each for each in all_questions(survey) if each.kind == "multiple"]
    assert text.count("Bitte nur ein Kreuz.") == len(one_tick) == 2
    # The demo's multiple-choice question says "Mehrere Antworten möglich." in its help text already.
    assert several[0].value["help_text"] == "Mehrere Antworten möglich."
    assert text.count("Mehrere Antworten möglich.") == len(several) == 1
    english, _pages = flat(print_sheet(survey, language="en")[0])  # the demo's English translation
    assert english.count("Several answers possible.") == 1 and english.count("Please make only one cross.") == 2
    other = make_survey(
        "Mehrfach",
        "mehrfach",
        section(
            "Seite 1",
            q(
                "Was fehlt?",
                "multiple",
                key="fehlt",
                options=options("Bänke", "Licht"),
                allow_other=False,
                min_choices=None,
                max_choices=None,
            ),
            q(
                "Was stört?",
                "multiple",
                key="stoert",
                help_text="Mehrere Antworten möglich",
                allow_other=False,
                options=options("Lärm", "Staub"),
                min_choices=None,
                max_choices=None,
            ),
            q(
                "Wie bewerten Sie …",
                "matrix",
                key="noten",
                minimum=1,
                maximum=3,
                min_label="",
                max_label="",
                allow_no_answer=False,
                rows=[{"label": "Takt"}, {"label": "Preis"}],
            ),
        ),
    )
    text, _pages = flat(print_sheet(other)[0])
    assert text.count("Mehrere Antworten möglich") == 2
    assert text.count("Bitte in jeder Zeile nur ein Kreuz.") == 1


@pytest.fixture
def matrix_survey(demo_site):
    return make_survey(
        "Matrix",
        "matrix-keine-angabe",
        section(
            "Seite 1",
            q(
                "Wie bewerten Sie den Bus?",
                "matrix",
                key="noten",
                minimum=1,
                maximum=4,
                min_label="",
                max_label="",
                allow_no_answer=True,
                rows=[{"label": "Pünktlichkeit"}, {"label": "Sauberkeit"}],
            ),
        ),
    )


def test_the_matrix_offers_no_answer_on_paper_and_reads_it_as_an_explicit_no_answer(
    matrix_survey, analyst, client, monkeypatch, cheap_layouts
):
    (matrix,) = all_questions(matrix_survey)
    pdf, version, _refused = print_sheet(matrix_survey)
    assert "Keine Angabe" in flat(pdf)[0]
    boxes = {anchor for page in version.layout.values() for anchor in page}
    assert {f"box-{matrix.id}-{row}-na" for row, _label in matrix.rows} <= boxes
    # Scanned: "Keine Angabe" ticked in the first row is stored as online stores it.
    punctual, clean = (row for row, _label in matrix.rows)
    read = scanned(
        Reader(monkeypatch),
        analyst,
        version,
        new_serial(matrix_survey),
        [f"box-{matrix.id}-{punctual}-na", f"box-{matrix.id}-{clean}-3"],
    )
    assert read.answers == {matrix.id: {punctual: "na", clean: "3"}}
    # Typed in from paper: the same choice, the same answer.
    client.force_login(analyst)
    typed = new_serial(matrix_survey)
    page = BeautifulSoup(client.get(f"/de/papiererfassung/{typed}/").content, "html.parser")
    assert page.find("input", {"name": f"paper-q-{matrix.id}-{punctual}", "value": "na"})
    client.post(
        f"/de/papiererfassung/{typed}/",
        {f"paper-q-{matrix.id}-{punctual}": "na", f"paper-q-{matrix.id}-{clean}": "3", "finalise": "1"},
    )
    assert SurveyResponse.objects.get(paper_sheet=typed).answers == {matrix.id: {punctual: "na", clean: "3"}}
    # Results name it "Keine Angabe", not a removed option.
    (summary,) = compute(matrix_survey)["questions"]
    row = summary["matrix"][0]
    assert [(each["label"], each["count"]) for each in row["rows"] if each["count"]] == [("Keine Angabe", 2)]


def font_sizes(pdf, words):
    """The font sizes (pt) of the characters of `words` wherever they are printed."""
    sizes = set()
    for page in pdfium.PdfDocument(pdf):
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        start = text.find(words)
        while start >= 0:
            # WeasyPrint draws in CSS pixels (0.75 pt each).
            sizes |= {
                round(pdfium_raw.FPDFText_GetFontSize(textpage.raw, index) * 0.75, 1)
                for index in range(start, start + len(words))
            }
            start = text.find(words, start + 1)
    return sizes


def test_the_large_print_receipt_is_large_print(survey):
    standard = print_sheet(survey, serial="000042")[0]
    large = print_sheet(survey, variant="large", serial="000042")[0]
    assert font_sizes(standard, "Ihre Quittung") == {10.0}
    assert font_sizes(large, "Ihre Quittung") == {16.0}
    assert min(font_sizes(large, "Keine Nummer auf dieser Quittung?")) >= 14


def test_a_question_head_never_stands_alone_at_the_foot_of_a_page(demo_site):
    """However far down the page a part or a question starts (the introduction grows line by line), its heading
    is on the same page as its first question, and a question's text on the same page as its first option."""
    parts = []
    for number in range(1, 7):
        labels = [f"Antwort {number}-{index}" for index in range(1, 4 + number % 3 * 2)]
        parts.append(
            section(
                f"Teil {number}",
                q(
                    f"Frage zum Thema {number}?",
                    "multiple",
                    key=f"thema-{number}",
                    options=options(*labels),
                    allow_other=False,
                    min_choices=None,
                    max_choices=None,
                ),
                **(when("thema-1", "Antwort 1-1") if number > 1 else {}),
            )
        )
    long_labels = [f"Lange Antwort {index}" for index in range(1, 48)]  # taller than a page: it must break
    parts.append(
        section(
            "Teil 7",
            q(
                "Frage mit sehr vielen Antworten?",
                "multiple",
                key="viele",
                options=options(*long_labels),
                allow_other=False,
                min_choices=None,
                max_choices=None,
            ),
        )
    )
    survey = make_survey("Seitenumbruch", "seitenumbruch", *parts)
    heads = [(f"Teil {n}", f"Frage zum Thema {n}?") for n in range(1, 7)] + [("Teil 7", "Frage mit sehr vielen")]
    heads += [(f"Frage zum Thema {n}?", f"Antwort {n}-1") for n in range(1, 7)]
    heads += [("Frage mit sehr vielen Antworten?", "Lange Antwort 1 ")]
    broke_before_a_head = 0
    for lines in range(0, 13, 2):
        survey.intro = " ".join(["Eine Zeile Einleitung, damit alles weiter nach unten rutscht."] * lines)
        pdf, _layout, _refused, _pages = render_master(survey)
        _text, pages = flat(pdf)

        def page_of(words, pages=pages):
            return next(index for index, page in enumerate(pages) if words in page)

        for head, first in heads:
            assert page_of(head) == page_of(first), (lines, head)
        broke_before_a_head += sum(
            1 for head, _first in heads[:7] if page_of(head) > 0 and pages[page_of(head)].startswith(head)
        )
    assert broke_before_a_head  # the sweep did push a heading to the top of a page
