"""The scan import pipeline: an uploaded stack is split into pages, every page is read by its own
idempotent Celery task (participation.tasks), what the machine is unsure of becomes a review task, and
a sheet whose pages are all settled becomes a response in the same table as online answers.

Every page ends in one of: counted (part of a response), duplicate (its sheet was already counted),
entered by hand, or waiting for review. Nothing is dropped.
"""

import hashlib
import io

import numpy as np
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageSequence

from participation.models import (
    Channel,
    FormVersion,
    ReviewTask,
    ScanAudit,
    ScanImport,
    ScanPage,
    Sheet,
    SurveyResponse,
)
from participation.scanning import PX_PER_MM, TEXT_INK, decide_groups, group_of

SPLIT_DPI = 200
MAX_UPLOAD_BYTES = 300 * 1024 * 1024
MAX_PAGES = 2000
MAX_PAGE_PIXELS = 60_000_000  # A3 at 400 dpi; a page at SPLIT_DPI or as scanned
OPEN_STATES = {ScanPage.Status.PENDING, ScanPage.Status.REVIEW, ScanPage.Status.UNIDENTIFIED,
               ScanPage.Status.MISREGISTERED}
SETTLED_STATES = {ScanPage.Status.COUNTED, ScanPage.Status.DUPLICATE, ScanPage.Status.MANUAL}
TEXT_INPUT_KINDS = {"short_text", "long_text", "district", "number", "date", "ranking"}


