"""Bulk actions in the idea queue: publish or hide many ideas at once, each one logged."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from accounts.roles import MODERATORS
from core import staff_scope
from participation.ideas import moderation
from participation.ideas.models import Idea


class IdeaBulkAction(SnippetBulkAction):
    """One moderation step (`apply(idea, user)`) on every selected idea, then `done` (a counted message)."""

    models = [Idea]
    template_name = "ideas/bulk_actions/confirm.html"

    def check_perm(self, idea):
        """The change permission, and only for ideas of the moderator's own municipalities (core.staff_scope)."""
        user = self.request.user
        return (self.permission_policy.user_has_permission_for_instance(user, "change", idea)
                and staff_scope.allows_page(user, idea.process, MODERATORS))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action_label": self.display_name}

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for idea in objects:
            cls.apply(idea, user)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done % {"count": num_parent_objects}


class PublishIdeasBulkAction(IdeaBulkAction):
    display_name = _("Publish")
    action_type = "publish_ideas"
    aria_label = _("Publish the selected ideas")
    action_priority = 10
    done = ngettext_lazy("%(count)d idea published.", "%(count)d ideas published.", "count")
    apply = staticmethod(moderation.publish)


class HideIdeasBulkAction(IdeaBulkAction):
    display_name = _("Hide")
    action_type = "hide_ideas"
    aria_label = _("Hide the selected ideas")
    action_priority = 20
    done = ngettext_lazy("%(count)d idea hidden.", "%(count)d ideas hidden.", "count")

    @staticmethod
    def apply(idea, user):
        moderation.hide(idea, user, "bulk")
