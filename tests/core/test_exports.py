"""Exports for staff: constant-memory writers, streamed or background jobs that fail honestly and run once,
expiring downloads, a log line per export, and access only for analysts (personal data only with the
extra permission)."""

import csv
import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core import exports, registry
from core.exports import Column, Dataset
from core.models import ExportJob, ExportLog, OutgoingEmail
from core.tasks import delete_expired_exports, run_export

pytestmark = pytest.mark.django_db

FORM = "/admin/exports/"
WHEN = timezone.make_aware(datetime.datetime(2026, 5, 1, 14, 3, 9))


class Numbers(Dataset):
    """A made-up dataset: `rows` numbered rows with a text that may look like a formula, and an email."""

    key = "test_numbers"
    label = "Zahlen"

    def __init__(self, rows=10, fail_after=None, texts=("Alles gut",)):
        self.total, self.fail_after, self.texts = rows, fail_after, texts

    def count(self, params, open_data=False):
        return self.total

    def columns(self, params, personal=False, open_data=False):
        columns = [Column("n", "Nummer"), Column("text", "Text"), Column("when", "Zeitpunkt"),
                   Column("share", "Anteil")]
        if personal:
            columns.append(Column("email", "E-Mail", personal=True))
        return columns

    def rows(self, params, personal=False, open_data=False):
        for number in range(self.total):
            if number == self.fail_after:
                raise RuntimeError("the database went away")
            row = (number, self.texts[number % len(self.texts)], WHEN, 0.5)
            yield row + ("person@example.org",) if personal else row

    def period(self, params, open_data=False):
        return WHEN.date(), WHEN.date()


@pytest.fixture
def numbers():
    dataset = Numbers()
    registry.export_datasets[dataset.key] = dataset
    yield dataset
    registry.export_datasets.pop(dataset.key, None)


@pytest.fixture(autouse=True)
def _remove_export_files(db):
    yield
    storage = ExportJob._meta.get_field("file").storage
    for job in ExportJob.objects.all():
        storage.delete(job.storage_name)


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def person(email, group=None, *perms, superuser=False):
    user = User.objects.create_user(email, "Ein-Langes-Passwort-1", is_superuser=superuser, is_staff=superuser)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


@pytest.fixture
def analyst(db):
    return person("ana.lyse@luebeck.example", "Auswertung")


@pytest.fixture
def trusted_analyst(db):
    return person("tru.analyse@luebeck.example", "Auswertung", "core.export_personal_data")


def parse_csv(data):
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the byte order mark
    return list(csv.reader(io.StringIO(text[1:])))


def start(client, dataset="test_numbers", **fields):
    data = {"dataset": dataset, "format": "csv", "headings": "labels", **fields}
    return client.post(FORM, data)


# --- writers ---------------------------------------------------------------------------------------------------


def test_csv_quotes_text_leaves_numbers_bare_and_writes_local_times():
    columns = [Column("n", "Nummer"), Column("text", "Text"), Column("when", "Zeitpunkt"), Column("ok", "OK")]
    text = "".join(exports.csv_chunks(columns, iter([(1, 'Er sagte "ja", dann', WHEN, True), (2, None, None, False)])))
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[0] == '"Nummer","Text","Zeitpunkt","OK"'
    assert lines[1] == '1,"Er sagte ""ja"", dann","2026-05-01 14:03:09",1'
    assert lines[2] == '2,"","",0'


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)",
                                       "\t=1", "\r=1"])
def test_csv_never_hands_a_spreadsheet_a_formula(dangerous):
    columns = [Column("text", "Text")]
    rows = list(csv.reader(io.StringIO("".join(exports.csv_chunks(columns, iter([(dangerous,)]))).lstrip("\ufeff"))))
    assert rows[1] == ["'" + dangerous]


def test_csv_headings_as_codes_for_statistics_software():
    columns = [Column("n", "Nummer"), Column("q3", "Wie sind Sie unterwegs?")]
    text = "".join(exports.csv_chunks(columns, iter([]), headings="codes"))
    assert text.lstrip("\ufeff").startswith('"n","q3"')


def test_json_is_one_array_of_objects_keyed_by_code():
    columns = [Column("n", "Nummer"), Column("when", "Zeitpunkt"), Column("text", "Text")]
    rows = iter([(n, WHEN, "Straße") for n in range(5000)])
    chunks = list(exports.json_chunks(columns, rows))
    assert len(chunks) > 1  # sent in pieces, not built whole
    data = json.loads("".join(chunks))
    assert len(data) == 5000
    assert data[0] == {"n": 0, "when": "2026-05-01T14:03:09+02:00", "text": "Straße"}


