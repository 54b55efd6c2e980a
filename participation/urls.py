"""Every public address of participation outside the Wagtail pages, under one namespace ("participation"), as
before the split into ideas, surveys and paper."""

from django.urls import include, path

app_name = "participation"

urlpatterns = [
    path("", include("participation.ideas.urls")),
    path("", include("participation.paper.urls")),
    path("", include("participation.events.urls")),
]
