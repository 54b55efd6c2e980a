from django.contrib import messages
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.dashboards import page_dashboard_urls
from core.panels import PageAction
from participation.ideas import rules
from participation.surveys import admin_views, dashboard_views, followers
from participation.surveys.models import SurveyPage

hooks.register("register_dashboard_section", dashboard_views.overview_section, order=20)


@hooks.register("register_admin_urls")
def survey_admin_urls():
    return [
        path("surveys/<int:page_id>/codes/", admin_views.access_codes, name="participation_access_codes"),
        *page_dashboard_urls("survey", dashboard_views.survey_dashboard, dashboard_views.survey_report,
                             name="participation_survey"),
        path("surveys/<int:page_id>/write/", followers.write_to_followers,
             name="participation_write_to_survey_followers"),
        path("write-to-participants/", followers.write_index, name="participation_write_index"),
    ]


@hooks.register("register_page_actions")
def survey_actions(page, user):
    if isinstance(page.specific_deferred, SurveyPage) and page.permissions_for_user(user).can_edit():
        yield PageAction(_("Access codes"), reverse("participation_access_codes", args=[page.pk]), "key", 60)
        yield PageAction(_("Results"), page.url + "ergebnisse/", "view", 61)
    if isinstance(page.specific_deferred, SurveyPage) and rules.can_moderate(user):
        yield PageAction(_("Write to participants"), followers.admin_url(page), "mail", 65)


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


class WriteMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def write_to_participants_menu_item():
    """Moderators may not open the page editor (where the page's tools are): their way to the same form."""
    return WriteMenuItem(_("Write to participants"), reverse_lazy("participation_write_index"), icon_name="mail",
                         order=255)
