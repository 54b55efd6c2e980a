"""The participation exports: ideas with their timeline, comments and survey responses (a code and a label
per column), personal columns only on request, open data without personal data or free text, no query per
row and memory that stays flat from 2,000 to 20,000 responses (100,000: `make bench`)."""

import csv
import datetime
import io
import json
import tracemalloc
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Site

from accounts.models import User
from core import exports, registry
from core.models import District, ExportJob
from core.tasks import run_export
from participation.ideas.models import Channel, Comment, Idea, IdeaCategory, ParticipationProcessPage, StatusChange
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.questions import all_questions

pytestmark = pytest.mark.django_db


def day(text):
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def table(dataset, params, personal=False, open_data=False, headings="codes"):
    """Headings and rows, in English (the German translations come later)."""
    with translation.override("en"):
        columns = dataset.columns(params, personal=personal, open_data=open_data)
        rows = [list(row) for row in dataset.rows(params, personal=personal, open_data=open_data)]
    assert all(len(row) == len(columns) for row in rows)
    return exports.headers(columns, headings), rows


def as_dicts(dataset, params, **kwargs):
    codes, rows = table(dataset, params, **kwargs)
    return [dict(zip(codes, row, strict=True)) for row in rows]


@pytest.fixture(autouse=True)
def _remove_export_files(db):
    yield
    storage = ExportJob._meta.get_field("file").storage
    for job in ExportJob.objects.all():
        storage.delete(job.storage_name)


@pytest.fixture
def process(demo_site):
    home = Site.objects.get(is_default_site=True).root_page
    page = ParticipationProcessPage(title="Ideen für den Hafen", slug="ideen-hafen")
    home.add_child(instance=page)
    return page


def make_idea(process, title, channel=Channel.ONLINE, published=True, confirmed=True, **extra):
    now = timezone.now()
    return Idea.objects.create(
        process=process, title=title, description=f"Beschreibung: {title}",
        category=IdeaCategory.objects.get(slug="mobilitaet"), district=District.objects.get(slug="moisling"),
        channel=channel, consent_at=now, confirmed_at=now if confirmed else None, published=published,
        published_at=now if published else None, contact_email=f"{title.split()[0].lower()}@example.org", **extra,
    )


# --- ideas -----------------------------------------------------------------------------------------------------


def test_ideas_with_counts_answer_and_status_history(process):
    ideas = registry.export_datasets["ideas"]
    bank = make_idea(process, "Bank am Kanal", support_count=7, comment_count=2, status=Idea.Status.ACCEPTED,
                     official_answer="Die Bank kommt im Frühjahr.", answered_at=day("2026-05-03 10:00"),
                     author_name="Anna Beispiel")
    make_idea(process, "Paper Idee", channel=Channel.PAPER, published=False)
    make_idea(process, "Unbestätigt", confirmed=False)  # never confirmed by its sender: not exported
    StatusChange.objects.create(idea=bank, status=Idea.Status.RECEIVED)
    StatusChange.objects.create(idea=bank, status=Idea.Status.ACCEPTED, note="Standort geprüft")
    StatusChange.objects.filter(idea=bank, status="received").update(created_at=day("2026-05-01 09:00"))
    StatusChange.objects.filter(idea=bank, status="accepted").update(created_at=day("2026-05-03 10:00"))

    params = {"source": process.pk}
    assert ideas.count(params) == 2
    rows = {row["reference"]: row for row in as_dicts(ideas, params)}
    row = rows[bank.reference]
    assert row["title"] == "Bank am Kanal"
    assert (row["category"], row["district"], row["channel"], row["status"]) == (
        "Mobilität", "Moisling", "Online", "Accepted")
    assert (row["supports"], row["comments"]) == (7, 2)
    assert row["official_answer"] == "Die Bank kommt im Frühjahr."
    assert row["answered"] == day("2026-05-03 10:00")
    assert row["status_history"] == "2026-05-01 Received; 2026-05-03 Accepted: Standort geprüft"
    assert "author_email" not in row
    paper = next(row for reference, row in rows.items() if reference != bank.reference)
    assert (paper["channel"], paper["published"], paper["status_history"]) == ("Paper", None, "")

    personal = {row["reference"]: row for row in as_dicts(ideas, params, personal=True)}
    assert (personal[bank.reference]["author_name"], personal[bank.reference]["author_email"]) == (
        "Anna Beispiel", "bank@example.org")

    published_only = as_dicts(ideas, params, open_data=True)
    assert [row["reference"] for row in published_only] == [bank.reference]
    assert ideas.count(params, open_data=True) == 1


