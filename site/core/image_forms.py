"""The Wagtail admin's image form with one check Wagtail leaves out: animations.

Wagtail multiplies width × height by the number of frames to apply WAGTAILIMAGES_MAX_IMAGE_PIXELS, but its
Pillow backend (Willow) counts every GIF or WebP as one frame, so a small animated file can unpack to
gigabytes. Here the frames are counted by Pillow from the file's headers (WAGTAILIMAGES_IMAGE_FORM_BASE).
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image
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


class CustomImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_frames(upload)
        return upload
