"""Every form limits the length of what people type, and no PDF we render fetches a local file or an
outside address, whatever a resident wrote into a title or an answer."""

import datetime
import importlib
import urllib.request

import pytest
from django import forms
from django.utils import timezone
from django.utils.text import capfirst

# Every module of our apps that defines a form (forms are found through their subclasses once imported).
FORM_MODULES = [
    "participation.ideas.forms", "participation.paper.entry", "participation.surveys.questions",
    "participation.surveys.admin_views", "participation.paper.admin_views", "participation.ideas.dashboards",
    "participation.paper.scan_views", "participation.ideas.viewsets",
    "volunteering.forms", "volunteering.org_forms", "volunteering.desk_forms", "volunteering.dashboards",
    "volunteering.wagtail_hooks", "accessibility.forms", "accessibility.viewsets",
    "accounts.forms", "core.filters", "core.export_views", "core.image_forms",
]
APPS = {"participation", "volunteering", "accounts", "accessibility", "core"}

# Text fields allowed without max_length, each with the reason.
UNLIMITED = {
    # A list of signed tokens of images already on the server: each is verified (participation.ideas.uploads.
    # PendingImages.name), at most MAX_IMAGES are used, and Django caps the request (DATA_UPLOAD_MAX_MEMORY_SIZE).
    ("IdeaForm", "kept_images"), ("DeskIdeaForm", "kept_images"),
}


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def our_forms():
    for module in FORM_MODULES:
        importlib.import_module(module)
    found = {cls for cls in _subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in APPS}
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def text_fields(fields):
    for name, field in fields.items():
        if isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
            yield name, field


def test_every_text_field_of_every_form_has_a_length_limit(db):
    found = our_forms()
    assert len(found) >= 20  # the walk really reaches the apps' forms
    names = {cls.__name__ for cls in found}
    assert {"IdeaForm", "CommentForm", "FeedbackForm", "IdeaModerationForm", "FeedbackTicketForm"} <= names
    missing = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in found
        for name, field in text_fields(cls.base_fields)
        if field.max_length is None and (cls.__name__, name) not in UNLIMITED
    ]
    assert missing == []


def test_the_limit_is_enforced_with_a_message_on_the_field():
    from accessibility.forms import FeedbackForm

    form = FeedbackForm(data={"kind": "barrier", "description": "x" * 5001, "page": "/de/"})
    assert not form.is_valid()
    assert "description" in form.errors


def test_staff_forms_limit_the_texts_that_reach_residents():
    from accessibility.viewsets import FeedbackTicketForm
    from participation.ideas.viewsets import IdeaModerationForm

    for form_class, name in [(IdeaModerationForm, "official_answer"), (IdeaModerationForm, "status_note"),
                             (FeedbackTicketForm, "answer"), (FeedbackTicketForm, "description")]:
        field = form_class.base_fields[name]
        with pytest.raises(forms.ValidationError):
            field.clean("x" * (field.max_length + 1))
        assert field.widget.attrs.get("maxlength") == str(field.max_length)  # the browser counts too
    from participation.ideas.models import Idea

    label = Idea._meta.get_field("official_answer").verbose_name
    assert IdeaModerationForm.base_fields["official_answer"].label == capfirst(label)  # the model's label stays


def test_survey_questions_with_text_answers_have_a_length_limit(demo_site):
    from participation.surveys.models import SurveyPage
    from participation.surveys.questions import SectionForm, all_questions

    checked = 0
    for survey in SurveyPage.objects.all():
        form = SectionForm(questions=list(all_questions(survey)))
        for name, field in text_fields(form.fields):
            assert field.max_length, (survey.title, name)
            checked += 1
    assert checked


# PDFs: WeasyPrint must fetch nothing but inline data

HOSTILE_HTML = """<!doctype html><html lang="de"><head><title>x</title>
<link rel="stylesheet" href="http://example.org/style.css">
<style>@import url("http://example.org/import.css");
@font-face { font-family: F; src: url("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); }
body { background: url("file:///etc/hostname"); font-family: F; }</style></head>
<body><h1>Titel</h1><img src="file:///etc/passwd" alt=""><img src="http://example.org/x.png" alt="">
<object data="https://example.org/x.svg"></object><embed src="file:///etc/shadow">
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/group" width="10"
height="10"/></svg>
<img alt="" src="data:image/svg+xml;utf8,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E">
</body></html>"""
OUTSIDE = ["http://example.org/style.css", "file:///etc/passwd", "http://example.org/x.png", "file:///etc/hostname"]
RESIDENT_TEXT = '<img src="file:///etc/passwd"> <img src="http://example.org/x.png"> ' \
                '<link rel="stylesheet" href="http://example.org/x.css">'


@pytest.fixture
def network_calls(monkeypatch):
    """Every URL that reaches urllib (WeasyPrint's fetcher opens files and URLs through it)."""
    opened = []
    original = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        opened.append(url if isinstance(url, str) else url.full_url)
        return original(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    return opened


def _render_entry_point(name, survey):
    if name == "participation.paper.printing":
        from participation.paper.printing import render_master

        return render_master(survey)[2]
    if name == "participation.ideas.reports":
        from participation.ideas.reports import render

        return render({})[1]
    from core.pdf import render_pdf  # what volunteering's documents (certificate, flyer, confirmation) call

    return render_pdf("volunteering/print/certificate.html", {})[1]


@pytest.mark.parametrize("entry_point", ["participation.paper.printing", "participation.ideas.reports", "core.pdf"])
def test_no_pdf_entry_point_fetches_local_files_or_outside_urls(demo_site, monkeypatch, network_calls, entry_point):
    """Even markup that asks for files and outside addresses (if a template ever let it through) gets
    nothing: the fetcher refuses it, and nothing reaches urllib."""
    from participation.surveys.models import SurveyPage

    survey = SurveyPage.objects.filter(locale__language_code="de").first()
    monkeypatch.setattr(f"{entry_point}.render_to_string", lambda *args, **kwargs: HOSTILE_HTML)
    refused = _render_entry_point(entry_point, survey)
    assert set(OUTSIDE) <= set(refused)
    assert [url for url in network_calls if not url.startswith("data:")] == []


def test_a_residents_title_in_a_report_is_printed_as_text_and_fetches_nothing(demo_site, network_calls):
    from core.models import District
    from participation.ideas.models import Idea, IdeaCategory, ParticipationProcessPage
    from participation.ideas.reports import process_context, render

    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    now = timezone.now()
    Idea.objects.create(
        process=process, title=RESIDENT_TEXT[:150], description=RESIDENT_TEXT, channel="online",
        category=IdeaCategory.objects.get(slug="mobilitaet"), district=District.objects.get(slug="innenstadt"),
        contact_email="idee@example.org", consent_at=now, confirmed_at=now, published=True,
        location_text='<img src="file:///etc/passwd">',
    )
    document, refused = render(process_context(process))
    assert refused == [] and network_calls == []
    assert len(document.pages) >= 1


def test_a_volunteers_name_on_the_certificate_fetches_nothing(db, network_calls):
    from volunteering.documents import render_pdf

    pdf, refused = render_pdf("volunteering/print/certificate.html", {
        "person": RESIDENT_TEXT, "year": 2026, "activities": [], "total": 3,
        "issued": datetime.date(2026, 11, 26)})
    assert pdf.startswith(b"%PDF") and refused == [] and network_calls == []