def test_ideas_by_date_range(process):
    ideas = registry.export_datasets["ideas"]
    old = make_idea(process, "Alte Idee")
    Idea.objects.filter(pk=old.pk).update(created_at=day("2026-01-10 12:00"))
    make_idea(process, "Neue Idee")
    params = {"source": process.pk, "date_from": "2026-01-01", "date_to": "2026-01-31"}
    assert [row["title"] for row in as_dicts(ideas, params)] == ["Alte Idee"]
    assert ideas.count({"source": process.pk, "date_from": "2026-02-01"}) == 1


def test_ideas_need_the_same_queries_for_2_and_20(process):
    ideas = registry.export_datasets["ideas"]

    def queries(count):
        Idea.objects.filter(process=process).delete()
        for number in range(count):
            idea = make_idea(process, f"Idee {number}")
            StatusChange.objects.create(idea=idea, status=Idea.Status.RECEIVED)
            StatusChange.objects.create(idea=idea, status=Idea.Status.IN_REVIEW, note="Wird geprüft")
        with CaptureQueriesContext(connection) as captured:
            codes, rows = table(ideas, {"source": process.pk}, personal=True)
        assert len(rows) == count
        assert all(row[codes.index("status_history")].count(";") == 1 for row in rows)
        return len(captured)

    assert queries(2) == queries(20)


# --- comments --------------------------------------------------------------------------------------------------


def test_comments_with_status_and_author_only_on_request(process):
    comments = registry.export_datasets["comments"]
    idea = make_idea(process, "Bank am Kanal")
    author = User.objects.create_user("kai@example.org", "Ein-Langes-Passwort-1", display_name="Kai")
    first = Comment.objects.create(idea=idea, author=author, author_name="Kai", text="Gute Idee!", published=True)
    Comment.objects.create(idea=idea, author=author, text="=HYPERLINK(1)", parent=first)
    Comment.objects.create(idea=idea, author=author, text="Versteckt", published=True, hidden=True)

    rows = as_dicts(comments, {"source": process.pk})
    assert [(row["idea"], row["text"], row["status"]) for row in rows] == [
        (idea.reference, "Gute Idee!", "Published"), (idea.reference, "=HYPERLINK(1)", "Awaiting moderation"),
        (idea.reference, "Versteckt", "Hidden")]
    assert rows[1]["reply_to"] == first.pk
    assert "author_email" not in rows[0]
    personal = as_dicts(comments, {"source": process.pk}, personal=True)
    assert (personal[0]["author_name"], personal[0]["author_email"]) == ("Kai", "kai@example.org")
    assert [row["text"] for row in as_dicts(comments, {"source": process.pk}, open_data=True)] == ["Gute Idee!"]


# --- survey responses ------------------------------------------------------------------------------------------


def q(text, kind, **extra):
    base = {"text": text, "key": extra.pop("key", ""), "help_text": "", "required": False,
            "show_if_question": "", "show_if_answer": ""}
    return (kind, {**base, **extra})


def options(*labels):
    return [{"label": label} for label in labels]


