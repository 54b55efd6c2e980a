from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.forms import ProfileForm


@login_required
def profile(request):
    """The account page: what we know about you and where to change it."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


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
