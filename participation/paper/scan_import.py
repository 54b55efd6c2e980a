"""The scan import pipeline: an uploaded stack is split into pages, every page is read by its own
idempotent Celery task (participation.ideas.tasks), what the machine is unsure of becomes a review task, and
a sheet whose pages are all settled becomes a response in the same table as online answers.

Every page ends in one of: counted (part of a response), duplicate (its sheet or that very page was
already read), blank back (set aside), entered by hand / set aside, or waiting for review with an open
task; until then it is pending or one page of a sheet whose other pages are still being read. Nothing
is dropped: `lost_pages` finds any page that breaks this, and `guard` (after every import, every review
resolution and every JOB sweep) gives such a page a task and logs it.
"""

import hashlib
import io
import logging

import numpy as np
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_noop as N_
from PIL import Image, ImageSequence

from participation.ideas.models import Channel
from participation.paper import follow
from participation.paper.models import FormVersion, ReviewTask, ScanAudit, ScanImport, ScanPage, ScanSheetLock, Sheet
from participation.paper.scanning import PX_PER_MM, TEXT_INK, UNRELIABLE, decide_groups, group_of
from participation.surveys.models import SurveyResponse
from participation.surveys.question_kinds import get_kind
from participation.surveys.questions import counted_answers

logger = logging.getLogger(__name__)

SPLIT_DPI = 200
MAX_UPLOAD_BYTES = 300 * 1024 * 1024
MAX_PAGES = 2000
MAX_PAGE_PIXELS = 60_000_000  # A3 at 400 dpi; a page at SPLIT_DPI or as scanned
OPEN_STATES = {ScanPage.Status.PENDING, ScanPage.Status.REVIEW, ScanPage.Status.UNIDENTIFIED,
               ScanPage.Status.MISREGISTERED}
SETTLED_STATES = {ScanPage.Status.COUNTED, ScanPage.Status.DUPLICATE, ScanPage.Status.BLANK, ScanPage.Status.MANUAL}
WAITING_STATES = {ScanPage.Status.REVIEW, ScanPage.Status.UNIDENTIFIED, ScanPage.Status.MISREGISTERED}
READ_STATES = {ScanPage.Status.REVIEW, ScanPage.Status.DONE, ScanPage.Status.COUNTED}  # a copy of a page exists
# Page tasks about the whole sheet: "entered by hand" or "set aside" applies to every page of the sheet.
SHEET_REASONS = {"incomplete", "no_consent", "idea_incomplete", "lost", "rescan"}


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
    from participation.paper.scanning import printed_mask, template_image
    from participation.surveys.questions import all_questions

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
    """Read one stored page and record what was found. Safe to run twice: a page already read is skipped.

    A blank back is set aside before the reader looks at it. A page of a sheet that is already counted,
    or a second copy of a page already read, is a duplicate at once (the sheet's lock row makes this
    hold with two workers reading both copies at the same moment): nobody reviews it."""
    from participation.paper import scanning
    from participation.paper.scan_blank import is_blank

    if page.status != ScanPage.Status.PENDING:
        return page.status
    with page.image.open("rb") as handle:
        gray = np.asarray(Image.open(handle).convert("L"))
    if is_blank(gray):
        return _set_aside_blank(page)
    reading = scanning.read_page(gray, _layout, _mask)
    with transaction.atomic():
        page = ScanPage.objects.select_for_update().get(pk=page.pk)
        if page.status != ScanPage.Status.PENDING:
            return page.status
        _record_reading(page, reading)
        if reading.status != "identified":
            page.status = (ScanPage.Status.UNIDENTIFIED if reading.status == "unidentified"
                           else ScanPage.Status.MISREGISTERED)
            page.save()
            ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason=page.status)
            return page.status
        data = version_data(reading.version)
        elsewhere = _other_municipality(page.scan_import, data["version"])
        if elsewhere:  # another municipality's sheet: never counted here, a person sends it on
            page.status = ScanPage.Status.REVIEW
            page.save()
            ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason="other_municipality",
                                      machine=elsewhere)
            return page.status
        sheet, twin = _place_in_sheet(page, reading)
        # What a page whose marks cannot be read reliably may still decide is the reader's call (one place:
        # scanning.read_page marks what is not definite "uncertain"); the benchmark reads the same way.
        final = decide_groups(reading.boxes, data["kinds"])
        page.boxes = {anchor: {**box, "final": final[anchor]} for anchor, box in reading.boxes.items()}
        page.texts = reading.texts
        if reading.serial and sheet is None:
            tasks = [ReviewTask(page=page, kind=ReviewTask.Kind.PAGE, reason="unknown_sheet")]
        elif (sheet is not None and sheet.entered) or twin:
            # Read twice (a rescan, the same page fed again): set aside now, no review for it. A page with
            # nothing to read (the receipt slip) of a counted sheet belongs to that sheet.
            page.status = (ScanPage.Status.COUNTED if sheet is not None and sheet.entered and not twin
                           and not _reads_something(data, page.page_number) else ScanPage.Status.DUPLICATE)
            page.sheet = sheet
            page.save()
            return page.status
        else:
            tasks = _tasks_for(page, data, reading)
        _store_read_page(page, reading, tasks)
    if page.status == ScanPage.Status.DONE:
        settle_sheet(page.sheet_key)
    return page.status


