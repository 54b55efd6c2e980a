"""The organisations' area and the messages between organisations and volunteers."""

from django.urls import path

from volunteering import org_views

ORG = "engagement/organisation/<slug:slug>/"

urlpatterns = [
    path("engagement/organisation/", org_views.my_organisations, name="my_organisations"),
    path("engagement/organisation/registrieren/", org_views.register, name="organisation_register"),
    path(ORG, org_views.dashboard, name="organisation_dashboard"),
    path(ORG + "einstellungen/", org_views.settings_view, name="organisation_settings"),
    path(ORG + "angebote/neu/", org_views.opportunity_form, name="organisation_opportunity_add"),
    path(ORG + "angebote/<int:opportunity_id>/", org_views.opportunity_form, name="organisation_opportunity_edit"),
    path(ORG + "anfragen/", org_views.requests, name="organisation_requests"),
    path(ORG + "schichten/<int:shift_id>/", org_views.shift_people, name="organisation_shift"),
    path(ORG + "schichten/<int:shift_id>/anwesenheit/", org_views.attendance, name="organisation_attendance"),
    path(ORG + "personen/<int:user_id>/nachweise/", org_views.certificates, name="organisation_certificates"),
    path(ORG + "nachrichten/", org_views.organisation_messages, name="organisation_messages"),
    path(ORG + "nachrichten/<int:user_id>/", org_views.organisation_thread, name="organisation_thread"),
    path("engagement/nachrichten/", org_views.volunteer_messages, name="messages"),
    path("engagement/nachrichten/<slug:slug>/", org_views.volunteer_thread, name="message_thread"),
]