def sniff(head):
    """The kind of an uploaded file from its first bytes (never from its name)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def sha256_of(upload):
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def split(data, kind):
    """Yield each page as a grayscale numpy array."""
    if kind == "pdf":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
        for page in document:
            array = page.render(scale=SPLIT_DPI / 72, grayscale=True).to_numpy()
            yield np.ascontiguousarray(array[..., 0] if array.ndim == 3 else array)
        return
    with Image.open(io.BytesIO(data)) as image:
        for frame in ImageSequence.Iterator(image):
            yield np.asarray(frame.convert("L"))


def _jpeg(array, quality=85):
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def split_import(scan_import, on_page=None):
    """Store every page of the upload (again after a crash: pages already stored are kept); ``on_page(count)``
    after each page."""
    with scan_import.file.open("rb") as handle:
        data = handle.read()
    kind = sniff(data[:8])
    stored = set(scan_import.pages.values_list("index", flat=True))
    count = 0
    for index, array in enumerate(split(data, kind)):
        if index >= MAX_PAGES:
            raise ValueError(f"more than {MAX_PAGES} pages")
        count = index + 1
        if on_page is not None:
            on_page(count)
        if index in stored:
            continue
        page = ScanPage(scan_import=scan_import, index=index)
        name = page.image.field.generate_filename(page, f"{scan_import.pk}-{index + 1}.jpg")
        page.image.storage.delete(name)  # a run killed between saving the image and its row left it
        page.image.save(name.rsplit("/", 1)[-1], ContentFile(_jpeg(array)), save=False)
        page.save()
    ScanImport.objects.filter(pk=scan_import.pk).update(page_count=count)
    return count


# What the reader needs per form version (the printed mask is costly), kept per worker process and
# keyed by the version's identity and master file, so a recreated database never meets stale data.
_VERSIONS = {}


def version_data(version_id):
    from participation.scanning import printed_mask, template_image
    from participation.surveys import all_questions

    version = FormVersion.objects.select_related("survey", "process").filter(pk=version_id).first()
    if version is None or not version.master:
        return None
    key = (version.pk, version.master.name, version.created_at)
    if key not in _VERSIONS:
        with version.master.open("rb") as handle:
            master = handle.read()
        masks = {n + 1: printed_mask(template_image(master, n)) for n in range(version.page_count)}
        layouts = {n + 1: version.layout.get(f"page-{n + 1}") for n in range(version.page_count)}
        kinds = ({q.id: q.kind for q in all_questions(version.survey)} if version.survey_id
                 else {"category": "single", "district": "single"})
        _VERSIONS[key] = {"layouts": layouts, "masks": masks, "kinds": kinds}
    return {**_VERSIONS[key], "version": version}


def _layout(version_id, page):
    data = version_data(version_id)
    return data["layouts"].get(page) if data else None


def _mask(version_id, page):
    data = version_data(version_id)
    return data["masks"].get(page) if data else None


def read(page):
    """Read one stored page and record what was found. Safe to run twice: a page already read is skipped."""
    from participation.scanning import read_page

    if page.status != ScanPage.Status.PENDING:
        return page.status
    with page.image.open("rb") as handle:
        gray = np.asarray(Image.open(handle).convert("L"))
    reading = read_page(gray, _layout, _mask)
    with transaction.atomic():
        page = ScanPage.objects.select_for_update().get(pk=page.pk)
        if page.status != ScanPage.Status.PENDING:
            return page.status
        page.read_at = timezone.now()
        page.marks_found, page.qr_error_mm, page.frame_error_mm = (reading.marks_found, reading.qr_error_mm,
                                                                    reading.frame_error_mm)
        page.problem = reading.problem
        if reading.version:
            page.form_version_id = reading.version if version_data(reading.version) else None
            page.page_number, page.serial = reading.page, reading.serial
        if reading.status != "identified":
            page.status = (ScanPage.Status.UNIDENTIFIED if reading.status == "unidentified"
                           else ScanPage.Status.MISREGISTERED)
            page.save()
            ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason=page.status)
            return page.status
        data = version_data(reading.version)
        page.sheet_key = reading.serial or _blank_key(page)
        if reading.warped is not None:
            name = page.warped.field.generate_filename(page, f"{page.scan_import_id}-{page.index + 1}-aligned.jpg")
            page.warped.storage.delete(name)  # a read killed before its transaction committed left it
            page.warped.save(name.rsplit("/", 1)[-1], ContentFile(_jpeg(reading.warped, 80)), save=False)
        final = decide_groups(reading.boxes, data["kinds"])
        page.boxes = {anchor: {**box, "final": final[anchor]} for anchor, box in reading.boxes.items()}
        page.texts = reading.texts
        tasks = _tasks_for(page, data, reading)
        sheet = Sheet.objects.filter(serial=reading.serial).first() if reading.serial else None
        if reading.serial and sheet is None:
            tasks = [ReviewTask(page=page, kind=ReviewTask.Kind.PAGE, reason="unknown_sheet")]
        elif sheet is not None and sheet.entered:
            page.status, page.sheet = ScanPage.Status.DUPLICATE, sheet
            tasks = [ReviewTask(page=page, kind=ReviewTask.Kind.PAGE, reason="duplicate")]
        if page.status != ScanPage.Status.DUPLICATE:
            page.status = ScanPage.Status.REVIEW if tasks else ScanPage.Status.DONE
        page.save()
        ReviewTask.objects.bulk_create(tasks)
        for task in tasks:
            if task.kind == ReviewTask.Kind.TEXT:
                _save_snippet(task, reading.warped)
    if page.status == ScanPage.Status.DONE:
        try_commit(page.sheet_key)
    return page.status


def _blank_key(page):
    """A sheet printed at home has no serial: its pages are the run that starts with its page 1."""
    if page.page_number == 1:
        return f"blank-{page.scan_import_id}-{page.index}"
    first = (ScanPage.objects.filter(scan_import=page.scan_import, index__lt=page.index, page_number=1)
             .order_by("-index").first())
    return f"blank-{page.scan_import_id}-{first.index}" if first else f"blank-{page.scan_import_id}-{page.index}"


def _tasks_for(page, data, reading):
    tasks, done_groups = [], set()
    kinds = data["kinds"]
    for anchor, box in page.boxes.items():
        group = group_of(anchor)
        if kinds.get(group[:36]) == "ranking":
            continue  # places are written numbers: transcribed below
        if box["final"] == "review" and group not in done_groups:
            done_groups.add(group)
            machine = {a: b["state"] for a, b in page.boxes.items() if group_of(a) == group}
            reason = "conflict" if sum(s == "ticked" for s in machine.values()) > 1 else "uncertain"
            tasks.append(ReviewTask(page=page, kind=ReviewTask.Kind.BOXES, reason=reason, question_id=group,
                                    machine=machine))
    for anchor, text in reading.texts.items():
        if text["ink"] > TEXT_INK:
            question = anchor[4:40] if len(anchor) > 45 else anchor[4:-5]
            tasks.append(ReviewTask(page=page, kind=ReviewTask.Kind.TEXT, reason="handwriting", question_id=question,
                                    anchor=anchor, machine={"rect": text["rect"], "ink": text["ink"]}))
    for anchor, box in page.boxes.items():  # ranking: each box with ink is a written place number
        if kinds.get(group_of(anchor)[:36]) == "ranking" and box["state"] != "empty":
            x0, y0, x1, y1 = (int(v * PX_PER_MM) for v in data["layouts"][page.page_number][anchor])
            tasks.append(ReviewTask(page=page, kind=ReviewTask.Kind.TEXT, reason="handwriting",
                                    question_id=group_of(anchor)[:36], anchor=anchor,
                                    machine={"rect": [x0, y0, x1, y1], "ink": box["core"]}))
    return tasks


def _save_snippet(task, warped):
    x0, y0, x1, y1 = task.machine["rect"]
    margin = 2 * PX_PER_MM
    crop = warped[max(0, y0 - margin):y1 + margin, max(0, x0 - margin):x1 + margin]
    task.snippet.save(f"task-{task.pk}.jpg", ContentFile(_jpeg(crop, 85)), save=True)


def resolve(task, user, result):
    """Record a person's decision on a task, apply it to the page, and commit the sheet if it is settled."""
    with transaction.atomic():
        task = ReviewTask.objects.select_for_update().select_related("page").get(pk=task.pk)
        if task.status == ReviewTask.Status.DONE:
            return False
        task.result, task.status = result, ReviewTask.Status.DONE
        task.resolved_by, task.resolved_at, task.locked_by = user, timezone.now(), None
        task.save()
        page = ScanPage.objects.select_for_update().get(pk=task.page_id)
        if task.kind == ReviewTask.Kind.BOXES:
            for anchor in task.machine:
                page.boxes[anchor]["final"] = "ticked" if anchor in result.get("ticked", []) else "empty"
        ScanAudit.objects.create(user=user, action="resolved", page=page, task=task, detail=str(result)[:300])
        if task.kind == ReviewTask.Kind.PAGE and result.get("action") in ("manual", "discard"):
            page.status = ScanPage.Status.MANUAL if result["action"] == "manual" else ScanPage.Status.DUPLICATE
        elif page.status == ScanPage.Status.REVIEW and not page.tasks.filter(status=ReviewTask.Status.OPEN).exists():
            page.status = ScanPage.Status.DONE
        page.save()
    if page.status == ScanPage.Status.DONE:
        try_commit(page.sheet_key)
    return True


