"""Exports for staff: datasets the feature apps register, written in constant memory.

A dataset (registered through :mod:`core.registry`) names its columns and yields its rows from
``.values_list(...).iterator(chunk_size=…)``, so no export ever holds a whole queryset. Small CSV and JSON
exports stream straight to the browser; XLSX, open data and everything above ``EXPORT_STREAM_LIMIT`` rows
are written by the worker (:func:`run_job`) to a file named after the job, kept ``EXPORT_KEEP_HOURS``.
Every export is written to :class:`core.models.ExportLog`, streamed or not. Column names and labels are in
the site's language (German), whatever language the admin is shown in.

CSV: UTF-8 with a byte order mark (Excel then reads the umlauts right), comma-separated (the RFC 4180
default that statistics software and Python/R read without options; German Excel opens it through
"Data → From text" or LibreOffice directly), every text value quoted, numbers bare, times in the site's
time zone as ``YYYY-MM-DD HH:MM:SS``. Text that a spreadsheet would run as a formula (starting with
= + - @, tab or carriage return) gets a leading ``'`` in CSV; XLSX cells are always written as text.
"""

import contextlib
import csv
import io
import json
import logging
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import jobs, registry
from core.dispatch import dispatch
from core.links import absolute

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 2000  # rows between progress updates of a job (one UPDATE each)
CHUNK_SIZE = 2000  # rows fetched from the database at a time
FLUSH_BYTES = 64 * 1024  # a streamed response sends pieces of about this size
FORMULA_STARTS = frozenset("=+-@\t\r")
HEADINGS = [("labels", gettext_lazy("Readable column names")),
            ("codes", gettext_lazy("Short codes (for statistics software)"))]


def stream_limit():
    """CSV and JSON exports up to this many rows are streamed; bigger ones run in the background."""
    return getattr(settings, "EXPORT_STREAM_LIMIT", 20_000)


def keep_hours():
    """How long a prepared export file can be downloaded."""
    return getattr(settings, "EXPORT_KEEP_HOURS", 24)


@dataclass(frozen=True)
class Column:
    code: str  # stable and machine-readable: the JSON key and the "codes" heading
    label: str  # what a person reads
    personal: bool = False
    free_text: bool = False  # typed by a person (a description, an answer, a note): never in open data


class Dataset:
    """What a feature app registers: its rows for export, read in constant memory.

    Subclasses set ``key`` and ``label`` and implement ``count``, ``columns`` and ``rows``. ``params`` is the
    JSON-safe dict of filters the export form produced (``source``, ``date_from``, ``date_to``, ``channel``);
    with ``personal`` the personal columns are included, with ``open_data`` the rows are those fit to publish.
    """

    key = ""
    label = ""
    description = ""
    source_label = None  # e.g. "Survey": the form then asks for one of `sources()`
    source_required = False
    date_range = False  # the form offers from/to dates
    channel_choices = None  # the form offers a channel filter
    open_data = True  # may be published as open data
    has_personal_data = True
    permission = "core.add_exportjob"

    def has_permission(self, user):
        return user.has_perm(self.permission)

    def sources(self, user=None):
        """[(id, label)] the export can be limited to (processes, surveys, organisations); with `user`, only those
        of the user's municipalities (core.staff_scope)."""
        return []

    def count(self, params, open_data=False):
        raise NotImplementedError

    def columns(self, params, personal=False, open_data=False):
        raise NotImplementedError

    def rows(self, params, personal=False, open_data=False):
        """Tuples in the order of `columns`, from an iterator (never a list of everything)."""
        raise NotImplementedError

    def period(self, params, open_data=False):
        """(first, last) date of the data, for the open-data metadata."""
        return None, None

    def title(self, params):
        return str(self.label)

    def file_stem(self, params):
        return self.key.replace("_", "-")

    def public_page(self, params):
        """The public page the data comes from (a process, a survey), for the open-data landing page; or None."""
        return None

    def sample(self, rows):
        """A context manager that creates `rows` made-up records for benchmarks and yields the params that
        select them (optional: only datasets that the export benchmark measures implement it)."""
        raise NotImplementedError


