"""A real Celery worker process sends the sign-up verification mail.

The worker is started as `celery -A config worker` against the broker the settings name
(Redis in CI, the file broker on the SQLite pass) and the test database.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, transaction

from config.celery import app
from core.models import OutgoingEmail

ROOT = Path(__file__).resolve().parents[2]

# serialized_rollback for every transactional test: a plain flush would fire post_migrate and
# clash with the data that the serialized tests restore (see tests/browser/test_journeys.py).
pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(tmp_path, settings):
    queue = f"test-{uuid.uuid4().hex[:8]}"  # a queue of its own: no stale messages, no other consumer
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_QUEUE": queue,
        "EMAIL_FILE_PATH": str(outbox),
    }
    log = tmp_path / "worker.log"
    with log.open("w") as log_file:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            assert worker.poll() is None, f"the worker died:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the worker did not start:\n{log.read_text()}"
            time.sleep(0.2)
        always_eager, default_queue = app.conf.task_always_eager, app.conf.task_default_queue
        app.conf.task_always_eager, app.conf.task_default_queue = False, queue
        settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
        yield outbox, log
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = always_eager, default_queue
        worker.terminate()
        worker.wait(timeout=30)


def test_signup_verification_mail_goes_through_the_worker(client, celery_worker_process):
    outbox, log = celery_worker_process
    response = client.post(
        "/de/konto/signup/",
        {"email": "jonas.petersen@example.org", "password1": "Moisling-Buntekuh-7", "password2": "Moisling-Buntekuh-7",
         "consent": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = OutgoingEmail.objects.get(recipients=["jonas.petersen@example.org"])

    deadline = time.monotonic() + 30
    while stored.sent_at is None:
        assert time.monotonic() < deadline, f"the worker did not send the mail:\n{log.read_text()}"
        time.sleep(0.2)
        stored.refresh_from_db()

    sent = "\n".join(path.read_text() for path in outbox.iterdir())
    assert "To: jonas.petersen@example.org" in sent
    assert "/de/konto/confirm-email/" in sent
    assert "core.tasks.send_outgoing_email" in log.read_text()


def _wait_until_sent(stored, log):
    deadline = time.monotonic() + 30
    while stored.sent_at is None:
        assert time.monotonic() < deadline, f"the worker did not send the mail:\n{log.read_text()}"
        time.sleep(0.2)
        stored.refresh_from_db()


def test_a_barrier_report_and_its_answer_are_mailed_by_the_worker(client, celery_worker_process):
    from accessibility.feedback import record_staff_change
    from accessibility.models import FeedbackTicket
    from accounts.models import User

    outbox, log = celery_worker_process
    response = client.post("/de/barriere-melden/", {
        "page": "/de/umfrage-mobilitaet/", "kind": "barrier", "preferred_format": "", "website": "",
        "description": "Die Auswahlfelder der Umfrage werden ohne Frage vorgelesen.", "name": "Jana Petersen",
        "email": "jana.petersen@example.org"})
    assert response.status_code == 302, response.content.decode()[:2000]
    ticket = FeedbackTicket.objects.get()
    _wait_until_sent(OutgoingEmail.objects.get(recipients=["jana.petersen@example.org"]), log)

    staff = User.objects.create_user("barrieren@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    ticket.answer, ticket.status = "Die Umfrage liest die Frage jetzt mit vor. Danke!", "answered"
    with transaction.atomic():
        ticket.save()
        record_staff_change(ticket, staff, {"status", "answer"})
    deadline = time.monotonic() + 30  # the worker's task stores the answer mail, then sends it
    while OutgoingEmail.objects.filter(recipients=["jana.petersen@example.org"], sent_at__isnull=False).count() < 2:
        assert time.monotonic() < deadline, f"the worker did not send the answer:\n{log.read_text()}"
        time.sleep(0.2)
    sent = "\n".join(path.read_text() for path in outbox.iterdir())
    assert ticket.number in sent and "liest die Frage jetzt mit vor" in sent
    ticket.refresh_from_db()
    assert ticket.answer_sent_at is not None
    assert "accessibility.tasks.send_feedback_answer" in log.read_text()