def _other_municipality(scan_import, version):
    """{"town", "title"} when the form belongs to another municipality than the site the stack was uploaded at
    (issue 26: a sheet printed in Wismar is refused by Lübeck's scan import); None when it is this one's."""
    from core.municipalities import root_paths
    from core.staff_scope import municipality_name

    if not scan_import.site_id:
        return None
    target = version.target
    if any(target.path.startswith(path) for path in root_paths(scan_import.site)):
        return None
    return {"town": municipality_name(target), "title": target.title}


def _set_aside_blank(page):
    with transaction.atomic():
        page = ScanPage.objects.select_for_update().get(pk=page.pk)
        if page.status != ScanPage.Status.PENDING:
            return page.status
        page.status, page.read_at, page.problem = ScanPage.Status.BLANK, timezone.now(), "blank back"
        page.save()
    return page.status


def _record_reading(page, reading):
    """What the reader found out about the page itself (not yet its boxes)."""
    page.read_at = timezone.now()
    page.marks_found, page.qr_error_mm, page.frame_error_mm = (reading.marks_found, reading.qr_error_mm,
                                                                reading.frame_error_mm)
    page.problem, page.quality = reading.problem, list(reading.quality)
    if reading.version:
        page.form_version_id = reading.version if version_data(reading.version) else None
        page.page_number, page.serial = reading.page, reading.serial


def _place_in_sheet(page, reading):
    """Give the page its sheet key (held locked until commit: the other copy of this page waits) and find
    out whether a copy of it was read before. Returns (the numbered sheet or None, a copy exists)."""
    page.sheet_key = reading.serial or _blank_key(page)
    ScanSheetLock.hold(page.sheet_key)
    sheet = Sheet.objects.filter(serial=reading.serial).first() if reading.serial else None
    twins = (ScanPage.objects.filter(sheet_key=page.sheet_key, page_number=page.page_number,
                                     status__in=READ_STATES).exclude(pk=page.pk))
    if not reading.unreliable and not (sheet is not None and sheet.entered):
        _replace_unreliable(twins.select_for_update(), page)  # a grey rescan of a 1-bit page takes its place
    twin = twins.exists()
    if twin and not reading.serial:
        # A sheet printed at home: the run found may not be its own yet (its page 1 unread); it starts a
        # run of its own until `_rejoin_home_runs` places it (a real second copy is caught at commit).
        page.sheet_key, twin = f"blank-{page.scan_import_id}-{page.index}", False
        ScanSheetLock.hold(page.sheet_key)
    return sheet, twin


def _store_read_page(page, reading, tasks):
    """Keep the aligned page (for reviewers), the page's state and its tasks with their snippets."""
    if reading.warped is not None:
        name = page.warped.field.generate_filename(page, f"{page.scan_import_id}-{page.index + 1}-aligned.jpg")
        page.warped.storage.delete(name)  # a read killed before its transaction committed left it
        page.warped.save(name.rsplit("/", 1)[-1], ContentFile(_jpeg(reading.warped, 80)), save=False)
    page.status = ScanPage.Status.REVIEW if tasks else ScanPage.Status.DONE
    page.save()
    ReviewTask.objects.bulk_create(tasks)
    for task in tasks:
        if task.kind == ReviewTask.Kind.TEXT:
            _save_snippet(task, reading.warped)
    _close_incomplete(page)


