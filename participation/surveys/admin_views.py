"""Staff pages in the Wagtail admin: access codes for surveys (paper forms and numbered sheets:
participation.paper.admin_views)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.i18n import source_of
from participation.surveys.models import AccessCode, SurveyPage

MAX_CODES_AT_ONCE = 5000


class GenerateCodesForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("Number of new codes"), min_value=1, max_value=MAX_CODES_AT_ONCE,
                               initial=50)


def access_codes(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    if not survey.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    # Codes belong to the survey that holds the answers: one code works in every language.
    survey = source_of(survey)
    form = GenerateCodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = AccessCode.generate(survey, form.cleaned_data["count"])
        messages.success(request, _("%(count)s access codes created.") % {"count": len(created)})
        return redirect(request.path)
    codes = survey.access_codes.order_by("created_at", "code")
    return TemplateResponse(request, "surveys/admin/access_codes.html", {
        "survey": survey, "form": form, "unused": codes.filter(used_at__isnull=True),
        "used_count": codes.filter(used_at__isnull=False).count(),
    })


