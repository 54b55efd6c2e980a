"""Staff screens for scanned stacks: upload with progress, the review queue (keyboard only), and the
images of pages and snippets (private, every view logged)."""

import datetime
import io
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Site

from core import staff_scope
from core.dispatch import dispatch
from participation.ideas import rules
from participation.paper.entry import PAPER_ROLES
from participation.paper.models import ReviewTask, ScanAudit, ScanImport, ScanPage
from participation.paper.scan_import import check_upload, quality_messages, resolve, sha256_of, upload_quality
from participation.paper.scanning import PX_PER_MM
from participation.surveys.question_kinds import get_kind

LOCK_MINUTES = 15


def _check(user):
    if not (user.is_authenticated and (rules.can_see_results(user) or rules.can_moderate(user))):
        raise PermissionDenied


def _imports_for(user):
    """The imports of the user's municipalities (uploaded at their sites; core.staff_scope)."""
    return staff_scope.sites(ScanImport.objects.all(), user, *PAPER_ROLES)


def _tasks_for(user):
    return staff_scope.sites(ReviewTask.objects.all(), user, *PAPER_ROLES, field="page__scan_import__site")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, attrs=None, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        items = data if isinstance(data, (list, tuple)) else [data]
        return [single(item, initial) for item in items if item]


class UploadForm(forms.Form):
    """Two ways in: files from the computer (a scanner's PDF or TIFF, or images), and photos straight from
    a phone's or tablet's camera (`capture`). Each file becomes its own import (decision): the same file
    twice is recognised by its own hash, a broken or refused file stops nobody else's pages, every file
    shows its own progress and quality warning, and the pages of one sheet spread over several photos
    meet anyway through their sheet number (a late page completes its sheet)."""

    file = MultipleFileField(
        label=gettext_lazy("Choose files"),
        help_text=gettext_lazy("One or more files: a multi-page PDF or TIFF, or a JPEG or PNG per page. Scan in "
                               "grayscale or colour at 200–300 dpi: black-and-white (1-bit) mode erases pencil "
                               "marks."),
        attrs={"accept": "application/pdf,image/tiff,image/jpeg,image/png"},
    )
    photos = MultipleFileField(
        label=gettext_lazy("Take photos"),
        help_text=gettext_lazy("On a phone or tablet this opens the camera; take one or many photos, one page "
                               "each, from straight above with the whole page in the picture."),
        attrs={"accept": "image/*", "capture": "environment"},
    )

    def clean(self):
        cleaned = super().clean()
        self.accepted, seen = [], set()
        for name in ("file", "photos"):
            problems = []
            for upload in cleaned.get(name) or []:
                kind, problem = check_upload(upload)
                if problem is None:
                    sha256 = sha256_of(upload)
                    existing = ScanImport.objects.filter(sha256=sha256).first()
                    if existing:
                        problem = (_("This file was already imported on %(date)s (%(name)s). It is not imported "
                                     "twice.") % {"date": timezone.localtime(existing.created_at)
                                                  .strftime("%d.%m.%Y %H:%M"), "name": existing.original_name})
                    elif sha256 in seen:
                        problem = _("This file was chosen twice; it is imported once.")
                if problem:
                    problems.append(f"{upload.name}: {problem}")
                    continue
                seen.add(sha256)
                self.accepted.append((upload, kind, sha256, upload_quality(upload, kind)))
            if problems:
                self.add_error(name, problems)
        if not self.accepted and not self.errors:
            raise forms.ValidationError(_("Please choose at least one file or take a photo."))
        return cleaned


def imports(request):
    from participation.paper.tasks import import_scan

    _check(request.user)
    site = Site.find_for_request(request)
    if not staff_scope.allows_site(request.user, site.pk if site else None, *PAPER_ROLES):
        # Scans count where they are uploaded: another municipality's staff upload at their own site.
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        form.is_valid()
        group = uuid.uuid4()  # the files of one upload, in their order: a sheet printed at home may span photos
        for upload, kind, sha256, quality in getattr(form, "accepted", []):
            scan_import = ScanImport(original_name=upload.name[:200], sha256=sha256, uploaded_by=request.user,
                                     quality=quality, upload_group=group, site=site)
            scan_import.file.save(f"{sha256[:16]}.{kind}", upload, save=False)
            scan_import.save()
            ScanAudit.objects.create(user=request.user, action="uploaded", detail=scan_import.original_name)
            transaction.on_commit(lambda pk=scan_import.pk: dispatch(import_scan, pk))
            for message in quality_messages(quality):
                messages.warning(request, f"{scan_import.original_name}: {message}")
        accepted = len(getattr(form, "accepted", []))
        if accepted:
            messages.success(request, ngettext(
                "The file is being read. This page shows its progress.",
                "%(count)s files are being read. This page shows the progress of each.", accepted)
                % {"count": accepted})
        if not form.errors:
            return redirect("participation:scan_imports")
    return TemplateResponse(request, "paper/scan_imports.html", {
        "form": form, "imports": _recent(_imports_for(request.user)),
        "open_tasks": _tasks_for(request.user).filter(status="open").count(),
    }, status=200)


