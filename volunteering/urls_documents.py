"""Printable documents (Ehrenamtsnachweis, flyer) and the volunteer desk."""

from django.urls import path

from volunteering import desk_views, documents

urlpatterns = [
    path("engagement/nachweis/", documents.certificate, name="certificate"),
    path("engagement/vermittlung/", desk_views.home, name="desk"),
    path("engagement/vermittlung/neu/", desk_views.register, name="desk_register"),
    path("engagement/vermittlung/person/<int:person_id>/", desk_views.person, name="desk_person"),
    path("engagement/vermittlung/person/<int:person_id>/schicht/<int:shift_id>/", desk_views.signup,
         name="desk_signup"),
    path("engagement/vermittlung/anmeldung/<int:signup_id>/bestaetigung.pdf", desk_views.confirmation,
         name="desk_confirmation"),
    path("engagement/<slug:slug>/flyer.pdf", documents.flyer, name="flyer"),
]
