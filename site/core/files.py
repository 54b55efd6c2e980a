"""Where the site's files live: public content in MEDIA_ROOT (served as /media/, in production by the web
server), every staff or personal file in the private storage (PRIVATE_ROOT), which has no URL at all and
is handed out only by views that check who asks.

Public: Wagtail images and renditions, sign language videos and their captions. Private: everything else
(print batches, form masters, idea images, scans, exports, data exports, job scratch files, Wagtail
documents, staff members' profile pictures). tests/security/test_private_files.py lists every file field
and fails on one nobody classified.
"""

import contextlib
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse
from django.utils._os import safe_join

# Wagtail writes these with the default storage and has no storage option for them; swapping in a custom
# document model would renumber every document a page links to. So the default storage keeps these folders
# in the private storage: documents (a private collection's are reachable only through Wagtail's serve view,
# WAGTAILDOCS_SERVE_METHOD = "serve_view", which checks the collection's privacy), staff members' profile
# pictures (shown to staff by core.file_views.avatar) and the multiple uploader's half-finished uploads.
PRIVATE_MEDIA_FOLDERS = ("documents/", "avatar_images/", "wagtail_uploads/")


def private_storage():
    """The storage of staff and personal files (PRIVATE_ROOT): no URL, served only by permission-checking views."""
    return storages["private"]


class PrivateStorage(FileSystemStorage):
    """PRIVATE_ROOT. Its files have no URL (FileSystemStorage would fall back to MEDIA_URL): a view serves them."""

    def url(self, name):
        raise NotImplementedError("A private file has no public URL.")


def is_private_name(name):
    return str(name).replace("\\", "/").startswith(PRIVATE_MEDIA_FOLDERS)


class MediaStorage(FileSystemStorage):
    """The default storage: MEDIA_ROOT, except PRIVATE_MEDIA_FOLDERS, which live in the private storage."""

    def path(self, name):
        return private_storage().path(name) if is_private_name(name) else super().path(name)

    def _save(self, name, content):
        return private_storage()._save(name, content) if is_private_name(name) else super()._save(name, content)

    def url(self, name):
        # Wagtail's document serve view asks for a direct URL and expects NotImplementedError when there is none.
        return private_storage().url(name) if is_private_name(name) else super().url(name)


def file_response(field_file, *, filename, content_type=None, attachment=True, cache_control="private, no-store"):
    """A private file as a response. The caller has checked the permission (and logged the access)."""
    response = FileResponse(field_file.open("rb"), as_attachment=attachment, filename=filename,
                            content_type=content_type)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


def move_field_files(apps, fields, move):
    """For data migrations: move the files of `fields` ([(app label, model, field name)], historical models from
    `apps`) with `move` (move_from_media or move_to_media), and store the names of files that were renamed."""
    for app_label, model_name, field in fields:
        model = apps.get_model(app_label, model_name)
        rows = list(model.objects.exclude(**{field: ""}).values_list("pk", field))
        renamed = move([name for _pk, name in rows])
        for pk, name in rows:
            if name in renamed:
                model.objects.filter(pk=pk).update(**{field: renamed[name]})


def move_from_media(names):
    """Move the files `names` (storage names) from MEDIA_ROOT into the private storage (the migrations that
    made folders private). Returns {old name: new name} for files renamed because the private storage held
    another file of that name. Safe twice: a file already moved, or missing altogether, is skipped."""
    return _move(names, Path(settings.MEDIA_ROOT), private_storage())


def move_to_media(names):
    """The way back, for reversing those migrations."""
    return _move(names, Path(private_storage().location), FileSystemStorage(location=settings.MEDIA_ROOT))


def _move(names, source_root, target_storage):
    renamed = {}
    for name in names:
        source = Path(safe_join(source_root, name)) if name else None
        if source is None or not source.is_file():
            continue
        target_name = target_storage.get_available_name(name)  # the name itself unless it is taken
        if target_name != name:
            renamed[name] = target_name
        target = Path(target_storage.path(target_name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)  # a rename on one volume, else a copy and delete
        _remove_empty_folders(source.parent, stop=source_root)
    return renamed


def _remove_empty_folders(folder, stop):
    while folder != stop and stop in folder.parents:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
        if folder.exists():
            return
        folder = folder.parent
