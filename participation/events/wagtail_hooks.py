"""The events' staff side in Wagtail's admin: the organisers' registrations and accessibility requests
(organiser_views) and what is needed on the day: lists to print, the poster, check-in (day_views)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.panels import PageAction
from participation.events import dashboards, day_views, news, organiser_views
from participation.events.models import EventPage
from participation.ideas import rules

hooks.register("register_dashboard_section", dashboards.overview_section, order=30)


@hooks.register("register_admin_urls")
def event_admin_urls():
    return [*organiser_views.urlpatterns, *day_views.urlpatterns,
            path("events/<int:page_id>/write/", news.write_to_participants,
                 name="participation_write_to_event_participants")]


@hooks.register("register_page_actions")
def event_actions(page, user):
    yield from organiser_views.page_actions(page, user)
    yield from day_views.page_actions(page, user)
    if isinstance(page.specific_deferred, EventPage) and rules.can_moderate(user):
        yield PageAction(_("Write to participants"),
                         reverse("participation_write_to_event_participants", args=[page.pk]), "mail", 65)


@hooks.register("register_admin_menu_item")
def event_requests_menu_item():
    return organiser_views.menu_item()


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from day_views.listing_buttons(page, user)