def test_xlsx_has_a_bold_header_real_dates_and_formulas_as_text(tmp_path):
    path = tmp_path / "export.xlsx"
    columns = [Column("n", "Nummer"), Column("text", "Text"), Column("when", "Zeitpunkt")]
    exports.write_xlsx(str(path), columns, iter([(1, "=1+1", WHEN), (2, "Holstentor", None)]), sheet_name="Zahlen")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
        workbook = archive.read("xl/workbook.xml").decode()
    assert 'name="Zahlen"' in workbook
    assert "<b/>" in styles  # the header's bold font
    assert "<f>" not in sheet  # "=1+1" is text, never a formula
    assert "=1+1" in sheet and "Holstentor" in sheet and "Zeitpunkt" in sheet
    assert "46143.58552" in sheet  # 2026-05-01 14:03:09 local time as an Excel date number


# --- streaming and jobs ----------------------------------------------------------------------------------------


def test_small_csv_streams_and_is_logged(client, analyst, numbers):
    client.force_login(analyst)
    response = start(client)
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    rows = parse_csv(b"".join(response.streaming_content))
    assert rows[0] == ["Nummer", "Text", "Zeitpunkt", "Anteil"]
    assert len(rows) == 11
    log = ExportLog.objects.get()
    assert (log.user, log.user_email, log.dataset, log.format, log.rows, log.delivery, log.include_personal) == (
        analyst, analyst.email, "test_numbers", "csv", 10, "streamed", False)
    assert log.params == {"headings": "labels"}
    assert not ExportJob.objects.exists()


def test_small_json_streams(client, analyst, numbers):
    client.force_login(analyst)
    response = start(client, format="json", headings="codes")
    assert response.streaming is True
    assert json.loads(b"".join(response.streaming_content))[3]["n"] == 3


def test_xlsx_and_big_csv_run_as_jobs_with_a_ready_mail(client, analyst, numbers, settings, queued_mail,
                                                         django_capture_on_commit_callbacks):
    settings.EXPORT_STREAM_LIMIT = 5  # the made-up dataset has 10 rows
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, format="csv")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core_export_job", args=[job.uuid])
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total, job.created_by) == ("done", 10, 10, analyst)
    assert job.file.name == f"exports/{job.uuid}.csv"
    assert job.expires_at == job.finished_at + datetime.timedelta(hours=24)
    assert [m.to for m in mail.outbox] == [[analyst.email]]
    assert reverse("core_export_job", args=[job.uuid]) in mail.outbox[0].body
    log = ExportLog.objects.get()
    assert (log.delivery, log.job, log.rows) == ("job", job, 10)

    page = client.get(reverse("core_export_job", args=[job.uuid]))
    assert page.status_code == 200
    assert reverse("core_export_download", args=[job.uuid]).encode() in page.content
    status = client.get(reverse("core_export_job_status", args=[job.uuid])).json()
    assert (status["status"], status["percent"], status["finished"]) == ("done", 100, True)
    download = client.get(reverse("core_export_download", args=[job.uuid]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="test-numbers-')
    assert len(parse_csv(b"".join(download.streaming_content))) == 11

    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, format="xlsx")
    xlsx_job = ExportJob.objects.exclude(pk=job.pk).get()
    assert xlsx_job.status == "done" and xlsx_job.file.name.endswith(".xlsx")
    assert ExportLog.objects.count() == 2  # every export is logged


def test_progress_is_reported_every_few_thousand_rows(tmp_path, numbers):
    numbers.total = 5000
    seen = []
    rows = exports.write_export(str(tmp_path / "x.csv"), numbers, {}, "csv", on_progress=seen.append)
    assert (rows, seen) == (5000, [2000, 4000])


def test_a_job_that_fails_midway_says_so_keeps_no_file_and_sends_no_mail(analyst, numbers, queued_mail,
                                                                          django_capture_on_commit_callbacks):
    numbers.total, numbers.fail_after = 5000, 4500
    job = ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="xlsx", rows_total=5000)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_export(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert "the database went away" in job.error
    assert not job.file
    storage = ExportJob._meta.get_field("file").storage
    assert [name for name in storage.listdir("exports")[1] if str(job.uuid) in name] == []  # no half file
    assert OutgoingEmail.objects.count() == 0 and mail.outbox == []


def test_failed_job_page_tells_the_truth(client, analyst, numbers):
    numbers.fail_after = 3
    job = ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="csv")
    run_export(job.pk)
    client.force_login(analyst)
    status = client.get(reverse("core_export_job_status", args=[job.uuid])).json()
    assert (status["status"], status["download_url"], status["finished"]) == ("failed", None, True)
    page = client.get(reverse("core_export_job", args=[job.uuid]))
    assert b"the database went away" in page.content
    download = client.get(reverse("core_export_download", args=[job.uuid]))
    assert (download.status_code, download["Location"]) == (302, reverse("core_export_job", args=[job.uuid]))