def _replace_unreliable(twins, page):
    """A page read again from a better scan (grey, enough resolution) replaces an earlier copy whose marks
    could not be read reliably and whose sheet is not counted yet: the earlier copy's open tasks close
    ("replaced") and it becomes a duplicate; the new copy is read and reviewed as usual. Any other second
    copy stays a duplicate of the first (see `read`)."""
    for twin in twins:
        if twin.status == ScanPage.Status.COUNTED or not set(twin.quality or ()) & UNRELIABLE:
            continue
        twin.tasks.filter(status=ReviewTask.Status.OPEN).update(
            status=ReviewTask.Status.DONE, resolved_at=timezone.now(), locked_by=None,
            result={"action": "replaced", "page": page.pk})
        twin.status, twin.problem = ScanPage.Status.DUPLICATE, "replaced by a better scan"
        twin.save(update_fields=["status", "problem"])
        ScanAudit.objects.create(action="replaced", page=twin, detail=f"by page {page.pk}")


def _reads_something(data, number):
    layout = (data or {}).get("layouts", {}).get(number) or {}
    return any(anchor.startswith("box-") for anchor in layout)


def required_pages(version):
    """The pages of a form version a sheet needs to be counted: those with something to read. A page that
    only holds the receipt slip (residents keep it) is not needed."""
    numbers = {n for n in range(1, version.page_count + 1)
               if any(a.startswith("box-") for a in (version.layout or {}).get(f"page-{n}", {}))}
    return numbers or set(range(1, version.page_count + 1))


def _close_incomplete(page):
    """A late page arrived: the sheet's "page missing" task closes itself (the sheet is judged again)."""
    for task in ReviewTask.objects.select_for_update().filter(page__sheet_key=page.sheet_key, reason="incomplete",
                                                               status=ReviewTask.Status.OPEN):
        task.status, task.resolved_at = ReviewTask.Status.DONE, timezone.now()
        task.result = {"action": "late_page", "page": page.pk}
        task.save(update_fields=["status", "resolved_at", "result"])
        held = ScanPage.objects.select_for_update().get(pk=task.page_id)
        if held.status == ScanPage.Status.REVIEW and not held.tasks.filter(status=ReviewTask.Status.OPEN).exists():
            held.status = ScanPage.Status.DONE
            held.save(update_fields=["status"])
        ScanAudit.objects.create(action="late_page", page=held, task=task, detail=f"page {page.pk} arrived")


def _home_scope(scan_import):
    """Where the pages of a sheet printed at home (no serial) may be: its upload, or every file uploaded
    with it (photos of one sheet, one page each)."""
    if scan_import.upload_group:
        return ScanPage.objects.filter(scan_import__upload_group=scan_import.upload_group)
    return ScanPage.objects.filter(scan_import_id=scan_import.pk)


def _blank_key(page):
    """A sheet printed at home has no serial: its pages are the run that starts with its page 1 (in the
    order of the files uploaded together, then of the pages). Pages read before their page 1 (two workers)
    are joined to it later (`_rejoin_home_runs`)."""
    if page.page_number == 1:
        return f"blank-{page.scan_import_id}-{page.index}"
    before = (Q(scan_import_id=page.scan_import_id, index__lt=page.index) | Q(scan_import_id__lt=page.scan_import_id))
    first = (_home_scope(page.scan_import).filter(before, page_number=1, form_version_id=page.form_version_id)
             .order_by("-scan_import_id", "-index").first())
    return f"blank-{first.scan_import_id}-{first.index}" if first else f"blank-{page.scan_import_id}-{page.index}"


