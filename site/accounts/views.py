from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import deletion, personal_data
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import DataExport
from core import registry

DELETE_TRIES_PER_HOUR = 5


@login_required
def profile(request):
    """The account page: what we know about you and where to change it."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {
        "form": form, "data_export": request.user.data_exports.first(), "now": timezone.now(),
        "keep_days": personal_data.keep_days(), "consents": request.user.consent_records.all(),
        "sections": [html for html in (render(request) for render in registry.account_sections) if html],
    })


@login_required
@require_POST
def request_data_export(request):
    export = personal_data.start(request.user)
    if export.is_preparing:
        messages.info(request, _("We are preparing your data. This page shows when it is ready; "
                                 "we also send you an email."))
    return redirect("accounts:profile")


@login_required
def download_data_export(request, export_uuid):
    """Only the person whose data it is gets the file (everyone else: 404); after the keep time: 410."""
    export = DataExport.objects.filter(uuid=export_uuid, user=request.user).first()
    if export is None:
        raise Http404
    if export.is_expired():
        return TemplateResponse(request, "accounts/data_export_gone.html", {"export": export}, status=410)
    if export.status != DataExport.Status.DONE or not export.file:
        return redirect("accounts:profile")
    response = FileResponse(export.file.open("rb"), as_attachment=True, content_type="application/zip",
                            filename=f"mitgestalten-meine-daten-{timezone.localdate(export.finished_at)}.zip")
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    """Confirmation page: what happens, then the password. Staff accounts are removed by an administrator."""
    user = request.user
    staff = user.is_staff or user.is_superuser
    form = DeleteAccountForm(request.POST or None, user=user)
    # Whoever finds an open session must not guess the password here: DELETE_TRIES_PER_HOUR wrong ones,
    # then even the right one is refused for the rest of the hour (counted per account).
    failures_key = f"delete-account-failures:{user.pk}"
    if request.method == "POST" and not staff:
        if cache.get(failures_key, 0) >= DELETE_TRIES_PER_HOUR:
            form.errors.clear()  # whatever was typed, right or wrong: the answer is the same
            form.add_error(None, _("Too many wrong passwords. Please try again in an hour."))
            return TemplateResponse(request, "accounts/delete.html", {"form": form, "staff": staff}, status=429)
        if form.is_valid():
            deletion.delete_account(user, language=translation.get_language())
            logout(request)
            return redirect("accounts:deleted")
        if cache.add(failures_key, 1, timeout=3600) is False:
            cache.incr(failures_key)
    return TemplateResponse(request, "accounts/delete.html", {"form": form, "staff": staff},
                            status=400 if form.errors else 200)


def account_deleted(request):
    return render(request, "accounts/deleted.html")


def admin_login(request):
    """The Wagtail admin's sign-in page: hands over to the site's own sign-in, so that two-factor
    authentication and the rate limits hold for the admin too."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = reverse("wagtailadmin_home")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect(next_url)
    # Signed in without a staff role: the admin has queued "You do not have permission to access the admin."
    return redirect("accounts:profile")
