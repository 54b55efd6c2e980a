"""Faults: a broker that is down, a database that goes away, a form sent twice and a worker killed mid-export
lose nothing and create nothing twice."""

import datetime
import os
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from kombu.exceptions import OperationalError as BrokerUnavailable

from core import exports, registry
from core.models import ExportJob, OutgoingEmail
from core.tasks import retry_unsent_mail, run_export
from participation.ideas.models import Idea
from participation.surveys.models import SurveyPage, SurveyResponse
from tests.core.test_exports import Numbers
from tests.participation.conftest import PROCESS_URL, idea_data, one_question_survey, question

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _old_enough_forms(monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)


@pytest.fixture
def resident(db):
    from accounts.models import User

    return User.objects.create_user("olga.ohnesorg@example.org", "Ein-Langes-Passwort-1", display_name="Olga")


@pytest.fixture
def survey(demo_site):
    """One page, one yes/no question, one answer per account (so the end mails a confirmation)."""
    return one_question_survey("Kurze Umfrage", "kurze-umfrage", SurveyPage.Audience.RESIDENTS)


def answer_page(client, survey):
    response = client.post(survey.url, {})
    assert response.status_code == 302, response.content.decode()[:1000]
    return response["Location"], {f"q-{question(survey, 'bus').id}": "yes"}


def mails_to(address):
    return [email for email in OutgoingEmail.objects.all() if address in email.recipients]


# --- (a) the broker is down --------------------------------------------------------------------------------------


def test_with_the_broker_down_submissions_are_saved_and_their_mails_go_out_once_it_is_back(
        client, survey, resident, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    broker_down = mock.patch("celery.app.task.Task.apply_async", side_effect=BrokerUnavailable("Connection refused"))
    with broker_down, django_capture_on_commit_callbacks(execute=True) as callbacks:
        idea = client.post(PROCESS_URL + "idee/neu/", idea_data(contact_email="gast@example.org"))
        client.force_login(resident)
        url, answers = answer_page(client, survey)
        last_page = client.post(url, answers)
    assert callbacks  # the hand-over to the broker was tried after commit, and failed quietly
    assert idea.status_code == 302 and last_page.status_code == 302
    assert Idea.objects.filter(title="Trinkbrunnen am Koberg", confirmed_at__isnull=True).count() == 1
    assert SurveyResponse.objects.get(survey=survey, user=resident).submitted_at is not None
    waiting = mails_to("gast@example.org") + mails_to(resident.email)
    assert len(waiting) == 2 and all(email.sent_at is None for email in waiting)
    assert mail.outbox == []

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        retry_unsent_mail()  # beat, once the broker is back
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["gast@example.org", resident.email])
    assert "bestaetigen/?token=" in next(m.body for m in mail.outbox if m.to == ["gast@example.org"])
    retry_unsent_mail()
    assert len(mail.outbox) == 2  # sent once


# --- (b) the database goes away ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("error", "status"), [
    (OperationalError("server closed the connection unexpectedly"), 503),
    (InterfaceError("connection already closed"), 503),
    (RuntimeError("a bug"), 500),
])
def test_a_database_that_goes_away_gives_a_friendly_503_page(demo_site, error, status):
    def database_gone(execute, sql, params, many, context):
        raise error

    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(database_gone):  # every query fails, also any the error page would make
        response = client.get("/en/")
    body = response.content.decode()
    assert response.status_code == status
    assert "Traceback" not in body and str(error) not in body and type(error).__name__ not in body
    assert '<html lang="en"' in body and body.count("<h1") == 1 and 'id="main"' in body
    if status == 503:
        assert response["Retry-After"] == "60" and "Briefly unavailable" in body
        assert response["Cache-Control"] == "no-store"


def test_a_form_sent_while_the_database_is_away_gets_the_503_page_too(demo_site):
    client = Client(raise_request_exception=False)
    with mock.patch("participation.ideas.views.create_idea", side_effect=OperationalError("too many connections")):
        response = client.post(PROCESS_URL + "idee/neu/", idea_data(contact_email="gast@example.org"))
    with translation.override("de"):  # the form was German, so is the page
        expected = gettext("If you were sending a form, it may not have been saved: please send it again then.")
    assert response.status_code == 503 and expected in response.content.decode()


# --- (c) sent twice ----------------------------------------------------------------------------------------------


def test_an_idea_sent_twice_is_saved_once_and_both_answers_show_its_receipt(client, demo_site):
    data = idea_data(contact_email="gast@example.org")
    first = client.post(PROCESS_URL + "idee/neu/", data)
    second = client.post(PROCESS_URL + "idee/neu/", data)
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] and first["Location"].endswith(f"{idea.reference}/quittung/")
    assert [m.to for m in mail.outbox] == [["gast@example.org"]]  # one confirmation link
    receipt = client.get(second["Location"])
    assert receipt.status_code == 200 and idea.reference in receipt.content.decode()
    assert client.session["participation.my_ideas"].count(idea.reference) == 1
    # A changed text is a new idea, not a resend.
    client.post(PROCESS_URL + "idee/neu/", {**data, "description": "Und auch am Markt."})
    assert Idea.objects.filter(title="Trinkbrunnen am Koberg").count() == 2


