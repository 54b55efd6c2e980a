"""Issue 21, point 6: a refused idea form costs no disk and no decoding (the honeypot, the fill time and the rate limit
come first), and images kept while a form is corrected are private to the session that uploaded them, bounded
in bytes per session and per address."""

import io
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import User
from participation.ideas.models import Idea
from tests.participation.conftest import (  # noqa: F401 - fixtures
    PROCESS_URL,
    _old_enough_forms,
    idea_data,
    photo,
    process,
    resident,
)
from tests.security.test_uploads import png_bomb

pytestmark = pytest.mark.django_db
SUBMIT = PROCESS_URL + "idee/neu/"


def stored_files(settings):
    """Every file under MEDIA_ROOT and the private storage, with its size."""
    found = {}
    for root in (Path(settings.MEDIA_ROOT), Path(storages["private"].location)):
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                found[str(path)] = path.stat().st_size
    return found


def big_png(name):
    """A real photo-sized PNG (noise does not compress): 1 MB."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (600, 600), os.urandom(600 * 600 * 3)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def _own_private_storage(settings, tmp_path):
    """Private storage of this test alone: kept images of earlier tests and runs count against no bound here."""
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None}}}


@pytest.fixture
def decoded(monkeypatch):
    """Every image Pillow is asked to open, from any module."""
    opened, real_open = [], Image.open
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: opened.append(args) or real_open(*args, **kwargs))
    return opened


@pytest.mark.parametrize("refusal", ["honeypot", "too fast", "rate limit"])
def test_refused_sends_write_no_byte_and_decode_no_pixel(
        client, process, resident, settings, monkeypatch, decoded, refusal,  # noqa: F811
):
    client.force_login(resident)
    cache.clear()
    data = idea_data(title="Abgelehnt mit Bildern")
    if refusal == "honeypot":
        data["website"] = "http://spam.example"
    elif refusal == "too fast":
        monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 60)
    else:
        settings.RATE_LIMITS = {**getattr(settings, "RATE_LIMITS", {}), "idea": {"account": "0/h"}}
    before = stored_files(settings)
    for attempt in range(8):
        # Two photo-sized PNGs and one whose header claims 5,400 × 5,400 pixels (just under the 30 MP limit, so
        # decoding it would cost seconds).
        images = [big_png(f"gross{attempt}a.png"), big_png(f"gross{attempt}b.png"),
                  SimpleUploadedFile("riesig.png", png_bomb(5400, 5400), content_type="image/png")]
        response = client.post(SUBMIT, {**data, "images": images})
        assert response.status_code in (200, 429)
    assert stored_files(settings) == before
    assert decoded == []
    assert not Idea.objects.filter(title="Abgelehnt mit Bildern").exists()


def test_kept_images_are_private_and_only_their_uploaders_session_sees_or_sends_them(
        client, process, resident, settings,  # noqa: F811
):
    client.force_login(resident)
    before = stored_files(settings)
    response = client.post(SUBMIT, {**idea_data(category=""), "images": [photo("brunnen.jpg")]})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    token = page.select_one('input[name="kept_images"]')["value"]
    src = page.select_one(".kept-images img")["src"]
    new = {path: size for path, size in stored_files(settings).items() if path not in before}
    assert len(new) == 1
    (kept_path,) = new
    assert not kept_path.startswith(str(settings.MEDIA_ROOT))  # private storage, never under /media/

    shown = client.get(src)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg" and "no-store" in shown["Cache-Control"]
    with Image.open(io.BytesIO(b"".join(shown.streaming_content))) as image:
        assert image.size == (64, 48)
    neighbour = Client()
    neighbour.force_login(User.objects.create_user("nachbarin@example.org", "Ein-Langes-Passwort-1"))
    assert Client().get(src).status_code == 404 and neighbour.get(src).status_code == 404
    relative = Path(kept_path).relative_to(storages["private"].location).as_posix()
    assert Client().get(f"/media/{relative}").status_code == 404  # guessing a path under /media/ finds nothing

    # Another session cannot attach it by sending the token; the uploader's session can.
    assert neighbour.post(SUBMIT, {**idea_data(title="Fremdes Bild"), "kept_images": [token]}).status_code == 302
    assert Idea.objects.get(title="Fremdes Bild").images.count() == 0
    assert client.post(SUBMIT, {**idea_data(), "kept_images": [token]}).status_code == 302
    assert Idea.objects.get(title="Trinkbrunnen am Koberg").images.count() == 1
    assert not Path(kept_path).exists()


def test_the_bytes_kept_per_session_and_per_address_are_bounded(client, process, resident, settings):  # noqa: F811
    client.force_login(resident)
    here = {"REMOTE_ADDR": "198.51.100.30"}
    before = stored_files(settings)
    client.post(SUBMIT, {**idea_data(category=""), "images": [photo("eins.jpg")]}, **here)
    kept = sum(size for path, size in stored_files(settings).items() if path not in before)
    assert kept > 0

    # Full for this session: a further image is refused with a message, and nothing more is written.
    settings.PENDING_IMAGE_BYTES = {"session": kept, "address": 100 * kept}
    response = client.post(SUBMIT, {**idea_data(category=""), "images": [photo("zwei.jpg")]}, **here)
    assert "viele Bilder" in response.content.decode()
    assert sum(size for path, size in stored_files(settings).items() if path not in before) == kept

    # Full for this address: another person there is refused too, someone elsewhere is not.
    settings.PENDING_IMAGE_BYTES = {"session": 100 * kept, "address": kept}
    neighbour = Client()
    neighbour.force_login(User.objects.create_user("nachbarin@example.org", "Ein-Langes-Passwort-1"))
    response = neighbour.post(SUBMIT, {**idea_data(category=""), "images": [photo("drei.jpg")]}, **here)
    assert "viele Bilder" in response.content.decode()
    small = photo("vier.jpg", size=(8, 6), gps=False)  # fits into `kept` bytes, wherever it is kept
    response = neighbour.post(SUBMIT, {**idea_data(category=""), "images": [small]}, REMOTE_ADDR="192.0.2.60")
    assert "viele Bilder" not in response.content.decode() and 'name="kept_images"' in response.content.decode()
