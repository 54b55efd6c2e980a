"""Jobs people start and watch (exports, "download my data", print batches, scan imports): a job whose worker
died is found by its silent heartbeat, sent again or failed with a message its starter sees on the job's page
and gets by mail, and every file its runs left is removed. One real worker is killed with SIGKILL; the rest
are plain database tests of the same sweep."""

import datetime
import os
import signal
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone, translation

from accounts.models import DataExport, User
from core import jobs, registry
from core.models import ExportJob, OutgoingEmail
from core.tasks import recover_at_worker_start, recover_stalled_jobs, run_export
from participation.paper.models import PrintBatch, ScanImport
from participation.surveys.models import SurveyPage
from tests.core.test_exports import Numbers
from tests.core.worker_process import celery_worker, new_queue, tasks_sent_to, wait_for

LATER = datetime.timedelta(minutes=6)  # past the default JOB_STALL_TIMEOUT (five minutes)


def stalled_message():
    with translation.override(settings.LANGUAGE_CODE):
        return jobs.stalled_message()


def starter(email, group=None, **fields):
    user = User.objects.create_user(email, "Ein-Langes-Passwort-1", **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def survey():
    return SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")


# Each kind of job: who starts it, how, and what its page shows once the sweep gave it up.
KINDS = {
    "export": (
        lambda: starter("ana.lyse@luebeck.example", "Auswertung"),
        lambda owner: ExportJob.objects.create(created_by=owner, dataset="test_numbers", format="csv"),
        lambda html: stalled_message() in html,
    ),
    "data_export": (
        lambda: starter("pia.petersen@example.org"),
        lambda owner: DataExport.objects.create(user=owner),
        lambda html: 'data-export-state="failed"' in html,  # "Preparing your data failed. Please try again…"
    ),
    "print_batch": (
        lambda: starter("druckerei@luebeck.example", "Redaktion", is_staff=True),
        lambda owner: PrintBatch.objects.create(survey=survey(), count=40, created_by=owner),
        lambda html: stalled_message() in html,
    ),
    "scan_import": (
        lambda: starter("scan.analyse@luebeck.example", "Auswertung"),
        lambda owner: ScanImport.objects.create(file="scans/imports/2026/11/stapel.tif", original_name="stapel.tif",
                                                sha256="5" * 64, uploaded_by=owner),
        lambda html: stalled_message() in html,
    ),
}


@pytest.fixture
def numbers():
    dataset = Numbers(rows=10)
    registry.export_datasets[dataset.key] = dataset
    yield dataset
    registry.export_datasets.pop(dataset.key, None)


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def died_while_running(job, attempt, moment):
    """What a run killed at `moment` leaves: the job "running" and files in its scratch folder."""
    type(job).objects.filter(pk=job.pk).update(status=type(job).running_statuses[0], attempts=attempt,
                                               heartbeat_at=moment, started_at=moment)
    folder = job.scratch_dir(attempt)
    folder.mkdir(parents=True)
    (folder / f"{job.uuid}.part").write_bytes(b"PK half a file")
    (folder / "tmpq8x2kz").write_bytes(b"<row r='1'>" * 1000)  # what XlsxWriter keeps until it closes


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(KINDS))
def test_a_job_whose_worker_died_is_sent_again_then_failed_with_a_message_to_its_starter(
        kind, client, demo_site, numbers, queued_mail, django_capture_on_commit_callbacks):
    make_owner, make_job, page_shows_failure = KINDS[kind]
    owner = make_owner()
    job = make_job(owner)
    now = timezone.now()
    died_while_running(job, 1, now)
    sent = []
    resend = mock.patch("core.jobs.dispatch", side_effect=lambda task, *args: sent.append((task.name, *args)))

    with resend, django_capture_on_commit_callbacks(execute=True):
        assert "sent again" not in jobs.recover_stalled(now + datetime.timedelta(minutes=4))  # not silent long enough
        assert jobs.recover_stalled(now + LATER)["sent again"] == 1
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("queued", 1, "")
    assert sent == [(type(job).task_name, job.pk)]  # its own task, which is safe to run twice
    assert not job.scratch_dir().exists()  # the dead run's .part and XlsxWriter files are gone

    died_while_running(job, settings.JOB_MAX_ATTEMPTS, now + LATER)  # the second run dies too
    with resend, django_capture_on_commit_callbacks(execute=True):
        assert jobs.recover_stalled(now + 2 * LATER)["failed"] == 1
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", stalled_message()) and job.finished_at is not None
    assert not job.scratch_dir().exists() and len(sent) == 1
    assert [message.to for message in mail.outbox] == [[owner.email]]  # stored, then sent after commit
    assert OutgoingEmail.objects.filter(recipients=[owner.email], sent_at__isnull=False).count() == 1
    with translation.override(settings.LANGUAGE_CODE):
        assert job.describe() in mail.outbox[0].subject
    assert stalled_message() in mail.outbox[0].body and job.watch_url() in mail.outbox[0].body

    client.force_login(owner)
    page = client.get(job.watch_url())
    assert page.status_code == 200 and page_shows_failure(page.content.decode())