def test_a_job_run_twice_yields_one_file_and_one_mail(analyst, numbers, queued_mail,
                                                      django_capture_on_commit_callbacks):
    job = ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="json")
    with django_capture_on_commit_callbacks(execute=True):
        assert run_export(job.pk) == "done"
        assert run_export(job.pk) == "done already"
    storage = ExportJob._meta.get_field("file").storage
    assert [name for name in storage.listdir("exports")[1] if str(job.uuid) in name] == [f"{job.uuid}.json"]
    assert OutgoingEmail.objects.count() == 1 and len(mail.outbox) == 1


def test_a_rerun_after_a_killed_worker_replaces_the_file(analyst, numbers, queued_mail,
                                                          django_capture_on_commit_callbacks):
    """acks_late: the broker hands the task out again when a worker died mid-way (the job still "running",
    silent since: core.jobs takes it over once its heartbeat is older than JOB_STALL_TIMEOUT)."""
    died = timezone.now() - datetime.timedelta(minutes=10)
    job = ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="csv",
                                   status=ExportJob.Status.RUNNING, rows_done=4000, attempts=1, heartbeat_at=died)
    storage = ExportJob._meta.get_field("file").storage
    leftover = storage.path(f"exports/.{job.uuid}.dead.part")
    storage.save(f"exports/.{job.uuid}.dead.part", io.BytesIO(b"half"))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_export(job.pk) == "done"
    job.refresh_from_db()
    assert job.status == "done" and job.rows_done == 10
    assert len(mail.outbox) == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        delete_expired_exports()
    storage_files = storage.listdir("exports")[1]
    assert not any(str(job.uuid) in name for name in storage_files)  # the leftover and the expired file
    assert leftover.endswith(".part")


def test_expired_download_is_gone_and_the_file_is_deleted(client, analyst, numbers):
    job = ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="csv")
    run_export(job.pk)
    job.refresh_from_db()
    storage = ExportJob._meta.get_field("file").storage
    assert storage.exists(job.file.name)
    client.force_login(analyst)
    with time_machine.travel(job.expires_at + datetime.timedelta(minutes=1)):
        assert client.get(reverse("core_export_download", args=[job.uuid])).status_code == 410
        assert client.get(reverse("core_export_job_status", args=[job.uuid])).json()["expired"] is True
        assert delete_expired_exports() == 1
        job.refresh_from_db()
        assert not job.file
        assert not storage.exists(f"exports/{job.uuid}.csv")
        assert client.get(reverse("core_export_download", args=[job.uuid])).status_code == 410
        assert delete_expired_exports() == 0  # safe twice


# --- who may export --------------------------------------------------------------------------------------------


@pytest.fixture
def done_job(analyst, numbers):
    job = ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="csv")
    run_export(job.pk)
    return job


@pytest.mark.parametrize("who", ["anonymous", "resident", "moderator", "editor", "coordinator", "other_analyst"])
def test_only_analysts_reach_exports_and_only_their_own_files(client, who, done_job):
    users = {
        "resident": lambda: person("pia@example.org"),
        "moderator": lambda: person("mo@luebeck.example", "Moderation"),
        "editor": lambda: person("ed@luebeck.example", "Redaktion"),
        "coordinator": lambda: person("co@luebeck.example", "Freiwilligenagentur"),
        "other_analyst": lambda: person("zweite@luebeck.example", "Auswertung"),
    }
    if who in users:
        client.force_login(users[who]())
    job_urls = [reverse(name, args=[done_job.uuid])
                for name in ("core_export_job", "core_export_job_status", "core_export_download")]
    pages = [FORM, f"{FORM}?dataset=test_numbers", reverse("core_export_list")]
    for url in job_urls if who == "other_analyst" else pages + job_urls:
        response = client.get(url)
        assert response.status_code in (302, 403), (who, url, response.status_code)
        assert not getattr(response, "streaming", False)
        assert b"Alles gut" not in response.content
    if who != "other_analyst":
        assert start(client).status_code in (302, 403)
        assert not ExportLog.objects.exists()


