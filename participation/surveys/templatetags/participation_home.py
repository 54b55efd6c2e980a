"""Participation teasers for site-wide pages (the home page loads this library)."""

from django import template
from django.utils import timezone

from core.i18n import in_language_or_source
from core.municipalities import in_site
from participation.ideas.models import ParticipationProcessPage, Phase
from participation.surveys.models import SurveyPage

register = template.Library()
OPEN_PHASES = {Phase.Kind.COLLECT, Phase.Kind.SUPPORT}


def open_processes(queryset):
    now = timezone.now()
    result = []
    for process in queryset.prefetch_related("phases"):
        current = next((p for p in process.phases.all() if p.starts_at <= now < p.ends_at), None)
        if current is not None and current.kind in OPEN_PHASES:
            result.append({"process": process, "phase": current})
    return result


def open_surveys(queryset):
    now = timezone.now()
    return [{"process": survey, "phase": None, "closes_at": survey.closes_at}
            for survey in queryset.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")]


@register.inclusion_tag("surveys/includes/open_participations.html", takes_context=True)
def open_participations(context, limit=6):
    request = context["request"]  # the municipality's own (issue 26)
    processes = in_language_or_source(in_site(ParticipationProcessPage.objects.live().public(), request))
    surveys = in_language_or_source(in_site(SurveyPage.objects.live().public(), request))
    return {"items": (open_processes(processes) + open_surveys(surveys))[:limit], "request": request}
