"""Actions the feature apps offer on a page in the admin, shown where editors see them.

A feature app registers the Wagtail hook ``register_page_actions``: a function ``(page, user)`` that yields
``PageAction``s (print the paper form, large print, numbered sheets, access codes, results). They show as
buttons in the editor's "Paper and results" panel (``PageActionsPanel``, at the top of the page's content) and
also in the page header's "…" menu (core/wagtail_hooks.py).
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import Panel


class PageAction(NamedTuple):
    label: str
    url: str
    icon: str = "doc-full"
    priority: int = 60


def actions_for(page, user):
    actions = [action for offer in hooks.get_hooks("register_page_actions") for action in offer(page, user)]
    return sorted(actions, key=lambda action: action.priority)


class PageActionsPanel(Panel):
    """The page's actions as visible buttons at the top of the editor (not only in the header's "…" menu
    between "Move" and "Delete"). Hidden on a page not saved yet and for people who may not use any."""

    def __init__(self, heading=None, **kwargs):
        super().__init__(heading=heading or _("Paper and results"), **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/page_actions.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            page = self.instance
            self.actions = actions_for(page, self.request.user) if page is not None and page.pk else []

        def is_shown(self):
            return bool(self.actions)

        def get_context_data(self, parent_context=None):
            return super().get_context_data(parent_context) | {"actions": self.actions}
