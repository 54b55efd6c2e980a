""""Download my data": a ZIP with one JSON file per kind of data and a README in German and English,
written by the worker, kept in private storage for DATA_EXPORT_KEEP_DAYS and served only to its owner."""

import contextlib
import datetime
import decimal
import json
import logging
import os
import uuid
import zipfile
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import ConsentRecord, DataExport
from core import jobs, registry
from core.dispatch import dispatch
from core.links import absolute

logger = logging.getLogger(__name__)

README = """Ihre Daten bei Mitgestalten Lübeck / Your data at Mitgestalten Lübeck
=======================================================================

Erstellt am / Created on: {created}

Deutsch
-------
Dieses Archiv enthält alles, was die Beteiligungsplattform Mitgestalten der Hansestadt Lübeck über
Ihr Konto gespeichert hat, als JSON-Dateien (UTF-8, lesbar mit jedem Texteditor):

{files_de}

Zeitangaben sind in UTC (ISO 8601). Fragen zum Datenschutz richten Sie bitte an die Stelle, die auf
der Seite „Datenschutz“ genannt ist. Sie können Ihr Konto jederzeit unter „Mein Konto“ löschen.

English
-------
This archive holds everything the participation platform Mitgestalten of the Hanseatic City of
Lübeck has stored about your account, as JSON files (UTF-8, readable with any text editor):

{files_en}

Times are in UTC (ISO 8601). Please send questions about data protection to the contact named on
the "Privacy" page. You can delete your account at any time under "My account".
"""

# What each file holds, in German and English, for the README.
DESCRIPTIONS = {
    "account": ("Ihr Konto: E-Mail-Adresse, Name, Anmeldedaten", "your account: email address, name, dates"),
    "consent_records": ("Ihre Einwilligungen mit Textversion und Zeit", "your consents with text version and time"),
    "ideas": ("Ihre Ideen", "your ideas"),
    "comments": ("Ihre Kommentare", "your comments"),
    "survey_responses": ("Ihre Antworten auf Umfragen", "your survey answers"),
    "supports": ("Ideen, die Sie unterstützt haben", "ideas you supported"),
    "volunteering_signups": ("Ihre Anmeldungen im Ehrenamt mit Stunden", "your volunteering sign-ups and hours"),
    "volunteer_profile": ("Ihr Ehrenamtsprofil", "your volunteer profile"),
    "volunteering_messages": ("Nachrichten mit Organisationen", "messages with organisations"),
    "certificate_records": ("Vermerke über vorgelegte Führungszeugnisse und Belehrungen",
                            "records of certificates you showed"),
    "event_registrations": ("Ihre Anmeldungen zu Veranstaltungen mit Barrierefreiheits-Wünschen und Antworten",
                            "your event registrations with accessibility requests and answers"),
    "barrier_reports": ("Ihre Meldungen von Barrieren (gefunden über Ihre bestätigte E-Mail-Adresse)",
                        "barrier reports you sent (found by your confirmed email address)"),
}


def _account(user):
    return [{"email": user.email, "display_name": user.display_name, "first_name": user.first_name,
             "last_name": user.last_name, "language_for_mails": user.language, "date_joined": user.date_joined,
             "last_login": user.last_login}]


def _consents(user):
    return [{"purpose": record.purpose, "text_version": record.text_version, "text": record.text,
             "text_sha256": record.text_sha256, "email": record.email, "given_at": record.given_at,
             "withdrawn_at": record.withdrawn_at}
            for record in ConsentRecord.objects.filter(user=user).order_by("given_at", "pk")]


def collectors():
    """Every kind of data, the accounts app's own first, then what the feature apps registered."""
    return {"account": _account, "consent_records": _consents, **registry.personal_data}