def _value(task, kind):
    result = task.result or {}
    if result.get("flag", "text") != "text":
        return None  # empty, illegible or withheld personal data: not an answer
    value = (result.get("value") or "").strip()
    if not value:
        return None
    if kind == "number":
        try:
            from decimal import Decimal, InvalidOperation

            return str(Decimal(value.replace(",", ".")).normalize())
        except InvalidOperation:
            return None
    return value


def answers_from(pages, survey):
    """The same answers dict the online form stores, from the settled pages of one sheet."""
    from participation.surveys import OTHER, all_questions

    boxes, texts = {}, {}
    for page in pages:
        boxes.update({anchor: box["final"] for anchor, box in page.boxes.items()})
        for task in page.tasks.filter(kind=ReviewTask.Kind.TEXT):
            texts[task.anchor] = task
    answers = {}
    for question in all_questions(survey):
        prefix = f"box-{question.id}-"
        ticked = [anchor[len(prefix):] for anchor, final in boxes.items()
                  if anchor.startswith(prefix) and final == "ticked"]
        other_task = texts.get(f"{prefix}other-text")
        other = _value(other_task, "short_text") if other_task else None
        kind = question.kind
        if kind in {"single", "dropdown", "yesno", "scale"} and len(ticked) == 1:
            answers[question.id] = {"choice": OTHER, "other": other or "–"} if ticked[0] == OTHER else ticked[0]
        elif kind == "multiple" and ticked:
            answers[question.id] = {"choices": ticked, "other": other or "–"} if OTHER in ticked else ticked
        elif kind == "matrix":
            rows = dict(choice.rsplit("-", 1) for choice in ticked)
            if rows:
                answers[question.id] = rows
        elif kind == "ranking":
            ranks = {}
            for option_id, _label in question.options:
                task = texts.get(f"{prefix}{option_id}")
                value = _value(task, "number") if task else None
                if value and value.isdigit():
                    ranks[option_id] = int(value)
            if ranks:
                answers[question.id] = ranks
        elif kind in TEXT_INPUT_KINDS:
            task = texts.get(f"{prefix}text")
            value = _value(task, kind) if task else None
            if value is not None:
                answers[question.id] = value
    return answers