def _rejoin_home_runs(sheet_key):
    """Recompute the runs of home-printed pages in the sheet's upload (group) now that more of it is read;
    pages that belong to another run move there. Returns the keys whose pages changed."""
    first = ScanPage.objects.filter(sheet_key=sheet_key).select_related("scan_import").first()
    if first is None:
        return set()
    scan_import = first.scan_import
    changed = set()
    with transaction.atomic():
        ScanSheetLock.hold(f"home-{scan_import.upload_group.hex if scan_import.upload_group else scan_import.pk}")
        ordered = list(_home_scope(scan_import).select_for_update(of=("self",))
                       .filter(sheet_key__startswith="blank-").exclude(page_number=None)
                       .order_by("scan_import_id", "index"))
        current = None
        for page in ordered:
            own = f"blank-{page.scan_import_id}-{page.index}"
            if page.page_number == 1:
                current = (own, page.form_version_id)
            expected = current[0] if current and current[1] == page.form_version_id else own
            if page.sheet_key != expected and page.status in (ScanPage.Status.DONE, ScanPage.Status.REVIEW):
                changed |= {page.sheet_key, expected}
                page.sheet_key = expected
                page.save(update_fields=["sheet_key"])
        for key in changed:  # a "page missing" task of a run that changed is judged again
            for task in ReviewTask.objects.select_for_update().filter(page__sheet_key=key, reason="incomplete",
                                                                       status=ReviewTask.Status.OPEN):
                task.status, task.resolved_at = ReviewTask.Status.DONE, timezone.now()
                task.result = {"action": "joined"}
                task.save(update_fields=["status", "resolved_at", "result"])
                held = task.page
                if held.status == ScanPage.Status.REVIEW and not held.tasks.filter(
                        status=ReviewTask.Status.OPEN).exists():
                    ScanPage.objects.filter(pk=held.pk).update(status=ScanPage.Status.DONE)
    return changed


def _tasks_for(page, data, reading):
    tasks, done_groups = [], set()
    kinds = data["kinds"]

    def written_boxes(group):  # places of a ranking are written numbers, not ticks
        return get_kind(kinds.get(group[:36])).written_boxes

    if reading.rescan:  # marks may be erased: judging boxes from this image could confirm a lost tick as empty
        tasks.append(ReviewTask(page=page, kind=ReviewTask.Kind.PAGE, reason="rescan"))
        done_groups = {group_of(anchor) for anchor in page.boxes}
    for anchor, box in page.boxes.items():
        group = group_of(anchor)
        if written_boxes(group):
            continue  # transcribed below
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
        if written_boxes(group_of(anchor)) and box["state"] != "empty" and not reading.rescan:
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
    """Record a person's decision on a task, apply it to the page, and commit the sheet if it is settled.
    "Entered by hand" or "set aside" on a task about the whole sheet (a page missing, no consent, …)
    settles every page of that sheet; "count" on a missing consent tick says the tick is there, and on a
    page held for a rescan that the paper shows nothing ticked there."""
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
        _apply_page_decision(page, task, user, result)
        page.save()
    if page.status == ScanPage.Status.DONE:
        settle_sheet(page.sheet_key)
    guard(ScanPage.objects.filter(sheet_key=page.sheet_key) if page.sheet_key else ScanPage.objects.filter(pk=page.pk),
          where="review")
    return True


def _apply_page_decision(page, task, user, result):
    """The page's state after a decision (not yet saved)."""
    action = result.get("action")
    if task.kind == ReviewTask.Kind.PAGE and action in ("manual", "discard"):
        settled = ScanPage.Status.MANUAL if action == "manual" else ScanPage.Status.DUPLICATE
        page.status = settled
        if task.reason in SHEET_REASONS and page.sheet_key:
            _settle_rest(page, task, user, result, settled)
        return
    if task.kind == ReviewTask.Kind.PAGE and action == "count" and task.reason == "no_consent":
        if "box-consent" in page.boxes:
            page.boxes["box-consent"]["final"] = "ticked"
    elif task.kind == ReviewTask.Kind.PAGE and action == "count" and task.reason == "rescan":
        for box in page.boxes.values():  # the person looked at the paper: nothing is ticked on this page
            box["final"] = "empty"
    elif page.status != ScanPage.Status.REVIEW:
        return
    if not page.tasks.filter(status=ReviewTask.Status.OPEN).exists():
        page.status = ScanPage.Status.DONE


def _settle_rest(page, task, user, result, settled):
    """The other read pages of the sheet follow the page the person decided on."""
    now = timezone.now()
    others = (ScanPage.objects.select_for_update().filter(sheet_key=page.sheet_key)
              .exclude(pk=page.pk).exclude(status__in=SETTLED_STATES | {ScanPage.Status.PENDING}))
    for other in others:
        other.tasks.filter(status=ReviewTask.Status.OPEN).update(
            status=ReviewTask.Status.DONE, result={**result, "with_task": task.pk}, resolved_by=user,
            resolved_at=now, locked_by=None)
        other.status = settled
        other.save(update_fields=["status"])


def _written(task):
    """The transcribed text of a handwriting task; None when the field was empty, illegible or withheld
    personal data (not an answer)."""
    result = task.result or {}
    if result.get("flag", "text") != "text":
        return None
    return (result.get("value") or "").strip() or None


