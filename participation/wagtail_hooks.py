from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from participation.viewsets import CommentViewSet, IdeaViewSet


class ParticipationViewSetGroup(ViewSetGroup):
    """The moderators' menu: ideas and comments."""

    menu_label = _("Participation")
    menu_icon = "comment"
    menu_order = 250
    items = (IdeaViewSet("ideas"), CommentViewSet("idea_comments"))


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    return ParticipationViewSetGroup()
