"""People who want to hear about a survey's results (issue 24, point 18): they leave an address on the thank-you
page (with consent, linked to the privacy notice); staff write to them from the survey's tools
(participation.ideas.participant_mail); every such mail ends with a link that removes the address."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from accounts.roles import MODERATORS
from core import links, staff_scope
from core.i18n import source_of
from participation.ideas import participant_mail
from participation.ideas.participant_mail import Recipient
from participation.surveys.models import SurveyPage, SurveyResponse

_SALT = "participation.surveys.stop-news"


class NewsForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"))
    consent = forms.BooleanField(
        label=_("Yes, write to me about the results of this survey. I can stop it with the link in every mail."),
        error_messages={"required": _("Please tick the box, or we may not write to you.")})
    consent.privacy_notice = True  # its hint links the privacy page (core/includes/form_field.html)


def news_form(request, response):
    """The thank-you page's form: (form, saved now?)."""
    if request.method != "POST":
        return NewsForm(initial={"email": response.email or getattr(request.user, "email", "")}), False
    form = NewsForm(request.POST)
    if not form.is_valid():
        return form, False
    SurveyResponse.objects.filter(pk=response.pk).update(results_email=form.cleaned_data["email"],
                                                        results_email_at=timezone.now())
    response.results_email = form.cleaned_data["email"]
    return form, True


def stop_url(response):
    survey = response.survey
    token = signing.dumps(response.pk, salt=_SALT)
    return links.absolute(survey.url + "keine-post/?" + urlencode({"token": token}), site=survey.get_site())


def stop(request, survey):
    """The link in every mail to the survey's followers: the address is removed, at once, without signing in."""
    try:
        pk = signing.loads(request.GET.get("token", ""), salt=_SALT)
    except signing.BadSignature:
        return TemplateResponse(request, "surveys/news_stopped.html", {"page": survey, "valid": False}, status=400)
    SurveyResponse.objects.filter(pk=pk, survey=source_of(survey)).update(results_email="", results_email_at=None)
    return TemplateResponse(request, "surveys/news_stopped.html", {"page": survey, "valid": True})


def followers(survey):
    """{address: Recipient}: one per address, in the language the survey was answered in."""
    chosen = {}
    responses = (SurveyResponse.objects.filter(survey=source_of(survey), submitted_at__isnull=False)
                 .exclude(results_email="").select_related("survey").order_by("submitted_at", "pk"))
    for response in responses:
        chosen[response.results_email.lower()] = Recipient(response.language or "de", stop_url(response))
    return chosen


def write_to_followers(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id).specific
    return participant_mail.write_view(request, survey, followers(survey))


def admin_url(survey):
    return reverse("participation_write_to_survey_followers", args=[survey.pk])


def saved_message(request):
    messages.success(request, _("Thank you. We will write to you when there is news about the results."))


def write_index(request):
    """Where moderators find "write to participants" (they may not open the page editor, where the tools are):
    every idea call and survey with how many people asked for news."""
    from core.i18n import data_holders
    from participation.ideas import rules
    from participation.ideas.models import ParticipationProcessPage

    if not rules.can_moderate(request.user):
        raise PermissionDenied
    rows = [(process, len(participant_mail.process_people(process)),
             reverse("participation_write_to_participants", args=[process.pk]))
            for process in data_holders(staff_scope.pages(ParticipationProcessPage.objects.live(), request.user,
                                                          MODERATORS)).order_by("title")]
    rows += [(survey, len(followers(survey)), admin_url(survey))
             for survey in data_holders(staff_scope.pages(SurveyPage.objects.live(), request.user,
                                                         MODERATORS)).order_by("title")]
    return TemplateResponse(request, "surveys/admin/write_index.html",
                            {"page_title": _("Write to participants"), "rows": rows})
