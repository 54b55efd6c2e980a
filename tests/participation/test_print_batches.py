"""Numbered sheets: ordered by staff, rendered by the worker with progress, read back sheet by sheet."""


import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.contrib.auth.models import Group

from participation.paper.models import PrintBatch, Sheet
from participation.paper.tasks import render_print_batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("druckerei@luebeck.example", "Ein-Langes-Passwort-1",
                                                 is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def test_editor_orders_sheets_and_every_page_carries_its_serial_and_page(
    client, survey, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/paper/{survey.pk}/sheets/", {"count": "30", "location": "Bürgerbüro",
                                                                       "variant": "standard", "language": "de"})
    assert response.status_code == 302
    batch = PrintBatch.objects.get(survey=survey)
    assert batch.status == PrintBatch.Status.DONE and batch.done == 30 and batch.file
    status = client.get(f"/admin/print-batches/{batch.pk}/status/").json()
    assert status["percent"] == 100 and status["url"] == f"/admin/print-batches/{batch.pk}/file/"  # never /media/

    serials = list(batch.sheets.values_list("serial", flat=True))
    assert len(set(serials)) == 30
    with batch.file.open("rb") as handle:
        document = pdfium.PdfDocument(handle.read())
    pages = batch.form_version.page_count
    assert len(document) == 30 * pages
    image = document[6 * pages + pages - 1].render(scale=200 / 72).to_pil()  # sheet 7, last page
    codes = {code.text for code in zxingcpp.read_barcodes(image)}
    receipt = Sheet.objects.get(serial=serials[6]).receipt_number
    assert codes == {f"{survey.get_site().root_url}/b/?v={batch.form_version.pk}&s={serials[6]}&p={pages}",
                     f"{survey.get_site().root_url}/de/vorgang/?reference={receipt}"}  # the page, and the receipt
    assert "Bürgerbüro" in client.get(f"/admin/paper/{survey.pk}/sheets/").content.decode()


def test_serials_never_repeat_across_batches(survey, editor):
    first = PrintBatch.objects.create(survey=survey, count=5, created_by=editor)
    second = PrintBatch.objects.create(survey=survey, count=5, created_by=editor)
    render_print_batch(first.pk)
    render_print_batch(second.pk)
    render_print_batch(second.pk)  # running twice changes nothing
    assert Sheet.objects.count() == 10
    assert len(set(Sheet.objects.values_list("serial", flat=True))) == 10


def test_a_failed_batch_says_so_and_offers_no_file(survey, editor, monkeypatch):
    batch = PrintBatch.objects.create(survey=survey, count=3, created_by=editor)

    def broken(*args, **kwargs):
        raise RuntimeError("no paper")

    monkeypatch.setattr("participation.paper.printing.render_master", broken)
    with pytest.raises(RuntimeError):
        render_print_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == PrintBatch.Status.FAILED and "no paper" in batch.error and not batch.file


def test_250_sheets_in_one_batch_are_all_numbered(survey, editor):
    """The time budget (1,000 sheets in 60 s) is checked by `make bench` (docs/speed.md), not here: a shared
    machine's busy minute must not fail the suite."""
    batch = PrintBatch.objects.create(survey=survey, count=250, created_by=editor)
    render_print_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == PrintBatch.Status.DONE
    assert Sheet.objects.filter(batch=batch).count() == 250