def test_the_last_survey_page_sent_twice_finishes_one_response_with_one_mail(client, survey, resident):
    from participation.surveys.views import _finish

    client.force_login(resident)
    url, answers = answer_page(client, survey)
    first, second = client.post(url, answers), client.post(url, answers)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert [m.to for m in mail.outbox] == [[resident.email]]

    # Two requests that both read the draft before either saved it (a double click on a slow line).
    draft = SurveyResponse.objects.create(survey=survey, email="zwei@example.org", answers=answers_by_id(answers))
    one, other = SurveyResponse.objects.get(pk=draft.pk), SurveyResponse.objects.get(pk=draft.pk)
    _finish(one, survey)
    _finish(other, survey)
    assert [m.to for m in mail.outbox].count(["zwei@example.org"]) == 1


def answers_by_id(form_data):
    return {name.removeprefix("q-"): value for name, value in form_data.items()}


# --- (d) a worker killed mid-export ------------------------------------------------------------------------------


@pytest.fixture
def numbers():
    dataset = Numbers(rows=5000)
    registry.export_datasets[dataset.key] = dataset
    yield dataset
    registry.export_datasets.pop(dataset.key, None)


def export_files(job):
    folder = ExportJob._meta.get_field("file").storage.path("exports")
    return sorted(name for name in os.listdir(folder) if str(job.uuid) in name) if os.path.isdir(folder) else []


def test_exports_are_acknowledged_only_when_done():
    from config.celery import app

    assert run_export.acks_late is True and app.conf.task_reject_on_worker_lost is True


@pytest.mark.parametrize("interruption", [SystemExit, KeyboardInterrupt, RuntimeError])
def test_an_export_killed_half_way_leaves_no_half_file_and_the_rerun_finishes_it_once(
        db, numbers, settings, interruption, django_capture_on_commit_callbacks):
    from accounts.models import User

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    analyst = User.objects.create_user("ana.lyse@luebeck.example", "Ein-Langes-Passwort-1")
    job = ExportJob.objects.create(created_by=analyst, dataset=numbers.key, format="csv")
    real_progress = exports.Counted.__iter__

    def dies_half_way(self):
        for count, row in enumerate(real_progress(self)):
            if count == 2500:
                raise interruption("the worker was stopped")
            yield row

    with mock.patch.object(exports.Counted, "__iter__", dies_half_way):
        if interruption is RuntimeError:
            assert run_export(job.pk) == "failed"
        else:
            with pytest.raises(interruption):
                run_export(job.pk)
    job.refresh_from_db()
    assert export_files(job) == [] and not job.file and not job.scratch_dir().exists()
    if interruption is RuntimeError:  # an honest "failed" stays so: a late second message does not undo it
        assert job.status == "failed" and run_export(job.pk) == "failed already"
        return
    assert job.status == "queued"  # the worker was stopped: the job waits for the task the broker hands out again

    with django_capture_on_commit_callbacks(execute=True):
        assert run_export(job.pk) == "done"
        assert run_export(job.pk) == "done already"
    job.refresh_from_db()
    assert job.status == "done" and export_files(job) == [f"{job.uuid}.csv"]
    with job.file.open("rb") as handle:
        assert handle.read().decode("utf-8-sig").count("\r\n") == 5001  # header and every row, once
    assert [m.to for m in mail.outbox] == [[analyst.email]]
    job.file.delete(save=False)


def test_an_export_started_while_the_broker_is_down_is_kept_and_runs_once_it_is_back(
        db, numbers, settings, django_capture_on_commit_callbacks):
    """Starting the job answers normally (no 500); the job waits, and the beat's requeue runs it later."""
    from accounts.models import User
    from core.tasks import recover_stalled_jobs

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    analyst = User.objects.create_user("broker.weg@luebeck.example", "Ein-Langes-Passwort-1")
    broker_down = mock.patch.object(run_export, "delay", side_effect=BrokerUnavailable("connection refused"))
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        job = exports.start_job(analyst, numbers, {}, "csv", False, 5000)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.QUEUED and not job.file
    recover_stalled_jobs()  # too early: a job may simply be waiting in the queue
    job.refresh_from_db()
    assert job.status == ExportJob.Status.QUEUED
    later = time_machine.travel(timezone.now() + datetime.timedelta(minutes=11))
    with later, django_capture_on_commit_callbacks(execute=True):
        recover_stalled_jobs()  # the broker is back (eager in tests)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and export_files(job) == [f"{job.uuid}.csv"]
    job.file.delete(save=False)