@pytest.mark.django_db
def test_a_job_sent_again_is_finished_by_the_next_run_with_one_file_and_one_mail(
        numbers, queued_mail, django_capture_on_commit_callbacks):
    owner = starter("ana.lyse@luebeck.example", "Auswertung")
    job = ExportJob.objects.create(created_by=owner, dataset=numbers.key, format="xlsx")
    now = timezone.now()
    died_while_running(job, 1, now - LATER)
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_stalled_jobs()["sent again"] == 1  # the next run (in this process) writes the file
    job.refresh_from_db()
    assert (job.status, job.attempts, job.rows_done) == ("done", 2, 10)
    folder = ExportJob._meta.get_field("file").storage.path("exports")
    assert [name for name in os.listdir(folder) if str(job.uuid) in name] == [f"{job.uuid}.xlsx"]
    assert not job.scratch_dir().exists()
    assert [message.subject for message in mail.outbox] == ["Ihr Export ist bereit"]
    job.file.delete(save=False)


@pytest.mark.django_db
def test_a_run_the_sweep_gave_up_on_can_no_longer_finish_the_job(numbers, queued_mail, settings,
                                                                  django_capture_on_commit_callbacks):
    """A worker that was only very slow (not dead) comes back after the sweep failed its job: it keeps no file
    and sends no "ready" mail, so the job's page and mails never contradict each other."""
    settings.JOB_MAX_ATTEMPTS = 1
    owner = starter("ana.lyse@luebeck.example", "Auswertung")
    job = ExportJob.objects.create(created_by=owner, dataset=numbers.key, format="csv")
    rows = numbers.rows

    def slow_rows(params, personal=False, open_data=False):
        for number, row in enumerate(rows(params, personal, open_data)):
            if number == 5:  # meanwhile the sweep heard nothing for longer than the stall timeout
                assert jobs.recover_stalled(timezone.now() + LATER)["failed"] == 1
            yield row

    with mock.patch.object(numbers, "rows", slow_rows), django_capture_on_commit_callbacks(execute=True):
        assert run_export(job.pk) == "superseded"
    job.refresh_from_db()
    assert (job.status, job.error, job.file.name) == ("failed", stalled_message(), "")
    folder = ExportJob._meta.get_field("file").storage.path("exports")
    assert not os.path.isdir(folder) or not [name for name in os.listdir(folder) if str(job.uuid) in name]
    assert not job.scratch_dir().exists()
    assert [message.body.count(stalled_message()) for message in mail.outbox] == [1]  # no "ready" mail


@pytest.mark.django_db
def test_a_second_message_for_a_job_a_live_run_holds_or_that_is_finished_is_skipped(numbers):
    owner = starter("ana.lyse@luebeck.example", "Auswertung")
    job = ExportJob.objects.create(created_by=owner, dataset=numbers.key, format="csv", status="running",
                                   attempts=1, heartbeat_at=timezone.now())
    assert run_export(job.pk) == "running elsewhere"
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("running", 1)
    ExportJob.objects.filter(pk=job.pk).update(status="failed", error=stalled_message())
    assert run_export(job.pk) == "failed already"  # the broker's late redelivery does not undo the sweep


@pytest.mark.django_db
def test_waiting_jobs_whose_message_may_be_lost_are_sent_again_without_using_an_attempt(demo_site, numbers):
    owner = starter("ana.lyse@luebeck.example", "Auswertung")
    export = ExportJob.objects.create(created_by=owner, dataset=numbers.key, format="csv")
    scans = ScanImport.objects.create(file="scans/imports/2026/11/stapel.tif", original_name="stapel.tif",
                                      sha256="7" * 64, uploaded_by=owner, status="reading", attempts=1,
                                      heartbeat_at=timezone.now())  # pages wait in the queue to be read
    sent = []
    with mock.patch("core.jobs.dispatch", side_effect=lambda task, *args: sent.append((task.name, *args))):
        jobs.recover_stalled(timezone.now() + LATER)
        jobs.recover_stalled(timezone.now() + LATER + datetime.timedelta(minutes=1))  # once per timeout
    assert sorted(sent) == [("core.tasks.run_export", export.pk), ("participation.paper.tasks.import_scan", scans.pk)]
    export.refresh_from_db()
    scans.refresh_from_db()
    assert (export.status, export.attempts, scans.status, scans.attempts) == ("queued", 0, "reading", 1)


