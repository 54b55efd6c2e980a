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
