"""Teasers and slots on site-wide pages."""

from django import template
from django.utils.safestring import mark_safe

from core.i18n import in_language_or_source
from core.models import ProjectPage
from core.municipalities import in_site
from core.registry import page_sections

register = template.Library()


@register.inclusion_tag("core/includes/project_teasers.html", takes_context=True)
def featured_projects(context, limit=3):
    projects = (
        in_language_or_source(in_site(ProjectPage.objects.live(), context["request"]))
        .exclude(status=ProjectPage.Status.DONE).defer_streamfields().order_by("title")[:limit]
    )
    return {"projects": projects, "request": context["request"]}


@register.simple_tag(takes_context=True)
def page_sections_for(context, page, slot):
    """What feature apps contribute to a slot of a page (core.registry.page_sections)."""
    request = context["request"]
    return mark_safe("".join(render(page, request) or "" for render in page_sections.get(slot, ())))  # noqa: S308 - apps render templates
