from django.urls import path

from participation.paper import entry, scan_views, views

# Included by participation/urls.py under the namespace "participation" (names and addresses as before the split).
urlpatterns = [
    path("vorgang/", views.receipt_lookup, name="receipt_lookup"),
    path("papiererfassung/", entry.start, name="paper_entry"),
    path("papiererfassung/scans/", scan_views.imports, name="scan_imports"),
    path("papiererfassung/scans/<int:import_id>/status/", scan_views.import_status, name="scan_import_status"),
    path("papiererfassung/pruefen/", scan_views.queue, name="scan_queue"),
    path("papiererfassung/pruefen/<int:task_id>/", scan_views.task_view, name="scan_task"),
    path("papiererfassung/pruefen/<int:task_id>/bild/", scan_views.task_image, name="scan_task_image"),
    path("papiererfassung/pruefen/text/<str:question_id>/", scan_views.text_batch, name="scan_text"),
    path("papiererfassung/<str:serial>/", entry.enter_sheet, name="paper_entry_sheet"),
    path("papiererfassung/<str:serial>/scan/", entry.scan_image, name="paper_entry_scan"),
]
