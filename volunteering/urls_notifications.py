"""Links in mails (signed, no login; the token travels as ?token=) and the private calendar feed."""

from django.urls import path

from volunteering import calendar_feed, links

urlpatterns = [
    path("engagement/schicht/platz-annehmen/", links.take_offer, name="link_take_offer"),
    path("engagement/schicht/ich-komme/", links.confirm_attendance, name="link_confirm"),
    path("engagement/schicht/absagen/", links.cancel_signup, name="link_cancel"),
    path("engagement/kalender/adresse/", calendar_feed.calendar_address, name="calendar_address"),
    path("engagement/kalender/<str:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
]
