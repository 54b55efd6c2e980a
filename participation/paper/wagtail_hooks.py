from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from participation.ideas.models import ParticipationProcessPage
from participation.paper import admin_views
from participation.surveys.models import SurveyPage


@hooks.register("register_admin_urls")
def paper_admin_urls():
    return [
        path("paper/<int:page_id>/print/", admin_views.print_form, name="participation_print_form"),
        path("paper/<int:page_id>/sheets/", admin_views.print_batches, name="participation_print_batches"),
        path("print-batches/<int:batch_id>/status/", admin_views.print_batch_status,
             name="participation_print_batch_status"),
        path("print-batches/<int:batch_id>/file/", admin_views.print_batch_file,
             name="participation_print_batch_file"),
    ]


@hooks.register("register_page_header_buttons")
def paper_header_buttons(page, user, view_name, next_url=None):
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
