"""Videos in German Sign Language, served by the site itself (no video platform, no third-party request)."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

MAX_VIDEO_BYTES = 500 * 1024 * 1024
MAX_CAPTIONS_BYTES = 1024 * 1024
VIDEO_TYPES = {"webm": "video/webm", "mp4": "video/mp4"}
FORMAT_NAMES = {"webm": "WebM", "mp4": "MP4"}


def _head(upload, size):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def validate_video(upload):
    """WebM (EBML header) or MP4 (an `ftyp` box), at most MAX_VIDEO_BYTES: checked on the bytes, not the name."""
    if upload.size > MAX_VIDEO_BYTES:
        raise ValidationError(_("The video is larger than 500 MB. Please make it smaller."))
    head = _head(upload, 12)
    if not (head.startswith(b"\x1a\x45\xdf\xa3") or head[4:8] == b"ftyp"):
        raise ValidationError(_("This is not a WebM or MP4 video."))


def validate_captions(upload):
    """A WebVTT file: it starts with the word WEBVTT."""
    if upload.size > MAX_CAPTIONS_BYTES:
        raise ValidationError(_("The captions file is larger than 1 MB."))
    head = _head(upload, 16)
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(_("This is not a WebVTT captions file (it must start with “WEBVTT”)."))


class SignLanguageVideo(index.Indexed, models.Model):
    """One DGS video with its captions track, a text version and the length editors enter."""

    title = models.CharField(_("title"), max_length=255)
    video = models.FileField(
        _("video file"), upload_to="dgs/",
        validators=[FileExtensionValidator(list(VIDEO_TYPES)), validate_video],
        help_text=_("WebM or MP4, at most 500 MB. Visitors can watch and download it."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"), upload_to="dgs/captions/",
        validators=[FileExtensionValidator(["vtt"]), validate_captions],
        help_text=_("A .vtt file with the German captions. Required: without captions the video is not accessible "
                    "to everyone."),
    )
    duration = models.DurationField(_("duration"), help_text=_("Minutes and seconds, for example 2:30."))
    transcript = models.TextField(_("text version"),
                                  help_text=_("Everything the video says, as text. Shown below the video."))
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)

    panels = [FieldPanel("title"), FieldPanel("video"), FieldPanel("captions"), FieldPanel("duration"),
              FieldPanel("transcript")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("sign language video")
        verbose_name_plural = _("sign language videos")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Kept with the row, so pages state the size without asking the storage (maybe remote) every time.
        if self.video:
            self.file_size = self.video.size
        super().save(*args, **kwargs)

    @property
    def extension(self):
        return self.video.name.rsplit(".", 1)[-1].lower() if self.video else ""

    @property
    def format_name(self):
        return FORMAT_NAMES.get(self.extension, self.extension.upper())

    @property
    def mime_type(self):
        return VIDEO_TYPES.get(self.extension, "video/webm")
