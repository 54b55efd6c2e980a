"""Background jobs of paper: rendering print batches, splitting and reading scan imports, and their sweeps."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from core import jobs


def _next_serials(count):
    """A block of serials no other batch gets (the counter row is locked while it moves on)."""
    from participation.ideas.models import ReceiptCounter

    with transaction.atomic():
        ReceiptCounter.objects.get_or_create(prefix="SHEET", year=0)
        counter = ReceiptCounter.objects.select_for_update().get(prefix="SHEET", year=0)
        start = counter.last + 1
        counter.last += count
        counter.save(update_fields=["last"])
    return [f"{number:06d}" for number in range(start, start + count)]


@shared_task(bind=True, acks_late=True)
def render_print_batch(self, batch_id):
    """Render a batch: the form once, then each sheet stamped. Safe twice: the batch is claimed under a row lock
    (a finished batch, or one a live run holds, is skipped), a batch that already has its sheets keeps their
    serials, and its PDF has one name that a second run replaces."""
    from participation.paper.models import PrintBatch

    run, skipped = jobs.claim(PrintBatch, batch_id)
    if run is None:
        return skipped
    try:
        return _render(run, PrintBatch.objects.select_related("survey", "process").get(pk=batch_id))
    finally:
        run.cleanup()


def _render(run, batch):
    from participation.paper import printing
    from participation.paper.models import PrintBatch, Sheet

    try:
        run.beat(force=True, done=0)
        target = batch.target
        master, version, _refused = printing.master(target, variant=batch.variant, language=batch.language)
        serials = list(batch.sheets.values_list("serial", flat=True))
        if not serials:
            with transaction.atomic():
                serials = _next_serials(batch.count)
                Sheet.objects.bulk_create([Sheet(batch=batch, serial=serial) for serial in serials])
        pdf = printing.stamp(target, master, version, serials, on_progress=lambda done: run.beat(done=done))
    except jobs.Superseded:
        return "superseded"
    except Exception as exc:  # noqa: BLE001 - an honest "failed", never "ready" without a file
        run.fail(str(exc))
        raise
    except BaseException:
        run.release()  # the worker is being stopped: the broker hands the task out again
        raise
    with transaction.atomic():
        batch = run.lock()
        if batch is None:
            return "superseded"
        name = batch.pdf_name()
        batch.file.storage.delete(name)  # what a run killed while saving left (this batch is not done)
        batch.form_version = version
        batch.file.save(name.rsplit("/", 1)[-1], ContentFile(pdf), save=False)
        batch.status, batch.done, batch.finished_at = PrintBatch.Status.DONE, batch.count, timezone.now()
        batch.save()
    return "done"


def new_home_sheet(target, user=None):
    """A sheet somebody printed at home gets its number when staff enter it."""
    from participation.paper.models import PrintBatch, Sheet

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
    """Split an uploaded stack into pages and hand each page to its own task. Safe twice: the import is claimed
    under a row lock (a finished one, or one a live run splits, is skipped), pages already stored are kept,
    and pages already read are skipped; for an import being read it sends the unread pages again."""
    from participation.paper.models import ScanImport
    from participation.paper.scan_import import split_import

    if ScanImport.objects.filter(pk=import_id, status=ScanImport.Status.READING).exists():
        return _read_pending(import_id)  # sent again by the stall sweep: page messages may be lost
    run, skipped = jobs.claim(ScanImport, import_id, status=ScanImport.Status.SPLITTING)
    if run is None:
        return skipped
    try:
        split_import(run.job, on_page=lambda count: run.beat())
    except jobs.Superseded:
        return "superseded"
    except Exception as exc:  # noqa: BLE001 - an unreadable file: say so, keep what is stored
        run.fail(str(exc))
        raise
    except BaseException:
        run.release()  # the worker is being stopped: the broker hands the task out again
        raise
    finally:
        run.cleanup()
    with transaction.atomic():
        scan_import = run.lock()
        if scan_import is None:
            return "superseded"
        scan_import.status, scan_import.heartbeat_at = ScanImport.Status.READING, timezone.now()
        scan_import.save(update_fields=["status", "heartbeat_at"])
    return _read_pending(import_id)


def _read_pending(import_id):
    from participation.paper.models import ScanPage

    pending = list(ScanPage.objects.filter(scan_import_id=import_id, status=ScanPage.Status.PENDING)
                   .values_list("pk", flat=True))
    for page_id in pending:
        read_scan_page.delay(page_id)
    if not pending:
        _finish(import_id)
    return "split"


@shared_task(acks_late=True)
def read_scan_page(page_id):
    """Read one page (idempotent: a page already read is left as it is)."""
    from participation.paper.models import ScanImport, ScanPage
    from participation.paper.scan_import import read

    page = ScanPage.objects.select_related("scan_import").get(pk=page_id)
    read(page)
    import_id = page.scan_import_id
    done = ScanPage.objects.filter(scan_import_id=import_id).exclude(status=ScanPage.Status.PENDING).count()
    # Each page read is the import's sign of life while it is being read (core.jobs).
    ScanImport.objects.filter(pk=import_id).update(pages_read=done, heartbeat_at=timezone.now())
    if not ScanPage.objects.filter(scan_import_id=import_id, status=ScanPage.Status.PENDING).exists():
        _finish(import_id)


def _finish(import_id):
    from participation.paper.models import ScanImport
    from participation.paper.scan_import import finish_import

    claimed = ScanImport.objects.filter(pk=import_id, status=ScanImport.Status.READING).update(
        status=ScanImport.Status.DONE, finished_at=timezone.now())
    if claimed:
        finish_import(ScanImport.objects.get(pk=import_id))


@shared_task
def delete_settled_scans():
    """Scans of settled imports after SCAN_RETENTION_DAYS. Safe twice: an import whose files are deleted is
    marked (files_deleted_at) and skipped."""
    from participation.paper.scan_import import delete_settled_scans as delete

    return delete()


@shared_task
def sweep_lost_scan_pages():
    """The invariant's periodic check (participation.paper.scan_import.lost_pages): a read sheet left behind is
    counted or gets its task, any other lost page gets a page task and an error in the log. Safe twice:
    a page with a task is no longer lost."""
    from participation.paper.scan_import import sweep_lost_pages

    return sweep_lost_pages()