def test_analysts_and_superusers_get_in(client, analyst, numbers, done_job):
    client.force_login(analyst)
    assert client.get(FORM).status_code == 200
    assert client.get(f"{FORM}?dataset=test_numbers").status_code == 200
    assert client.get(reverse("core_export_list")).status_code == 200
    client.force_login(person("admin@luebeck.example", superuser=True))
    assert client.get(reverse("core_export_download", args=[done_job.uuid])).status_code == 200


def test_the_menu_shows_exports_to_analysts_only(client, analyst):
    client.force_login(analyst)
    assert FORM.encode() in client.get("/admin/").content
    client.force_login(person("mo@luebeck.example", "Moderation"))
    assert FORM.encode() not in client.get("/admin/").content


def test_personal_columns_only_with_the_extra_permission(client, analyst, trusted_analyst, numbers):
    client.force_login(analyst)
    assert b'name="include_personal"' not in client.get(f"{FORM}?dataset=test_numbers").content
    refused = start(client, include_personal="on")
    assert refused.status_code == 200 and not getattr(refused, "streaming", False)
    assert "personal_data_not_allowed" in [error.code for error in refused.context["form"].non_field_errors().data]
    assert not ExportLog.objects.exists()

    client.force_login(trusted_analyst)
    assert b'name="include_personal"' in client.get(f"{FORM}?dataset=test_numbers").content
    without = parse_csv(b"".join(start(client).streaming_content))
    assert "E-Mail" not in without[0] and "person@example.org" not in str(without)
    with_personal = parse_csv(b"".join(start(client, include_personal="on").streaming_content))
    assert with_personal[0][-1] == "E-Mail" and with_personal[1][-1] == "person@example.org"
    assert list(ExportLog.objects.order_by("pk").values_list("include_personal", flat=True)) == [False, True]


def test_open_data_never_with_personal_data(client, trusted_analyst, numbers):
    client.force_login(trusted_analyst)
    response = start(client, format="opendata", include_personal="on")
    assert response.status_code == 200
    assert response.context["form"].errors["include_personal"]
    assert not ExportJob.objects.exists()


def test_the_form_is_prefilled_from_the_address(client, analyst, numbers):
    client.force_login(analyst)
    response = client.get(f"{FORM}?dataset=test_numbers&format=xlsx")
    assert response.context["form"].initial["format"] == "xlsx"
    assert response.context["form"]["format"].value() == "xlsx"


def test_my_exports_lists_only_mine_in_a_fixed_number_of_queries(client, analyst, numbers):
    other = person("zweite@luebeck.example", "Auswertung")
    ExportJob.objects.create(created_by=other, dataset=numbers.key, format="csv")
    client.force_login(analyst)

    def queries(count):
        for job in ExportJob.objects.filter(created_by=analyst):
            job.file.delete()
            job.delete()
        for _number in range(count):
            run_export(ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="csv").pk)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("core_export_list"))
        assert response.status_code == 200
        assert response.content.count(b"data-job=") == count
        return len(captured)

    assert queries(2) == queries(12)


def test_the_form_page_needs_a_fixed_number_of_queries(client, analyst, numbers):
    client.force_login(analyst)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{FORM}?dataset=test_numbers").status_code == 200
    assert len(captured) <= 13  # 12, and the admin menu asks once whether she organises an event (issue 25)


def test_analysts_may_export_but_personal_data_needs_a_grant_per_person(analyst, trusted_analyst):
    granted = set(Group.objects.get(name="Auswertung").permissions.values_list("codename", flat=True))
    assert {"add_exportjob", "view_exportjob"} <= granted
    assert "export_personal_data" not in granted
    assert exports.may_export(analyst) and not exports.may_export_personal(analyst)
    assert exports.may_export_personal(trusted_analyst)


def test_the_export_log_is_read_only_for_those_who_check_data_protection(client, analyst, numbers):
    client.force_login(analyst)
    b"".join(start(client).streaming_content)
    assert client.get("/admin/exports/log/").status_code == 403  # analysts see their own jobs, not the log
    checker = person("datenschutz@luebeck.example", None, "wagtailadmin.access_admin", "core.view_exportlog")
    client.force_login(checker)
    page = client.get("/admin/exports/log/")
    html = page.content.decode()
    assert page.status_code == 200 and html.count("data-log-entry") == 1
    assert analyst.email in html and "test_numbers" in html
    assert "/admin/exports/log/" in client.get("/admin/").content.decode().replace("\\u002D", "-")