@pytest.mark.django_db
def test_scratch_folders_no_unfinished_job_owns_are_removed(numbers):
    owner = starter("ana.lyse@luebeck.example", "Auswertung")
    running = ExportJob.objects.create(created_by=owner, dataset=numbers.key, format="csv", status="running",
                                       attempts=1, heartbeat_at=timezone.now())
    deleted = ExportJob.objects.create(created_by=owner, dataset=numbers.key, format="csv", status="running",
                                       attempts=1, heartbeat_at=timezone.now())
    for job in (running, deleted):
        job.scratch_dir(1).mkdir(parents=True)
        (job.scratch_dir(1) / f"{job.uuid}.part").write_bytes(b"rows")
    deleted.delete()  # e.g. "download my data" of an account deleted while it was written
    jobs.recover_stalled()
    assert running.scratch_dir().exists() and not deleted.scratch_dir().exists()
    running.remove_temp_files()


def test_the_sweep_runs_on_the_beat_and_knows_every_kind_of_job():
    from django.utils.module_loading import import_string

    assert {model._meta.label for model in jobs.kinds()} == {
        "core.ExportJob", "accounts.DataExport", "paper.PrintBatch", "paper.ScanImport"}
    for model in jobs.kinds():
        task = import_string(model.task_name)
        assert task.acks_late and "Safe twice" in task.__doc__  # each says what makes a second run harmless
    entry = settings.CELERY_BEAT_SCHEDULE["recover-stalled-jobs"]
    assert entry == {"task": "core.tasks.recover_stalled_jobs", "schedule": float(settings.JOB_CHECK_INTERVAL)}
    assert (settings.JOB_STALL_TIMEOUT, settings.JOB_CHECK_INTERVAL, settings.JOB_MAX_ATTEMPTS) == (300, 60, 2)
    assert callable(recover_at_worker_start)


# --- a real worker, killed ---------------------------------------------------------------------------------------


@pytest.fixture
def slow_rows():
    from tests.core.slow_export import SlowRows  # registers itself, as in the worker

    registry.export_datasets[SlowRows.key] = SlowRows()
    yield SlowRows
    registry.export_datasets.pop(SlowRows.key, None)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_export_leaves_no_running_job_and_no_file_and_its_starter_is_told(
        client, tmp_path, slow_rows):
    """kill -9 mid-XLSX: no `finally` runs, so the job says "running" and its files stay. The next worker to
    start finds the job silent (a short stall timeout here), removes every file the dead run left, and fails
    the job (one attempt here) with a message on the job's page and by mail."""
    analyst = starter("ana.lyse@luebeck.example", "Auswertung")
    job = ExportJob.objects.create(created_by=analyst, dataset=slow_rows.key, format="xlsx")
    queue = new_queue()
    with tasks_sent_to(queue):
        with celery_worker(tmp_path, queue, include=["tests.core.slow_export"]) as (first, log):
            run_export.delay(job.pk)

            def writing():
                job.refresh_from_db()
                return job.rows_done > 0  # it beat with its progress
            wait_for(writing, log, "the export did not start writing")
            left = sorted(path.name for path in job.scratch_dir().rglob("*") if path.is_file())
            assert left, "XlsxWriter keeps the rows in a temporary file in the job's scratch folder"
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=30)
        job.refresh_from_db()
        assert job.status == "running" and job.heartbeat_at is not None  # what a dead worker leaves
        assert sorted(path.name for path in job.scratch_dir().rglob("*") if path.is_file()) == left

        wait_for(lambda: timezone.now() - job.heartbeat_at > datetime.timedelta(seconds=1.5), log, "time")
        stall = {"JOB_STALL_TIMEOUT": "1", "JOB_MAX_ATTEMPTS": "1"}
        with celery_worker(tmp_path, queue, include=["tests.core.slow_export"], env=stall) as (_second, log):

            def given_up():
                job.refresh_from_db()
                return job.status == "failed"
            wait_for(given_up, log, "the starting worker did not recover the job")
            wait_for(lambda: OutgoingEmail.objects.filter(recipients=[analyst.email], sent_at__isnull=False)
                     .exists(), log, "the worker did not send the message")

    assert job.error == stalled_message() and not job.file
    assert not job.scratch_dir().exists()
    folder = ExportJob._meta.get_field("file").storage.path("exports")
    assert not os.path.isdir(folder) or not [name for name in os.listdir(folder) if str(job.uuid) in name]
    client.force_login(analyst)
    page = client.get(job.watch_url()).content.decode()
    assert stalled_message() in page and "Langsame Zeilen" in page
    sent = OutgoingEmail.objects.get(recipients=[analyst.email])
    assert "Langsame Zeilen" in sent.message["subject"] and job.watch_url() in sent.message["body"]
