from django.contrib import messages
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from accounts.roles import is_analyst
from participation import dashboard_views, survey_admin
from participation.bulk_actions import HideIdeasBulkAction, PublishIdeasBulkAction
from participation.models import ParticipationProcessPage, SurveyPage
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


@hooks.register("register_admin_urls")
def survey_admin_urls():
    return [
        path("surveys/<int:page_id>/codes/", survey_admin.access_codes, name="participation_access_codes"),
        path("paper/<int:page_id>/print/", survey_admin.print_form, name="participation_print_form"),
        path("paper/<int:page_id>/sheets/", survey_admin.print_batches, name="participation_print_batches"),
        path("print-batches/<int:batch_id>/status/", survey_admin.print_batch_status,
             name="participation_print_batch_status"),
        path("print-batches/<int:batch_id>/file/", survey_admin.print_batch_file,
             name="participation_print_batch_file"),
    ]


@hooks.register("register_admin_urls")
def dashboard_urls():
    return [
        path("dashboards/", dashboard_views.overview, name="participation_dashboards"),
        path("dashboards/process/<int:page_id>/", dashboard_views.process_dashboard,
             name="participation_process_dashboard"),
        path("dashboards/process/<int:page_id>/report/", dashboard_views.process_report,
             name="participation_process_report"),
        path("dashboards/survey/<int:page_id>/", dashboard_views.survey_dashboard,
             name="participation_survey_dashboard"),
        path("dashboards/survey/<int:page_id>/report/", dashboard_views.survey_report,
             name="participation_survey_report"),
    ]


class DashboardsMenuItem(MenuItem):
    """Shown to analysts only (everybody else gets a 403 page there)."""

    def is_shown(self, request):
        return is_analyst(request.user)


@hooks.register("register_admin_menu_item")
def register_dashboards_menu_item():
    return DashboardsMenuItem(_("Dashboards"), reverse_lazy("participation_dashboards"), icon_name="table",
                              order=240)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, SurveyPage) and page.permissions_for_user(user).can_edit():
        yield PageMenuItem(_("Access codes"), reverse("participation_access_codes", args=[page.pk]),
                           icon_name="key", priority=60, page=page)
        yield PageMenuItem(_("Results"), page.url + "ergebnisse/", icon_name="view", priority=61, page=page)
    if isinstance(page.specific_deferred, SurveyPage | ParticipationProcessPage) and page.permissions_for_user(
        user
    ).can_edit():
        yield PageMenuItem(_("Paper form (PDF)"), reverse("participation_print_form", args=[page.pk]),
                           icon_name="doc-full", priority=62, page=page)
        yield PageMenuItem(_("Paper form, large print (PDF)"),
                           reverse("participation_print_form", args=[page.pk]) + "?variant=large",
                           icon_name="doc-full", priority=63, page=page)
        yield PageMenuItem(_("Numbered paper sheets"), reverse("participation_print_batches", args=[page.pk]),
                           icon_name="doc-full-inverse", priority=64, page=page)


@hooks.register("before_edit_page")
def warn_before_editing_a_survey_with_answers(request, page):
    """Editing a live survey is safe (ids stay), but editors should know answers exist."""
    specific = page.specific
    if request.method == "GET" and isinstance(specific, SurveyPage):
        answered = specific.responses.filter(submitted_at__isnull=False).count()
        if answered:
            messages.warning(request, gettext(
                "This survey already has %(count)s answers. Changing a question's text changes it for them too; "
                "removed options stay in the results as “removed”. Prefer adding new questions."
            ) % {"count": answered})
