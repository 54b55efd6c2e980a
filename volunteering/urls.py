from django.urls import path

from volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("engagement/", views.opportunity_list, name="opportunities"),
    path("engagement/meine-anmeldungen/", views.my_signups, name="my_signups"),
    path("engagement/schicht/<int:shift_id>/anmelden/", views.signup, name="signup"),
    path("engagement/<slug:slug>/", views.opportunity_detail, name="opportunity"),
]
