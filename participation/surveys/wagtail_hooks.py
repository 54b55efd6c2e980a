from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from participation.surveys import admin_views, dashboard_views
from participation.surveys.models import SurveyPage

hooks.register("register_dashboard_section", dashboard_views.overview_section, order=20)


@hooks.register("register_admin_urls")
def survey_admin_urls():
    return [
        path("surveys/<int:page_id>/codes/", admin_views.access_codes, name="participation_access_codes"),
        path("dashboards/survey/<int:page_id>/", dashboard_views.survey_dashboard,
             name="participation_survey_dashboard"),
        path("dashboards/survey/<int:page_id>/report/", dashboard_views.survey_report,
             name="participation_survey_report"),
    ]


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, SurveyPage) and page.permissions_for_user(user).can_edit():
        yield PageMenuItem(_("Access codes"), reverse("participation_access_codes", args=[page.pk]),
                           icon_name="key", priority=60, page=page)
        yield PageMenuItem(_("Results"), page.url + "ergebnisse/", icon_name="view", priority=61, page=page)


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
