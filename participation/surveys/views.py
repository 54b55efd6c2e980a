"""Answering a survey page by page (no JavaScript needed), resuming by link, and its results."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import antispam, links, ratelimit
from core.i18n import source_of
from participation.ideas import rules
from participation.ideas.models import Channel
from participation.surveys import followers
from participation.surveys.models import AccessCode, SurveyPage, SurveyResponse
from participation.surveys.questions import (
    SectionForm,
    counted_answers,
    initial_for,
    page_count,
    visible_questions,
    visible_sections,
)
from participation.surveys.results import compute


def _url(survey, name, *args):
    return survey.url + survey.reverse_subpage(name, args=args)


def _context(survey, request, **extra):
    context = survey.get_context(request)
    context.update(extra)
    return context


class LinkSent(str):
    """Not a problem: the next step is in the visitor's mailbox."""


def start(request, survey):
    problem = None
    if request.method == "POST":
        if not survey.is_open():
            problem = _("This survey is not open.")
        elif survey.audience == SurveyPage.Audience.RESIDENTS and not request.user.is_authenticated:
            problem = _("Please sign in to take part in this survey.")
        else:
            response, problem = _begin(request, survey)
            if response is not None:
                return redirect(_url(survey, "answer", response.token.hex, 1))
    if problem is not None and getattr(problem, "limited", False):
        return TemplateResponse(request, "surveys/survey_start.html", _context(
            survey, request, **antispam.limited_context(problem)), status=429)
    notice = problem if isinstance(problem, LinkSent) else None
    problem = getattr(problem, "message", problem)
    return TemplateResponse(request, "surveys/survey_start.html", _context(
        survey, request, problem=None if notice else problem, notice=notice))


