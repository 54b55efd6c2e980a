from django.urls import path

from accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("barriere-melden/", views.feedback, name="feedback"),
    path("barriere-melden/danke/", views.feedback_thanks, name="feedback_thanks"),
    path("darstellung/", views.display, name="display"),
]