def try_commit(sheet_key):
    """Count a sheet once all its pages are read and settled. A serial already counted is never
    counted twice: the pages become duplicates with a task that says so."""
    from participation.tasks import new_home_sheet

    if not sheet_key:
        return None
    with transaction.atomic():
        pages = list(ScanPage.objects.select_for_update().filter(sheet_key=sheet_key)
                     .exclude(status__in=SETTLED_STATES).order_by("page_number", "pk"))
        if not pages or any(p.status != ScanPage.Status.DONE for p in pages):
            return None
        version = version_data(pages[0].form_version_id)["version"]
        numbers = [p.page_number for p in pages]
        if sorted(set(numbers)) != list(range(1, version.page_count + 1)):
            return None  # a page is still missing (the end of the import raises a task for it)
        seen, unique = set(), []
        for page in pages:
            if page.page_number in seen:  # the same page scanned twice
                page.status = ScanPage.Status.DUPLICATE
                page.save(update_fields=["status"])
                ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason="duplicate")
            else:
                seen.add(page.page_number)
                unique.append(page)
        survey = version.survey
        target = version.target
        if pages[0].serial:
            sheet = Sheet.objects.select_for_update().get(serial=pages[0].serial)
        else:
            sheet = new_home_sheet(target, pages[0].scan_import.uploaded_by)
        if sheet.entered:
            for page in unique:
                page.status, page.sheet = ScanPage.Status.DUPLICATE, sheet
                page.save(update_fields=["status", "sheet"])
                ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason="duplicate")
            return None
        if version.process_id:
            return _commit_idea(version, unique, sheet)
        reviewers = ReviewTask.objects.filter(page__in=unique, status=ReviewTask.Status.DONE).order_by("-resolved_at")
        last = reviewers.first()
        now = timezone.now()
        response = sheet.response or SurveyResponse(survey=survey, revision=survey.live_revision)
        response.language = response.language or version.language
        response.answers = answers_from(unique, survey)
        response.channel, response.paper_sheet = Channel.PAPER, sheet.serial
        response.entered_by = pages[0].scan_import.uploaded_by
        response.capture_method = (SurveyResponse.Capture.SCAN_VERIFIED if last else
                                   SurveyResponse.Capture.SCAN_AUTO)
        response.verified_by = last.resolved_by if last else None
        response.submitted_at = response.entered_at = now
        response.save()
        sheet.response = response
        sheet.scan.name = unique[0].image.name  # the scan of the first page, shown with the response
        sheet.save()
        for page in unique:
            page.status, page.sheet = ScanPage.Status.COUNTED, sheet
            page.save(update_fields=["status", "sheet"])
    return response


