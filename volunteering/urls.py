from django.urls import path

from volunteering import urls_documents, urls_notifications, urls_organisations, views

app_name = "volunteering"

MY_SIGNUPS = "engagement/meine-anmeldungen/"

urlpatterns = [
    path("engagement/", views.opportunity_list, name="opportunities"),
    path(MY_SIGNUPS, views.my_signups, name="my_signups"),
    path(MY_SIGNUPS + "<int:signup_id>/abmelden/", views.sign_off, name="sign_off"),
    path("engagement/mein-profil/", views.profile, name="profile"),
    path("engagement/vorschlaege/", views.suggestions, name="suggestions"),
    path("engagement/schicht/<int:shift_id>/anmelden/", views.signup, name="signup"),
    # Each group below lives in its own module: mails, links in mails and the calendar feed; the
    # organisations' area; documents and the volunteer desk.
    *urls_notifications.urlpatterns,
    *urls_organisations.urlpatterns,
    *urls_documents.urlpatterns,
    path("engagement/<slug:slug>/", views.opportunity_detail, name="opportunity"),
]
