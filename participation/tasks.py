"""Background jobs of the participation app."""

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
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
    from participation.models import PrintBatch, Sheet
    from participation.printing import print_survey
    from participation.stamping import stamp_sheets

    batch = PrintBatch.objects.select_related("survey").get(pk=batch_id)
    if batch.status == PrintBatch.Status.DONE:
        return "done already"
    PrintBatch.objects.filter(pk=batch.pk).update(status=PrintBatch.Status.RUNNING, done=0, error="")
    try:
        survey = batch.survey
        base = survey.full_url
        master, version, _refused = print_survey(survey, absolute_url=base, with_qr=False)
        serials = list(batch.sheets.values_list("serial", flat=True))
        if not serials:
            with transaction.atomic():
                serials = _next_serials(batch.count)
                Sheet.objects.bulk_create([Sheet(batch=batch, serial=serial) for serial in serials])
        box = version.layout["page-1"]["qr-code"]
        pdf = stamp_sheets(
            master, serials, lambda serial, page: f"{base}?v={version.pk}&s={serial}&p={page}", box,
            on_progress=lambda done: PrintBatch.objects.filter(pk=batch.pk).update(done=done),
        )
        batch.refresh_from_db()
        batch.form_version = version
        batch.file.save(f"bogen-{survey.slug}-{batch.pk}.pdf", ContentFile(pdf), save=False)
        batch.status, batch.done, batch.finished_at = PrintBatch.Status.DONE, batch.count, timezone.now()
        batch.save()
    except Exception as exc:  # noqa: BLE001 - an honest "failed", never "ready" without a file
        PrintBatch.objects.filter(pk=batch.pk).update(status=PrintBatch.Status.FAILED, error=str(exc)[:2000])
        raise
    return "done"