def _recent(imports):
    """The latest imports (or these) with what became of their pages, and what reading found about their
    quality."""
    open_tasks = (ReviewTask.objects.filter(page__scan_import=OuterRef("pk"), status=ReviewTask.Status.OPEN)
                  .order_by().values("page__scan_import").annotate(n=Count("pk")).values("n")[:1])
    recent = list(imports.annotate(
        counted=Count("pages", filter=Q(pages__status=ScanPage.Status.COUNTED)),
        waiting=Count("pages", filter=Q(pages__status__in=[ScanPage.Status.REVIEW, ScanPage.Status.UNIDENTIFIED,
                                                           ScanPage.Status.MISREGISTERED])),
        duplicates=Count("pages", filter=Q(pages__status=ScanPage.Status.DUPLICATE)),
        blanks=Count("pages", filter=Q(pages__status=ScanPage.Status.BLANK)),
        manual=Count("pages", filter=Q(pages__status=ScanPage.Status.MANUAL)),
        open_tasks=Coalesce(Subquery(open_tasks), 0),  # a subquery: a join would repeat every page per task
    )[:20])
    found = {}
    for import_id, codes in (ScanPage.objects.filter(scan_import__in=[i.pk for i in recent])
                             .exclude(quality=[]).values_list("scan_import_id", "quality")):
        for code in codes or []:
            found.setdefault(import_id, {}).setdefault(code, 0)
            found[import_id][code] += 1
    for item in recent:
        codes = list(dict.fromkeys([*(item.quality or []), *found.get(item.pk, {})]))
        item.warnings = quality_messages(codes)
        item.unreliable_pages = sum(found.get(item.pk, {}).values())
    return recent


def import_status(request, import_id):
    _check(request.user)
    found = _recent(_imports_for(request.user).filter(pk=import_id))
    if not found:
        raise Http404
    scan_import = found[0]
    open_tasks = _tasks_for(request.user).filter(status="open").count()
    # what the row and the queue link show besides the bar, so that a person watching needs no reload
    return JsonResponse({"status": scan_import.status, "status_label": str(scan_import.get_status_display()),
                         "done": scan_import.pages_read, "count": scan_import.page_count,
                         "percent": scan_import.percent, "url": None, "finished": scan_import.is_finished,
                         "error": scan_import.error,
                         "cells": {"counted": scan_import.counted, "open": scan_import.open_tasks,
                                   "duplicates": scan_import.duplicates, "blanks": scan_import.blanks,
                                   "manual": scan_import.manual},
                         "quality_html": render_to_string("paper/includes/scan_quality.html",
                                                          {"item": scan_import}),
                         "queue_link": ngettext("Review queue (%(counter)s task)", "Review queue (%(counter)s tasks)",
                                                open_tasks) % {"counter": open_tasks}})


def _lockable(user):
    stale = timezone.now() - datetime.timedelta(minutes=LOCK_MINUTES)
    return _tasks_for(user).filter(status=ReviewTask.Status.OPEN).filter(
        Q(locked_by__isnull=True) | Q(locked_by=user) | Q(locked_at__lt=stale))


