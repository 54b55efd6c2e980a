"""The printable twin of a survey, read back: text, QR code, fonts, pages, layout map, no outside fetch."""

import pypdfium2 as pdfium
import pytest
import zxingcpp

from participation.paper.models import FormVersion
from participation.paper.printing import print_sheet
from participation.surveys.questions import all_questions
from tests.participation.conftest import question

pytestmark = pytest.mark.django_db


def pdf_streams(pdf):
    import re
    import zlib

    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            yield zlib.decompress(match.group(1))
        except zlib.error:
            yield match.group(1)


def text_of(pdf):
    document = pdfium.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document), len(document)


def test_the_pdf_holds_every_question_and_option(survey):
    pdf, version, refused = print_sheet(survey, serial="000042")
    text, pages = text_of(pdf)
    flat = " ".join(text.split())
    for each in all_questions(survey):
        assert " ".join(each.text.split()) in flat
        if each.kind in {"single", "multiple"}:
            for _option_id, label in each.options:
                assert label in flat
    assert f"Formular {version.pk}" in flat and "Ihre Quittung" in flat
    assert pages == version.page_count >= 1
    assert refused == []  # nothing was fetched from anywhere


def test_every_page_has_a_qr_code_with_the_online_version_serial_form_version_and_page(client, survey):
    pdf, version, _refused = print_sheet(survey, serial="000042")
    document = pdfium.PdfDocument(pdf)
    root = survey.get_site().root_url
    for number, page in enumerate(document, start=1):
        codes = {code.text for code in zxingcpp.read_barcodes(page.render(scale=200 / 72).to_pil())}
        assert f"{root}/b/?v={version.pk}&s=000042&p={number}" in codes
    followed = client.get(f"/b/?v={version.pk}&s=000042&p=1")  # a phone scanning the page
    assert followed.status_code == 302 and followed["Location"] == survey.url
    assert client.get("/b/?v=999999", follow=True).status_code == 404


def test_a_blank_sheet_for_home_printing_has_codes_without_a_serial(survey):
    pdf, version, _refused = print_sheet(survey)
    first = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    codes = {code.text for code in zxingcpp.read_barcodes(first)}
    assert f"{survey.get_site().root_url}/b/?v={version.pk}&s=-&p=1" in codes


def test_fonts_are_embedded_and_the_pdf_is_tagged(survey):
    import pypdfium2.raw as raw

    pdf, _version, _refused = print_sheet(survey)
    document = pdfium.PdfDocument(pdf)
    embedded = {
        raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(obj.raw))
        for page in document for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT])
    }
    assert embedded == {1}  # every piece of text uses an embedded font
    assert raw.FPDFCatalog_IsTagged(document.raw)  # tagged PDF for screen readers
    assert any(b"pdfuaid" in stream for stream in pdf_streams(pdf))  # declared PDF/UA-1 (XMP metadata)


def test_layout_map_records_every_box_on_its_page(survey):
    _pdf, version, _refused = print_sheet(survey)
    version = FormVersion.objects.get(pk=version.pk)
    boxes = {anchor: rect for page in version.layout.values() for anchor, rect in page.items()
             if anchor.startswith("box-")}
    first = question(survey, "verkehrsmittel")
    for option_id, _label in first.options:
        x1, y1, x2, y2 = boxes[f"box-{first.id}-{option_id}"]
        assert 0 < x1 < x2 < 210 and 0 < y1 < y2 < 297
        assert 5 <= x2 - x1 <= 7  # 5.5 mm boxes plus the frame
    corners = version.layout["page-1"]
    assert corners["corner-tl"][0] >= 10 and corners["corner-tl"][1] >= 10  # ≥ 10 mm from the edge


def test_large_print_variant_uses_more_pages_and_a_version_of_its_own(survey):
    standard_pdf, standard, _ = print_sheet(survey)
    large_pdf, large, _ = print_sheet(survey, variant="large")
    assert large.pk != standard.pk and large.variant == "large"
    assert text_of(large_pdf)[1] >= text_of(standard_pdf)[1]


def test_editors_download_the_form_and_residents_cannot(client, survey, django_user_model, resident):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("druck@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))
    client.force_login(editor)
    response = client.get(f"/admin/paper/{survey.pk}/print/?variant=large")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(resident)
    assert client.get(f"/admin/paper/{survey.pk}/print/").status_code in (302, 403)
