"""Participation teasers for site-wide pages (the home page loads this library)."""

from django import template
from django.utils import timezone
from wagtail.models import Locale

from participation.models import ParticipationProcessPage, Phase

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


@register.inclusion_tag("participation/includes/open_participations.html", takes_context=True)
def open_participations(context, limit=6):
    processes = ParticipationProcessPage.objects.live().public().filter(locale=Locale.get_active())
    return {"items": open_processes(processes)[:limit], "request": context["request"]}