IDEA_TEXT_FIELDS = {"title": 150, "description": 5000, "location_text": 300, "author_name": 80,
                    "contact_email": 254}


def _commit_idea(version, pages, sheet):
    """An idea form on paper becomes an idea with channel=paper that always waits for a moderator.
    Without a title, an idea, exactly one topic or the consent box, a person decides (page task)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from participation.models import Idea, IdeaCategory, StatusChange
    from participation.notifications import send_idea_mail

    boxes, values = {}, {}
    for page in pages:
        boxes.update({anchor: box["final"] for anchor, box in page.boxes.items()})
        for task in page.tasks.filter(kind=ReviewTask.Kind.TEXT):
            values[task.question_id] = _value(task, "short_text") or ""
    topics = [a.removeprefix("box-category-") for a, final in boxes.items()
              if a.startswith("box-category-") and final == "ticked"]
    districts = [a.removeprefix("box-district-") for a, final in boxes.items()
                 if a.startswith("box-district-") and final == "ticked"]
    category = IdeaCategory.objects.filter(slug=topics[0]).first() if len(topics) == 1 else None
    problem = None
    if boxes.get("box-consent") != "ticked":
        problem = "no_consent"
    elif not values.get("title") or not values.get("description") or category is None:
        problem = "idea_incomplete"
    if problem:
        page = pages[0]
        if not page.tasks.filter(reason=problem, status=ReviewTask.Status.OPEN).exists():
            ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason=problem)
        ScanPage.objects.filter(pk=page.pk).update(status=ScanPage.Status.REVIEW)
        return None
    email = values.get("contact_email", "").replace(" ", "")
    try:
        validate_email(email)
    except ValidationError:
        email = ""  # unreadable address: no mails, the receipt still works
    from participation.models import District

    now = timezone.now()
    idea = Idea(
        process=version.process, category=category, channel=Channel.PAPER,
        district=District.objects.filter(slug=districts[0]).first() if len(districts) == 1 else None,
        **{field: values.get(field, "")[:limit] for field, limit in IDEA_TEXT_FIELDS.items()
           if field != "contact_email"},
        contact_email=email, notify=bool(email), entered_by=pages[0].scan_import.uploaded_by,
        language=version.language, consent_at=now, confirmed_at=now,
    )
    idea.save()
    StatusChange.objects.create(idea=idea, status=Idea.Status.RECEIVED)
    send_idea_mail(idea, "received")
    sheet.idea = idea
    sheet.scan.name = pages[0].image.name
    sheet.save()
    for page in pages:
        page.status, page.sheet = ScanPage.Status.COUNTED, sheet
        page.save(update_fields=["status", "sheet"])
    return idea


def finish_import(scan_import):
    """After the last page: a sheet with a page missing from the scans gets a task, so it is not forgotten
    (sheets that only wait for review are committed when their last task is resolved)."""
    keys = (ScanPage.objects.filter(scan_import=scan_import, status=ScanPage.Status.DONE)
            .values_list("sheet_key", flat=True).distinct())
    for key in keys:
        if try_commit(key) is not None:
            continue
        pages = ScanPage.objects.filter(sheet_key=key).exclude(status__in=SETTLED_STATES)
        first = pages.filter(status=ScanPage.Status.DONE).first()
        if first is None or first.form_version is None:
            continue
        present = set(pages.values_list("page_number", flat=True))
        if present >= set(range(1, first.form_version.page_count + 1)):
            continue  # complete, only waiting for review
        if not ReviewTask.objects.filter(page__sheet_key=key, reason="incomplete", status="open").exists():
            ReviewTask.objects.create(page=first, kind=ReviewTask.Kind.PAGE, reason="incomplete")
            ScanPage.objects.filter(pk=first.pk).update(status=ScanPage.Status.REVIEW)


def page_read(scan_import_id):
    ScanImport.objects.filter(pk=scan_import_id).update(pages_read=F("pages_read") + 1)


def check_upload(upload):
    """(kind, error message or None) for an uploaded scan. Pages and pixels are counted from the file's
    headers before anything is decoded, so a small file that unpacks to gigabytes (a decompression bomb,
    a PDF page the size of a football pitch) is refused here and never reaches the worker."""
    from django.utils.translation import gettext as _

    if upload.size > MAX_UPLOAD_BYTES:
        return None, _("The file is larger than %(limit)s MB. Please split the stack.") % {
            "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
    upload.seek(0)
    kind = sniff(upload.read(8))
    upload.seek(0)
    if kind is None:
        return None, _("This is not a PDF, TIFF, JPEG or PNG file. Please scan to one of these formats.")
    try:
        pages = _pdf_pages(upload) if kind == "pdf" else _image_pages(upload)
    except Image.DecompressionBombError:
        pages = [MAX_PAGE_PIXELS + 1]
    except Exception:  # noqa: BLE001 - any parser error means the same to the person uploading
        upload.seek(0)
        if kind == "pdf":
            return None, _("The PDF cannot be read. Please scan again.")
        return None, _("The image cannot be read. Please scan again.")
    upload.seek(0)
    if len(pages) > MAX_PAGES:
        return None, _("The file has more than %(limit)s pages. Please split the stack.") % {"limit": MAX_PAGES}
    if not pages or max(pages) > MAX_PAGE_PIXELS:
        return None, _("A page of this file is too large. Please scan at 200–300 dpi, at most A3.")
    return kind, None


def _image_pages(upload):
    """The pixels of every page of a JPEG, PNG or (multi-page) TIFF, read from the headers."""
    import warnings

    pages = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own, lower limit applies
        with Image.open(upload) as image:
            for index in range(getattr(image, "n_frames", 1)):
                if index >= MAX_PAGES:
                    return [0] * (MAX_PAGES + 1)
                image.seek(index)
                pages.append(image.size[0] * image.size[1])
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
    return pages


def _pdf_pages(upload):
    """The pixels every page of a PDF would have when split at SPLIT_DPI."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(upload.read())
    try:
        if len(document) > MAX_PAGES:
            return [0] * (MAX_PAGES + 1)
        return [round(w * SPLIT_DPI / 72) * round(h * SPLIT_DPI / 72)
                for w, h in (document.get_page_size(i) for i in range(len(document)))]
    finally:
        document.close()


