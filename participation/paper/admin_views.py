"""Staff pages in the Wagtail admin: the blank paper form and numbered sheets for surveys and idea calls."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.dispatch import dispatch
from participation.paper import printing
from participation.paper.printing import VARIANTS
from participation.surveys.models import SurveyPage


def _paper_target(request, page_id):
    """The survey or idea call whose paper forms staff print; editors of the page only."""
    from wagtail.models import Page

    from participation.ideas.models import ParticipationProcessPage

    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, SurveyPage | ParticipationProcessPage):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return printing.source_of(page)


def print_form(request, page_id):
    """Download the printable form (blank, without serial): any variant, any language the page has."""
    target = _paper_target(request, page_id)
    variant = request.GET.get("variant") if request.GET.get("variant") in VARIANTS else "standard"
    languages = dict(printing.language_choices(target))
    language = request.GET.get("language") if request.GET.get("language") in languages else None
    pdf, version, _refused = printing.print_sheet(target, variant=variant, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{target.slug}-{variant}-{version.language}-v{version.pk}.pdf"'
    )
    return response


class PrintBatchForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("Number of sheets"), min_value=1, max_value=5000, initial=100)
    location = forms.CharField(label=gettext_lazy("Where the sheets go (optional)"), max_length=100, required=False)
    variant = forms.ChoiceField(label=gettext_lazy("Print"), choices=[
        ("standard", gettext_lazy("Standard")), ("large", gettext_lazy("Large print (16 pt)")),
    ])
    language = forms.ChoiceField(label=gettext_lazy("Language"))
    double_entry = forms.BooleanField(
        label=gettext_lazy("Double entry: two different people enter every sheet"), required=False,
        help_text=gettext_lazy("Slower, but typing errors are found: differences are shown to resolve."),
    )

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = printing.language_choices(target)
        if not printing.is_survey(target):
            del self.fields["double_entry"]  # ideas are read by a moderator anyway


def print_batches(request, page_id):
    """Order numbered sheets; the worker renders them and the page shows its progress."""
    from django.db import transaction

    from participation.paper.models import PrintBatch
    from participation.paper.tasks import render_print_batch

    target = _paper_target(request, page_id)
    form = PrintBatchForm(request.POST or None, target=target)
    key = {"survey": target} if printing.is_survey(target) else {"process": target}
    if request.method == "POST" and form.is_valid():
        batch = PrintBatch.objects.create(created_by=request.user, **key, **form.cleaned_data)
        transaction.on_commit(lambda: dispatch(render_print_batch, batch.pk))
        messages.success(request, _("The sheets are being prepared. This page shows the progress."))
        return redirect(request.path)
    return TemplateResponse(request, "paper/admin/print_batches.html", {
        "target": target, "form": form,
        "batches": PrintBatch.objects.filter(kind=PrintBatch.Kind.PRINTED, **key)[:20],
    })


def _batch(request, batch_id):
    """A print batch, for editors of its survey or idea call only (as the page that orders it)."""
    from participation.paper.models import PrintBatch

    batch = get_object_or_404(PrintBatch.objects.select_related("survey", "process"), pk=batch_id)
    if not batch.target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return batch


def print_batch_status(request, batch_id):
    from django.http import JsonResponse

    batch = _batch(request, batch_id)
    return JsonResponse({"status": batch.status, "status_label": str(batch.get_status_display()),
                         "done": batch.done, "count": batch.count, "percent": batch.percent,
                         "url": _file_url(batch), "finished": batch.is_finished, "error": batch.error})


def _file_url(batch):
    from django.urls import reverse

    return reverse("participation_print_batch_file", args=[batch.pk]) if batch.file else None


def print_batch_file(request, batch_id):
    """The batch's PDF. It is private (whoever holds it can print valid numbered sheets, and it lists every
    receipt number), so each download is logged: who, which batch, when."""
    from core.files import file_response
    from core.models import DownloadLog

    batch = _batch(request, batch_id)
    if not batch.file:
        raise Http404
    with translation.override(settings.LANGUAGE_CODE):  # the log reads the same for everybody
        what = _("Print batch %(number)s: %(what)s") % {"number": batch.pk, "what": batch.describe()}
    DownloadLog.record(request.user, what, batch.file.name)
    return file_response(batch.file, filename=batch.file.name.rsplit("/", 1)[-1], content_type="application/pdf")
