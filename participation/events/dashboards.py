"""The events' table on the analysts' dashboards overview (core.dashboards): per event the people registered, those
checked in, the walk-ins counted, and the ideas and survey answers collected there.

Seven queries however many events: the events, their process or project pages, and one aggregate each for
registrations, ideas, answers, accessibility requests per event and per need (grouped by event, never one query per
event). Ideas and answers count as in the process and survey dashboards (participation.ideas.dashboards): submitted
ones only. The events app does not import surveys (surveys build on events): answers are reached through the reverse
relation `survey_responses`.
"""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from wagtail.models import Page

from accounts.roles import ANALYSTS
from core import staff_scope
from core.i18n import data_holders
from participation.events.models import AccessibilityRequest, EventPage, Registration
from participation.events.registration import request_counts
from participation.ideas.models import Idea

MAX_EVENTS = 100  # the newest; older ones are in the exports


def _counts(queryset, **annotations):
    return {row.pop("event_id"): row for row in queryset.order_by().values("event_id").annotate(**annotations)}


def event_figures(events):
    """{event id: {"registered", "attended", "ideas", "answers", "requests", "requests_open"}} of `events`: four
    queries (accessibility requests are counted, never shown: their details stay with the organisers)."""
    ids = [event.pk for event in events]
    registrations = _counts(
        Registration.objects.filter(event_id__in=ids, status=Registration.Status.REGISTERED),
        registered=Count("pk"), attended=Count("pk", filter=Q(attended_at__isnull=False)))
    ideas = _counts(Idea.objects.filter(event_id__in=ids, confirmed_at__isnull=False), n=Count("pk"))
    responses_model = EventPage._meta.get_field("survey_responses").related_model
    answers = _counts(responses_model.objects.filter(event_id__in=ids, submitted_at__isnull=False), n=Count("pk"))
    requests = {row["registration__event_id"]: row for row in AccessibilityRequest.objects.standing().filter(
        registration__event_id__in=ids).order_by().values("registration__event_id").annotate(
        n=Count("pk"), open=Count("pk", filter=Q(status=AccessibilityRequest.Status.OPEN)))}
    return {pk: {"registered": registrations.get(pk, {}).get("registered", 0),
                 "attended": registrations.get(pk, {}).get("attended", 0),
                 "ideas": ideas.get(pk, {}).get("n", 0), "answers": answers.get(pk, {}).get("n", 0),
                 "requests": requests.get(pk, {}).get("n", 0), "requests_open": requests.get(pk, {}).get("open", 0)}
            for pk in ids}


def overview_section(request):
    own = staff_scope.pages(EventPage.objects.all(), request.user, ANALYSTS)
    events = list(data_holders(own).order_by("-starts_at", "-pk")[:MAX_EVENTS])
    if not events:
        return ""
    figures = event_figures(events)
    step = EventPage.steplen
    parents = {path: (pk, title, page_type) for path, pk, title, page_type in Page.objects.filter(
        path__in={event.path[:-step] for event in events}).values_list("path", "pk", "title", "content_type__model")}
    for event in events:
        event.figures = figures[event.pk]
        event.parent_id, event.parent_title, parent_type = parents.get(event.path[:-step], (None, "", ""))
        event.on_process = parent_type == "participationprocesspage"
    return render_to_string("events/dashboards/overview_section.html",
                            {"events": events, "needs": request_counts(events).values()}, request=request)