def delete_settled_scans(now=None):
    """Retention: the scans of an import whose pages are all settled are deleted SCAN_RETENTION_DAYS after
    the upload (handwriting is personal data); the answers stay. Imports with open tasks wait."""
    import datetime

    from django.conf import settings

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.SCAN_RETENTION_DAYS)
    deleted = 0
    candidates = ScanImport.objects.filter(files_deleted_at__isnull=True, created_at__lt=cutoff,
                                           status__in=[ScanImport.Status.DONE, ScanImport.Status.FAILED])
    for scan_import in candidates:
        if scan_import.pages.exclude(status__in=SETTLED_STATES).exists():
            continue
        for page in scan_import.pages.all():
            for sheet in Sheet.objects.filter(scan=page.image.name):
                sheet.scan = ""
                sheet.save(update_fields=["scan", "scan_width", "scan_height"])
            for task in page.tasks.exclude(snippet=""):
                task.snippet.delete(save=True)
            page.image.delete(save=False)
            page.warped.delete(save=False)
            page.save(update_fields=["image", "warped"])
        scan_import.file.delete(save=False)
        scan_import.files_deleted_at = now
        scan_import.save(update_fields=["file", "files_deleted_at"])
        ScanAudit.objects.create(action="deleted", detail=f"import {scan_import.pk}: scans deleted after retention")
        deleted += 1
    return deleted
