from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("vorgang/", views.receipt_lookup, name="receipt_lookup"),
]