def _json_default(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def write_zip(path, user, moment=None, on_progress=None):
    """Write the person's ZIP to ``path`` (``on_progress()`` after each kind of data)."""
    moment = moment or timezone.now()
    kinds = collectors()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, collect in kinds.items():
            data = json.dumps(collect(user), default=_json_default, ensure_ascii=False, indent=2)
            archive.writestr(f"{kind}.json", data)
            if on_progress is not None:
                on_progress()
        lines = {language: "\n".join(f"- {kind}.json: {DESCRIPTIONS.get(kind, (kind, kind))[index]}"
                                     for kind in kinds)
                 for index, language in enumerate(("de", "en"))}
        archive.writestr("README.txt", README.format(created=moment.astimezone(datetime.UTC).isoformat(),
                                                     files_de=lines["de"], files_en=lines["en"]))


def keep_days():
    return settings.DATA_EXPORT_KEEP_DAYS


def start(user):
    """A new export, unless one is being prepared already; written by the worker after commit."""
    from accounts.tasks import build_data_export

    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # two clicks make one export
        running = user.data_exports.filter(status__in=(DataExport.Status.QUEUED, DataExport.Status.RUNNING)).first()
        if running is not None:
            return running
        export = DataExport.objects.create(user=user)
        transaction.on_commit(lambda: dispatch(build_data_export, export.pk))
    return export


def _storage():
    return DataExport._meta.get_field("file").storage


def _remove(path):
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)


def build(export_id):
    """Write an export's ZIP. Safe twice: the export is claimed under a row lock (a finished one, or one a live
    run holds, is skipped), and the file is written in the run's scratch folder and moved to its fixed name by
    the run that marks it done."""
    run, skipped = jobs.claim(DataExport, export_id)
    if run is None:
        return skipped
    try:
        return _write(run, run.job)
    finally:
        run.cleanup()


def _write(run, export):
    final_path = _storage().path(export.storage_name)
    temporary = run.path(f"{export.uuid}.part")
    try:
        write_zip(temporary, export.user, on_progress=run.beat)
    except jobs.Superseded:
        return "superseded"
    except Exception as error:  # noqa: BLE001 - any failure is an honest "failed", never a half file
        logger.exception("Data export %s failed", export.uuid)
        run.fail(f"{type(error).__name__}: {error}"[:480])
        return "failed"
    except BaseException:
        run.release()  # the worker is being stopped: the broker hands the task out again
        raise

    os.makedirs(os.path.dirname(final_path), exist_ok=True)
    with transaction.atomic():
        export = run.lock()
        if export is None:
            return "superseded"
        os.replace(temporary, final_path)
        now = timezone.now()
        export.file.name = export.storage_name
        export.status, export.finished_at = DataExport.Status.DONE, now
        export.expires_at = now + timedelta(days=keep_days())
        export.save()
        _send_ready_mail(export)  # stored with this transaction; the mail backend sends it after commit
    return "done"


def _send_ready_mail(export):
    user = export.user
    if not user.email or user.is_deleted:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"url": absolute(reverse("accounts:profile")),
                   "expires_at": timezone.localtime(export.expires_at)}
        send_mail(_("Your data is ready to download"), render_to_string("accounts/mail/data_ready.txt", context),
                  None, [user.email])


def delete_expired(moment=None):
    """Delete the files of expired exports and leftovers of killed runs. Safe twice: gone files are skipped."""
    moment = moment or timezone.now()
    storage = _storage()
    deleted = 0
    for export_id, name in (DataExport.objects.filter(expires_at__lte=moment).exclude(file="")
                            .values_list("pk", "file").iterator(chunk_size=500)):
        storage.delete(name)
        DataExport.objects.filter(pk=export_id).update(file="")
        deleted += 1
    folder = storage.path("data-exports")
    if os.path.isdir(folder):
        cutoff = (moment - timedelta(days=1)).timestamp()
        for entry in os.scandir(folder):
            if entry.name.endswith(".part") and entry.stat().st_mtime < cutoff:
                _remove(entry.path)
    return deleted


def delete_for(user):
    """Account deletion: the person's exports and their files go at once."""
    storage = _storage()
    for export in DataExport.objects.filter(user=user):
        if export.file:
            name = export.file.name
            transaction.on_commit(lambda name=name: storage.delete(name))
    DataExport.objects.filter(user=user).delete()
