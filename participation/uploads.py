"""Images residents upload: checked by content, size and pixels; EXIF (location!) removed."""

import io
import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGES = 3
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 30_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PENDING_DIR = "ideas/pending"
_SALT = "participation.pending-image"


def clean_image(upload):
    """Return (bytes, extension) of a re-encoded image without metadata, or raise ValidationError."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s MB. Please choose a smaller image.")
            % {"name": upload.name, "limit": MAX_BYTES // (1024 * 1024)}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            frames = getattr(probe, "n_frames", 1)
            probe.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ValidationError(
            _("“%(name)s” is not an image we can read. Please upload a JPEG, PNG or WebP photo.")
            % {"name": upload.name}
        ) from exc
    if image_format not in FORMATS:
        raise ValidationError(
            _("“%(name)s” is not a JPEG, PNG or WebP image.") % {"name": upload.name}
        )
    if width * height > MAX_PIXELS or frames > 1:
        raise ValidationError(
            _("“%(name)s” has too many pixels or frames. Please upload a single photo of at most 30 megapixels.")
            % {"name": upload.name}
        )
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)  # keep the visible orientation, drop the rest
        if image.mode not in ("RGB", "RGBA", "L"):
            image = image.convert("RGB")
        buffer = io.BytesIO()
        save_format = image_format if image_format != "JPEG" or image.mode != "RGBA" else "PNG"
        image.save(buffer, format=save_format, quality=88)  # written without EXIF, XMP or ICC comments
    return buffer.getvalue(), FORMATS[save_format]


def keep_pending(data, extension):
    """Store a checked image while the rest of the form is corrected; return a signed token."""
    name = default_storage.save(f"{PENDING_DIR}/{uuid.uuid4().hex}.{extension}", ContentFile(data))
    return signing.dumps(name, salt=_SALT)


def pending_name(token):
    try:
        name = signing.loads(token, salt=_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return None
    return name if name.startswith(PENDING_DIR + "/") and default_storage.exists(name) else None