@pytest.fixture
def survey(demo_site):
    home = Site.objects.get(is_default_site=True).root_page
    now = timezone.now()
    page = SurveyPage(
        title="Alle Fragetypen", slug="alle-fragetypen", opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        questions=[("section", {"title": "Seite 1", "intro": "", "show_if_question": "", "show_if_answer": "",
                                "questions": [
            q("Wie unterwegs?", "single", key="weg", options=options("Rad", "Bus"), allow_other=True),
            q("Was fehlt?", "multiple", options=options("Bänke", "Licht", "Bäume"), allow_other=False,
              min_choices=None, max_choices=None),
            q("Zufrieden?", "scale", minimum=1, maximum=5, min_label="", max_label="", allow_no_answer=True),
            q("Verkehr", "matrix", minimum=1, maximum=3, min_label="", max_label="", allow_no_answer=False,
              rows=[{"label": "Busse"}, {"label": "Bahnen"}]),
            q("Wichtig", "ranking", options=options("Sicherheit", "Tempo")),
            q("Ja oder nein?", "yesno"),
            q("Alter", "number", minimum=0, maximum=120),
            q("Seit wann?", "date"),
            q("Stadtteil", "district"),
            q("Sonst noch?", "long_text", key="freitext", max_length=500),
        ]})],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_survey_columns_have_a_code_and_a_label_for_every_question_kind(survey):
    dataset = registry.export_datasets["survey_responses"]
    params = {"source": survey.pk}
    codes, _rows = table(dataset, params, headings="codes")
    labels, _rows = table(dataset, params, headings="labels")
    assert codes == [
        "response", "channel", "event", "submitted", "capture",
        "weg", "weg_other_text", "q2_1", "q2_2", "q2_3", "q3", "q4_1", "q4_2", "q5_1", "q5_2", "q6", "q7", "q8",
        "q9", "freitext",
    ]
    assert labels[5:9] == ["Wie unterwegs?", "Wie unterwegs?: other (text)", "Was fehlt?: Bänke", "Was fehlt?: Licht"]
    assert labels[11:14] == ["Verkehr: Busse", "Verkehr: Bahnen", "Wichtig: Sicherheit"]
    assert labels[-1] == "Sonst noch?"
    assert table(dataset, params, personal=True)[0][-1] == "email"


def test_survey_values_are_labels_zero_one_numbers_and_dates(survey):
    dataset = registry.export_datasets["survey_responses"]
    first = {question.kind: question for question in all_questions(survey)}
    rad = first["single"].options[0][0]
    banks, _light, trees = (key for key, _label in first["multiple"].options)
    busse, bahnen = (key for key, _label in first["matrix"].rows)
    safety, speed = (key for key, _label in first["ranking"].options)
    answered = SurveyResponse.objects.create(
        survey=survey, channel=Channel.PAPER, capture_method="manual", submitted_at=day("2026-05-02 08:30"),
        email="zoe@example.org", answers={
            first["single"].id: rad, first["multiple"].id: [banks, trees], first["scale"].id: "4",
            first["matrix"].id: {busse: "3", bahnen: "1"}, first["ranking"].id: {safety: 1, speed: 2},
            first["yesno"].id: "yes", first["number"].id: "42", first["date"].id: "2026-04-30",
            first["district"].id: "moisling", first["long_text"].id: "+49 Mehr Busse",
        })
    other = SurveyResponse.objects.create(survey=survey, submitted_at=day("2026-05-03 09:00"), answers={
        first["single"].id: {"choice": "other", "other": "Roller"}, first["scale"].id: "na"})
    SurveyResponse.objects.create(survey=survey, answers={first["single"].id: rad})  # a draft: not exported

    params = {"source": survey.pk}
    assert dataset.count(params) == 2
    rows = {row["response"]: row for row in as_dicts(dataset, params)}
    row = rows[answered.pk]
    assert (row["channel"], row["capture"], row["submitted"]) == (
        "Paper", "Entered by hand from paper", day("2026-05-02 08:30"))
    assert (row["weg"], row["weg_other_text"]) == ("Rad", None)
    assert (row["q2_1"], row["q2_2"], row["q2_3"]) == (1, 0, 1)
    assert (row["q3"], row["q4_1"], row["q4_2"], row["q5_1"], row["q5_2"]) == (4, 3, 1, 1, 2)
    assert (row["q6"], str(row["q7"]), row["q8"], row["q9"]) == ("Yes", "42", datetime.date(2026, 4, 30), "Moisling")
    assert row["freitext"] == "+49 Mehr Busse"
    row = rows[other.pk]
    assert (row["weg"], row["weg_other_text"], row["q3"]) == ("Other", "Roller", "No answer")
    assert (row["q2_1"], row["q4_1"], row["freitext"]) == (None, None, None)  # not answered: empty, not 0

    assert [row["email"] for row in as_dicts(dataset, params, personal=True)] == ["zoe@example.org", ""]
    assert [row["response"] for row in as_dicts(dataset, {**params, "channel": "paper"})] == [answered.pk]

    csv_text = "".join(exports.csv_chunks(dataset.columns(params), dataset.rows(params), headings="codes"))
    assert "\"'+49 Mehr Busse\"" in csv_text  # a formula guard for text that starts with +

    open_codes, open_rows = table(dataset, params, open_data=True)
    assert "freitext" not in open_codes and "weg_other_text" not in open_codes and "email" not in open_codes
    assert "Roller" not in str(open_rows) and "Mehr Busse" not in str(open_rows)


def test_demo_survey_responses_use_the_question_keys(demo_site):
    dataset = registry.export_datasets["survey_responses"]
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    codes, _rows = table(dataset, {"source": survey.pk})
    assert codes[5:] == ["verkehrsmittel", "verkehrsmittel_other_text", "baustellen", "stadtteil",
                         "rad-wuensche_1", "rad-wuensche_2", "rad-wuensche_3", "freitext"]


def test_survey_export_needs_the_same_queries_for_2_and_200_responses(survey):
    dataset = registry.export_datasets["survey_responses"]

    def queries(count):
        SurveyResponse.objects.filter(survey=survey).delete()
        SurveyResponse.objects.bulk_create([SurveyResponse(survey=survey, submitted_at=timezone.now(),
                                                           answers={}) for _n in range(count)])
        with CaptureQueriesContext(connection) as captured:
            assert len(table(dataset, {"source": survey.pk}, personal=True)[1]) == count
        return len(captured)

    assert queries(2) == queries(200)


def test_csv_memory_stays_flat_from_2000_to_20000_responses(demo_site, tmp_path):
    """The writer's peak (tracemalloc) over ten times the responses is no more than a few MB higher: it streams.
    (100,000 responses against the budget of ≤ 3 s and ≤ +30 MB: `make bench`, docs/speed.md; here a tenth, as
    tracing makes Python slow and the suite has a time budget too.)"""
    dataset = registry.export_datasets["survey_responses"]

    def peak(rows):
        with dataset.sample(rows) as params:
            assert dataset.count(params) == rows
            tracemalloc.start()
            written = exports.write_export(str(tmp_path / "responses.csv"), dataset, params, "csv")
            _current, highest = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        assert written == rows
        return highest / 2**20

    small, big = peak(2_000), peak(20_000)
    assert big - small < 3, f"{small:.1f} MB for 2,000 rows, {big:.1f} MB for 20,000"
    assert big < 10


# --- files: XLSX and open data ---------------------------------------------------------------------------------


@pytest.fixture
def answered_survey(demo_site):
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    questions = {question.key: question for question in all_questions(survey)}
    bike = next(key for key, label in questions["verkehrsmittel"].options if label == "Fahrrad")
    SurveyResponse.objects.create(survey=survey, submitted_at=day("2026-05-02 08:30"), email="zoe@example.org",
                                  answers={questions["verkehrsmittel"].id: bike, questions["baustellen"].id: "2",
                                           questions["freitext"].id: "Ich bin Zoë aus der Wakenitzstraße 5"})
    SurveyResponse.objects.create(survey=survey, submitted_at=day("2026-05-20 18:00"), channel=Channel.DESK,
                                  answers={questions["verkehrsmittel"].id: {"choice": "other", "other": "Kajak"}})
    return survey


def test_xlsx_of_survey_responses(answered_survey):
    analyst = User.objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1")
    job = ExportJob.objects.create(created_by=analyst, dataset="survey_responses", format="xlsx",
                                   params={"source": answered_survey.pk, "headings": "labels"})
    assert run_export(job.pk) == "done"
    job.refresh_from_db()
    with zipfile.ZipFile(job.file.path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "Wie sind Sie meistens unterwegs?" in sheet and "Fahrrad" in sheet and "Kajak" in sheet
    assert "zoe@example.org" not in sheet


def test_open_data_zip_has_dcat_metadata_and_no_personal_value(answered_survey, settings):
    settings.OPENDATA_ACCESS_URL = "https://mitgestalten.luebeck.example/"
    analyst = User.objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1")
    job = ExportJob.objects.create(created_by=analyst, dataset="survey_responses", format="opendata",
                                   include_personal=True, params={"source": answered_survey.pk, "headings": "codes"})
    assert run_export(job.pk) == "done"
    job.refresh_from_db()
    assert job.rows_done == 2
    with zipfile.ZipFile(job.file.path) as archive:
        names = archive.namelist()
        data = archive.read("umfrage-mobilitaet-responses.csv")
        everything = b"".join(archive.read(name) for name in names).decode()
        document = json.loads(archive.read("metadata.jsonld"))
    assert sorted(names) == ["metadata.jsonld", "umfrage-mobilitaet-responses-columns.csv",
                             "umfrage-mobilitaet-responses.csv"]
    for personal in ("zoe@example.org", "Zoë", "Wakenitzstraße", "Kajak"):
        assert personal not in everything
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert rows[0][:6] == ["response", "channel", "event", "submitted", "capture", "verkehrsmittel"]
    assert "freitext" not in rows[0] and "email" not in rows[0]
    assert rows[1][5] == "Fahrrad" and rows[2][5] in ("Other", "Sonstiges")  # the job writes in German

    assert document["@type"] == "dcat:Dataset"
    assert document["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert document["@context"]["dcatde"] == "http://dcat-ap.de/def/dcatde/"
    assert document["dct:title"]["@value"].startswith("Umfrage: Unterwegs in Lübeck – ")
    assert document["dct:description"]["@value"]
    assert document["dct:publisher"]["foaf:name"] == "Hansestadt Lübeck"
    assert document["dct:license"]["@id"] == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    assert document["dct:temporal"]["dcat:startDate"]["@value"] == "2026-05-02"
    assert document["dct:temporal"]["dcat:endDate"]["@value"] == "2026-05-20"
    lübeck = "http://dcat-ap.de/def/politicalGeocoding/districtKey/01003"
    assert document["dct:spatial"]["@id"] == lübeck
    assert document["dcatde:politicalGeocodingURI"]["@id"] == lübeck
    assert document["dcatde:politicalGeocodingLevelURI"]["@id"].startswith(
        "http://dcat-ap.de/def/politicalGeocoding/Level/")
    distribution = document["dcat:distribution"]
    assert distribution["@type"] == "dcat:Distribution"
    assert distribution["dct:format"]["@id"] == "http://publications.europa.eu/resource/authority/file-type/CSV"
    assert distribution["dcat:mediaType"]["@id"].endswith("text/csv")
    assert int(distribution["dcat:byteSize"]["@value"]) == len(data)
    assert distribution["dcat:accessURL"]["@id"] == "https://mitgestalten.luebeck.example/"
    for key in ("dct:issued", "dct:modified"):
        assert datetime.datetime.fromisoformat(distribution[key]["@value"])
        assert datetime.datetime.fromisoformat(document[key]["@value"])


def test_open_data_of_ideas_holds_only_published_ideas_without_authors(process):
    make_idea(process, "Bank am Kanal", author_name="Anna Beispiel")
    make_idea(process, "Geheime Idee", published=False)
    analyst = User.objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1")
    job = ExportJob.objects.create(created_by=analyst, dataset="ideas", format="opendata",
                                   params={"source": process.pk, "headings": "codes"})
    run_export(job.pk)
    job.refresh_from_db()
    with zipfile.ZipFile(job.file.path) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
    assert "Bank am Kanal" in everything
    for hidden in ("Geheime Idee", "Anna Beispiel", "bank@example.org"):
        assert hidden not in everything


def test_dashboards_link_to_a_prefilled_export_form(client, answered_survey):
    analyst = User.objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1")
    analyst.groups.add(Group.objects.get(name="Auswertung"))
    client.force_login(analyst)
    response = client.get(f"/admin/exports/?dataset=survey_responses&source={answered_survey.pk}&format=xlsx")
    assert response.status_code == 200
    form = response.context["form"]
    assert (form["source"].value(), form["format"].value()) == (str(answered_survey.pk), "xlsx")
    assert f'<option value="{answered_survey.pk}" selected>'.encode() in response.content
