from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.panels import PageAction
from participation.ideas.models import ParticipationProcessPage
from participation.paper import admin_views
from participation.surveys.models import SurveyPage


@hooks.register("register_admin_urls")
def paper_admin_urls():
    page, batch = "paper/<int:page_id>/", "print-batches/<int:batch_id>/"
    return [
        path(page + "print/", admin_views.print_form, name="participation_print_form"),
        path(page + "sheets/", admin_views.print_batches, name="participation_print_batches"),
        path(batch + "status/", admin_views.print_batch_status, name="participation_print_batch_status"),
        path(batch + "file/", admin_views.print_batch_file, name="participation_print_batch_file"),
    ]


@hooks.register("register_page_actions")
def paper_actions(page, user):
    if isinstance(page.specific_deferred, SurveyPage | ParticipationProcessPage) and page.permissions_for_user(
        user
    ).can_edit():
        form = reverse("participation_print_form", args=[page.pk])
        yield PageAction(_("Paper form (PDF)"), form, "doc-full", 62)
        yield PageAction(_("Paper form, large print (PDF)"), form + "?variant=large", "doc-full", 63)
        yield PageAction(_("Numbered paper sheets"), reverse("participation_print_batches", args=[page.pk]),
                         "doc-full-inverse", 64)
