"""Barrier reports end to end: the public form (no login, no JavaScript), the confirmation, the staff answer
in the admin, one mail per answer, and forgetting the reporter after the retention period."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from accessibility import feedback
from accessibility.models import FeedbackTicket
from accessibility.tasks import (
    delete_expired_feedback_personal_data,
    send_feedback_answer,
    send_missed_feedback_answers,
)
from accounts.models import User

pytestmark = pytest.mark.django_db

FORM = "/en/barriere-melden/"
REPORT = {
    "page": "/de/umfrage-mobilitaet/",
    "kind": "barrier",
    "description": "Die Auswahlfelder der Umfrage werden vom Screenreader ohne Frage vorgelesen.",
    "preferred_format": "",
    "name": "Jana Petersen",
    "email": "jana.petersen@example.org",
    "website": "",
}


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("redaktion@luebeck.example", "Ein-Langes-Passwort-1")


def submit(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(FORM, {**REPORT, **changes})


@time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_report_without_login_gets_a_number_a_due_date_a_confirmation_page_and_mail(
        client, demo_site, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    ticket = FeedbackTicket.objects.get()
    assert re.fullmatch(r"BF-2026-\d{4}", ticket.number)
    assert ticket.due_on == datetime.date(2026, 3, 16)  # received + 14 days
    assert ticket.status == FeedbackTicket.Status.NEW and ticket.language == "en"

    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    with translation.override("en"):
        due = date_format(datetime.date(2026, 3, 16))
    assert ticket.number in html and due in html
    (confirmation,) = mail.outbox
    assert confirmation.to == ["jana.petersen@example.org"]
    assert ticket.number in confirmation.subject
    assert due in confirmation.body and REPORT["description"] in confirmation.body
    assert FeedbackTicket.objects.get().confirmation_sent_at is not None
    assert feedback.send_confirmation(ticket.pk) is False  # once
    assert len(mail.outbox) == 1


def test_numbers_count_up_per_year(client, demo_site, django_capture_on_commit_callbacks):
    for _ in range(3):
        submit(client, django_capture_on_commit_callbacks, email="")
    numbers = sorted(FeedbackTicket.objects.values_list("number", flat=True))
    counts = [int(number.rsplit("-", 1)[1]) for number in numbers]
    assert counts == list(range(counts[0], counts[0] + 3))
    assert mail.outbox == []  # no address, no mail


def test_without_email_the_confirmation_says_we_cannot_answer(client, demo_site, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, email="", name="")
    html = client.get(response["Location"]).content.decode()
    assert "we cannot answer you directly" in html


@pytest.mark.parametrize(("changes", "field"), [
    ({"description": ""}, "description"),
    ({"description": "kaputt"}, "description"),
    ({"description": "x" * 5001}, "description"),
    ({"kind": ""}, "kind"),
    ({"kind": "format", "preferred_format": ""}, "preferred_format"),
    ({"email": "keine-adresse"}, "email"),
    ({"name": "N" * 151}, "name"),
])
def test_bad_input_shows_errors_at_the_top_and_at_the_field_and_saves_nothing(
        client, demo_site, django_capture_on_commit_callbacks, changes, field):
    response = submit(client, django_capture_on_commit_callbacks, **changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    summary = html[html.index('id="form-errors"'):html.index("</ul>", html.index('id="form-errors"'))]
    assert f'href="#id_{field}' in summary
    assert f'id="id_{field}-error"' in html
    assert FeedbackTicket.objects.count() == 0 and mail.outbox == []


def test_filled_honeypot_saves_nothing(client, demo_site, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks, website="https://spam.example")
    assert response.status_code == 200
    assert "leave the field “Website” empty" in response.content.decode()
    assert FeedbackTicket.objects.count() == 0


def test_many_reports_from_one_address_are_slowed_down(client, demo_site, django_capture_on_commit_callbacks,
                                                       settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "barrier_report": {"address": "10/h"}}
    for _ in range(10):
        assert submit(client, django_capture_on_commit_callbacks, email="").status_code == 302
    response = submit(client, django_capture_on_commit_callbacks, email="")
    assert response.status_code == 429
    html = response.content.decode()
    limited = html[html.index('id="rate-limited"'):]
    assert "Many entries have recently come from your network" in limited
    assert "barrierefreiheit@luebeck.example" in limited  # the accessibility statement's contact
    assert 'value="Jana Petersen"' in html  # what was typed stays in the form
    assert FeedbackTicket.objects.count() == 10


def test_the_page_is_prefilled_from_the_link_or_the_referer_but_never_from_another_site(client, demo_site):
    def prefilled(**kwargs):
        html = client.get(FORM, **kwargs).content.decode()
        field = re.search(r'<input[^>]*name="page"[^>]*>', html).group(0)
        value = re.search(r'value="([^"]*)"', field)
        return value.group(1) if value else ""

    assert prefilled(data={"seite": "/de/impressum/"}) == "/de/impressum/"
    assert prefilled(HTTP_REFERER="http://testserver/de/datenschutz/") == "/de/datenschutz/"
    assert prefilled(HTTP_REFERER="https://elsewhere.example/de/impressum/") == ""
    assert prefilled(data={"seite": "//elsewhere.example/x"}) == ""


def test_the_form_sets_no_cookie_but_the_csrf_token_and_works_without_a_session(client, demo_site):
    response = client.get(FORM)
    assert set(response.cookies) <= {"csrftoken"}
    assert "sessionid" not in response.cookies


def test_the_confirmation_link_is_signed(client, demo_site):
    assert client.get("/en/barriere-melden/danke/?t=1").status_code == 404


def answer_in_admin(client, ticket, **changes):
    data = {"status": "answered", "answer": "Wir haben die Beschriftung der Auswahlfelder korrigiert."}
    return client.post(f"/admin/barrier-reports/edit/{ticket.pk}/", {**data, **changes})


def test_staff_answer_in_the_admin_is_mailed_once_by_the_task(
        client, demo_site, staff, django_capture_on_commit_callbacks):
    submit(client, django_capture_on_commit_callbacks)
    ticket = FeedbackTicket.objects.get()
    mail.outbox.clear()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = answer_in_admin(client, ticket, description="Vom Personal geändert")
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "answered" and ticket.answered_by == staff and ticket.answered_at
    assert ticket.description == REPORT["description"], "the reporter's words are not editable"
    (answer,) = mail.outbox
    assert answer.to == [REPORT["email"]] and ticket.number in answer.subject
    assert "Beschriftung der Auswahlfelder korrigiert" in answer.body
    assert ticket.answer_sent_at is not None

    send_feedback_answer(ticket.pk)
    send_feedback_answer.delay(ticket.pk)
    send_missed_feedback_answers()
    assert len(mail.outbox) == 1

    # Saving again without a change sends nothing; a corrected answer goes out once more.
    with django_capture_on_commit_callbacks(execute=True):
        answer_in_admin(client, ticket)
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        answer_in_admin(client, ticket, answer="Korrektur: Die Felder sind jetzt beschriftet.")
    assert len(mail.outbox) == 2 and "Korrektur" in mail.outbox[-1].body


def test_answered_needs_an_answer_text_when_there_is_an_address(client, demo_site, staff):
    ticket = FeedbackTicket.objects.create(kind="barrier", description="Kontrast zu gering", email="a@example.org")
    client.force_login(staff)
    response = answer_in_admin(client, ticket, answer="")
    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.status == "new" and mail.outbox == []


def test_an_answer_that_missed_the_worker_goes_out_late(demo_site, staff):
    ticket = FeedbackTicket.objects.create(kind="barrier", description="Kontrast zu gering", email="a@example.org",
                                           status="answered", answer="Ist behoben.",
                                           answered_at=timezone.now() - datetime.timedelta(minutes=10))
    assert send_missed_feedback_answers() == 1
    assert send_missed_feedback_answers() == 0
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    ticket.refresh_from_db()
    assert ticket.answer_sent_at


def test_admin_list_shows_status_and_due_date_marks_overdue_and_filters(client, demo_site, staff):
    today = timezone.localdate()
    old = FeedbackTicket.objects.create(kind="barrier", description="Alt und offen",
                                        received_at=timezone.now() - datetime.timedelta(days=20))
    FeedbackTicket.objects.create(kind="barrier", description="Neu")
    FeedbackTicket.objects.create(kind="format", description="Beantwortet", preferred_format="easy_language",
                                  status="answered", received_at=timezone.now() - datetime.timedelta(days=30))
    client.force_login(staff)
    html = client.get("/admin/barrier-reports/").content.decode()
    assert html.count('data-overdue="true"') == 1
    row = html[html.index(old.number):]
    assert row.index('data-overdue="true"') < row.index("</tr>")
    assert old.due_on < today

    filtered = client.get("/admin/barrier-reports/?status=answered").content.decode()
    numbers = set(re.findall(r"BF-\d{4}-\d{4}", filtered))
    assert numbers == {FeedbackTicket.objects.get(status="answered").number}


def test_admin_list_queries_do_not_grow_with_the_number_of_reports(client, demo_site, staff):
    client.force_login(staff)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/barrier-reports/").status_code == 200
        return len(captured)

    FeedbackTicket.objects.create(kind="barrier", description="Erste Meldung")
    first = queries()
    for number in range(15):
        FeedbackTicket.objects.create(kind="barrier", description=f"Meldung {number}", answered_by=staff)
    assert queries() == first


def test_staff_can_enter_a_report_taken_by_phone(client, demo_site, staff):
    client.force_login(staff)
    response = client.post("/admin/barrier-reports/add/", {
        "kind": "format", "page": "Umfrage Mobilität", "description": "Anruf: braucht die Umfrage in Großdruck.",
        "preferred_format": "large_print", "name": "", "email": "", "status": "in_progress", "answer": "",
    })
    assert response.status_code == 302
    ticket = FeedbackTicket.objects.get()
    assert ticket.number.startswith("BF-") and ticket.due_on


def test_closed_reports_forget_name_and_address_after_the_retention_period(demo_site, settings):
    settings.FEEDBACK_RETENTION_DAYS = 365
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        closed = FeedbackTicket.objects.create(kind="barrier", description="Geschlossen", name="Jana",
                                               email="jana@example.org", status="closed", closed_at=timezone.now())
        still_open = FeedbackTicket.objects.create(kind="barrier", description="Offen", name="Ole",
                                                   email="ole@example.org")
        answered = FeedbackTicket.objects.create(kind="barrier", description="Beantwortet", name="Ida",
                                                 email="ida@example.org", status="answered", answer="Erledigt.",
                                                 answered_at=timezone.now())
    with time_machine.travel(datetime.datetime(2027, 1, 9, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert delete_expired_feedback_personal_data() == 0
    with time_machine.travel(datetime.datetime(2027, 1, 11, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert delete_expired_feedback_personal_data() == 2  # closed, and answered but never closed
        assert delete_expired_feedback_personal_data() == 0
    answered.refresh_from_db()
    assert (answered.name, answered.email) == ("", "")
    closed.refresh_from_db()
    still_open.refresh_from_db()
    assert (closed.name, closed.email, closed.description) == ("", "", "Geschlossen")
    assert closed.personal_data_deleted_at is not None
    assert (still_open.name, still_open.email) == ("Ole", "ole@example.org")


def test_closing_in_the_admin_starts_the_retention_clock(client, demo_site, staff):
    ticket = FeedbackTicket.objects.create(kind="barrier", description="Erledigt", email="", status="answered")
    client.force_login(staff)
    answer_in_admin(client, ticket, status="closed", answer="")
    ticket.refresh_from_db()
    assert ticket.status == "closed" and ticket.closed_at is not None


def test_thanks_page_number_is_taken_from_the_signed_link(client, demo_site, django_capture_on_commit_callbacks):
    response = submit(client, django_capture_on_commit_callbacks)
    token = parse_qs(urlsplit(response["Location"]).query)["t"][0]
    assert FeedbackTicket.objects.get().number in client.get(f"/en/barriere-melden/danke/?t={token}").content.decode()


def test_the_confirmation_is_queued_and_sent_only_after_commit(client, demo_site, settings,
                                                              django_capture_on_commit_callbacks):
    from core.models import OutgoingEmail

    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(FORM, REPORT)
    assert OutgoingEmail.objects.filter(recipients=[REPORT["email"]]).count() == 1
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[REPORT["email"]]]
