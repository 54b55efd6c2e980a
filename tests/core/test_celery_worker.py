"""A real Celery worker process sends the sign-up verification mail.

The worker is started as `celery -A config worker` against the broker the settings name
(Redis in CI, the file broker on the SQLite pass) and the test database.
"""

import time

import pytest
from django.db import transaction

from core.models import OutgoingEmail
from tests.core.worker_process import celery_worker, new_queue, tasks_sent_to

# serialized_rollback for every transactional test: a plain flush would fire post_migrate and
# clash with the data that the serialized tests restore (see tests/browser/test_journeys.py).
# One pytest-xdist worker runs both tests (`--dist loadgroup`), so one Celery worker serves them.
pytestmark = [pytest.mark.sqlite, pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.xdist_group("celery_worker")]


@pytest.fixture(scope="module")
def _worker(django_db_setup, tmp_path_factory):
    """One worker for the tests of this module (starting one takes seconds); each test still starts from the
    demo database, and sees only its own mails and log lines (celery_worker_process)."""
    folder = tmp_path_factory.mktemp("celery")
    queue = new_queue()
    outbox = folder / "outbox"
    outbox.mkdir()
    with celery_worker(folder, queue, env={"EMAIL_FILE_PATH": str(outbox)}) as (_worker, log), \
            tasks_sent_to(queue):
        yield outbox, log


class LogSince:
    """The worker's log from the moment a test starts: each test reads only what happened during it."""

    def __init__(self, path):
        self.path, self.start = path, len(path.read_bytes())

    def read_text(self):
        return self.path.read_bytes()[self.start:].decode(errors="replace")


@pytest.fixture
def celery_worker_process(_worker, settings):
    outbox, log = _worker
    for mail in outbox.iterdir():  # only this test's mails
        mail.unlink()
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    return outbox, LogSince(log)


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