def queue(request):
    """The review queue: what waits, by kind; "start" takes the next task and locks it to you."""
    _check(request.user)
    counts = dict(_tasks_for(request.user).filter(status="open").values_list("kind").annotate(n=Count("pk")))
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        with transaction.atomic():
            tasks = _lockable(request.user).select_for_update(skip_locked=True)
            if kind in ReviewTask.Kind.values:
                tasks = tasks.filter(kind=kind)
            task = tasks.order_by("pk").first()
            if task is None:
                messages.info(request, _("Nothing is waiting for review."))
                return redirect("participation:scan_queue")
            if task.kind == ReviewTask.Kind.TEXT:
                return redirect("participation:scan_text", question_id=task.question_id)
            task.locked_by, task.locked_at = request.user, timezone.now()
            task.save(update_fields=["locked_by", "locked_at"])
        return redirect("participation:scan_task", task_id=task.pk)
    return TemplateResponse(request, "paper/scan_queue.html", {
        "counts": [(value, label, counts.get(value, 0)) for value, label in ReviewTask.Kind.choices],
        "total": sum(counts.values()),
    })


def _question(task):
    from participation.surveys.questions import all_questions

    version = task.page.form_version
    if version is None or not version.survey_id:
        return None
    return next((q for q in all_questions(version.survey) if q.id == task.question_id[:36]), None)


def _options(task, question):
    """(anchor, label) for every box of the task, in the printed order."""
    labels = question.handler.box_labels(question, task.question_id) if question is not None else FIXED_BOXES
    return [(anchor, labels.get(anchor, anchor.rsplit("-", 1)[-1])) for anchor in task.machine]


def task_view(request, task_id):
    _check(request.user)
    task = get_object_or_404(_tasks_for(request.user).select_related("page__form_version__survey"), pk=task_id)
    if task.status == ReviewTask.Status.DONE:
        return redirect("participation:scan_queue")
    if task.locked_by_id and task.locked_by_id != request.user.pk and task.locked_at and (
        task.locked_at > timezone.now() - datetime.timedelta(minutes=LOCK_MINUTES)
    ):
        messages.error(request, _("Somebody else is working on this task."))
        return redirect("participation:scan_queue")
    question = _question(task) if task.kind == ReviewTask.Kind.BOXES else None
    options = _options(task, question) if task.kind == ReviewTask.Kind.BOXES else []
    if request.method == "POST":
        if task.kind == ReviewTask.Kind.BOXES:
            if "accept_page" in request.POST:
                for other in task.page.tasks.filter(kind=ReviewTask.Kind.BOXES, status=ReviewTask.Status.OPEN):
                    resolve(other, request.user, {"ticked": [a for a, s in other.machine.items() if s == "ticked"],
                                                  "accepted_page": True})
            else:
                chosen = [a for a in request.POST.getlist("ticked") if a in task.machine]
                resolve(task, request.user, {"ticked": chosen})
        else:
            action = request.POST.get("action")
            countable = action == "count" and task.reason in ("no_consent", "rescan")
            if action not in ("manual", "discard") and not countable:
                messages.error(request, _("Please choose what happens with this page."))
                return redirect("participation:scan_task", task_id=task.pk)
            resolve(task, request.user, {"action": action})
        return _next(request)
    ScanAudit.objects.create(user=request.user, action="viewed", page=task.page, task=task)
    return TemplateResponse(request, "paper/scan_task.html", {
        "task": task, "page": task.page, "question": question, "options": options,
        "entry_url": reverse("participation:paper_entry_sheet", args=[task.page.serial]) if task.page.serial else
        reverse("participation:paper_entry"),
    })


def _next(request):
    """Straight on to the next task of the same kind, or back to the queue."""
    task = _lockable(request.user).order_by("pk").first()
    if task is None:
        messages.success(request, _("The review queue is empty. Thank you!"))
        return redirect("participation:scan_queue")
    if task.kind == ReviewTask.Kind.TEXT:
        return redirect("participation:scan_text", question_id=task.question_id)
    ReviewTask.objects.filter(pk=task.pk).update(locked_by=request.user, locked_at=timezone.now())
    return redirect("participation:scan_task", task_id=task.pk)


IDEA_FIELDS = {  # the idea form's handwriting: (label, kind of input)
    "title": (gettext_lazy("Title of your idea"), "short_text"),
    "description": (gettext_lazy("Your idea"), "long_text"),
    "location_text": (gettext_lazy("Place"), "short_text"),
    "author_name": (gettext_lazy("Name shown with your idea"), "short_text"),
    "contact_email": (gettext_lazy("Email address for updates"), "short_text"),
    # Idea and survey forms: where the news goes when "Keep me informed" is ticked (participation.paper.follow).
    "follow_address": (gettext_lazy("Address for news about the process"), "long_text"),
}
FIXED_BOXES = {"box-consent": gettext_lazy("Consent"), "box-follow": gettext_lazy("Keep me informed")}
TEXT_FLAGS = [("text", gettext_lazy("As typed")), ("empty", gettext_lazy("Empty")),
              ("illegible", gettext_lazy("Illegible")), ("personal", gettext_lazy("Contains personal data"))]
