"""Images residents upload: checked by content, size and pixels; EXIF (location!) removed."""

import io
import uuid
import warnings

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_IMAGES = 3
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 30_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PENDING_DIR = "ideas/pending"
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
