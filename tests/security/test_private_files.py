"""No public address serves a staff or personal file.

MEDIA_ROOT (/media/, served by the web server in production) holds public content only; print batches, form
masters, idea images, scans, exports, data exports, pending uploads, Wagtail documents and staff members'
pictures live in the private storage and are handed out only by views that check who asks (core.files)."""

import io
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models
from django.test import Client
from django.utils import timezone
from PIL import Image

from participation.ideas.models import Idea, IdeaImage
from participation.paper.models import PrintBatch
from participation.paper.tasks import render_print_batch
from participation.surveys.models import SurveyPage
from tests.participation.conftest import (  # noqa: F401 - fixtures
    PROCESS_URL,
    _old_enough_forms,
    idea_data,
    photo,
    process,
)

pytestmark = pytest.mark.django_db

# Every file field whose files anybody may fetch from /media/. A new file field is private unless it is added
# here on purpose (and then its files must be public content: nothing personal, nothing staff-only).
PUBLIC_FIELDS = {
    "core.CustomImage.file", "core.CustomRendition.file",  # Wagtail images and their renditions
    "wagtailimages.Image.file", "wagtailimages.Rendition.file",  # Wagtail's own image models (unused, installed)
    "accessibility.SignLanguageVideo.video", "accessibility.SignLanguageVideo.captions",
}
# Where the public fields' files lie under MEDIA_ROOT.
PUBLIC_FOLDERS = ("original_images/", "images/", "dgs/")
# Files written from here on belong to this run: older ones in a developer's MEDIA_ROOT are not this code's.
RUN_STARTED = time.time() - 2


def file_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield f"{model._meta.label}.{field.name}", model, field


def lands_in_media(model, field):
    """Where a file saved in this field goes: under MEDIA_ROOT (with a /media/ address) or not."""
    name = field.generate_filename(model(), "probe.jpg")  # Wagtail's images take the folder from the instance
    path = Path(field.storage.path(name)).resolve()
    return path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def has_url(field, name):
    try:
        return bool(field.storage.url(name))
    except (ValueError, NotImplementedError):
        return False


def test_every_file_field_is_classified_and_only_public_content_lands_under_media():
    fields = list(file_fields())
    public = {label for label, model, field in fields if lands_in_media(model, field)}
    assert public == PUBLIC_FIELDS
    # The rest has no /media/ address at all; and these are among them (a file field renamed must be re-checked).
    private = {label for label, model, field in fields if label not in public}
    assert not [label for label, model, field in fields
                if label in private and has_url(field, field.generate_filename(model(), "probe.jpg"))]
    assert {"paper.PrintBatch.file", "paper.FormVersion.master", "ideas.IdeaImage.file",
            "paper.Sheet.scan", "paper.ScanImport.file", "paper.ScanPage.image",
            "paper.ReviewTask.snippet", "core.ExportJob.file", "accounts.DataExport.file",
            "wagtaildocs.Document.file", "wagtailusers.UserProfile.avatar",
            "wagtailcore.UploadedFile.file"} <= private


# --- one file of every kind, then a walk through MEDIA_ROOT ----------------------------------------------------


@pytest.fixture
def survey(demo_site):
    return SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")


def person(django_user_model, email, group=None, **extra):
    user = django_user_model.objects.create_user(email, "Ein-Langes-Passwort-1", **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model, demo_site):
    return person(django_user_model, "druck.redaktion@luebeck.example", "Redaktion", is_staff=True)


