from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core.dashboards import page_dashboard_urls
from core.panels import PageAction
from participation.ideas import dashboard_views, following, participant_mail, rules
from participation.ideas.bulk_actions import HideIdeasBulkAction, PublishIdeasBulkAction
from participation.ideas.models import ParticipationProcessPage
from participation.ideas.viewsets import CommentViewSet, IdeaViewSet


class ParticipationViewSetGroup(SnippetViewSetGroup):
    """The moderators' menu: ideas and comments."""

    menu_label = _("Participation")
    menu_icon = "comment"
    menu_order = 250
    items = (IdeaViewSet, CommentViewSet)


register_snippet(ParticipationViewSetGroup)
hooks.register("register_bulk_action", PublishIdeasBulkAction)
hooks.register("register_bulk_action", HideIdeasBulkAction)
hooks.register("register_dashboard_section", dashboard_views.overview_section, order=10)


@hooks.register("register_admin_urls")
def dashboard_urls():
    return [
        *page_dashboard_urls("process", dashboard_views.process_dashboard, dashboard_views.process_report,
                             name="participation_process"),
        path("processes/<int:page_id>/write/", participant_mail.write_to_idea_authors,
             name="participation_write_to_participants"),
        path("processes/<int:page_id>/followers/add/", following.add_view, name="participation_add_follower"),
    ]


@hooks.register("register_page_actions")
def process_actions(page, user):
    if isinstance(page.specific_deferred, ParticipationProcessPage) and rules.can_moderate(user):
        yield PageAction(_("Write to participants"), reverse("participation_write_to_participants", args=[page.pk]),
                         "mail", 65)
        yield PageAction(_("Add a follower"), reverse("participation_add_follower", args=[page.pk]), "user", 66)


@hooks.register("register_log_actions")
def participant_message_log_action(actions):
    actions.register_action("ideas.participant_message", _("Write to participants"), _("Wrote to participants"))
