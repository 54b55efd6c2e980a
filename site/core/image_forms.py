"""The Wagtail admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) with two things Wagtail leaves out.

- Animations: Wagtail multiplies width × height by the number of frames to apply
  WAGTAILIMAGES_MAX_IMAGE_PIXELS, but its Pillow backend (Willow) counts every GIF or WebP as one frame,
  so a small animated file can unpack to gigabytes. Here Pillow counts the frames from the headers.
- Metadata: Wagtail keeps the original file and copies its EXIF into every rendition, so a photo's GPS
  position would reach every visitor. Photos with metadata are saved again without it on upload.

It also adds one alternative-text field per language besides German (CustomImage.alt_texts).
"""

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from wagtail.images.forms import BaseImageForm

MAX_FRAMES = 50


def check_frames(upload):
    """Raise ValidationError when an animation has more than MAX_FRAMES frames or more pixels over all
    its frames than WAGTAILIMAGES_MAX_IMAGE_PIXELS allows."""
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # Wagtail's own check reports it
            with Image.open(upload) as image:
                frames = getattr(image, "n_frames", 1)
                width, height = image.size
    except Exception:  # noqa: BLE001 - not for Pillow (SVG, AVIF without plugin): Wagtail's field judges it
        return
    finally:
        upload.seek(0)
    if frames > MAX_FRAMES or (max_pixels and width * height * frames > max_pixels):
        raise ValidationError(
            _("This animation has %(frames)s frames of %(width)s × %(height)s pixels. Please upload at most "
              "%(limit)s frames and at most %(pixels)s megapixels over all frames.")
            % {"frames": frames, "width": width, "height": height, "limit": MAX_FRAMES,
               "pixels": (max_pixels or 0) // 1_000_000},
            code="too_many_frames",
        )


METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}
REWRITTEN_FORMATS = {"JPEG", "PNG", "WEBP"}


def without_metadata(upload):
    """The upload itself when it carries no metadata, else a copy with the same pixels (turned as the
    EXIF orientation says) and colour profile, and nothing else."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in REWRITTEN_FORMATS or getattr(image, "n_frames", 1) > 1:
                return upload
            text_chunks = image.format == "PNG" and bool(getattr(image, "text", None))
            if not (METADATA_KEYS & set(image.info) or text_chunks or image.getexif()):
                return upload
            image_format, profile = image.format, image.info.get("icc_profile")
            options = {"icc_profile": profile} if profile else {}
            buffer = io.BytesIO()
            if image_format == "JPEG" and image.getexif().get(0x0112, 1) in (0, 1):
                # Not turned: the same quantisation as the original, hardly any loss. Pillow writes EXIF
                # and XMP only when asked to; the comment it would copy is emptied.
                image.save(buffer, format="JPEG", quality="keep", comment=b"", **options)
            else:
                upright = ImageOps.exif_transpose(image)
                bare = Image.new(upright.mode, upright.size)
                bare.paste(upright)
                if image_format in ("JPEG", "WEBP"):
                    options["quality"] = 92
                bare.save(buffer, format=image_format, **options)
    except Exception:  # noqa: BLE001 - Wagtail's own field has accepted the file; keep it as it is
        upload.seek(0)
        return upload
    return SimpleUploadedFile(upload.name, buffer.getvalue(), getattr(upload, "content_type", None))


def _alt_field_name(code):
    return "alt_text_" + code.replace("-", "_")


class CustomImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "alt_text" not in self.fields:
            return
        stored = self.instance.alt_texts or {}
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            if name != "alt_text":
                continue
            for code, language in settings.LANGUAGES:
                if code != settings.LANGUAGE_CODE:
                    fields[_alt_field_name(code)] = forms.CharField(
                        label=_("Alternative text: %(language)s") % {"language": language}, required=False,
                        max_length=255, initial=stored.get(code, ""),
                        help_text=_("Leave empty to show the German alternative text in this language."),
                    )
        self.fields = fields  # each language's field right below the German one

    def save(self, commit=True):
        if "alt_text" in self.fields:
            texts = dict(self.instance.alt_texts or {})
            for code, _language in settings.LANGUAGES:
                name = _alt_field_name(code)
                if name in self.cleaned_data:
                    texts[code] = self.cleaned_data[name].strip()
            self.instance.alt_texts = {code: text for code, text in texts.items() if text}
        return super().save(commit=commit)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_frames(upload)
            upload = without_metadata(upload)
        return upload
