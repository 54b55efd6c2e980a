"""Staff pages around private files: the download log, and staff members' profile pictures (which live in the
private storage, core.files, so only signed-in staff see them)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.files import file_response
from core.models import DownloadLog
from core.pagination import page_or_404

LOG_PER_PAGE = 50


def may_read_download_log(user):
    """As the export log: superusers and people given "core.view_downloadlog" (no group has it by default)."""
    return user.is_authenticated and user.has_perm("core.view_downloadlog")


def download_log(request):
    """Every download of a private file with personal data (print batches), newest first, read-only."""
    if not may_read_download_log(request.user):
        raise PermissionDenied
    entries = page_or_404(DownloadLog.objects.all(), request.GET.get("p"), LOG_PER_PAGE)
    return TemplateResponse(request, "core/files/download_log.html",
                            {"page_title": _("Download log"), "entries": entries})


def avatar_url(user, size):
    """Wagtail's get_avatar_url hook: a staff member's own picture through `avatar` (else Wagtail's default)."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is None or not profile.avatar:
        return None
    return reverse("core_avatar", args=[user.pk, profile.avatar.name.rsplit("/", 1)[-1]])


def avatar(request, user_id, name):
    """A staff member's profile picture, for people with access to the admin (the admin's URLs check that)."""
    from wagtail.users.models import UserProfile

    profile = get_object_or_404(UserProfile, user_id=user_id)
    if not profile.avatar or profile.avatar.name.rsplit("/", 1)[-1] != name:
        raise Http404
    return file_response(profile.avatar, filename=name, attachment=False, cache_control="private, max-age=3600")