class QuerySetDataset(Dataset):
    """A dataset whose rows come from one queryset, ``queryset(params, open_data)``: counted by it, and dated by
    ``period_field`` (a date-time field: the first and last day of its values in the site's time zone)."""

    period_field = ""

    def queryset(self, params, open_data=False):
        raise NotImplementedError

    def count(self, params, open_data=False):
        return self.queryset(params, open_data).count()

    def period(self, params, open_data=False):
        if not self.period_field:
            return None, None
        bounds = self.queryset(params, open_data).aggregate(first=Min(self.period_field), last=Max(self.period_field))
        return tuple(timezone.localtime(bounds[key]).date() if bounds[key] else None for key in ("first", "last"))


def source_id(params):
    """The export's source (a process, survey or organisation id) from the form's params, or None."""
    source = params.get("source")
    return int(source) if source not in (None, "") else None


def date_range_lookups(field, params):
    """The form's from–to dates as lookups on a date-time field; both ends are whole days in the site's time
    zone."""
    lookups = {}
    if params.get("date_from"):
        day = date.fromisoformat(params["date_from"])
        lookups[f"{field}__gte"] = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    if params.get("date_to"):
        day = date.fromisoformat(params["date_to"]) + timedelta(days=1)
        lookups[f"{field}__lt"] = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return lookups


def get_dataset(key):
    return registry.export_datasets[key]


def datasets_for(user):
    return [dataset for dataset in registry.export_datasets.values() if dataset.has_permission(user)]


def may_export(user):
    return user.is_authenticated and user.has_perm("core.add_exportjob")


def may_export_personal(user):
    return user.is_authenticated and user.has_perm("core.export_personal_data")


# --- cells ---------------------------------------------------------------------------------------------------


def guard_formula(text):
    """Spreadsheets run text starting with = + - @ as a formula: a leading ' keeps it text."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _csv_cell(value):
    kind = type(value)
    if kind is str:
        return "'" + value if value[:1] in FORMULA_STARTS else value
    if value is None:
        return ""
    if kind is bool:
        return int(value)
    if kind is datetime:
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S") if timezone.is_aware(value) else (
            value.strftime("%Y-%m-%d %H:%M:%S"))
    if kind is date:
        return value.isoformat()
    return value  # int, float, Decimal: written bare


def _json_default(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def headers(columns, headings="labels"):
    return [column.code if headings == "codes" else str(column.label) for column in columns]


# --- writers -------------------------------------------------------------------------------------------------


def csv_chunks(columns, rows, headings="labels", bom=True):
    """The CSV text in pieces of about FLUSH_BYTES (for a streamed response or a file)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    if bom:
        buffer.write("\ufeff")
    writer.writerow([guard_formula(text) for text in headers(columns, headings)])
    writerow, cell = writer.writerow, _csv_cell
    for row in rows:
        writerow([cell(value) for value in row])
        if buffer.tell() >= FLUSH_BYTES:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(columns, rows):
    """A JSON array with one object per row (keys are the column codes), in pieces."""
    codes = [column.code for column in columns]
    parts, size, first = ["[\n"], 2, True
    dumps = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
    for row in rows:
        text = ("" if first else ",\n") + dumps(dict(zip(codes, row, strict=True)))
        first = False
        parts.append(text)
        size += len(text)
        if size >= FLUSH_BYTES:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("\n]\n")
    yield "".join(parts)


def write_text_file(path, chunks):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)


