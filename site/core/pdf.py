"""PDFs made by WeasyPrint, the one way every app makes them (paper forms, reports, volunteering documents).

Nothing is fetched while rendering: the URL fetcher accepts only inline data: URIs and remembers what else a
template asked for (tests assert that list is empty); fonts come from the system (DejaVu, installed by
`make`) and are embedded. Documents are tagged PDF/UA-1 with the document language set by the template.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetchingError

PDF_VARIANT = "pdf/ua-1"


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


def render_document(html):
    """The laid-out document (pages, anchors) of an HTML string, and the URLs it asked for and was refused."""
    fetcher = LocalOnlyFetcher()
    return HTML(string=html, url_fetcher=fetcher).render(), fetcher.refused


def render_pdf(template, context):
    """Render a print template to a tagged PDF: (pdf bytes, the URLs that were asked for and refused)."""
    html = render_to_string(template, {"language": translation.get_language(), **context})
    document, refused = render_document(html)
    return document.write_pdf(pdf_variant=PDF_VARIANT), refused


def pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
