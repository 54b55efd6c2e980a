"""The events' staff side in Wagtail's admin: the organisers' registrations and accessibility requests
(organiser_views) and what is needed on the day: lists to print, the poster, check-in (day_views)."""

from wagtail import hooks

from participation.events import day_views, organiser_views


@hooks.register("register_admin_urls")
def event_admin_urls():
    return [*organiser_views.urlpatterns, *day_views.urlpatterns]


@hooks.register("register_page_actions")
def event_actions(page, user):
    yield from organiser_views.page_actions(page, user)
    yield from day_views.page_actions(page, user)


@hooks.register("register_admin_menu_item")
def event_requests_menu_item():
    return organiser_views.menu_item()
