"""The public list of events ("Termine") and its calendar feed; each event's own page is a Wagtail page."""

from django.urls import path

from participation.events import views

urlpatterns = [
    path("termine/", views.event_list, name="events"),
    path("termine/kalender.ics", views.events_ics, name="events_ics"),
    path("termine/<int:page_id>.ics", views.event_ics, name="event_ics"),
]