def answers_from(pages, survey):
    """The same answers dict the online form stores, from the settled pages of one sheet (each question's
    kind reads its boxes and handwriting: participation.surveys.question_kinds)."""
    from participation.surveys.questions import all_questions

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

        def written(suffix, prefix=prefix):
            task = texts.get(prefix + suffix)
            return _written(task) if task else None

        answer = question.handler.from_scan(question, ticked, written)
        if answer is not None:
            answers[question.id] = answer
    return answers


def try_commit(sheet_key):
    """Count a sheet once all its pages with something to read are read and settled. A serial already
    counted is never counted twice: the pages become duplicates. A survey sheet without the consent tick is
    not counted silently: a person decides (as for idea forms)."""
    from participation.paper.tasks import new_home_sheet

    if not sheet_key:
        return None
    with transaction.atomic():
        ScanSheetLock.hold(sheet_key)
        pages = list(ScanPage.objects.select_for_update().filter(sheet_key=sheet_key)
                     .exclude(status__in=SETTLED_STATES).order_by("page_number", "pk"))
        if not pages or any(p.status != ScanPage.Status.DONE for p in pages):
            return None
        version = version_data(pages[0].form_version_id)["version"]
        if not required_pages(version) <= {p.page_number for p in pages}:
            return None  # a page is still missing (settle_sheet raises a task for it once nothing is pending)
        unique = _without_second_copies(pages)
        sheet = Sheet.objects.select_for_update().get(serial=pages[0].serial) if pages[0].serial else None
        if sheet is not None and sheet.entered:
            _mark(unique, ScanPage.Status.DUPLICATE, sheet)
            return None
        boxes = {anchor: box["final"] for page in unique for anchor, box in page.boxes.items()}
        if _has_consent_box(version) and boxes.get("box-consent") != "ticked":
            return _sheet_task(unique, "no_consent")
        if sheet is None:
            sheet = new_home_sheet(version.target, pages[0].scan_import.uploaded_by)
        if version.process_id:
            return _commit_idea(version, unique, sheet)
        response = _commit_response(version, unique, sheet)
    return response


def _without_second_copies(pages):
    """The pages of a sheet, each page number once; a second copy becomes a duplicate (caught when read;
    kept here as a safety net)."""
    seen, unique = set(), []
    for page in pages:
        if page.page_number in seen:
            page.status = ScanPage.Status.DUPLICATE
            page.save(update_fields=["status"])
        else:
            seen.add(page.page_number)
            unique.append(page)
    return unique


def _mark(pages, status, sheet):
    for page in pages:
        page.status, page.sheet = status, sheet
        page.save(update_fields=["status", "sheet"])


def _commit_response(version, pages, sheet):
    """The sheet's survey response (channel paper; checked by a person if any of its tasks was resolved)."""
    survey = version.survey
    last = ReviewTask.objects.filter(page__in=pages, status=ReviewTask.Status.DONE).order_by("-resolved_at").first()
    now = timezone.now()
    response = sheet.response or SurveyResponse(survey=survey, revision=survey.live_revision)
    response.language = response.language or version.language
    # Answers to questions whose condition the sheet does not meet are kept apart, not counted (docs/paper.md).
    response.answers, response.not_counted = counted_answers(survey, answers_from(pages, survey))
    response.channel, response.paper_sheet = Channel.PAPER, sheet.serial
    response.entered_by = pages[0].scan_import.uploaded_by
    response.capture_method = (SurveyResponse.Capture.SCAN_VERIFIED if last else
                               SurveyResponse.Capture.SCAN_AUTO)
    response.verified_by = last.resolved_by if last else None
    response.submitted_at = response.entered_at = now
    response.save()
    _follow_from_survey_sheet(version, pages, response.entered_by)
    sheet.response = response
    sheet.scan.name = pages[0].image.name  # the scan of the first page, shown with the response
    sheet.save()
    _mark(pages, ScanPage.Status.COUNTED, sheet)
    return response


