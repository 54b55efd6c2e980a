from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("meine-daten/", views.request_data_export, name="data_export"),
    path("meine-daten/<uuid:export_uuid>/", views.download_data_export, name="data_export_download"),
    path("loeschen/", views.delete_account, name="delete"),
    path("geloescht/", views.account_deleted, name="deleted"),
]
