"""Printable twins of surveys (WeasyPrint): the same sections, questions and option ids as online,
corner marks, a QR code with URL, serial, form version and page on every page, and a layout map of
every tick box for reading scans back later.

Nothing is fetched while rendering: the URL fetcher accepts only inline data: URIs, and fonts
come from the system (DejaVu, installed by `make`), embedded in the PDF.
"""

import base64
import hashlib
import io
import json

import segno
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetchingError

from participation.surveys import sections

PX_TO_MM = 25.4 / 96  # WeasyPrint's anchors are in CSS px
VARIANTS = {"standard": 11, "large": 16}  # base font size in pt


class LocalOnlyFetcher(URLFetcher):
    """Refuses every URL that is not inline data, and remembers what was asked for."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"})
        self.refused = []

    def fetch(self, url, *args, **kwargs):
        if not url.startswith("data:"):
            self.refused.append(url)
            raise URLFetchingError(f"refused: {url}")
        return super().fetch(url, *args, **kwargs)


def qr_payload(survey_url, version, serial):
    """What the QR code on every page holds: the online version, the form version and the sheet serial.
    (Per-page codes, stamped onto a master rendered once, come with print batches.)"""
    return f"{survey_url}?v={version}&s={serial or '-'}"


def qr_data_uri(payload):
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="svg", scale=4, border=0, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def render_survey_sheet(survey, *, variant="standard", serial="", version="1", language=None, absolute_url="",
                        with_qr=True):
    """Render one sheet. Returns (pdf bytes, layout map in mm per page, refused URLs, page count)."""
    language = language or survey.locale.language_code
    survey_url = absolute_url or survey.url
    fetcher = LocalOnlyFetcher()
    with translation.override(language):
        html = render_to_string("participation/print/survey_form.html", {
            "survey": survey, "sections": sections(survey), "variant": variant, "font_size": VARIANTS[variant],
            "serial": serial, "version": version, "survey_url": survey_url,
            "qr": qr_data_uri(qr_payload(survey_url, version, serial)) if with_qr else "",
        })
    document = HTML(string=html, url_fetcher=fetcher).render()
    layout = {
        f"page-{number}": {
            anchor: [round(v * PX_TO_MM, 2) for v in rect]
            for anchor, rect in page.anchors.items() if anchor.startswith(("box-", "q-", "corner-", "qr-"))
        }
        for number, page in enumerate(document.pages, start=1)
    }
    return document.write_pdf(pdf_tags=True), layout, fetcher.refused, len(document.pages)


def layout_hash(layout):
    return hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).hexdigest()


def print_survey(survey, *, variant="standard", language=None, serial="", absolute_url="", with_qr=True):
    """The PDF of the survey's live revision; its form version (with the layout map) is recorded once."""
    from participation.models import FormVersion

    language = language or survey.locale.language_code
    version, _created = FormVersion.objects.get_or_create(
        survey=survey, revision=survey.live_revision, variant=variant, language=language
    )
    pdf, layout, refused, pages = render_survey_sheet(
        survey, variant=variant, serial=serial, version=str(version.pk), language=language, absolute_url=absolute_url,
        with_qr=with_qr,
    )
    if version.layout != layout or version.page_count != pages:
        version.layout, version.page_count = layout, pages
        version.save(update_fields=["layout", "page_count"])
    return pdf, version, refused
