"""Links in mails (signed, no login; the token travels as ?token=) and the private calendar feed."""

from django.urls import path

from volunteering import calendar_feed, links

SHIFT = "engagement/schicht/"
CALENDAR = "engagement/kalender/"

urlpatterns = [
    path(SHIFT + "platz-annehmen/", links.take_offer, name="link_take_offer"),
    path(SHIFT + "ich-komme/", links.confirm_attendance, name="link_confirm"),
    path(SHIFT + "absagen/", links.cancel_signup, name="link_cancel"),
    path(CALENDAR + "adresse/", calendar_feed.calendar_address, name="calendar_address"),
    path(CALENDAR + "<str:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
]
