"""Paper: form versions, print batches and numbered sheets; scan imports, their pages and the review queue."""

from participation.paper.models.scans import ReviewTask, ScanAudit, ScanImport, ScanPage, ScanSheetLock
from participation.paper.models.sheets import FormVersion, PrintBatch, PrintTarget, Sheet

__all__ = ["FormVersion", "PrintBatch", "PrintTarget", "Sheet", "ReviewTask", "ScanAudit", "ScanImport", "ScanPage",
           "ScanSheetLock"]
