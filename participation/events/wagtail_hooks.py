"""The events' staff side in Wagtail's admin: the organisers' registrations and accessibility requests
(organiser_views) and what is needed on the day: lists to print, the poster, check-in (day_views)."""

from wagtail import hooks

from participation.events import dashboards, day_views, organiser_views

hooks.register("register_dashboard_section", dashboards.overview_section, order=30)


@hooks.register("register_admin_urls")
def event_admin_urls():
    return [*organiser_views.urlpatterns, *day_views.urlpatterns]


@hooks.register("register_page_actions")
def event_actions(page, user):
    yield from organiser_views.page_actions(page, user)
    yield from day_views.page_actions(page, user)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from day_views.listing_buttons(page, user)