def refused(response):
    """403 or 404, or the admin's refusals: sent to sign in, or back to the admin's start page with a message."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"].split("?")[0] in ("/admin/login/", "/admin/")


def rendered_batch(survey, editor, count=2):
    batch = PrintBatch.objects.create(survey=survey, count=count, created_by=editor)
    render_print_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.file and batch.form_version.master
    return batch


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def files_of_every_kind(client, survey, editor, process, django_user_model, capture):  # noqa: F811
    """One file of each kind the site writes, made the way the site makes them: {kind: storage name}."""
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction
    from wagtail.users.models import UserProfile

    from accounts import personal_data
    from accounts.models import DataExport
    from core.exports import start_job
    from core.models import ExportJob
    from core.registry import export_datasets
    from participation.paper.models import ScanImport

    made = {}
    batch = rendered_batch(survey, editor)
    made["print batch"], made["form master"] = batch.file.name, batch.form_version.master.name

    analyst = person(django_user_model, "aus.wertung@luebeck.example", "Auswertung", is_staff=True)
    with capture(execute=True):
        start_job(analyst, export_datasets["ideas"], {}, "xlsx", False, 1)
    made["export"] = ExportJob.objects.get(created_by=analyst).file.name

    resident = person(django_user_model, "pia.daten@example.org")
    with capture(execute=True):
        personal_data.start(resident)
    made["data export"] = DataExport.objects.get(user=resident).file.name

    client.force_login(analyst)
    with capture(execute=True):
        upload = ContentFile(png(), name="stapel.png")
        assert client.post("/de/papiererfassung/scans/", {"file": upload}).status_code == 302
    scan_import = ScanImport.objects.get(uploaded_by=analyst)
    made["scan import"] = scan_import.file.name
    made["scan page"] = scan_import.pages.first().image.name
    client.logout()

    # A guest's idea with a photo: not public until confirmed (and perhaps moderated).
    response = client.post(PROCESS_URL + "idee/neu/", {**idea_data(contact_email="gast@example.org"),
                                                        "images": [photo("spielplatz.jpg")]})
    assert response.status_code == 302
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert not idea.is_public
    made["idea image (unpublished idea)"] = idea.images.get().file.name

    internal = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=internal,
                                             restriction_type=CollectionViewRestriction.LOGIN)
    document = Document(title="Personalplanung", collection=internal)
    document.file.save("personalplanung.pdf", ContentFile(b"%PDF-1.4 intern"), save=True)
    made["document (private collection)"] = document.file.name

    profile = UserProfile.get_for_user(editor)
    profile.avatar.save("gesicht.png", ContentFile(png()), save=True)
    made["staff member's picture"] = profile.avatar.name
    return made, idea, document


def files_in_media(since):
    root = Path(settings.MEDIA_ROOT)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*")
                  if path.is_file() and path.stat().st_mtime >= since)


def test_media_holds_only_public_files_and_no_private_file_has_a_public_address(
        client, survey, editor, process, django_user_model, django_capture_on_commit_callbacks):  # noqa: F811
    made, idea, document = files_of_every_kind(client, survey, editor, process, django_user_model,
                                                django_capture_on_commit_callbacks)
    anonymous = Client()

    found = files_in_media(RUN_STARTED)
    assert found, "the demo writes images into MEDIA_ROOT"
    assert [name for name in found if not name.startswith(PUBLIC_FOLDERS)] == []
    assert {name: anonymous.get(f"/media/{name}").status_code for name in found} == dict.fromkeys(found, 200)

    for kind, name in made.items():
        assert name and storages["private"].exists(name), kind
        assert not (Path(settings.MEDIA_ROOT) / name).exists(), kind
        assert anonymous.get(f"/media/{name}").status_code == 404, kind

    # Their own addresses check who asks.
    assert anonymous.get(document.url).status_code == 302  # to the sign-in page
    assert anonymous.get(idea.images.get().get_absolute_url()).status_code == 404


def test_a_pending_upload_kept_after_a_form_error_is_not_under_media(client, process):  # noqa: F811
    started = time.time() - 1
    response = client.post(PROCESS_URL + "idee/neu/", {**idea_data(category=""), "images": [photo("teich.jpg")]})
    assert response.status_code == 200 and b"kept_images" in response.content
    # Renditions the page needed may appear (public); the kept photo must not.
    assert [name for name in files_in_media(started) if not name.startswith(PUBLIC_FOLDERS)] == []


# --- print batches: only editors of the survey or idea call, every download logged -----------------------------


def test_a_batch_is_downloaded_by_an_editor_of_its_survey_only_and_each_download_is_logged(
        client, survey, editor, django_user_model):
    from core.models import DownloadLog

    batch = rendered_batch(survey, editor)
    address = f"/admin/print-batches/{batch.pk}/file/"

    client.force_login(editor)
    listing = client.get(f"/admin/paper/{survey.pk}/sheets/").content.decode()
    assert f'href="{address}"' in listing and "/media/" not in listing
    assert client.get(f"/admin/print-batches/{batch.pk}/status/").json()["url"] == address
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    entry = DownloadLog.objects.get()
    assert (entry.user, entry.user_email, entry.file) == (editor, editor.email, batch.file.name)
    assert entry.what == f"Druckstapel {batch.pk}: 2 nummerierte Bögen für „{survey.title}“"

    moderator = person(django_user_model, "mo.deration@luebeck.example", "Moderation", is_staff=True)
    analyst = person(django_user_model, "ana.lyse@luebeck.example", "Auswertung", is_staff=True)
    resident = person(django_user_model, "pia.einwohnerin@example.org")
    for somebody in (moderator, analyst, resident, None):
        client.logout()
        if somebody:
            client.force_login(somebody)
        assert refused(client.get(address)), somebody
    assert DownloadLog.objects.count() == 1  # refusals fetch nothing, so they log nothing


def test_the_download_log_is_for_superusers_and_shows_who_downloaded_what(client, survey, editor,
                                                                          django_user_model):
    batch = rendered_batch(survey, editor)
    client.force_login(editor)
    client.get(f"/admin/print-batches/{batch.pk}/file/")
    assert refused(client.get("/admin/downloads/log/"))
    client.force_login(person(django_user_model, "admin@luebeck.example", is_superuser=True, is_staff=True))
    html = client.get("/admin/downloads/log/").content.decode()
    assert editor.email in html and batch.file.name in html


# --- idea images: to whoever may see the idea -------------------------------------------------------------------


def idea_with_image(process, **extra):  # noqa: F811
    from participation.ideas.models import IdeaCategory

    idea = Idea.objects.create(process=process, title="Bank am Kanal", description="Eine Bank zum Ausruhen.",
                               category=IdeaCategory.objects.get(slug="gesundheit"), consent_at=timezone.now(),
                               **extra)
    image = IdeaImage(idea=idea, width=40, height=30)
    image.file.save("bank.png", ContentFile(png()), save=True)
    return idea, image


def test_an_unpublished_ideas_image_is_shown_to_its_author_and_moderators_only(
        client, process, django_user_model):  # noqa: F811
    author = person(django_user_model, "autorin@example.org")
    idea, image = idea_with_image(process, author=author, confirmed_at=timezone.now())
    assert not idea.is_public  # waits for a moderator
    address = image.get_absolute_url()
    assert address.startswith("/ideen/bilder/") and "/media/" not in address

    assert client.get(address).status_code == 404
    client.force_login(person(django_user_model, "andere@example.org"))
    assert client.get(address).status_code == 404
    client.force_login(author)
    response = client.get(address)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == image.file.open("rb").read()
    client.force_login(person(django_user_model, "mode.ration@luebeck.example", "Moderation", is_staff=True))
    assert client.get(address).status_code == 200


def test_a_public_ideas_image_is_shown_to_everyone_and_gone_once_the_idea_is_hidden(client, process):  # noqa: F811
    idea, image = idea_with_image(process, confirmed_at=timezone.now(), published=True,
                                  contact_email="gast@example.org")
    assert idea.is_public
    html = client.get(idea.get_absolute_url()).content.decode()
    assert f'src="{image.get_absolute_url()}"' in html
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200 and response["Cache-Control"] == "private, max-age=3600"
    assert client.get(image.get_absolute_url().replace("bank", "andere")).status_code == 404

    Idea.objects.filter(pk=idea.pk).update(hidden=True)
    assert client.get(image.get_absolute_url()).status_code == 404


# --- Wagtail: documents and staff pictures -------------------------------------------------------------------


def test_a_document_in_a_public_collection_is_still_downloaded_by_anyone(client, db):
    from wagtail.documents.models import Document

    document = Document(title="Satzung")
    document.file.save("satzung.pdf", ContentFile(b"%PDF-1.4 oeffentlich"), save=True)
    assert not (Path(settings.MEDIA_ROOT) / document.file.name).exists()
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 oeffentlich"


def test_a_staff_members_picture_is_shown_in_the_admin_only(client, editor, django_user_model):
    from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.avatar.save("gesicht.png", ContentFile(png()), save=True)
    address = avatar_url(editor)
    assert address.startswith("/admin/avatars/")
    client.force_login(editor)
    assert address in client.get("/admin/").content.decode()
    assert client.get(address).status_code == 200
    client.force_login(person(django_user_model, "pia.bild@example.org"))
    assert refused(client.get(address))  # residents have no admin
    client.logout()
    assert refused(client.get(address))


# --- the migrations that moved existing files ---------------------------------------------------------------


def test_existing_files_move_from_media_into_private_storage_safely_twice(survey, editor):
    import importlib

    migration = importlib.import_module("participation.migrations.0014_private_batches_forms_and_idea_images")
    media = Path(settings.MEDIA_ROOT)
    moved = PrintBatch.objects.create(survey=survey, count=1, created_by=editor, file="print-batches/alt-1.pdf")
    taken = PrintBatch.objects.create(survey=survey, count=1, created_by=editor, file="print-batches/alt-2.pdf")
    missing = PrintBatch.objects.create(survey=survey, count=1, created_by=editor, file="print-batches/weg.pdf")
    for name, data in [(moved.file.name, b"%PDF erster"), (taken.file.name, b"%PDF zweiter")]:
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(data)
    storages["private"].delete(moved.file.name)
    storages["private"].delete(taken.file.name)
    storages["private"].save(taken.file.name, ContentFile(b"%PDF ein anderer"))  # the name is taken already

    # The models as that migration knew them (they belonged to participation then; paper holds them now).
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    old_apps = MigrationLoader(connection).project_state(
        ("participation", "0014_private_batches_forms_and_idea_images")).apps
    migration.to_private(old_apps, None)
    migration.to_private(old_apps, None)  # twice: nothing left to move, nothing breaks

    for batch in (moved, taken, missing):
        batch.refresh_from_db()
    assert moved.file.name == "print-batches/alt-1.pdf" and moved.file.open("rb").read() == b"%PDF erster"
    assert taken.file.name != "print-batches/alt-2.pdf" and taken.file.open("rb").read() == b"%PDF zweiter"
    assert missing.file.name == "print-batches/weg.pdf"  # its file was gone already: left as it was
    assert not (media / "print-batches" / "alt-1.pdf").exists() and not (media / "print-batches" / "alt-2.pdf").exists()
