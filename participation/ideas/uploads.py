"""Images residents upload: checked by content, size and pixels; EXIF (location!) removed."""

import io
import uuid
import warnings

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from core import ratelimit

MAX_IMAGES = 3
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 30_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
PENDING_DIR = "ideas/pending"
TOKEN_HOURS = 24  # how long a kept image's token is valid; retention deletes the image after that
SESSION_KEY = "participation.pending_images"
SESSION_NAMES = 30  # a form holds three at a time: room for many corrections
_SALT = "participation.pending-image"


def _read_error(upload):
    return ValidationError(
        _("“%(name)s” is not an image we can read. Please upload a JPEG, PNG or WebP photo.")
        % {"name": upload.name}
    )


def _too_many_pixels(upload):
    return ValidationError(
        _("“%(name)s” has too many pixels. Please upload a photo of at most %(limit)s megapixels.")
        % {"name": upload.name, "limit": MAX_PIXELS // 1_000_000}
    )


def clean_image(upload):
    """Return (bytes, extension) of a re-encoded image without metadata, or raise ValidationError.

    Only the pixels survive: whatever else the file carries (EXIF and GPS, XMP, comments, colour
    profiles, text chunks, data appended after the image such as a ZIP, PDF or HTML polyglot) is not
    copied into the stored file. Bombs (huge dimensions in a small file, animations) are refused from
    the header, before any pixel is decoded.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s MB. Please choose a smaller image.")
            % {"name": upload.name, "limit": MAX_BYTES // (1024 * 1024)}
        )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit; ours is lower and checked just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                image_format = probe.format
                width, height = probe.size
                frames = getattr(probe, "n_frames", 1)
                probe.verify()
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels(upload) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _read_error(upload) from exc
    if image_format not in FORMATS:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or WebP image.") % {"name": upload.name}
        )
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(upload)
    if frames > 1:
        raise ValidationError(
            _("“%(name)s” is an animation. Please upload a single still image.") % {"name": upload.name}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image = ImageOps.exif_transpose(image)  # keep the visible orientation, drop the rest
            image = _in_srgb(image)
            if image.mode not in ("RGB", "RGBA", "L"):
                image = image.convert("RGBA" if image.has_transparency_data else "RGB")
            # A fresh image holds the pixels and nothing else, so no comment, profile or chunk of the
            # upload can be written back (Pillow copies e.g. a JPEG comment from `info` on save).
            bare = Image.new(image.mode, image.size)
            bare.paste(image)
            save_format = image_format if image_format != "JPEG" or bare.mode != "RGBA" else "PNG"
            buffer = io.BytesIO()
            bare.save(buffer, format=save_format, quality=88)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:  # e.g. truncated pixel data
        raise _read_error(upload) from exc
    return buffer.getvalue(), FORMATS[save_format]


def _in_srgb(image):
    """Convert pixels described by an embedded colour profile to sRGB, so dropping the profile keeps the
    colours (phones save wide-gamut photos)."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(
            image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: keep the pixels as they are


def pending_storage():
    """Where images wait for their form: private storage, never under MEDIA_ROOT (a name there could be guessed
    or passed on, and the image belongs to nobody's idea yet)."""
    return storages["private"]


class PendingImages:
    """A client's images kept while the rest of an idea form is corrected (in pending_storage, for 24 hours).

    Each gets a signed token that goes back and forth in the form. Only the session that uploaded an image can
    use its token: to see the image (participation.ideas.views.pending_image) or to send it with the idea. The bytes
    kept are bounded per session and per client address (PENDING_IMAGE_BYTES): the address's images lie in a
    folder of their own, named by a keyed hash (no address is written to disk), so the bound needs no database.
    """

    def __init__(self, request):
        self.request = request
        self.storage = pending_storage()
        client = salted_hmac("participation.pending-client", ratelimit.client_network(request)).hexdigest()[:20]
        self.folder = f"{PENDING_DIR}/{client}"

    def _session_names(self):
        return list(self.request.session.get(SESSION_KEY, []))

    def name(self, token):
        """The stored name behind a token this session was given, or None (forged, expired, another
        session's, or already sent)."""
        try:
            name = signing.loads(token, salt=_SALT, max_age=TOKEN_HOURS * 3600)
        except signing.BadSignature:
            return None
        if name not in self._session_names() or not self.storage.exists(name):
            return None
        return name

    def _bytes(self, names):
        total = 0
        for name in names:
            try:
                total += self.storage.size(name)
            except FileNotFoundError:  # sent with its idea, or deleted by retention
                continue
        return total

    def room_for(self, size):
        """Whether `size` more bytes may be kept for this session and address."""
        try:
            at_address = [f"{self.folder}/{name}" for name in self.storage.listdir(self.folder)[1]]
        except FileNotFoundError:
            at_address = []
        limits = settings.PENDING_IMAGE_BYTES
        return (self._bytes(self._session_names()) + size <= limits["session"]
                and self._bytes(at_address) + size <= limits["address"])

    def keep(self, data, extension):
        """Store a checked image; return its token."""
        name = self.storage.save(f"{self.folder}/{uuid.uuid4().hex}.{extension}", ContentFile(data))
        self.request.session[SESSION_KEY] = [*self._session_names(), name][-SESSION_NAMES:]
        return signing.dumps(name, salt=_SALT)


def no_room_error():
    return ValidationError(_("We are already keeping many images for you that were not sent. Please send your "
                             "idea with the images you chose, or try again tomorrow."), code="pending_full")