TEXT_BATCH = 10


def text_context(question, question_id=""):
    """The transcription screen's question text and input (its kind's template and what that needs): a
    survey question, or a field of the idea form."""
    if question is not None:
        kind, question_text = question.handler, question.text
    else:
        question_text, name = IDEA_FIELDS.get(question_id, (question_id, "short_text"))
        kind = get_kind(name)
    return {"question_text": question_text, "input_template": kind.transcription_template, "flags": TEXT_FLAGS,
            **kind.transcription_context()}


def text_batch(request, question_id):
    """Handwriting of one question, up to ten snippets at once, each beside its input."""
    _check(request.user)
    with transaction.atomic():
        tasks = list(_lockable(request.user).select_for_update(skip_locked=True)
                     .filter(kind=ReviewTask.Kind.TEXT, question_id=question_id).select_related("page")
                     .order_by("pk")[:TEXT_BATCH])
        ReviewTask.objects.filter(pk__in=[t.pk for t in tasks]).update(locked_by=request.user,
                                                                      locked_at=timezone.now())
    if not tasks:
        return _next(request)
    context = text_context(_question(tasks[0]), question_id)
    if request.method == "POST":
        for task in tasks:
            flag = request.POST.get(f"flag-{task.pk}", "text")
            if f"value-{task.pk}" not in request.POST and flag == "text":
                continue  # not on the form that was sent (a newer task): stays open
            value = request.POST.get(f"value-{task.pk}", "")[:2000]
            resolve(task, request.user, {"value": value, "flag": flag if flag in dict(TEXT_FLAGS) else "text"})
        return _next(request)
    # One insert for the whole batch, not one per snippet shown.
    ScanAudit.objects.bulk_create([ScanAudit(user=request.user, action="viewed", page=task.page, task=task)
                                   for task in tasks])
    return TemplateResponse(request, "paper/scan_text.html", {"tasks": tasks, **context})


def _image_response(data, request, page, task=None, action="image"):
    ScanAudit.objects.create(user=request.user, action=action, page=page, task=task)
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


def task_image(request, task_id):
    """The aligned page cut to the question, with what the machine read drawn over the boxes."""
    from PIL import Image, ImageDraw

    _check(request.user)
    task = get_object_or_404(_tasks_for(request.user).select_related("page__form_version"), pk=task_id)
    page = task.page
    if task.kind == ReviewTask.Kind.TEXT and task.snippet:
        with task.snippet.open("rb") as handle:
            return _image_response(handle.read(), request, page, task, "snippet")
    source = page.warped if page.warped else page.image
    if not source:
        raise Http404
    with source.open("rb") as handle:
        image = Image.open(handle).convert("RGB")
    if task.kind == ReviewTask.Kind.BOXES and page.warped:
        layout = page.form_version.layout.get(f"page-{page.page_number}", {})
        draw = ImageDraw.Draw(image)
        colours = {"ticked": (0, 130, 60), "uncertain": (230, 120, 0), "filled": (200, 0, 0), "empty": (90, 90, 90)}
        rects = []
        for anchor, state in task.machine.items():
            x0, y0, x1, y1 = (v * PX_PER_MM for v in layout[anchor])
            rects.append((x0, y0, x1, y1))
            draw.rectangle((x0 - 6, y0 - 6, x1 + 6, y1 + 6), outline=colours.get(state, (0, 0, 0)), width=4)
        block = layout.get(f"q-{task.question_id[:36]}")
        left = min(r[0] for r in rects) - 40 * PX_PER_MM if rects else 0
        top = (block[1] * PX_PER_MM - 4 * PX_PER_MM) if block else min(r[1] for r in rects) - 20 * PX_PER_MM
        bottom = (block[3] * PX_PER_MM + 4 * PX_PER_MM) if block else max(r[3] for r in rects) + 10 * PX_PER_MM
        image = image.crop((max(0, int(left) if block is None else 0), max(0, int(top)), image.width,
                            min(image.height, int(bottom))))
    else:
        image.thumbnail((1200, 1700))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return _image_response(buffer.getvalue(), request, page, task)