def write_xlsx(path, columns, rows, headings="labels", sheet_name="Export", tmpdir=None):
    """An XLSX workbook written row by row (XlsxWriter's constant_memory mode): bold header row, real
    dates, and every text cell written as text (never a formula or a link). XlsxWriter keeps the rows in a
    temporary file (about as big as the data) in `tmpdir`, by default the folder of `path`."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False,
                                          "strings_to_urls": False, "strings_to_numbers": False,
                                          "tmpdir": tmpdir or os.path.dirname(path) or None})
    try:
        sheet = workbook.add_worksheet(_sheet_name(sheet_name))
        bold = workbook.add_format({"bold": True})
        datetime_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.set_column(0, max(len(columns) - 1, 0), 18)
        for index, text in enumerate(headers(columns, headings)):
            sheet.write_string(0, index, text, bold)
        sheet.freeze_panes(1, 0)
        write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
        localtime, is_aware = timezone.localtime, timezone.is_aware
        for row_number, row in enumerate(rows, start=1):
            for index, value in enumerate(row):
                kind = type(value)
                if kind is str:
                    if value:
                        write_string(row_number, index, value)
                elif value is None:
                    continue
                elif kind is int or kind is float:
                    write_number(row_number, index, value)
                elif kind is bool:
                    write_number(row_number, index, int(value))
                elif kind is Decimal:
                    write_number(row_number, index, float(value))
                elif kind is datetime:
                    moment = localtime(value).replace(tzinfo=None) if is_aware(value) else value
                    write_datetime(row_number, index, moment, datetime_format)
                elif kind is date:
                    write_datetime(row_number, index, value, date_format)
                else:
                    write_string(row_number, index, str(value))
    finally:
        workbook.close()


def _sheet_name(name):
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in str(name)).strip()
    return (cleaned or "Export")[:31]


class Counted:
    """Passes rows through, counting them and reporting every `every` rows."""

    def __init__(self, rows, on_progress=None, every=PROGRESS_EVERY):
        self.rows, self.on_progress, self.every, self.count = rows, on_progress, every, 0

    def __iter__(self):
        count, every, report = 0, self.every, self.on_progress
        for row in self.rows:
            yield row
            count += 1
            if report is not None and count % every == 0:
                self.count = count
                report(count)
        self.count = count


def write_export(path, dataset, params, fmt, personal=False, on_progress=None, tmpdir=None):
    """Write one export file at `path` (temporary files in `tmpdir`); returns the number of data rows."""
    from core import opendata

    headings = params.get("headings", "labels")
    if fmt == "opendata":
        return opendata.write_zip(path, dataset, params, headings=headings, on_progress=on_progress)
    columns = dataset.columns(params, personal=personal)
    rows = Counted(dataset.rows(params, personal=personal), on_progress)
    if fmt == "csv":
        write_text_file(path, csv_chunks(columns, rows, headings))
    elif fmt == "json":
        write_text_file(path, json_chunks(columns, rows))
    elif fmt == "xlsx":
        write_xlsx(path, columns, rows, headings, sheet_name=dataset.label, tmpdir=tmpdir)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return rows.count


# --- streaming -----------------------------------------------------------------------------------------------


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "opendata": "application/zip",
}


def download_name(dataset, params, fmt, moment=None):
    from core.models import ExportFormat

    stamp = timezone.localtime(moment or timezone.now()).strftime("%Y-%m-%d")
    return f"{dataset.file_stem(params)}-{stamp}.{ExportFormat(fmt).extension}"


def is_streamable(fmt, count):
    return fmt in ("csv", "json") and count <= stream_limit()


def stream(user, dataset, params, fmt, personal, count):
    """A response that writes the export while it is sent (constant memory); logged first."""
    from django.http import StreamingHttpResponse

    from core.models import ExportLog

    log_export(user, dataset, params, fmt, personal, rows=count, delivery=ExportLog.Delivery.STREAMED)
    response = StreamingHttpResponse(_streamed(dataset, params, fmt, personal), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{download_name(dataset, params, fmt)}"'
    response["Cache-Control"] = "no-store"  # may hold personal data: never kept by a cache
    return response


def _streamed(dataset, params, fmt, personal):
    """The pieces of a streamed export, in the site's language like the files the worker writes (the rows
    are read while the response is sent, after the view has returned)."""
    with translation.override(settings.LANGUAGE_CODE):
        columns = dataset.columns(params, personal=personal)
        rows = dataset.rows(params, personal=personal)
        if fmt == "csv":
            yield from csv_chunks(columns, rows, params.get("headings", "labels"))
        else:
            yield from json_chunks(columns, rows)


def log_export(user, dataset, params, fmt, personal, rows, delivery, job=None):
    from core.models import ExportLog

    return ExportLog.objects.create(
        **ExportLog.who(user), dataset=dataset.key, format=fmt, params=params,
        include_personal=personal, rows=rows, delivery=delivery, job=job,
    )


# --- background jobs -----------------------------------------------------------------------------------------


def start_job(user, dataset, params, fmt, personal, count):
    """Create the job, log it and hand it to the worker after commit."""
    from core.models import ExportJob, ExportLog
    from core.tasks import run_export

    job = ExportJob.objects.create(created_by=user, dataset=dataset.key, format=fmt, params=params,
                                   include_personal=personal, rows_total=count)
    log_export(user, dataset, params, fmt, personal, rows=count, delivery=ExportLog.Delivery.JOB, job=job)
    transaction.on_commit(lambda: dispatch(run_export, job.pk))
    return job


def _storage():
    """The storage the job's file field uses (the private one)."""
    from core.models import ExportJob

    return ExportJob._meta.get_field("file").storage


