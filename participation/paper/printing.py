"""Printable twins of surveys and idea calls (WeasyPrint): the same sections, questions, fields and
option ids as online, corner marks, a QR code with URL, serial, form version and page on every page,
a receipt slip to tear off, and a layout map of every box for reading scans back later.

Every sheet is made the same way: the form is rendered once per form version (the "master", without
serial and codes), then PDFium stamps each page's QR code and the serial (participation.paper.stamping).
A blank sheet for printing at home is a master stamped with no serial.

Nothing is fetched while rendering (core.pdf: the URL fetcher accepts only inline data: URIs, and fonts
come from the system, embedded in the PDF).
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core import links
from core.pdf import PDF_VARIANT, render_document
from participation.surveys.questions import condition_of, questions_by_key, sections

PX_TO_MM = 25.4 / 96  # WeasyPrint's anchors are in CSS px
VARIANTS = {"standard": 11, "large": 16}  # base font size in pt
# The receipt slip and the page footer: smaller than the form in standard print, as large as it in large print.
SMALL_PRINT = {"standard": 10, "large": 16}
LAYOUT_PREFIXES = ("box-", "q-", "corner-", "qr-", "receipt-")


def page_payload(root_url, version, serial, page):
    """What the QR code on every page holds: a short address that leads to the online version (see
    `form_code`), the form version, the serial and the page."""
    return f"{root_url}/b/?v={version}&s={serial or '-'}&p={page}"


def form_code(request):
    """Where a phone goes when somebody scans a printed page: the online form in the sheet's language."""
    from django.http import Http404
    from django.shortcuts import redirect

    from participation.paper.models import FormVersion

    try:
        version = FormVersion.objects.select_related("survey", "process").get(pk=int(request.GET.get("v", "")))
    except (ValueError, FormVersion.DoesNotExist) as exc:
        raise Http404 from exc
    page = translations_of(version.target).get(version.language, version.target)
    if not page.live:
        raise Http404
    return redirect(page.url if is_survey(page) else page.url + page.reverse_subpage("submit_idea"))


def receipt_payload(lookup_url, receipt_number):
    return f"{lookup_url}?reference={receipt_number}" if receipt_number else lookup_url


def is_survey(target):
    from participation.surveys.models import SurveyPage

    return isinstance(target, SurveyPage)


def source_of(page):
    """Paper forms, batches and results belong to the page in the site's default language; a
    translation only changes the language the form is printed in (see core.i18n.source_of)."""
    from core.i18n import source_of as _source_of

    return _source_of(page)


def translations_of(target):
    """The live pages of this form in every language it has: {language code: page}."""
    pages = {target.locale.language_code: target}
    for page in target.get_translations().live().specific():
        pages.setdefault(page.locale.language_code, page)
    return pages


def language_choices(target):
    from django.conf import settings

    names = dict(settings.LANGUAGES)
    return [(code, names.get(code, code)) for code in translations_of(target)]


def _urls(page, language):
    """The online form and the receipt lookup, as absolute addresses."""
    root = links.site_root(site=page.get_site())
    with translation.override(language):
        lookup = root + reverse("participation:receipt_lookup")
    if is_survey(page):
        return page.full_url or "", lookup
    return (page.full_url or "") + page.reverse_subpage("submit_idea"), lookup


@dataclass
class PrintedQuestion:
    q: object  # participation.surveys.questions.Question, in the form's language
    number: int
    condition: str = ""  # when to answer it; "" always
    instructions: list = field(default_factory=list)  # the help text and how to tick, each said once


@dataclass
class PrintedSection:
    section: object
    condition: str = ""  # when to answer this part; "" always
    questions: list = field(default_factory=list)


def _said(text):
    return " ".join(str(text).casefold().strip(" .!").split())


def _instructions(q):
    """The question's help text and its kind's instruction (one cross, several, …); the instruction is left
    out when the help text already says it, so nothing is printed twice."""
    help_text, how = q.value.get("help_text") or "", q.handler.paper_instruction(q)
    return [text for text in (help_text, "" if _said(how) == _said(help_text) else how) if text]


def printed_sections(page):
    """The survey as printed (and as paper entry shows it): questions numbered through the form, and every
    condition as a sentence naming the question by that number ("Only if you ticked “Bicycle” in question 1.").
    A condition that names no question, or one printed later, is never met online: what it shows is not printed."""
    by_key = questions_by_key(page)
    printed = {}  # question id → (question as printed, number)

    def condition(block_value, part):
        named = condition_of(block_value, by_key)
        if named is None:
            return "", True
        source, expected = named
        if source is None or source.id not in printed:
            return "", False
        question, number = printed[source.id]
        kind = question.handler
        return kind.condition_text(question, kind.condition_value(source, expected), expected, number, part), True

    result = []
    for section in sections(page):
        sentence, shown = condition(section.value, part=True)
        if not shown:
            continue
        part = PrintedSection(section, sentence)
        for q in section.questions:
            sentence, shown = condition(q.value, part=False)
            if shown:
                printed[q.id] = (q, len(printed) + 1)
                part.questions.append(PrintedQuestion(q, len(printed), sentence, _instructions(q)))
        if part.questions:  # a part whose every question is never asked is not printed
            result.append(part)
    return result