def _begin(request, survey):
    """Start (or resume) a response. Answers given on a translation belong to the survey in the default
    language (core.i18n.source_of), so every language lands in the same results and one person cannot
    answer once per language; the response remembers the language it was given in."""
    revision = survey.live_revision
    language = survey.locale.language_code
    page, survey = survey, source_of(survey)
    if survey.audience == SurveyPage.Audience.RESIDENTS:
        existing = SurveyResponse.objects.filter(survey=survey, user=request.user).first()
        if existing is not None:
            if existing.submitted_at:
                return None, _("You have already answered this survey. Thank you!")
            return existing, None
        try:
            with transaction.atomic():
                return SurveyResponse.objects.create(survey=survey, user=request.user, revision=revision,
                                                     language=language), None
        except IntegrityError:  # a second tab started at the same moment
            return SurveyResponse.objects.get(survey=survey, user=request.user), None
    if survey.audience == SurveyPage.Audience.CODE:
        code = (request.POST.get("code") or "").strip().upper()
        access = AccessCode.objects.filter(survey=survey, code=code).first()
        if access is None:
            return None, _("We do not know this access code. Please check it.")
        with transaction.atomic():
            # Claimed with a conditional update: of two simultaneous starts, exactly one wins.
            claimed = AccessCode.objects.filter(pk=access.pk, used_at__isnull=True).update(used_at=timezone.now())
            if not claimed:
                return None, _("This access code has already been used.")
            return SurveyResponse.objects.create(survey=survey, access_code=access, revision=revision,
                                                 language=language), None
    if survey.audience == SurveyPage.Audience.EMAIL:
        email = (request.POST.get("email") or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            return None, _("Please enter a valid email address.")
        if (refusal := ratelimit.consume(request, "survey_email", email=email)) is not None:
            return None, refusal
        try:
            with transaction.atomic():
                response = SurveyResponse.objects.create(survey=survey, email=email, revision=revision,
                                                          language=language)
        except IntegrityError:
            response = SurveyResponse.objects.get(survey=survey, email=email)
            if response.submitted_at:
                return None, _("This email address has already answered the survey. Thank you!")
        send_survey_link(page, response)  # the link in the mail confirms the address and opens the survey
        return None, LinkSent(_("Please open the link in the email we have just sent you to start the survey."))
    # Anyone: every start is a new response, so this is where a script filling the survey again and again meets
    # the honeypot and the rate limit (the minimum fill time is checked when the last page is sent: `answer`).
    if (problem := antispam.check(request, "survey", started=None)) is not None:
        return None, problem
    return SurveyResponse.objects.create(survey=survey, revision=revision, language=language,
                                         user=request.user if request.user.is_authenticated else None), None


def send_survey_link(survey, response):
    url = links.absolute(_url(survey, "confirm_email", response.token.hex), site=survey.get_site())
    context = {"survey": survey, "url": url, "confirm_days": settings.GUEST_SUBMISSION_RETENTION_DAYS}
    subject = render_to_string("surveys/mail/survey_link_subject.txt", context).strip()
    send_mail(subject, render_to_string("surveys/mail/survey_link.txt", context), None, [response.email])


def confirm_email(request, survey, token):
    response = _response(survey, token)
    if request.method == "POST":
        if response.email_confirmed_at is None:
            SurveyResponse.objects.filter(pk=response.pk).update(email_confirmed_at=timezone.now())
        return redirect(_url(survey, "answer", token, 1))
    return TemplateResponse(request, "surveys/survey_confirm_email.html", _context(survey, request))


def _response(survey, token):
    return get_object_or_404(SurveyResponse, survey=source_of(survey), token=token)


def _closed_to(request, survey, response, token):
    """Where a response that cannot be answered now goes instead (sent, unconfirmed, survey closed), or None."""
    if response.submitted_at:
        return redirect(_url(survey, "thanks", token))
    if survey.audience == SurveyPage.Audience.EMAIL and response.email_confirmed_at is None:
        return redirect(_url(survey, "confirm_email", token))
    if not survey.is_open():
        return TemplateResponse(request, "surveys/survey_start.html",
                                _context(survey, request, problem=_("This survey is not open.")))
    return None


def _without(answers, section):
    return {k: v for k, v in answers.items() if k not in {q.id for q in section.questions}}


def _go_back(response, section, form):
    """Going back keeps this page as it was left, valid or not (the browser's back button does too)."""
    valid, typed = form.left_with_back()
    response.answers = _without(response.answers, section) | valid
    response.page_drafts = response.page_drafts | {section.id: typed}
    response.save(update_fields=["answers", "page_drafts"])


def _send_page(request, survey, response, token, step, section, form):
    """A sent page: the next page's address, or the thanks page's when it was the last; else the problem."""
    # Every page carries the honeypot; the rate limit counted the start, not each page.
    problem = antispam.check(request, started=None)
    if problem is None and form.is_valid():
        answers = _without(response.answers, section) | form.answers
        pages = visible_sections(survey, answers)
        # The whole survey in less than the minimum fill time, counted from the start on the server.
        if step >= len(pages) and (problem := antispam.check(request, started=response.started_at)) is None:
            response.answers = answers
            _finish(response, survey)
            return redirect(_url(survey, "thanks", token)), None
        if problem is None:
            response.answers = answers
            response.page_drafts = {k: v for k, v in response.page_drafts.items() if k != section.id}
            response.save(update_fields=["answers", "page_drafts"])
            return redirect(_url(survey, "answer", token, step + 1)), None
    return None, problem


def answer(request, survey, token, step):
    response = _response(survey, token)
    if (elsewhere := _closed_to(request, survey, response, token)) is not None:
        return elsewhere
    pages = visible_sections(survey, response.answers)
    if not 1 <= step <= len(pages):
        return redirect(_url(survey, "answer", token, min(max(step, 1), len(pages))))
    section = pages[step - 1]
    questions = visible_questions(survey, section, response.answers)
    if request.method == "POST":
        form = SectionForm(request.POST, questions=questions)
        if "back" in request.POST:
            _go_back(response, section, form)
            return redirect(_url(survey, "answer", token, max(step - 1, 1)))
        sent, problem = _send_page(request, survey, response, token, step, section, form)
        if sent is not None:
            return sent
        if problem is not None:
            form.add_error(None, problem.message)
    else:
        initial = initial_for(questions, response.answers) | response.page_drafts.get(section.id, {})
        form = SectionForm(initial=initial, questions=questions)
    shown, may_open = page_count(survey, response.answers, section.id)
    return TemplateResponse(request, "surveys/survey_section.html", _context(
        survey, request, form=form, section=section, step=step, steps=max(shown, step) + may_open,
        steps_uncertain=bool(may_open), may_be_last=step >= shown,
        resume_url=links.absolute(_url(survey, "answer", token, step), request=request),
    ), status=400 if request.method == "POST" else 200)


def _finish(response, survey):
    """Keep only answers to questions that were asked; conditions may have hidden some on the way (the same
    rule as for paper, questions.counted_answers). The last page sent twice at once (a double click) finishes
    the response once: the update only claims a draft."""
    response.answers, _left_over = counted_answers(survey, response.answers)
    response.submitted_at = timezone.now()
    response.channel = Channel.ONLINE
    claimed = SurveyResponse.objects.filter(pk=response.pk, submitted_at__isnull=True).update(
        answers=response.answers, submitted_at=response.submitted_at, channel=response.channel, page_drafts={})
    if not claimed:
        return
    address = response.email or (response.user.email if response.user_id else "")
    if address:
        context = {"survey": survey}
        send_mail(render_to_string("surveys/mail/survey_thanks_subject.txt", context).strip(),
                  render_to_string("surveys/mail/survey_thanks.txt", context), None, [address])


def thanks(request, survey, token):
    response = _response(survey, token)
    if not response.submitted_at:
        return redirect(_url(survey, "answer", token, 1))
    form, saved = followers.news_form(request, response)
    if saved:
        followers.saved_message(request)
        return redirect(_url(survey, "thanks", token))
    return TemplateResponse(request, "surveys/survey_thanks.html", _context(survey, request, response=response,
                                                                            news_form=form),
                            status=400 if request.method == "POST" else 200)


def results(request, survey):
    if not (rules.can_see_results(request.user, survey) or (survey.public_results and survey.is_closed())):
        raise Http404
    channel = request.GET.get("channel", "") if request.GET.get("channel") in Channel.values else ""
    district = request.GET.get("district", "")[:60]
    text_query = request.GET.get("q", "").strip()[:100]
    from core.municipalities import districts_of_page
    from participation.surveys.dashboards import event_choices

    events = event_choices(survey)
    event = request.GET.get("event", "")
    event = event if event in {str(pk) for pk, _title in events} else ""
    return TemplateResponse(request, "surveys/survey_results.html", _context(
        survey, request, results=compute(survey, channel, district, text_query, event=event), channels=Channel.choices,
        districts=districts_of_page(survey), events=events,
        filters={"channel": channel, "district": district, "q": text_query, "event": event},
    ))


