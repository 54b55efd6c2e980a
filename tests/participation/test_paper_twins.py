"""Paper twins beyond the survey sheet: the idea form on paper, receipts, double entry, sheets printed
at home, scans, public downloads, languages and results per channel beside every answer."""


import pypdfium2 as pdfium
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale

from participation.ideas.models import Idea, ParticipationProcessPage
from participation.paper.models import PrintBatch, Sheet
from participation.paper.printing import print_sheet
from participation.paper.tasks import _next_serials, render_print_batch
from participation.surveys.models import SurveyPage, SurveyResponse
from tests.participation.conftest import idea_data, photo, question, set_phase

pytestmark = pytest.mark.django_db


def staff(django_user_model, email, group):
    user = django_user_model.objects.create_user(email, "Ein-Langes-Passwort-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def second_analyst(django_user_model):
    return staff(django_user_model, "erfassung.b@luebeck.example", "Auswertung")


def batch_of(target, count, **extra):
    key = {"survey": target} if isinstance(target, SurveyPage) else {"process": target}
    batch = PrintBatch.objects.create(count=count, **key, **extra)
    Sheet.objects.bulk_create([Sheet(batch=batch, serial=s) for s in _next_serials(count)])
    return batch, list(batch.sheets.order_by("serial"))


def pdf_text(pdf):
    document = pdfium.PdfDocument(pdf)
    return " ".join(" ".join(page.get_textpage().get_text_range() for page in document).split())


def codes_on(pdf, index=0):
    image = pdfium.PdfDocument(pdf)[index].render(scale=200 / 72).to_pil()
    return {code.text for code in zxingcpp.read_barcodes(image)}


# The idea call on paper


def test_the_idea_form_prints_every_field_category_and_district_with_codes(process):
    pdf, version, refused = print_sheet(process, serial="000777")
    text = pdf_text(pdf)
    for label in ("Titel Ihrer Idee", "Ihre Idee", "Thema", "Stadtteil", "Ort", "Einwilligung:", "Ihre Quittung"):
        assert label in text, label
    for category in process.allowed_categories():
        assert category.name in text
    assert refused == []
    boxes = {anchor for page in version.layout.values() for anchor in page}
    assert {f"box-category-{c.slug}" for c in process.allowed_categories()} <= boxes  # the online form's ids
    assert {"box-title-text", "box-description-text", "box-consent", "qr-receipt"} <= boxes
    pages = len(pdfium.PdfDocument(pdf))
    assert f"{process.get_site().root_url}/b/?v={version.pk}&s=000777&p=1" in codes_on(pdf)
    receipt = Sheet(serial="000777").receipt_number
    assert any(code.endswith(f"/de/vorgang/?reference={receipt}") for code in codes_on(pdf, pages - 1))


def test_an_idea_sheet_becomes_a_paper_idea_that_waits_for_a_moderator(client, process, analyst, mailoutbox):
    process.moderation = ParticipationProcessPage.Moderation.POST  # even then: paper is checked first
    process.save_revision().publish()
    set_phase(process, "collect")
    _batch, sheets = batch_of(process, 2)
    client.force_login(analyst)
    url = client.get("/de/papiererfassung/", {"serial": sheets[0].serial})["Location"]
    html = client.get(url).content.decode()
    assert "Einwilligung" in html or "Häkchen" in html
    data = idea_data(title="Bank am Kanal", contact_email="hanna@example.org")
    data.pop("consent")
    refused = client.post(url, data)
    assert refused.status_code == 200 and not Idea.objects.filter(title="Bank am Kanal").exists()
    client.post(url, {**data, "consent": "on", "finalise": "1"})
    idea = Idea.objects.get(title="Bank am Kanal")
    assert idea.channel == "paper" and idea.entered_by == analyst and not idea.published
    assert Sheet.objects.get(pk=sheets[0].pk).idea == idea
    again = client.get("/de/papiererfassung/", {"serial": sheets[0].serial}).content.decode()
    assert idea.reference in again  # "already entered as idea ID-…"


def test_the_receipt_slip_shows_what_became_of_a_sheet_and_needs_its_check_digits(client, process, survey,
                                                                                  analyst):
    _batch, (survey_sheet,) = batch_of(survey, 1)
    lookup = "/de/vorgang/"
    html = client.get(lookup, {"reference": survey_sheet.receipt_number}).content.decode()
    assert "noch nicht erfasst" in html
    wrong = f"{survey_sheet.serial}-{(int(survey_sheet.receipt_number[-4:]) + 1) % 10000:04d}"
    assert "nichts gefunden" in client.get(lookup, {"reference": wrong}).content.decode()
    client.force_login(analyst)
    client.post(f"/de/papiererfassung/{survey_sheet.serial}/", {"finalise": "1"})
    client.logout()
    assert "gezählt" in client.get(lookup, {"reference": survey_sheet.receipt_number}).content.decode()

    set_phase(process, "collect")
    _batch, (idea_sheet,) = batch_of(process, 1)
    client.force_login(analyst)
    client.post(f"/de/papiererfassung/{idea_sheet.serial}/", {**idea_data(title="Mehr Bänke"), "finalise": "1"})
    client.logout()
    idea = Idea.objects.get(title="Mehr Bänke")
    html = client.get(lookup, {"reference": idea_sheet.receipt_number}).content.decode()
    assert idea.reference in html and "Eingegangen" in html


# Double entry


def answer_of(question, index):
    return {f"paper-q-{question.id}": question.options[index][0]}


def test_double_entry_counts_a_sheet_only_after_two_people_agree(client, survey, analyst, second_analyst):
    _batch, (sheet,) = batch_of(survey, 1, double_entry=True)
    first = question(survey, "verkehrsmittel")
    url = f"/de/papiererfassung/{sheet.serial}/"
    client.force_login(analyst)
    client.post(url, {**answer_of(first, 1), "finalise": "1"})
    assert not SurveyResponse.objects.filter(submitted_at__isnull=False).exists()  # not counted yet
    refused = client.get(url, follow=True).content.decode()
    assert "andere Person" in refused  # the same person cannot confirm their own entry
    client.force_login(second_analyst)
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert not soup.select("input[checked]")  # the second person does not see the first entry
    client.post(url, {**answer_of(first, 1), "finalise": "1"})
    counted = SurveyResponse.objects.get(paper_sheet=sheet.serial)
    assert counted.submitted_at and counted.answers[first.id] == first.options[1][0]
    assert counted.entered_at and counted.entered_by == second_analyst


def test_double_entry_shows_differences_and_counts_the_resolved_answer(client, survey, analyst, second_analyst):
    _batch, (sheet,) = batch_of(survey, 1, double_entry=True)
    first = question(survey, "verkehrsmittel")
    url = f"/de/papiererfassung/{sheet.serial}/"
    client.force_login(analyst)
    client.post(url, {**answer_of(first, 1), "finalise": "1"})
    client.force_login(second_analyst)
    response = client.post(url, {**answer_of(first, 2), "finalise": "1"})
    soup = BeautifulSoup(response.content, "html.parser")
    (row,) = soup.select("[data-difference]")
    assert first.text in row.text and first.options[1][1] in row.text and first.options[2][1] in row.text
    assert not SurveyResponse.objects.filter(submitted_at__isnull=False).exists()
    client.post(url, {**answer_of(first, 1), "resolve": "1", "finalise": "1"})  # checked on the paper
    assert SurveyResponse.objects.get(paper_sheet=sheet.serial).answers[first.id] == first.options[1][0]


# Sheets printed at home, scans


def test_a_sheet_printed_at_home_gets_the_next_number_on_entry(client, survey, analyst):
    client.force_login(analyst)
    response = client.post("/de/papiererfassung/", {"target": str(survey.pk)})
    sheet = Sheet.objects.get(batch__kind=PrintBatch.Kind.HOME, batch__survey=survey)
    assert response["Location"].endswith(f"/papiererfassung/{sheet.serial}/")
    client.post(response["Location"], {"finalise": "1"})
    assert SurveyResponse.objects.get(paper_sheet=sheet.serial).channel == "paper"
    nothing = client.post("/de/papiererfassung/", {"target": ""})
    assert nothing.status_code == 200 and "id_target-error" in nothing.content.decode()


def test_a_scan_is_kept_privately_and_a_bad_file_loses_no_answer(client, survey, analyst, resident, settings):
    _batch, (sheet,) = batch_of(survey, 1)
    first = question(survey, "verkehrsmittel")
    url = f"/de/papiererfassung/{sheet.serial}/"
    client.force_login(analyst)
    fake = SimpleUploadedFile("scan.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(url, {**answer_of(first, 2), "paper-scan": fake, "finalise": "1"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[id$=scan-error]") is not None
    assert soup.find("input", {"value": first.options[2][0]}).has_attr("checked")  # the answer is still there
    assert not SurveyResponse.objects.exists()
    client.post(url, {**answer_of(first, 2), "paper-scan": photo("seite1.jpg"), "finalise": "1"})
    sheet.refresh_from_db()
    assert sheet.scan and str(settings.MEDIA_ROOT) not in sheet.scan.path  # never under /media/
    image = client.get(f"{url}scan/")
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert b"".join(image.streaming_content).startswith(b"\xff\xd8")
    client.force_login(resident)
    assert client.get(f"{url}scan/").status_code == 403


# Downloads, languages, results


def test_residents_download_the_blank_form_from_the_survey_and_the_idea_call(client, survey, process):
    html = client.get(survey.url).content.decode()
    assert "drucken/" in html
    for url in (survey.url + "drucken/", survey.url + "drucken/?variant=large", process.url + "idee/drucken/"):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
        assert response.content.startswith(b"%PDF")
    large = client.get(survey.url + "drucken/?variant=large").content
    assert len(pdfium.PdfDocument(large)) >= len(pdfium.PdfDocument(client.get(survey.url + "drucken/").content))


def test_a_translated_survey_prints_in_its_language_and_its_sheets_count_for_the_original(client, survey,
                                                                                        analyst):
    english = survey.get_translation(Locale.objects.get(language_code="en"))  # from the demo content
    pdf, version, _refused = print_sheet(survey, language="en")
    text = pdf_text(pdf)
    assert english.title in text and "Your receipt" in text and version.language == "en"
    assert english.title != survey.title
    batch, (sheet,) = batch_of(survey, 1, language="en")
    render_print_batch(batch.pk)
    client.force_login(analyst)
    client.post(f"/de/papiererfassung/{sheet.serial}/", {"finalise": "1"})
    assert SurveyResponse.objects.get(paper_sheet=sheet.serial).survey_id == survey.pk


def test_results_show_every_answer_by_channel_and_in_total(client, survey, analyst):
    first = question(survey, "verkehrsmittel")
    SurveyResponse.objects.create(survey=survey, answers={first.id: first.options[0][0]},
                                  submitted_at="2026-11-01T10:00Z")
    _batch, (sheet,) = batch_of(survey, 1)
    client.force_login(analyst)
    client.post(f"/de/papiererfassung/{sheet.serial}/", {**answer_of(first, 0), "finalise": "1"})
    soup = BeautifulSoup(client.get(survey.url + "ergebnisse/").content, "html.parser")
    table = soup.find("section", attrs={"aria-labelledby": f"q-{first.id}"}).find("table")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers[1:6] == ["Online", "Papier", "Veranstaltung", "Bürgerbüro", "Gesamt"]
    row = table.select("tbody tr")[0]
    assert [td.get_text(strip=True) for td in row.select("td")][:5] == ["1", "1", "0", "0", "2"]


def test_editors_order_numbered_idea_sheets_in_the_admin(client, process, django_user_model,
                                                         django_capture_on_commit_callbacks):
    editor = staff(django_user_model, "druck.ideen@luebeck.example", "Redaktion")
    client.force_login(editor)
    header = client.get(f"/admin/pages/{process.pk}/edit/").content.decode()
    assert f"/admin/paper/{process.pk}/sheets/" in header and f"/admin/paper/{process.pk}/print/" in header
    form = client.get(f"/admin/paper/{process.pk}/sheets/").content.decode()
    assert "double_entry" not in form  # paper ideas are read by a moderator anyway
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/paper/{process.pk}/sheets/", {"count": "3", "variant": "large", "language": "de"})
    batch = PrintBatch.objects.get(process=process)
    assert batch.status == PrintBatch.Status.DONE and batch.sheets.count() == 3
    with batch.file.open("rb") as handle:
        document = pdfium.PdfDocument(handle.read())
    assert len(document) == 3 * batch.form_version.page_count and batch.form_version.variant == "large"
    refused = client.post(f"/admin/paper/{process.pk}/sheets/", {"count": "0", "variant": "standard",
                                                                 "language": "xx"})
    assert refused.status_code == 200 and PrintBatch.objects.filter(process=process).count() == 1


def test_the_idea_list_counts_published_ideas_by_channel(client, process, analyst, django_capture_on_commit_callbacks):
    def paper_and_total():
        soup = BeautifulSoup(client.get(process.url).content, "html.parser")
        table = soup.select_one("table.channel-totals")
        headers = [th.get_text(strip=True) for th in table.select("th")]
        cells = [int(td.get_text(strip=True)) for td in table.select("td")]
        return cells[headers.index("Papier")], cells[-1]

    paper, total = paper_and_total()
    set_phase(process, "collect")
    _batch, (sheet,) = batch_of(process, 1)
    client.force_login(analyst)
    client.post(f"/de/papiererfassung/{sheet.serial}/", {**idea_data(title="Sitzbank"), "finalise": "1"})
    assert paper_and_total() == (paper, total)  # waits for a moderator: not counted in public yet
    idea = Idea.objects.get(title="Sitzbank")
    idea.published = True
    with django_capture_on_commit_callbacks(execute=True):  # the list's totals are renewed after the commit
        idea.save()
    assert paper_and_total() == (paper + 1, total + 1)
