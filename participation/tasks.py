"""Background jobs of the participation app."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone


def _next_serials(count):
    """A block of serials no other batch gets (the counter row is locked while it moves on)."""
    from participation.models import ReceiptCounter

    with transaction.atomic():
        ReceiptCounter.objects.get_or_create(prefix="SHEET", year=0)
        counter = ReceiptCounter.objects.select_for_update().get(prefix="SHEET", year=0)
        start = counter.last + 1
        counter.last += count
        counter.save(update_fields=["last"])
    return [f"{number:06d}" for number in range(start, start + count)]


@shared_task(bind=True, acks_late=True)
def render_print_batch(self, batch_id):
    """Render a batch: the form once, then each sheet stamped. Safe twice: a finished batch is skipped,
    and a batch that already has its sheets keeps their serials."""
    from participation import printing
    from participation.models import PrintBatch, Sheet

    batch = PrintBatch.objects.select_related("survey", "process").get(pk=batch_id)
    if batch.status == PrintBatch.Status.DONE:
        return "done already"
    PrintBatch.objects.filter(pk=batch.pk).update(status=PrintBatch.Status.RUNNING, done=0, error="")
    try:
        target = batch.target
        master, version, _refused = printing.master(target, variant=batch.variant, language=batch.language)
        serials = list(batch.sheets.values_list("serial", flat=True))
        if not serials:
            with transaction.atomic():
                serials = _next_serials(batch.count)
                Sheet.objects.bulk_create([Sheet(batch=batch, serial=serial) for serial in serials])
        pdf = printing.stamp(
            target, master, version, serials,
            on_progress=lambda done: PrintBatch.objects.filter(pk=batch.pk).update(done=done),
        )
        batch.refresh_from_db()
        batch.form_version = version
        batch.file.save(f"bogen-{target.slug}-{batch.pk}.pdf", ContentFile(pdf), save=False)
        batch.status, batch.done, batch.finished_at = PrintBatch.Status.DONE, batch.count, timezone.now()
        batch.save()
    except Exception as exc:  # noqa: BLE001 - an honest "failed", never "ready" without a file
        PrintBatch.objects.filter(pk=batch.pk).update(status=PrintBatch.Status.FAILED, error=str(exc)[:2000])
        raise
    return "done"


def new_home_sheet(target, user=None):
    """A sheet somebody printed at home gets its number when staff enter it."""
    from participation.models import PrintBatch, Sheet

    key = {"survey": target} if target.__class__.__name__ == "SurveyPage" else {"process": target}
    with transaction.atomic():
        batch = PrintBatch.objects.filter(kind=PrintBatch.Kind.HOME, **key).first()
        if batch is None:
            batch = PrintBatch.objects.create(kind=PrintBatch.Kind.HOME, count=0, status=PrintBatch.Status.DONE,
                                              created_by=user, **key)
        serial = _next_serials(1)[0]
        PrintBatch.objects.filter(pk=batch.pk).update(count=models.F("count") + 1, done=models.F("done") + 1)
        return Sheet.objects.create(batch=batch, serial=serial)


@shared_task(bind=True, acks_late=True)
def import_scan(self, import_id):
    """Split an uploaded stack into pages and hand each page to its own task. Safe twice: pages already
    stored are kept, pages already read are skipped."""
    from participation.models import ScanImport, ScanPage
    from participation.scan_import import split_import

    scan_import = ScanImport.objects.get(pk=import_id)
    if scan_import.status in (ScanImport.Status.DONE, ScanImport.Status.FAILED):
        return scan_import.status
    ScanImport.objects.filter(pk=import_id).update(status=ScanImport.Status.SPLITTING)
    try:
        split_import(scan_import)
    except Exception as exc:  # noqa: BLE001 - an unreadable file: say so, keep what is stored
        ScanImport.objects.filter(pk=import_id).update(status=ScanImport.Status.FAILED, error=str(exc)[:2000])
        raise
    ScanImport.objects.filter(pk=import_id).update(status=ScanImport.Status.READING)
    pending = list(scan_import.pages.filter(status=ScanPage.Status.PENDING).values_list("pk", flat=True))
    for page_id in pending:
        read_scan_page.delay(page_id)
    if not pending:
        _finish(import_id)
    return "split"


@shared_task(acks_late=True)
def read_scan_page(page_id):
    """Read one page (idempotent: a page already read is left as it is)."""
    from participation.models import ScanImport, ScanPage
    from participation.scan_import import read

    page = ScanPage.objects.select_related("scan_import").get(pk=page_id)
    read(page)
    import_id = page.scan_import_id
    done = ScanPage.objects.filter(scan_import_id=import_id).exclude(status=ScanPage.Status.PENDING).count()
    ScanImport.objects.filter(pk=import_id).update(pages_read=done)
    if not ScanPage.objects.filter(scan_import_id=import_id, status=ScanPage.Status.PENDING).exists():
        _finish(import_id)


def _finish(import_id):
    from participation.models import ScanImport
    from participation.scan_import import finish_import

    claimed = ScanImport.objects.filter(pk=import_id, status=ScanImport.Status.READING).update(
        status=ScanImport.Status.DONE)
    if claimed:
        finish_import(ScanImport.objects.get(pk=import_id))


@shared_task
def delete_settled_scans():
    """Scans of settled imports after SCAN_RETENTION_DAYS. Safe twice: an import whose files are deleted is
    marked (files_deleted_at) and skipped."""
    from participation.scan_import import delete_settled_scans as delete

    return delete()


@shared_task
def delete_unconfirmed_guest_submissions(now=None):
    """Guest ideas and email-survey responses never confirmed within GUEST_SUBMISSION_RETENTION_DAYS, with their
    images. Safe twice: deleted rows no longer match, and files already gone are skipped."""
    from participation.retention import delete_unconfirmed_guest_submissions as delete

    return delete(now)
