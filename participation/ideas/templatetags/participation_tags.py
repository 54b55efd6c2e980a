import functools

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from core.html import clean_html

register = template.Library()


@register.filter
def user_text(value):
    """Text a resident wrote: paragraphs kept, only the small allowed HTML subset survives (core.html)."""
    return mark_safe(_cleaned(str(value or "")))  # noqa: S308 - sanitised by clean_html


@functools.lru_cache(maxsize=2048)
def _cleaned(text):
    """The sanitised HTML of a text: a function of the text alone, so each process remembers the latest texts it
    cleaned (bleach took about 1 ms of every idea page, for the description and again for each comment)."""
    return clean_html(linebreaks(text))


@register.simple_tag
def status_badge_class(status):
    return {
        "accepted": "kern-badge--success", "done": "kern-badge--success", "rejected": "kern-badge--danger",
        "in_progress": "kern-badge--info", "in_review": "kern-badge--warning",
    }.get(status, "kern-badge--info")


@register.filter
def author_label(contribution):
    """The name shown with an idea or comment: "deleted account" once its author deleted the account (the
    view loads the author with select_related), else the name given, else "anonymous"."""
    from django.utils.translation import gettext

    author = contribution.author if contribution.author_id else None
    if author is not None and author.deleted_at is not None:
        return gettext("deleted account")
    return contribution.author_name or gettext("anonymous")
