from django.urls import path

from participation import paper_entry, views

app_name = "participation"

urlpatterns = [
    path("vorgang/", views.receipt_lookup, name="receipt_lookup"),
    path("papiererfassung/", paper_entry.start, name="paper_entry"),
    path("papiererfassung/<str:serial>/", paper_entry.enter_sheet, name="paper_entry_sheet"),
    path("papiererfassung/<str:serial>/scan/", paper_entry.scan_image, name="paper_entry_scan"),
]