def hand_in_hint(page):
    """Where to hand in the paper form: the page's own words, else those of the participation process a survey
    belongs to ("" when neither says: the form then asks for it to be handed in where it was found)."""
    hint = (getattr(page, "paper_hint", "") or "").strip()
    if not hint and is_survey(page):
        parent = page.get_parent().specific
        hint = (getattr(parent, "paper_hint", "") or "").strip()
    return hint


def _follows(target):
    """Whether the form carries the "Keep me informed" box: idea forms, and surveys inside a process."""
    from participation.paper.follow import process_of

    return process_of(target) is not None


def render_master(target, *, variant="standard", language=None, version="1"):
    """Render the form without serial and codes. Returns (pdf, layout map in mm per page, refused URLs, pages)."""
    language = language or target.locale.language_code
    page = translations_of(target).get(language, target)
    form_url, lookup_url = _urls(page, language)
    context = {"variant": variant, "font_size": VARIANTS[variant], "small_print": SMALL_PRINT[variant],
               "version": version, "form_url": form_url, "lookup_url": lookup_url, "language": language,
               "hand_in": hand_in_hint(page), "follows": _follows(target)}
    with translation.override(language):
        if is_survey(target):
            html = render_to_string("paper/print/survey_form.html",
                                    {**context, "survey": page, "sections": printed_sections(page)})
        else:
            from core.municipalities import districts_of_page

            collect = [p.ends_at for p in target.phases.all() if p.kind == "collect"]
            html = render_to_string("paper/print/idea_form.html", {
                **context, "process": page, "categories": target.allowed_categories(),
                "districts": districts_of_page(target), "deadline": max(collect) if collect else None,
                # 7 (large: 4) writing lines keep the idea form's last page room for the receipt strip.
                "lines": range(7 if variant == "standard" else 4),
            })
    document, refused = render_document(html)
    layout = {
        f"page-{number}": {
            anchor: [round(v * PX_TO_MM, 2) for v in rect]
            for anchor, rect in rendered.anchors.items() if anchor.startswith(LAYOUT_PREFIXES)
        }
        for number, rendered in enumerate(document.pages, start=1)
    }
    return document.write_pdf(pdf_variant=PDF_VARIANT), layout, refused, len(document.pages)


def layout_hash(layout):
    return hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).hexdigest()


def master(target, *, variant="standard", language=None):
    """The master PDF of the live revision; its form version (with the layout map) is recorded once."""
    from participation.paper.models import FormVersion

    language = language or target.locale.language_code
    page = translations_of(target).get(language, target)
    key = {"survey": target} if is_survey(target) else {"process": target}
    version, _created = FormVersion.objects.get_or_create(
        **key, revision=page.live_revision, variant=variant, language=language
    )
    pdf, layout, refused, pages = render_master(target, variant=variant, language=language, version=str(version.pk))
    if version.layout != layout or version.page_count != pages:
        version.layout, version.page_count = layout, pages
        version.save(update_fields=["layout", "page_count"])
    if not version.master:  # the blank form as first printed, for the scan reader
        from django.core.files.base import ContentFile

        version.master.save(f"form-{version.pk}.pdf", ContentFile(pdf), save=False)
        FormVersion.objects.filter(pk=version.pk).update(master=version.master.name)
    return pdf, version, refused


def stamp(target, master_pdf, version, serials, on_progress=None):
    """One PDF holding `serials` sheets (a serial of "" makes a blank sheet for printing at home)."""
    from participation.ideas.receipts import receipt_number
    from participation.paper.stamping import stamp_sheets

    page = translations_of(target).get(version.language, target)
    _form_url, lookup_url = _urls(page, version.language)
    root = links.site_root(site=page.get_site())
    return stamp_sheets(
        master_pdf, serials, version.layout,
        page_payload=lambda serial, number: page_payload(root, version.pk, serial, number),
        receipt_payload=lambda serial: receipt_payload(lookup_url, receipt_number(serial) if serial else ""),
        receipt_text=lambda serial: receipt_number(serial) if serial else "",
        on_progress=on_progress,
    )


def print_sheet(target, *, variant="standard", language=None, serial=""):
    """A single sheet: numbered when a serial is given, else blank. Returns (pdf, version, refused URLs)."""
    pdf, version, refused = master(target, variant=variant, language=language)
    return stamp(target, pdf, version, [serial]), version, refused


def blank_sheet(page, *, variant="standard"):
    """The blank sheet residents download from a survey or idea call page, in that page's language;
    cached per live revision (rendering takes about a second)."""
    from django.core.cache import cache

    target, language = source_of(page), page.locale.language_code
    page = translations_of(target).get(language, target)
    key = f"paper-form:{target.pk}:{page.live_revision_id}:{variant}:{language}"
    pdf = cache.get(key)
    if pdf is None:
        pdf, _version, _refused = print_sheet(target, variant=variant, language=language)
        cache.set(key, pdf, 60 * 60 * 24)
    return pdf


def download(request, page):
    """The public download of the blank sheet (standard or ?variant=large)."""
    from django.http import HttpResponse

    variant = request.GET.get("variant") if request.GET.get("variant") in VARIANTS else "standard"
    response = HttpResponse(blank_sheet(page, variant=variant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-{variant}.pdf"'
    return response
