from django.urls import path

from participation.paper import entry, scan_views, views

PAPER = "papiererfassung/"
SCANS = PAPER + "scans/"
REVIEW = PAPER + "pruefen/"
SHEET = PAPER + "<str:serial>/"

# Included by participation/urls.py under the namespace "participation" (names and addresses as before the split).
urlpatterns = [
    path("vorgang/", views.receipt_lookup, name="receipt_lookup"),
    path(PAPER, entry.start, name="paper_entry"),
    path(SCANS, scan_views.imports, name="scan_imports"),
    path(SCANS + "<int:import_id>/status/", scan_views.import_status, name="scan_import_status"),
    path(REVIEW, scan_views.queue, name="scan_queue"),
    path(REVIEW + "<int:task_id>/", scan_views.task_view, name="scan_task"),
    path(REVIEW + "<int:task_id>/bild/", scan_views.task_image, name="scan_task_image"),
    path(REVIEW + "text/<str:question_id>/", scan_views.text_batch, name="scan_text"),
    path(SHEET, entry.enter_sheet, name="paper_entry_sheet"),
    path(SHEET + "scan/", entry.scan_image, name="paper_entry_scan"),
]
