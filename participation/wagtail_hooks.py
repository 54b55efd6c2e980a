from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from participation.bulk_actions import HideIdeasBulkAction, PublishIdeasBulkAction
from participation.viewsets import CommentViewSet, IdeaViewSet


class ParticipationViewSetGroup(SnippetViewSetGroup):
    """The moderators' menu: ideas and comments."""

    menu_label = _("Participation")
    menu_icon = "comment"
    menu_order = 250
    items = (IdeaViewSet, CommentViewSet)


register_snippet(ParticipationViewSetGroup)
hooks.register("register_bulk_action", PublishIdeasBulkAction)
hooks.register("register_bulk_action", HideIdeasBulkAction)
