"""Uploads that try to break the site: bombs, animations, polyglots, SVG in disguise, location data.

Every bad file must end as a form error next to the field (never a 500), and every file we keep must be
the re-encoded one, with nothing of the upload but its pixels.
"""

import io
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from participation.ideas.models import Idea
from participation.ideas.uploads import clean_image
from participation.paper.models import ScanImport
from tests.participation.conftest import (  # noqa: F401 - fixtures
    PROCESS_URL,
    _old_enough_forms,
    idea_data,
    process,
    resident,
)

SUBMIT_URL = PROCESS_URL + "idee/neu/"


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English (the msgids); tests otherwise start in German."""
    with translation.override("en"):
        yield
GPS_AND_CAMERA = {0x8825: {2: (53.0, 52.0, 10.0), 4: (10.0, 41.0, 5.0)}, 0x010F: "Kamerahersteller"}
PAYLOAD = b"<html><body><script>alert(document.cookie)</script></body></html>"


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width, height):
    """A PNG of a few dozen bytes whose header claims width × height pixels (1 bit each, all zero)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"\x00" * 64, 9)) + _chunk(b"IEND", b""))


def image_bytes(image_format, size=(40, 30), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def animation(image_format, frames=3, size=(20, 20)):
    images = [Image.new("RGB", size, (index * 37 % 256, 60, (200 + index * 11) % 256)) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format=image_format, save_all=True, append_images=images[1:], duration=100)
    return buffer.getvalue()


def zip_archive():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", PAYLOAD)
    return buffer.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'

BAD_IMAGES = {
    "bomb-100000x100000.png": png_bomb(100_000, 100_000),  # Pillow itself refuses it outright
    "bomb-10000x10000.png": png_bomb(10_000, 10_000),  # below Pillow's limit, above ours
    "animated.png": animation("PNG"),  # APNG
    "animated.webp": animation("WEBP"),
    "animated-60-frames.webp": animation("WEBP", frames=60, size=(16, 16)),
    "animated.gif": animation("GIF"),
    "svg-disguised.png": SVG,
    "svg-disguised.jpg": SVG,
    "html-disguised.jpg": PAYLOAD,
    "truncated.jpg": image_bytes("JPEG", size=(400, 300))[:300],
    "truncated.png": image_bytes("PNG", size=(400, 300))[:-30],
    "empty.png": b"",
}


def error_of(response, field):
    soup = BeautifulSoup(response.content, "html.parser")
    error = soup.find(id=f"id_{field}-error")
    assert error is not None, f"no error shown for {field}"
    assert soup.find(attrs={"name": field})["aria-invalid"] == "true"
    return error.get_text(" ", strip=True)


@pytest.mark.parametrize("name", sorted(BAD_IMAGES))
def test_a_bad_image_gets_a_form_error_next_to_the_field(client, process, resident, name):  # noqa: F811
    client.force_login(resident)
    ideas = Idea.objects.count()
    response = client.post(SUBMIT_URL, {**idea_data(), "images": [SimpleUploadedFile(name, BAD_IMAGES[name])]})
    assert response.status_code == 200
    message = error_of(response, "images")
    assert name in message or not BAD_IMAGES[name]  # the message names the file (Django's own for an empty one)
    assert Idea.objects.count() == ideas


def test_bombs_and_animations_are_refused_with_the_reason():
    messages = {}
    for name in ("bomb-100000x100000.png", "bomb-10000x10000.png", "animated.png", "animated.webp"):
        with pytest.raises(Exception) as caught:
            clean_image(SimpleUploadedFile(name, BAD_IMAGES[name]))
        messages[name] = caught.value.messages[0]
    assert "pixels" in messages["bomb-100000x100000.png"] and "pixels" in messages["bomb-10000x10000.png"]
    assert "animation" in messages["animated.png"] and "animation" in messages["animated.webp"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("zip-after-png.png", image_bytes("PNG") + zip_archive()),
        ("html-after-jpeg.jpg", image_bytes("JPEG") + PAYLOAD),
        ("pdf-after-webp.webp", image_bytes("WEBP") + b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF"),
        ("html-in-jpeg-comment.jpg", image_bytes("JPEG", comment=PAYLOAD)),
        ("html-in-xmp.webp", image_bytes("WEBP", xmp=PAYLOAD)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_polyglot_is_stored_only_as_its_re_encoded_pixels(client, process, resident, name, data):  # noqa: F811
    client.force_login(resident)
    response = client.post(SUBMIT_URL, {**idea_data(), "images": [SimpleUploadedFile(name, data)]})
    assert response.status_code == 302
    stored = Idea.objects.latest("pk").images.get()
    with stored.file.open("rb") as handle:
        kept = handle.read()
    assert kept != data
    for marker in (b"<script", b"<html", b"PK\x03\x04", b"%PDF"):
        assert marker not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (40, 30)


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_location_camera_data_and_profiles_are_removed(image_format):
    exif = Image.Exif()
    for tag, value in GPS_AND_CAMERA.items():
        exif[tag] = value
    upload = SimpleUploadedFile(f"foto.{image_format.lower()}",
                                image_bytes(image_format, exif=exif, xmp=b"<x:xmpmeta>Breite 53.87</x:xmpmeta>"))
    with Image.open(upload) as original:
        assert original.getexif().get_ifd(0x8825)  # the upload really carries a position
    data, _extension = clean_image(upload)
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(image.info)
    assert b"53.87" not in data and b"Kamerahersteller" not in data


def test_the_orientation_is_applied_before_the_exif_goes():
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    data, _extension = clean_image(SimpleUploadedFile("hochkant.jpg", image_bytes("JPEG", size=(40, 30), exif=exif)))
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (30, 40) and dict(image.getexif()) == {}


@pytest.mark.parametrize("profile", [b"not a colour profile at all", "sRGB"])
def test_a_colour_profile_is_converted_or_dropped_and_the_colours_stay(profile):
    from PIL import ImageCms

    if profile == "sRGB":
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 30)).save(buffer, format="PNG", icc_profile=profile)
    data, _extension = clean_image(SimpleUploadedFile("profil.png", buffer.getvalue()))
    with Image.open(io.BytesIO(data)) as image:
        assert "icc_profile" not in image.info
        assert all(abs(a - b) <= 2 for a, b in zip(image.getpixel((0, 0)), (10, 200, 30), strict=True))


# Scans of paper forms (staff upload stacks of pages)


@pytest.fixture
def analyst(django_user_model, demo_site):
    user = django_user_model.objects.create_user("scan.sicherheit@luebeck.example", "Ein-Langes-Passwort-1")
    user.groups.add(Group.objects.get(name="Auswertung"))
    return user


def pdf_with_pages(*sizes):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for width, height in sizes:
        document.new_page(width, height)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tiff_stack(*sizes):
    pages = [Image.new("L", size, 255) for size in sizes]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def test_scan_stacks_that_would_unpack_to_gigabytes_are_refused(client, analyst, monkeypatch):
    import participation.paper.scan_import as scan_import

    client.force_login(analyst)
    monkeypatch.setattr(scan_import, "MAX_PAGES", 3)
    cases = {
        "bomb.png": png_bomb(100_000, 100_000),
        "plakat.pdf": pdf_with_pages((595, 842), (14_400, 14_400)),  # 200 × 200 inches: 1.6 gigapixels at 200 dpi
        "zu-viele-seiten.pdf": pdf_with_pages(*[(595, 842)] * 4),
        "zu-viele-seiten.tif": tiff_stack(*[(10, 10)] * 4),
        "kaputt.pdf": b"%PDF-1.7\nnothing else",
    }
    for name, data in cases.items():
        response = client.post("/de/papiererfassung/scans/", {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 200, name
        assert error_of(response, "file"), name
    assert not ScanImport.objects.exists()


def test_a_tiff_page_above_the_pixel_limit_is_refused_and_a_normal_stack_passes(monkeypatch):
    import participation.paper.scan_import as scan_import

    assert scan_import.check_upload(SimpleUploadedFile("a4.pdf", pdf_with_pages((595, 842)))) == ("pdf", None)
    monkeypatch.setattr(scan_import, "MAX_PAGE_PIXELS", 100 * 100)
    assert scan_import.check_upload(SimpleUploadedFile("ok.tif", tiff_stack((100, 100), (90, 100)))) == ("tiff", None)
    kind, problem = scan_import.check_upload(SimpleUploadedFile("gross.tif", tiff_stack((100, 100), (101, 100))))
    assert kind is None and "too large" in problem


# The Wagtail admin (editors upload images, also organisations' logos) and documents


@pytest.fixture
def editor_client(client, django_user_model, demo_site):
    admin = django_user_model.objects.create_superuser("sicherheit.admin@luebeck.example", "Ein-Langes-Passwort-1")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bomb.png", png_bomb(10_000, 10_000)),
        ("many-frames.gif", animation("GIF", frames=51)),
        # 5 × 100 × 100 pixels against a limit of 30,000 (set below): Wagtail's own check sees one frame.
        ("animated-bomb.gif", animation("GIF", frames=5, size=(100, 100))),
        ("disguised.png", SVG),
    ],
    ids=["bomb", "many-frames", "animated-bomb", "svg"],
)
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Wagtail's own check opens it
def test_the_admin_image_upload_refuses_bombs_with_a_form_error(editor_client, settings, name, data):
    from wagtail.images import get_image_model

    if name == "animated-bomb.gif":
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 30_000

    response = editor_client.post("/admin/images/add/", {
        "title": "Logo", "file": SimpleUploadedFile(name, data), "alt_text": "Logo", "credit": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "file" in errors, errors
    assert not get_image_model().objects.filter(title="Logo").exists()


def test_documents_are_downloaded_never_shown_inline(client, db):
    from wagtail.documents.models import Document

    document = Document(title="Protokoll")
    document.file.save("protokoll.txt", ContentFile(PAYLOAD), save=True)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_small_animation_and_a_photo_still_upload_in_the_admin(editor_client):
    from wagtail.images import get_image_model

    for name, data in [("wink.gif", animation("GIF", frames=3)), ("foto.jpg", image_bytes("JPEG"))]:
        response = editor_client.post("/admin/images/add/", {
            "title": name, "file": SimpleUploadedFile(name, data), "alt_text": "Bild", "credit": ""})
        assert response.status_code == 302, response.context["form"].errors
        assert get_image_model().objects.filter(title=name).exists()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_an_editors_photo_loses_its_location_in_the_original_and_every_rendition(editor_client, image_format):
    from wagtail.images import get_image_model

    exif = Image.Exif()
    for tag, value in GPS_AND_CAMERA.items():
        exif[tag] = value
    data = image_bytes(image_format, size=(400, 300), exif=exif, comment=b"Kamerahersteller") \
        if image_format == "JPEG" else image_bytes(image_format, size=(400, 300), exif=exif)
    name = f"standort.{image_format.lower()}"
    response = editor_client.post("/admin/images/add/", {
        "title": name, "file": SimpleUploadedFile(name, data), "alt_text": "Bild", "credit": ""})
    assert response.status_code == 302
    image = get_image_model().objects.get(title=name)
    assert (image.width, image.height) == (400, 300)
    for stored in (image.file, image.get_rendition("width-200").file):
        with stored.open("rb") as handle:
            kept = handle.read()
        assert b"Kamerahersteller" not in kept
        with Image.open(io.BytesIO(kept)) as opened:
            assert dict(opened.getexif()) == {}


@pytest.mark.parametrize("name", ["bomb-10000x10000.png", "svg-disguised.jpg", "animated.webp"])
def test_a_bad_scan_of_a_paper_sheet_gets_a_form_error_and_nothing_is_saved(client, analyst, name):
    from participation.paper.models import PrintBatch, Sheet
    from participation.paper.tasks import _next_serials
    from participation.surveys.models import SurveyPage, SurveyResponse
    from tests.participation.conftest import question

    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    sheet = Sheet.objects.create(batch=PrintBatch.objects.create(survey=survey, count=1), serial=_next_serials(1)[0])
    first = question(survey, "verkehrsmittel")
    client.force_login(analyst)
    response = client.post(f"/de/papiererfassung/{sheet.serial}/", {
        f"paper-q-{first.id}": first.options[1][0], "paper-scan": SimpleUploadedFile(name, BAD_IMAGES[name]),
        "finalise": "1"})
    assert response.status_code == 200
    assert name in error_of(response, "paper-scan")  # the field's name as the browser sends it
    assert not SurveyResponse.objects.filter(paper_sheet=sheet.serial).exists()


def test_the_admin_multiple_upload_applies_the_same_checks(editor_client):
    from wagtail.images import get_image_model

    exif = Image.Exif()
    for tag, value in GPS_AND_CAMERA.items():
        exif[tag] = value
    response = editor_client.post("/admin/images/multiple/add/", {
        "files[]": SimpleUploadedFile("mehrere.jpg", image_bytes("JPEG", exif=exif))})
    assert response.json()["success"]
    with get_image_model().objects.get(pk=response.json()["image_id"]).file.open("rb") as handle:
        assert b"Kamerahersteller" not in handle.read()
    refused = editor_client.post("/admin/images/multiple/add/", {
        "files[]": SimpleUploadedFile("bombe.gif", animation("GIF", frames=51))}).json()
    assert not refused["success"] and "51" in refused["error_message"]
