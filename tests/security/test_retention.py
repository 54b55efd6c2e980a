"""Retention: every rule in RETENTION_RULES deletes exactly what is due, on schedule, and keeps the rest.

Rules whose own tests already check due and not due with a frozen or given clock are referenced, not repeated:
- scans: tests/participation/test_scan_import.py::test_scans_are_deleted_after_the_retention_time_and_the_answers_stay
- barrier reports: tests/accessibility/test_feedback.py::
  test_closed_reports_forget_name_and_address_after_the_retention_period
- certificate records (default 90 days): tests/volunteering/test_organisations.py::
  test_certificate_records_are_deleted_90_days_after_the_engagement_ends (here: that the setting moves it)
- export files: tests/core/test_exports.py::test_expired_download_is_gone_and_the_file_is_deleted (here: that a
  file still within its time stays)
"""

import datetime
import importlib

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core.models import ExportJob, OutgoingEmail
from participation.ideas.models import Idea, IdeaCategory, IdeaImage, ParticipationProcessPage, Support
from participation.ideas.uploads import PENDING_DIR
from participation.surveys.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SENT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def at(moment):
    return time_machine.travel(moment, tick=False)


def test_every_rule_names_an_existing_setting_and_a_task_that_beat_runs():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for key, rule in settings.RETENTION_RULES.items():
        assert isinstance(getattr(settings, rule["setting"]), int), key
        assert rule["task"] in scheduled, f"{key}: {rule['task']} is not in CELERY_BEAT_SCHEDULE"
        module, name = rule["task"].rsplit(".", 1)
        assert callable(getattr(importlib.import_module(module), name)), rule["task"]
    assert settings.GUEST_SUBMISSION_RETENTION_DAYS == 7  # the default when the environment says nothing


# --- unconfirmed guest submissions (new) ------------------------------------------------------------------------


@pytest.fixture
def process(demo_site):
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


def guest_idea(process, title, **extra):
    idea = Idea.objects.create(process=process, title=title, description="Text", consent_at=timezone.now(),
                               category=IdeaCategory.objects.get(slug="gesundheit"),
                               contact_email="gast@example.org", **extra)
    image = IdeaImage(idea=idea)
    image.file.save("foto.jpg", ContentFile(b"\xff\xd8\xff jpeg"), save=True)
    return idea, image.file.name


def test_unconfirmed_guest_ideas_go_with_their_images_after_seven_days_and_nothing_else(process, resident_user):
    from participation.surveys.tasks import delete_unconfirmed_guest_submissions

    with at(SENT):
        unconfirmed, unconfirmed_file = guest_idea(process, "Nie bestätigt")
        confirmed, confirmed_file = guest_idea(process, "Bestätigt", confirmed_at=timezone.now())
        Support.objects.create(idea=confirmed, email="fan@example.org")
        own = Idea.objects.create(process=process, title="Mit Konto", description="Text", consent_at=timezone.now(),
                                  category=IdeaCategory.objects.get(slug="gesundheit"), author=resident_user)
    with at(SENT + 6 * DAY):
        late, late_file = guest_idea(process, "Zu spät für diesen Lauf")
    with at(SENT + 7 * DAY - datetime.timedelta(minutes=1)):
        assert delete_unconfirmed_guest_submissions()["ideas"] == 0
    with at(SENT + 7 * DAY + datetime.timedelta(minutes=1)):
        assert delete_unconfirmed_guest_submissions()["ideas"] == 1
        assert delete_unconfirmed_guest_submissions()["ideas"] == 0  # safe twice
    assert set(Idea.objects.filter(pk__in=[unconfirmed.pk, confirmed.pk, own.pk, late.pk])
               .values_list("title", flat=True)) == {"Bestätigt", "Mit Konto", "Zu spät für diesen Lauf"}
    storage = IdeaImage.file.field.storage
    assert not storage.exists(unconfirmed_file)
    assert storage.exists(confirmed_file) and storage.exists(late_file)
    assert confirmed.supports.count() == 1
    assert not IdeaImage.objects.filter(idea_id=unconfirmed.pk).exists()


def test_the_confirmation_mail_says_how_long_the_link_is_valid(process, settings):
    from django.core import mail

    from participation.ideas.notifications import send_idea_mail

    settings.GUEST_SUBMISSION_RETENTION_DAYS = 5
    idea, _file = guest_idea(process, "Mit Frist", language="en")
    send_idea_mail(idea, "confirm")
    assert "The link is valid for 5 days. An idea not confirmed by then is deleted." in mail.outbox[0].body


def test_a_confirmation_link_never_outlives_its_idea(process, client):
    from participation.ideas.notifications import confirm_token

    with at(SENT):
        idea, _file = guest_idea(process, "Spät bestätigt")
        url = process.url + process.reverse_subpage("confirm_idea", args=[idea.reference])
        token = confirm_token(idea)
    with at(SENT + 7 * DAY + datetime.timedelta(minutes=1)):
        response = client.post(url + "?token=" + token)
        assert response.status_code == 400  # "not valid (any more)", before the idea is deleted
        # The page names the validity the mail named (7 days, the setting), not another figure.
        assert "Links sind 7 Tage gültig" in response.content.decode()
        idea.refresh_from_db()
        assert idea.confirmed_at is None