def _follow_from_survey_sheet(version, pages, entered_by):
    """The "Keep me informed" tick of a survey sheet: its writer follows the process, apart from the answers."""
    boxes = {anchor: box["final"] for page in pages for anchor, box in page.boxes.items()}
    if boxes.get(follow.BOX) != "ticked":
        return
    task = (ReviewTask.objects.filter(page__in=pages, kind=ReviewTask.Kind.TEXT, question_id=follow.ADDRESS)
            .order_by("pk").first())
    follow.follow_from_sheet(version.survey, ticked=True, written=(_written(task) or "") if task else "",
                             language=version.language, entered_by=entered_by)


def _has_consent_box(version):
    return any("box-consent" in page for page in (version.layout or {}).values())


def _sheet_task(pages, reason):
    """One page task about the whole sheet, on the page that shows the problem (for consent: the page with
    the consent box), raised once."""
    page = next((p for p in pages if reason == "no_consent" and "box-consent" in p.boxes), pages[0])
    existing = ReviewTask.objects.filter(page__sheet_key=page.sheet_key, reason=reason,
                                         status=ReviewTask.Status.OPEN).first()
    if existing is None:
        ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason=reason)
    # The page that holds the task waits for review (never a page without one: that would be lost).
    ScanPage.objects.filter(pk=existing.page_id if existing else page.pk).update(status=ScanPage.Status.REVIEW)
    return None


IDEA_TEXT_FIELDS = {"title": 150, "description": 5000, "location_text": 300, "author_name": 80,
                    "contact_email": 254}


def _commit_idea(version, pages, sheet):
    """An idea form on paper becomes an idea with channel=paper that always waits for a moderator.
    Without a title, an idea, exactly one topic or the consent box, a person decides (page task)."""
    from core.models import District
    from participation.ideas.models import Idea, IdeaCategory, StatusChange
    from participation.ideas.notifications import send_idea_mail

    boxes, values = {}, {}
    for page in pages:
        boxes.update({anchor: box["final"] for anchor, box in page.boxes.items()})
        for task in page.tasks.filter(kind=ReviewTask.Kind.TEXT):
            values[task.question_id] = _written(task) or ""
    topics, districts = _ticked_with_prefix(boxes, "box-category-"), _ticked_with_prefix(boxes, "box-district-")
    category = IdeaCategory.objects.filter(slug=topics[0]).first() if len(topics) == 1 else None
    problem = None
    if boxes.get("box-consent") != "ticked":
        problem = "no_consent"
    elif not values.get("title") or not values.get("description") or category is None:
        problem = "idea_incomplete"
    if problem:
        return _sheet_task(pages, problem)
    email = _readable_email(values.get("contact_email", ""))
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
    follow.follow_from_sheet(version.process, ticked=boxes.get(follow.BOX) == "ticked",
                             written=values.get(follow.ADDRESS, ""), email=email, name=idea.author_name,
                             language=version.language, entered_by=idea.entered_by)
    send_idea_mail(idea, "received")
    sheet.idea = idea
    sheet.scan.name = pages[0].image.name
    sheet.save()
    _mark(pages, ScanPage.Status.COUNTED, sheet)
    return idea


def _ticked_with_prefix(boxes, prefix):
    return [anchor.removeprefix(prefix) for anchor, final in boxes.items()
            if anchor.startswith(prefix) and final == "ticked"]


