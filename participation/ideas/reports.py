"""PDF reports for the council's committees and the funding body: one participation process or one
survey (participation.surveys.reports), from the same numbers and the same SVG charts as the analysts' dashboards.

Rendered by WeasyPrint while the analyst waits (a report is one process: about a second, see the
tests), as PDF/UA-1 with the document language set. Nothing is fetched: the URL fetcher accepts only
inline data (core.pdf) and the charts are inline SVG. The layout is
made of blocks that never split over a page break (a chart with its table, a question, an idea);
tables come in blocks of at most 15 rows, so no table spans two pages.
"""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.models import District
from core.pdf import PDF_VARIANT, render_document
from participation.ideas import dashboards
from participation.ideas.dashboards import NO_FILTERS
from participation.ideas.models import Channel

MAX_IDEAS = 30


def render(context):
    """The laid-out report (a WeasyPrint document) and the URLs it asked for and was refused."""
    html = render_to_string("ideas/print/report.html", {
        **context, "language": translation.get_language() or "de", "created": timezone.localtime()})
    return render_document(html)


def write_pdf(context):
    document, refused = render(context)
    return document.write_pdf(pdf_variant=PDF_VARIANT), refused


def selection_in_words(filters):
    """The filters in words, for the report's summary (empty when nothing is filtered)."""
    parts = []
    if filters.date_from or filters.date_to:
        parts.append(("dates", filters.date_from, filters.date_to))
    if filters.channel:
        parts.append(("channel", dict(Channel.choices).get(filters.channel, filters.channel), None))
    if filters.district:
        name = District.objects.filter(slug=filters.district).values_list("name", flat=True).first()
        parts.append(("district", name or filters.district, None))
    if filters.event:
        from participation.ideas.models import Idea

        event_model = Idea._meta.get_field("event").related_model  # ideas does not import the events app
        title = event_model.objects.filter(pk=filters.event).values_list("title", flat=True).first()
        parts.append(("event", title or filters.event, None))
    return parts


def process_context(process, filters=NO_FILTERS):
    phases = list(process.phases.all())
    return {
        "kind": "process", "page": process, "phases": phases,
        "period": (min(p.starts_at for p in phases), max(p.ends_at for p in phases)) if phases else None,
        "summary": dashboards.process_summary(process, filters),
        "ideas": dashboards.selected_ideas(process, filters, limit=MAX_IDEAS), "max_ideas": MAX_IDEAS,
        "selection": selection_in_words(filters),
    }


def process_report(process, filters=NO_FILTERS):
    """The report of a participation process: summary, charts, channels, districts, categories and the
    selected ideas with their official answers. Returns (pdf, refused URLs)."""
    return write_pdf(process_context(process, filters))


