from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from core.html import clean_html

register = template.Library()


@register.filter
def user_text(value):
    """Text a resident wrote: paragraphs kept, only the small allowed HTML subset survives (core.html)."""
    return mark_safe(clean_html(linebreaks(value or "")))  # noqa: S308 - sanitised by clean_html


@register.simple_tag
def status_badge_class(status):
    return {
        "accepted": "kern-badge--success", "done": "kern-badge--success", "rejected": "kern-badge--danger",
        "in_progress": "kern-badge--info", "in_review": "kern-badge--warning",
    }.get(status, "kern-badge--info")