def test_unconfirmed_email_survey_responses_go_after_the_set_days(demo_site, settings):
    from participation.surveys.tasks import delete_unconfirmed_guest_submissions

    settings.GUEST_SUBMISSION_RETENTION_DAYS = 3  # the setting moves the rule
    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    with at(SENT):
        never_opened = SurveyResponse.objects.create(survey=survey, email="still@example.org")
        opened = SurveyResponse.objects.create(survey=survey, email="offen@example.org",
                                               email_confirmed_at=timezone.now())
        anonymous_draft = SurveyResponse.objects.create(survey=survey)
        answered = SurveyResponse.objects.create(survey=survey, email="fertig@example.org",
                                                 submitted_at=timezone.now(), channel="paper")
    with at(SENT + 3 * DAY - datetime.timedelta(minutes=1)):
        assert delete_unconfirmed_guest_submissions()["responses"] == 0
    with at(SENT + 3 * DAY + datetime.timedelta(minutes=1)):
        assert delete_unconfirmed_guest_submissions()["responses"] == 1
        assert delete_unconfirmed_guest_submissions()["responses"] == 0
    assert set(SurveyResponse.objects.filter(survey=survey).values_list("pk", flat=True)) >= {
        opened.pk, anonymous_draft.pk, answered.pk}
    assert not SurveyResponse.objects.filter(pk=never_opened.pk).exists()


def test_images_of_forms_never_sent_go_when_their_token_expires(db):
    from participation.ideas.retention import delete_pending_images
    from participation.ideas.uploads import pending_storage

    # Kept in private storage, one folder per client; and one left in MEDIA_ROOT from before issue 21.
    kept = pending_storage().save(f"{PENDING_DIR}/a1b2c3/verlassen.jpg", ContentFile(b"\xff\xd8\xff"))
    legacy = default_storage.save(f"{PENDING_DIR}/verlassen.jpg", ContentFile(b"\xff\xd8\xff"))
    modified = max(pending_storage().get_modified_time(kept), default_storage.get_modified_time(legacy))
    with at(modified + datetime.timedelta(hours=23)):
        delete_pending_images()  # what earlier test runs left in var/
        assert delete_pending_images() == 0
        assert pending_storage().exists(kept) and default_storage.exists(legacy)
    with at(modified + datetime.timedelta(hours=25)):
        assert delete_pending_images() >= 2
        assert delete_pending_images() == 0
    assert not pending_storage().exists(kept) and not default_storage.exists(legacy)


# --- stored mails (new) -----------------------------------------------------------------------------------------


def test_stored_mails_go_thirty_days_after_sending_or_giving_up_and_unsent_ones_stay(db):
    from core.tasks import MAX_SEND_ATTEMPTS, delete_old_mail

    def stored(subject, **extra):
        return OutgoingEmail.objects.create(subject=subject, recipients=["a@example.org"], message={}, **extra)

    with at(SENT):
        sent = stored("Gesendet", sent_at=timezone.now())
        given_up = stored("Aufgegeben", attempts=MAX_SEND_ATTEMPTS)
        retrying = stored("Wird noch versucht", attempts=3)
    with at(SENT + 30 * DAY - datetime.timedelta(minutes=1)):
        assert delete_old_mail() == 0
    with at(SENT + 30 * DAY + datetime.timedelta(minutes=1)):
        fresh = stored("Frisch gesendet", sent_at=timezone.now())
        assert delete_old_mail() == 2
        assert delete_old_mail() == 0
    assert set(OutgoingEmail.objects.filter(pk__in=[sent.pk, given_up.pk, retrying.pk, fresh.pk])
               .values_list("subject", flat=True)) == {"Wird noch versucht", "Frisch gesendet"}


# --- existing rules: what their own tests leave open ------------------------------------------------------------


def test_export_files_stay_until_their_time_is_over(db, settings):
    from core.tasks import delete_expired_exports

    settings.EXPORT_KEEP_HOURS = 24
    storage = ExportJob._meta.get_field("file").storage
    with at(SENT):
        jobs = []
        for hours in (23, 25):
            job = ExportJob.objects.create(dataset="ideas", format="csv", status=ExportJob.Status.DONE,
                                           expires_at=timezone.now() + datetime.timedelta(hours=hours))
            job.file.save(f"{job.uuid}.csv", ContentFile(b"id\r\n1\r\n"), save=True)
            jobs.append(job)
    with at(SENT + datetime.timedelta(hours=24)):
        assert delete_expired_exports() == 1
        assert delete_expired_exports() == 0
    due, kept = (ExportJob.objects.get(pk=job.pk) for job in jobs)
    assert not due.file and not storage.exists(jobs[0].file.name)
    assert kept.file and storage.exists(kept.file.name)


def test_certificate_records_follow_their_setting(demo_site, settings, resident_user):
    from volunteering.models import CertificateRecord, Organisation
    from volunteering.tasks import delete_expired_certificate_records

    settings.CERTIFICATE_RETENTION_DAYS = 30
    with at(SENT):
        CertificateRecord.objects.create(volunteer=resident_user, organisation=Organisation.objects.first(),
                                         requirement="police_certificate", seen_on=SENT.date(),
                                         issued_on=SENT.date(), due_on=SENT.date() + 1000 * DAY)
    with at(SENT + 29 * DAY):
        assert delete_expired_certificate_records() == 0  # no shift: counted from the day it was recorded
    with at(SENT + 31 * DAY):
        assert delete_expired_certificate_records() == 1
    assert not CertificateRecord.objects.exists()


@pytest.fixture
def resident_user(db):
    from accounts.models import User

    return User.objects.create_user("gerda.gast@example.org", "Ein-Langes-Passwort-1", display_name="Gerda")