def _remove(path):
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def run_job(job_id):
    """Write a job's file. Safe to run twice: the job is claimed under a row lock (a finished job, or one a live
    run holds, is skipped); the file is written in the run's scratch folder and moved to the job's fixed name
    by the run that turns the job "done" under the lock, which alone queues the "ready" mail."""
    from core.models import ExportJob

    run, skipped = jobs.claim(ExportJob, job_id)
    if run is None:
        return skipped
    job = run.job
    try:
        return _write_job(run, job)
    finally:
        run.cleanup()  # the .part file of a run that did not finish, XlsxWriter's temp files


def _write_job(run, job):
    from core.models import ExportJob

    final_path = _storage().path(job.storage_name)
    temporary = run.path(f"{job.uuid}.part")
    try:
        dataset = get_dataset(job.dataset)
        open_data = job.format == "opendata"
        personal = job.include_personal and not open_data
        total = dataset.count(job.params, open_data=open_data)
        run.beat(force=True, rows_done=0, rows_total=total)
        with translation.override(settings.LANGUAGE_CODE):  # column names and labels in the site's language
            rows = write_export(temporary, dataset, job.params, job.format, personal=personal,
                                on_progress=lambda done: run.beat(rows_done=done), tmpdir=str(run.scratch))
    except jobs.Superseded:
        return "superseded"  # the stall sweep gave the job to another run, or gave it up
    except Exception as error:  # noqa: BLE001 - any failure is an honest "failed", never a half file
        logger.exception("Export %s failed", job.uuid)
        run.fail(f"{type(error).__name__}: {error}"[:480])
        return "failed"
    except BaseException:
        # The worker is being stopped (SystemExit, KeyboardInterrupt): the job waits for the task the broker
        # hands out again (acks_late, reject_on_worker_lost).
        run.release()
        raise

    os.makedirs(os.path.dirname(final_path), exist_ok=True)
    with transaction.atomic():
        job = run.lock()
        if job is None:  # another run holds the job now (or finished it): its file and mail stand
            return "superseded"
        os.replace(temporary, final_path)
        now = timezone.now()
        job.file.name = job.storage_name
        job.status, job.rows_done, job.rows_total, job.error = ExportJob.Status.DONE, rows, rows, ""
        job.finished_at, job.expires_at = now, now + timedelta(hours=keep_hours())
        job.save()
        job.logs.update(rows=rows)
        send_ready_mail(job)  # stored with this transaction; the mail backend sends it after commit
    return "done"


def send_ready_mail(job):
    user = job.created_by
    if user is None or not user.email:
        return
    dataset = registry.export_datasets.get(job.dataset)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "job": job, "dataset": dataset.label if dataset else job.dataset,
            "url": absolute(reverse("core_export_job", args=[job.uuid])),
            "expires_at": timezone.localtime(job.expires_at),
        }
        send_mail(_("Your export is ready"), render_to_string("core/exports/ready_mail.txt", context), None,
                  [user.email])


def delete_expired(moment=None):
    """Delete the files of expired jobs and leftovers of runs that died. Safe twice: gone files are skipped."""
    from core.models import ExportJob

    moment = moment or timezone.now()
    storage = _storage()
    deleted = 0
    expired = ExportJob.objects.filter(expires_at__lte=moment).exclude(file="")
    for job_id, name in expired.values_list("pk", "file").iterator(chunk_size=500):
        storage.delete(name)
        ExportJob.objects.filter(pk=job_id).update(file="")
        deleted += 1
    # What runs killed mid-way left here before runs wrote into their scratch folders (core.jobs, which
    # cleans those): `.part` files and XlsxWriter's `tmp…` files.
    folder = storage.path("exports")
    if os.path.isdir(folder):
        cutoff = (moment - timedelta(hours=keep_hours())).timestamp()
        for entry in os.scandir(folder):
            leftover = entry.name.endswith(".part") or entry.name.startswith("tmp")
            if leftover and entry.stat().st_mtime < cutoff:
                _remove(entry.path)
    return deleted
