"""Staff pages for surveys in the Wagtail admin: generate and print access codes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.models import AccessCode, SurveyPage
from participation.printing import VARIANTS, print_survey

MAX_CODES_AT_ONCE = 5000


class GenerateCodesForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("Number of new codes"), min_value=1, max_value=MAX_CODES_AT_ONCE,
                               initial=50)


def access_codes(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    if not survey.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = GenerateCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = AccessCode.generate(survey, form.cleaned_data["count"])
        messages.success(request, _("%(count)s access codes created.") % {"count": len(created)})
        return redirect(request.path)
    codes = survey.access_codes.order_by("created_at", "code")
    return TemplateResponse(request, "participation/admin/access_codes.html", {
        "survey": survey, "form": form, "unused": codes.filter(used_at__isnull=True),
        "used_count": codes.filter(used_at__isnull=False).count(),
    })


def print_form(request, page_id):
    """Download the printable form (blank, without serial): standard or large print."""
    survey = get_object_or_404(SurveyPage, pk=page_id)
    if not survey.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    variant = request.GET.get("variant") if request.GET.get("variant") in VARIANTS else "standard"
    pdf, version, _refused = print_survey(survey, variant=variant, absolute_url=survey.full_url)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-{variant}-v{version.pk}.pdf"'
    return response


class PrintBatchForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("Number of sheets"), min_value=1, max_value=5000, initial=100)
    location = forms.CharField(label=gettext_lazy("Where the sheets go (optional)"), max_length=100, required=False)


def print_batches(request, page_id):
    """Order numbered sheets; the worker renders them and the page shows its progress."""
    from django.db import transaction

    from participation.models import PrintBatch
    from participation.tasks import render_print_batch

    survey = get_object_or_404(SurveyPage, pk=page_id)
    if not survey.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = PrintBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = PrintBatch.objects.create(survey=survey, created_by=request.user, **form.cleaned_data)
        transaction.on_commit(lambda: render_print_batch.delay(batch.pk))
        messages.success(request, _("The sheets are being prepared. This page shows the progress."))
        return redirect(request.path)
    return TemplateResponse(request, "participation/admin/print_batches.html", {
        "survey": survey, "form": form, "batches": survey.print_batches.all()[:20],
    })


def print_batch_status(request, batch_id):
    from django.http import JsonResponse

    from participation.models import PrintBatch

    batch = get_object_or_404(PrintBatch, pk=batch_id)
    if not batch.survey.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return JsonResponse({"status": batch.status, "status_label": str(batch.get_status_display()),
                         "done": batch.done, "count": batch.count, "percent": batch.percent,
                         "url": batch.file.url if batch.file else None})