def _readable_email(written):
    """The address as transcribed, or "" when it is not one (no mails then; the receipt still works)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    email = written.replace(" ", "")
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def settle_sheet(sheet_key):
    """Count the sheet if it is complete; otherwise, once a page of it is missing and nothing of it is
    pending (every import holding its pages has been read) or waiting for review, raise (once) a task
    "a page is missing". Called after every page read, every review resolution, every import's end and
    by the sweep, so a sheet whose other page went to review and was then resolved is never forgotten."""
    if not sheet_key:
        return None
    if sheet_key.startswith("blank-"):
        for key in sorted(_rejoin_home_runs(sheet_key) - {sheet_key}):
            try_commit(key)
    if try_commit(sheet_key) is not None:
        return "counted"
    with transaction.atomic():
        ScanSheetLock.hold(sheet_key)
        pages = list(ScanPage.objects.select_for_update().filter(sheet_key=sheet_key)
                     .exclude(status__in=SETTLED_STATES).order_by("page_number", "pk"))
        if not pages or any(p.status != ScanPage.Status.DONE for p in pages):
            return None  # settled, or waiting for a person (whose decision comes back here)
        if ScanPage.objects.filter(scan_import_id__in=_uploads_of(pages), status=ScanPage.Status.PENDING).exists():
            return None  # the missing page may still be read from the same upload
        version = pages[0].form_version
        if version is not None and required_pages(version) <= {p.page_number for p in pages}:
            return None  # complete, yet not counted: the sweep's "lost" task catches what this cannot
        _sheet_task(pages, "incomplete")
        logger.info("scan sheet %s: a page is missing, task raised", sheet_key)
    return "incomplete"


def _uploads_of(pages):
    """The imports a sheet's missing page may still come from: those holding its pages, and for a sheet
    printed at home every file uploaded with them."""
    imports = {p.scan_import_id for p in pages}
    groups = set(ScanImport.objects.filter(pk__in=imports, upload_group__isnull=False)
                 .values_list("upload_group", flat=True))
    if groups:
        imports |= set(ScanImport.objects.filter(upload_group__in=groups).values_list("pk", flat=True))
    return imports


def finish_import(scan_import):
    """After the last page: every sheet of the import is counted or has a task, and no page is lost."""
    keys = set(ScanPage.objects.filter(scan_import=scan_import, status=ScanPage.Status.DONE)
               .values_list("sheet_key", flat=True))
    for key in sorted(keys):
        settle_sheet(key)
    guard(ScanPage.objects.filter(scan_import=scan_import), where=f"import {scan_import.pk}")


def lost_pages(qs=None):
    """Pages that break the invariant: neither pending, counted, a duplicate, a blank back, entered by hand
    / set aside, nor waiting with an open task (on the page, or for a read page on its sheet), nor a read
    page whose sheet may still be completed by a page of the same uploads not yet read."""
    qs = ScanPage.objects.all() if qs is None else qs
    open_task = ReviewTask.objects.filter(page=OuterRef("pk"), status=ReviewTask.Status.OPEN)
    lost = list(qs.filter(status__in=WAITING_STATES).exclude(Exists(open_task)))
    lost += list(qs.exclude(status__in=SETTLED_STATES | WAITING_STATES | {ScanPage.Status.PENDING,
                                                                           ScanPage.Status.DONE}))
    lost += list(qs.filter(status=ScanPage.Status.PENDING, scan_import__status=ScanImport.Status.FAILED))
    done = list(qs.filter(status=ScanPage.Status.DONE))
    if done:
        keys = {p.sheet_key for p in done if p.sheet_key}
        held = set(ReviewTask.objects.filter(status=ReviewTask.Status.OPEN, page__sheet_key__in=keys)
                   .values_list("page__sheet_key", flat=True))
        members = {}
        for key, import_id in ScanPage.objects.filter(sheet_key__in=keys).values_list("sheet_key", "scan_import_id"):
            members.setdefault(key, set()).add(import_id)
        uploads = {key: _uploads_of([ScanPage(scan_import_id=i) for i in ids]) for key, ids in members.items()}
        reading = set(ScanPage.objects.filter(status=ScanPage.Status.PENDING,
                                              scan_import_id__in=set().union(*uploads.values()))
                      .values_list("scan_import_id", flat=True))
        busy = {key for key, ids in uploads.items() if ids & reading}
        lost += [p for p in done if not p.sheet_key or (p.sheet_key not in held and p.sheet_key not in busy)]
    return lost


def guard(qs=None, where="sweep"):
    """Repair what `lost_pages` finds: a read sheet is counted or gets its "page missing" task; anything
    still lost gets a page task ("lost") and an error in the log. Returns how many pages were lost."""
    lost = lost_pages(qs)
    if not lost:
        return 0
    for key in sorted({p.sheet_key for p in lost if p.status == ScanPage.Status.DONE and p.sheet_key}):
        settle_sheet(key)
    still = lost_pages(ScanPage.objects.filter(pk__in=[p.pk for p in lost]))
    for page in still:
        with transaction.atomic():
            if page.sheet_key:
                ScanSheetLock.hold(page.sheet_key)
            if not lost_pages(ScanPage.objects.filter(pk=page.pk)):
                continue
            ReviewTask.objects.create(page=page, kind=ReviewTask.Kind.PAGE, reason="lost")
            if page.status not in WAITING_STATES:
                ScanPage.objects.filter(pk=page.pk).update(status=ScanPage.Status.REVIEW)
            ScanAudit.objects.create(action="lost", page=page, detail=f"{where}: status {page.status}")
        logger.error("scan page %s (import %s, sheet %s, status %s) was lost (%s): a task was raised",
                     page.pk, page.scan_import_id, page.sheet_key or "-", page.status, where)
    return len(still)


def sweep_lost_pages():
    """The periodic check (Celery beat): every page of imports not yet settled."""
    unsettled = ScanImport.objects.filter(pages__status__in=OPEN_STATES | {ScanPage.Status.DONE}).distinct()
    return guard(ScanPage.objects.filter(scan_import__in=unsettled))


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


QUALITY_MESSAGES = {
    # What the person uploading should change, per reader quality code (scanning.assess_quality).
    "bilevel": N_("This file is black-and-white (1-bit). Pencil marks may be lost: scan in grey or colour at "
               "200–300 dpi."),
    "low_resolution": N_("The resolution is too low (under 150 dpi for an A4 page). Small or faint marks may be "
                      "missed: scan at 200–300 dpi, or take the photo closer so that the page fills the picture."),
    "compressed": N_("The image is strongly compressed (low JPEG quality). Faint marks may blur: save with a "
                  "higher quality (80 or more) or as PNG or TIFF."),
    "photo": N_("This looks like a photo. Please lay the page flat in even light, without shadow, and photograph "
             "it from straight above."),
}
A4_SHORT_INCH, A4_LONG_INCH = 210 / 25.4, 297 / 25.4
MIN_DPI = 150


def _jpeg_quality(image):
    """libjpeg's quality setting estimated from the luminance quantisation table (None: not a JPEG)."""
    tables = getattr(image, "quantization", None)
    if not tables or 0 not in tables:
        return None
    standard = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
                14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
                49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
    scale = 100.0 * sum(tables[0]) / sum(standard)
    return round((200 - scale) / 2) if scale <= 100 else round(5000 / scale)


