"""The paper entry screen: staff type or scan a sheet's serial and enter it with the keyboard.

- A survey sheet opens the survey's questions; "finalise" counts it, "save for later" keeps a draft.
- With double entry (chosen per print batch) a first person's answers wait until a second, different
  person has entered the same sheet; differences are shown side by side and resolved from the paper.
- An idea sheet opens the idea form; the idea gets channel=paper and always waits for a moderator.
- A sheet printed at home has no number: staff pick its survey or idea call and it gets one.
- A serial that was already entered is refused with the date; a scan of the page may be attached.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.roles import ANALYSTS, MODERATORS
from core import staff_scope
from participation.ideas import rules
from participation.ideas.forms import DeskIdeaForm
from participation.ideas.models import Channel, ParticipationProcessPage
from participation.ideas.uploads import clean_image
from participation.paper import follow
from participation.paper.models import Sheet
from participation.surveys.models import SurveyPage, SurveyResponse
from participation.surveys.questions import SectionForm, counted_answers, initial_for, sections

SCAN_LABEL = gettext_lazy("Scanned page (optional)")
SCAN_HELP = gettext_lazy("A photo or scan of the sheet (JPEG, PNG or WebP), kept for checking; only staff see it.")


PAPER_ROLES = (ANALYSTS, MODERATORS)  # who enters, imports and reviews paper: people who count results


def _entered_message(sheet):
    if sheet.idea_id:
        return _("Sheet %(serial)s was already entered on %(date)s as idea %(reference)s. It is not entered twice.") % {
            "serial": sheet.serial, "reference": sheet.idea.reference,
            "date": timezone.localtime(sheet.idea.created_at).strftime("%d.%m.%Y %H:%M"),
        }
    return _("Sheet %(serial)s was already entered on %(date)s. It is not entered twice.") % {
        "serial": sheet.serial, "date": timezone.localtime(sheet.response.submitted_at).strftime("%d.%m.%Y %H:%M"),
    }


class SerialForm(forms.Form):
    serial = forms.CharField(
        label=gettext_lazy("Sheet number"), max_length=300,
        help_text=gettext_lazy("Type the number printed at the top of the sheet, or scan its QR code."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_serial(self):
        value = self.cleaned_data["serial"].strip()
        scanned = re.search(r"[?&]s=(\d{1,12})(?:&|$)", value)  # a hand scanner types the QR code's text
        match = scanned or re.fullmatch(r"(\d{1,12})(?:-\d{4})?", value)
        if not match:
            raise forms.ValidationError(_("A sheet number has digits only, for example 000042."))
        serial = match.group(1).zfill(6)
        sheet = Sheet.objects.select_related("response", "idea").filter(serial=serial).first()
        if sheet is None:
            raise forms.ValidationError(_("There is no sheet %(serial)s. Please check the number.")
                                        % {"serial": serial})
        if self.user is not None and not in_scope(self.user, sheet):
            raise forms.ValidationError(_elsewhere_message(sheet))
        if sheet.entered:
            raise forms.ValidationError(_entered_message(sheet))
        return serial


def sheet_page(sheet):
    """The survey or idea call a sheet was printed for."""
    return sheet.batch.survey or sheet.batch.process


def in_scope(user, sheet):
    """Staff of the municipality the sheet belongs to (or the region's) enter and see it (core.staff_scope)."""
    return staff_scope.allows_page(user, sheet_page(sheet), *PAPER_ROLES)


def _elsewhere_message(sheet):
    page = sheet_page(sheet)
    return _("Sheet %(serial)s belongs to %(town)s (“%(title)s”), not to your municipality. It is not counted "
             "here: please send the paper to %(town)s.") % {
        "serial": sheet.serial, "town": staff_scope.municipality_name(page) or _("another municipality"),
        "title": page.title}


class HomeSheetForm(forms.Form):
    target = forms.ChoiceField(label=gettext_lazy("Survey or idea call of the sheet"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        surveys = staff_scope.pages(SurveyPage.objects.live(), user, *PAPER_ROLES).order_by("title")
        processes = staff_scope.pages(ParticipationProcessPage.objects.live().filter(ideas_enabled=True), user,
                                      *PAPER_ROLES).order_by("title")
        self.fields["target"].choices = [("", "—")] + [
            (str(page.pk), _("Survey: %(title)s") % {"title": page.title}) for page in surveys
        ] + [(str(page.pk), _("Ideas: %(title)s") % {"title": page.title}) for page in processes]

    def clean_target(self):
        from wagtail.models import Page

        return Page.objects.get(pk=self.cleaned_data["target"]).specific


def _check(user):
    if not (user.is_authenticated and (rules.can_see_results(user) or rules.can_moderate(user))):
        raise PermissionDenied


def start(request):
    _check(request.user)
    from participation.paper.tasks import new_home_sheet

    form = SerialForm(request.GET or None, user=request.user)
    home_form = HomeSheetForm(request.POST or None, user=request.user)
    if form.is_bound and form.is_valid():
        return redirect("participation:paper_entry_sheet", serial=form.cleaned_data["serial"])
    if request.method == "POST" and home_form.is_valid():
        sheet = new_home_sheet(home_form.cleaned_data["target"], request.user)
        # The receipt slip needs the number with its check digits: the lookup shows nothing for the serial alone.
        messages.info(request, _("This sheet now has the number %(serial)s. Please write it on the paper, and "
                                 "%(receipt)s on its receipt slip if the resident still has it.")
                      % {"serial": sheet.serial, "receipt": sheet.receipt_number})
        return redirect("participation:paper_entry_sheet", serial=sheet.serial)
    return TemplateResponse(request, "paper/paper_entry_start.html", {"form": form, "home_form": home_form})


def _attach_scan(sheet, upload):
    if upload:
        data, ext = upload
        from django.core.files.base import ContentFile

        sheet.scan.save(f"{sheet.serial}.{ext}", ContentFile(data), save=False)


def _clean_scan(form):
    upload = form.files.get(form.add_prefix("scan"))  # the survey screen's form has the prefix "paper"
    if not upload:
        return None
    try:
        return clean_image(upload)
    except forms.ValidationError as error:
        form.add_error("scan", error)
        return None


def enter_sheet(request, serial):
    _check(request.user)
    sheet = get_object_or_404(
        Sheet.objects.select_related("batch__survey", "batch__process", "response", "idea"), serial=serial
    )
    if not in_scope(request.user, sheet):
        messages.error(request, _elsewhere_message(sheet))
        return redirect("participation:paper_entry")
    if sheet.entered:
        messages.error(request, _entered_message(sheet))
        return redirect("participation:paper_entry")
    if sheet.batch.process_id:
        return _enter_idea(request, sheet)
    return _enter_answers(request, sheet)


def _enter_idea(request, sheet):
    from participation.ideas.submission import create_idea

    process = sheet.batch.process
    if request.method == "POST":
        form = DeskIdeaForm(request.POST, request.FILES, process=process, user=request.user)
        _paper_only(form)
        valid = form.is_valid()
        scan = _clean_scan(form)
        if valid and not form.errors:
            # A sheet filled in at an event counts for the event (and, being paper, still waits for a moderator).
            form.cleaned_data["channel"] = Channel.EVENT if form.cleaned_data.get("event") else Channel.PAPER
            with transaction.atomic():
                locked = Sheet.objects.select_for_update().get(pk=sheet.pk)
                if locked.idea_id:
                    messages.error(request, _("Sheet %(serial)s was already entered.") % {"serial": sheet.serial})
                    return redirect("participation:paper_entry")
                idea = create_idea(form, process, request, desk=True, language=sheet.batch.language, from_paper=True)
                _follow(form, process, request.user, language=sheet.batch.language, email=idea.contact_email,
                        name=idea.author_name)
                locked.idea = idea
                _attach_scan(locked, scan)
                locked.save()
            messages.success(request, _("Sheet %(serial)s entered as idea %(reference)s. It waits for a moderator. "
                                        "Next sheet, please.") % {"serial": sheet.serial, "reference": idea.reference})
            return redirect("participation:paper_entry")
    else:
        form = DeskIdeaForm(process=process, user=request.user)
        _paper_only(form)
    return TemplateResponse(request, "paper/paper_entry_idea.html", {
        "form": form, "sheet": sheet, "process": process,
    })


def _paper_only(form):
    """The desk form without the channel (it is paper) and without photos (a scan can be attached)."""
    for name in ("channel", "images", "kept_images"):
        form.fields.pop(name, None)
    _add_follow_fields(form, form.process)
    form.fields["scan"] = forms.FileField(label=SCAN_LABEL, help_text=SCAN_HELP, required=False)
    form.fields["scan"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
    form.fields["consent"].label = _("The consent box on the sheet is ticked.")
    form.fields["consent"].error_messages["required"] = _(
        "Without the ticked consent box the idea cannot be entered. Please put the sheet aside for a callback."
    )


def _differences(questions, first, second):
    return [
        {"question": q, "first": q.handler.display(q, first.get(q.id)),
         "second": q.handler.display(q, second.get(q.id))}
        for q in questions if first.get(q.id) != second.get(q.id)
    ]


def _enter_answers(request, sheet):
    survey = sheet.batch.survey
    double = sheet.batch.double_entry
    second_pass = double and sheet.first_answers is not None
    if second_pass and sheet.first_entered_by_id == request.user.pk:
        messages.error(request, _("You entered sheet %(serial)s the first time. A different person enters it "
                                  "the second time.") % {"serial": sheet.serial})
        return redirect("participation:paper_entry")
    questions = _as_printed(survey)
    differences = None
    if request.method == "POST":
        form = SectionForm(request.POST, request.FILES, questions=questions, prefix="paper")
        _add_event_field(form, survey)
        _add_follow_fields(form, survey)
        form.fields["scan"] = forms.FileField(label=SCAN_LABEL, help_text=SCAN_HELP, required=False)
        finalise = "finalise" in request.POST
        valid = form.is_valid()
        scan = _clean_scan(form)
        if valid and not form.errors:
            answers = form.answers
            if finalise and second_pass and "resolve" not in request.POST:
                differences = _differences(questions, sheet.first_answers, answers)
            if not differences:
                return _save_answers(request, sheet, survey, answers, scan, finalise, double, second_pass, form)
    else:
        draft = sheet.response.answers if sheet.response_id else {}
        form = SectionForm(initial=initial_for(questions, draft), questions=questions, prefix="paper")
        _add_event_field(form, survey, sheet.response.event_id if sheet.response_id else None)
        _add_follow_fields(form, survey)
        form.fields["scan"] = forms.FileField(label=SCAN_LABEL, help_text=SCAN_HELP, required=False)
    form.fields["scan"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
    return TemplateResponse(request, "paper/paper_entry_sheet.html", {
        "form": form, "sheet": sheet, "survey": survey, "double": double, "second_pass": second_pass,
        "differences": differences,
    })


def _add_event_field(form, survey, initial=None):
    """Sheets filled in at one of the events beside the survey (under the same process or project) count for
    that event: choosing it sets the channel "event"."""
    from core.i18n import source_of
    from participation.events.models import EventPage

    events = EventPage.objects.sibling_of(source_of(survey)).order_by("-starts_at", "-pk")
    if events.exists():
        form.fields["event"] = forms.ModelChoiceField(
            queryset=events, required=False, initial=initial, label=_("Filled in at an event?"),
            empty_label=_("No: not at an event"),
            help_text=_("Choosing an event sets the channel to “Event”, so the answers count in the event's results."))


def _add_follow_fields(form, target):
    """The sheet's "Keep me informed" box and address line, when its form has them (participation.paper.follow)."""
    if follow.process_of(target) is None:
        return
    form.fields["follow"] = forms.BooleanField(label=_("“Keep me informed” is ticked on the sheet."), required=False)
    form.fields["follow_address"] = forms.CharField(
        label=_("Address for news, as written on the sheet"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("An email address or a postal address. On an idea sheet, leave it empty when the email address "
                    "for updates is filled in."))


def _follow(form, target, user, *, language, email="", name=""):
    if form.cleaned_data.get("follow"):
        follow.follow_from_sheet(target, ticked=True, written=form.cleaned_data.get("follow_address", ""),
                                 email=email, name=name, language=language, entered_by=user)


def _as_printed(survey):
    """The questions as the sheet prints them: every one (a resident may answer a question whose condition the
    sheet does not meet; it is entered, kept and not counted), numbered, with its condition in words."""
    from participation.paper.printing import printed_sections

    parts = printed_sections(survey)
    printed = {item.q.id: (item, part.condition) for part in parts for item in part.questions}
    questions = []
    for question in (q for section in sections(survey) for q in section.questions):
        question.value["required"] = False  # paper has no "required": what was left empty stays empty
        item, part_condition = printed.get(question.id, (None, ""))
        if item is not None:
            question.value["text"] = f"{item.number}. {question.text}"
            condition = item.condition or part_condition
            if condition:
                question.value["help_text"] = " ".join(filter(None, [condition, question.value["help_text"]]))
        questions.append(question)
    return questions


def _save_answers(request, sheet, survey, answers, scan, finalise, double, second_pass, form):
    now = timezone.now()
    event = form.cleaned_data.get("event")
    not_counted = {}
    with transaction.atomic():
        locked = Sheet.objects.select_for_update(of=("self",)).select_related("response").get(pk=sheet.pk)
        if locked.entered:
            messages.error(request, _entered_message(locked))
            return redirect("participation:paper_entry")
        response = locked.response or SurveyResponse(survey=survey, revision=survey.live_revision)
        response.language = response.language or sheet.batch.language
        response.channel, response.paper_sheet, response.entered_by = Channel.PAPER, sheet.serial, request.user
        response.event = event
        if event is not None:
            response.channel = Channel.EVENT
        response.capture_method = SurveyResponse.Capture.MANUAL
        if finalise and double and not second_pass:
            # The first of two entries: kept aside, not counted, and not shown to the second person.
            locked.first_answers, locked.first_entered_by, locked.first_entered_at = answers, request.user, now
            response.answers, response.submitted_at = {}, None
        elif finalise:
            # What the sheet answers against its own conditions is kept, not counted (docs/paper.md).
            response.answers, not_counted = counted_answers(survey, answers)
            response.not_counted = not_counted
            response.submitted_at = response.entered_at = now
            _follow(form, survey, request.user, language=sheet.batch.language)  # the only or the second entry
        else:
            response.answers, response.not_counted = answers, {}  # a draft keeps everything as typed
            response.submitted_at = response.entered_at = None
        response.save()
        locked.response = response
        _attach_scan(locked, scan)
        locked.save()
    if finalise and double and not second_pass:
        messages.success(request, _("First entry of sheet %(serial)s saved. A second person now enters the sheet "
                                    "again.") % {"serial": sheet.serial})
    elif finalise and not_counted:
        messages.warning(request, ngettext(
            "Sheet %(serial)s entered. %(n)s answer is not counted: the sheet does not meet its question's "
            "condition. It is kept with the response. Next sheet, please.",
            "Sheet %(serial)s entered. %(n)s answers are not counted: the sheet does not meet their questions' "
            "conditions. They are kept with the response. Next sheet, please.", len(not_counted),
        ) % {"serial": sheet.serial, "n": len(not_counted)})
    elif finalise:
        messages.success(request, _("Sheet %(serial)s entered. Next sheet, please.") % {"serial": sheet.serial})
    else:
        messages.info(request, _("Sheet %(serial)s saved for later.") % {"serial": sheet.serial})
    return redirect("participation:paper_entry")


def scan_image(request, serial):
    """The scanned page, for staff only (it shows handwriting)."""
    from django.http import FileResponse, Http404

    _check(request.user)
    sheet = get_object_or_404(Sheet.objects.select_related("batch__survey", "batch__process"), serial=serial)
    if not sheet.scan or not in_scope(request.user, sheet):
        raise Http404
    response = FileResponse(sheet.scan.open("rb"), content_type=_content_type(sheet.scan.name))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _content_type(name):
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(name.rsplit(".", 1)[-1], "image/jpeg")
