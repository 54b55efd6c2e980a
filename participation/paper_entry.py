"""The paper entry screen: staff type or scan a sheet's serial and enter its answers with the keyboard.

A serial that was already entered is refused with a clear message; a sheet entered halfway can be
saved for later. Paper responses carry channel=paper, the serial and who entered them, and land in
the same results as online answers.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation import rules
from participation.models import Channel, Sheet, SurveyResponse
from participation.surveys import SectionForm, all_questions, initial_for


class SerialForm(forms.Form):
    serial = forms.RegexField(
        label=gettext_lazy("Sheet number"), regex=r"^\s*\d{1,12}\s*$", max_length=14,
        help_text=gettext_lazy("Type the number printed at the top of the sheet, or scan its QR code."),
        error_messages={"invalid": gettext_lazy("A sheet number has digits only, for example 000042.")},
    )

    def clean_serial(self):
        serial = self.cleaned_data["serial"].strip().zfill(6)
        sheet = Sheet.objects.select_related("batch__survey", "response").filter(serial=serial).first()
        if sheet is None:
            raise forms.ValidationError(_("There is no sheet %(serial)s. Please check the number.")
                                        % {"serial": serial})
        if sheet.response_id and sheet.response.submitted_at:
            raise forms.ValidationError(_("Sheet %(serial)s was already entered on %(date)s. It is not entered twice.")
                                        % {"serial": serial,
                                           "date": timezone.localtime(sheet.response.submitted_at)
                                           .strftime("%d.%m.%Y %H:%M")})
        self.sheet = sheet
        return serial


def _check(user):
    if not (user.is_authenticated and (rules.can_see_results(user) or rules.can_moderate(user))):
        raise PermissionDenied


def start(request):
    _check(request.user)
    form = SerialForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("participation:paper_entry_sheet", serial=form.cleaned_data["serial"])
    return TemplateResponse(request, "participation/paper_entry_start.html", {"form": form})


def enter_sheet(request, serial):
    _check(request.user)
    sheet = get_object_or_404(Sheet.objects.select_related("batch__survey", "response"), serial=serial)
    survey = sheet.batch.survey
    if sheet.response_id and sheet.response.submitted_at:
        messages.error(request, _("Sheet %(serial)s was already entered.") % {"serial": serial})
        return redirect("participation:paper_entry")
    questions = all_questions(survey)
    for question in questions:
        question.value["required"] = False  # paper has no "required": what was left empty stays empty
    stored = sheet.response.answers if sheet.response_id else {}
    if request.method == "POST":
        form = SectionForm(request.POST, questions=questions, prefix="paper")
        finalise = "finalise" in request.POST
        if form.is_valid():
            with transaction.atomic():
                locked = Sheet.objects.select_for_update().get(pk=sheet.pk)
                response = locked.response or SurveyResponse(survey=survey, revision=survey.live_revision)
                if response.submitted_at:
                    messages.error(request, _("Sheet %(serial)s was already entered.") % {"serial": serial})
                    return redirect("participation:paper_entry")
                response.answers = form.answers
                response.channel, response.paper_sheet, response.entered_by = Channel.PAPER, serial, request.user
                response.submitted_at = timezone.now() if finalise else None
                response.save()
                locked.response = response
                locked.save(update_fields=["response"])
            if finalise:
                messages.success(request, _("Sheet %(serial)s entered. Next sheet, please.") % {"serial": serial})
            else:
                messages.info(request, _("Sheet %(serial)s saved for later.") % {"serial": serial})
            return redirect("participation:paper_entry")
    else:
        form = SectionForm(initial=initial_for(questions, stored), questions=questions, prefix="paper")
    return TemplateResponse(request, "participation/paper_entry_sheet.html", {
        "form": form, "sheet": sheet, "survey": survey,
    })