def upload_quality(upload, kind):
    """Cheap checks of an image file before it is read (headers, and the first page scaled down): codes as
    the reader's `quality`. The import proceeds anyway; the person uploading is told what to change."""
    if kind not in ("pdf", "jpeg", "png", "tiff"):
        return []
    codes = []
    upload.seek(0)
    try:
        if kind == "pdf":
            _pdf_quality(upload, codes)
        else:
            _image_quality(upload, kind, codes)
    except Exception:  # noqa: BLE001 - a warning is a courtesy: the file was already checked by check_upload
        logger.warning("quality check of a PDF upload failed" if kind == "pdf" else "quality check of an upload failed",
                       exc_info=True)
    finally:
        upload.seek(0)
    return codes


def _image_quality(upload, kind, codes):
    import warnings

    from participation.paper import scanning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(upload) as image:
            if image.mode == "1":
                codes.append("bilevel")
            dpi = image.info.get("dpi")
            short, long = sorted(image.size)
            pixel_dpi = min(short / A4_SHORT_INCH, long / A4_LONG_INCH)
            stated = float(min(dpi)) if dpi and min(dpi) > 1 else None
            # A page of this many pixels is under 150 dpi whatever its header says; a stated dpi under
            # 150 on a page scanned (not photographed: photos state 72 dpi) counts too.
            if pixel_dpi < MIN_DPI or (stated and stated < MIN_DPI and pixel_dpi < 2 * MIN_DPI):
                codes.append("low_resolution")
            quality = _jpeg_quality(image) if kind == "jpeg" else None
            if quality is not None and quality < 50:
                codes.append("compressed")
            if image.size[0] * image.size[1] <= MAX_PAGE_PIXELS:
                image.seek(0)
                more = scanning.assess_quality(np.asarray(image.convert("L")))
                codes += [code for code in more if code not in codes]


def _pdf_quality(upload, codes):
    """A scanner's PDF holds one image per page: its bit depth and resolution tell the same as an image's."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    document = pdfium.PdfDocument(upload.read())
    try:
        images = [obj.get_metadata() for obj in document[0].get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE])]
    finally:
        document.close()
    if images:
        largest = max(images, key=lambda m: m.width * m.height)
        if largest.bits_per_pixel == 1:
            codes.append("bilevel")
        if 0 < min(largest.horizontal_dpi, largest.vertical_dpi) < MIN_DPI:
            codes.append("low_resolution")


def quality_messages(codes):
    from django.utils.translation import gettext as _

    return [_(QUALITY_MESSAGES[code]) for code in codes if code in QUALITY_MESSAGES]


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
