"""Printable volunteering documents (WeasyPrint): a volunteer's Ehrenamtsnachweis, a flyer per opportunity
and the volunteer desk's confirmation of a sign-up.

They are made like the paper forms (core.pdf): nothing is fetched while rendering (the QR
code is an inline SVG data URI, fonts come from the system and are embedded), and the PDFs are tagged
(PDF/UA-1) so that screen readers can read them.
"""

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core import links
from core.pdf import pdf_response, render_pdf
from volunteering.forms import CertificateNameForm
from volunteering.models import Opportunity, Signup, VolunteerProfile
from volunteering.organisation import hours_per_year
from volunteering.views import public_opportunities

NEXT_SHIFTS_ON_FLYER = 5


def desk_phone():
    return settings.VOLUNTEER_DESK_PHONE


def qr_code(url):
    """The QR code of `url` as an SVG data URI: WeasyPrint reads it without fetching anything."""
    return segno.make(url, error="m", micro=False).svg_data_uri(border=4)


def _requirement_labels(opportunity):
    return [label for value, label in Opportunity.Requirement.choices if value in (opportunity.requirements or [])]


# The Ehrenamtsnachweis


def attended_signups(user):
    """Sign-ups the organisations recorded as attended, with hours (those that volunteering.organisation's
    hours_per_year adds up)."""
    return Signup.objects.filter(volunteer=user, status=Signup.Status.ATTENDED, hours__isnull=False)


def certificate_name(user):
    """The name printed on the certificate: the one the person gave for it, else the name the desk
    registered; empty when neither is known (never the email address: a certificate names a person)."""
    profile = VolunteerProfile.objects.filter(user=user).only("full_name").first()
    return (profile.full_name if profile else "") or user.get_full_name().strip()


def certificate_pdf(user, year, now=None, name=None):
    """The Ehrenamtsnachweis for `year`, or None when no hours were recorded that year."""
    totals = hours_per_year(user)
    if not totals.get(year):
        return None
    person = name or certificate_name(user)
    if not person:
        raise ValueError("A certificate needs the person's name.")
    activities = (attended_signups(user).filter(shift__starts_at__year=year)
                  .select_related("shift__opportunity__organisation").order_by("shift__starts_at", "pk"))
    pdf, _refused = render_pdf("volunteering/print/certificate.html", {
        "person": person, "year": year, "activities": activities,
        "total": totals[year], "issued": timezone.localdate(now),
    })
    return pdf


@login_required
def certificate(request):
    """The signed-in person's own Ehrenamtsnachweis for ?year= (this year unless given). Without a name on
    file it first asks for one (and keeps it on the volunteer profile, so later requests need not ask);
    ?name=change shows the same form, filled in, to correct it."""
    this_year = timezone.localdate().year
    year = request.GET.get("year") or str(this_year)
    if not (year.isdigit() and len(year) == 4):
        raise Http404
    totals = hours_per_year(request.user)
    if not totals.get(int(year)):
        return TemplateResponse(request, "volunteering/print/nothing_to_certify.html", {
            "year": int(year), "years": sorted(totals.items(), reverse=True),
        })
    name = certificate_name(request.user)
    if request.method == "POST" or not name or request.GET.get("name") == "change":
        form = CertificateNameForm(request.POST or None, initial={"full_name": name})
        if form.is_valid():
            profile, _created = VolunteerProfile.objects.get_or_create(user=request.user)
            profile.full_name = form.cleaned_data["full_name"]
            profile.save(update_fields=["full_name"])
            return redirect(f"{reverse('volunteering:certificate')}?year={year}")
        return TemplateResponse(request, "volunteering/print/certificate_name.html",
                                {"form": form, "year": int(year)}, status=400 if form.errors else 200)
    return pdf_response(certificate_pdf(request.user, int(year), name=name), f"ehrenamtsnachweis-{year}.pdf")


# The flyer


def flyer_pdf(opportunity, url, now=None):
    now = now or timezone.now()
    shifts = opportunity.shifts.filter(starts_at__gt=now).order_by("starts_at")[:NEXT_SHIFTS_ON_FLYER]
    pdf, _refused = render_pdf("volunteering/print/flyer.html", {
        "opportunity": opportunity, "shifts": shifts, "requirements": _requirement_labels(opportunity),
        "url": url, "qr": qr_code(url), "desk_phone": desk_phone(),
    })
    return pdf


def flyer(request, slug):
    """An A4 flyer of a public opportunity, to hang up: what, where, when, and a QR code to its page."""
    opportunity = get_object_or_404(public_opportunities().select_related("organisation"), slug=slug)
    url = links.absolute(reverse("volunteering:opportunity", args=[opportunity.slug]), request=request)
    return pdf_response(flyer_pdf(opportunity, url), f"{opportunity.slug}-flyer.pdf")


# The desk's confirmation of a sign-up


def confirmation_pdf(signup, url):
    """A large-print confirmation of a sign-up made at the desk; `url` is the opportunity's page."""
    shift = signup.shift
    return render_pdf("volunteering/print/confirmation.html", {
        "signup": signup, "shift": shift, "opportunity": shift.opportunity,
        "organisation": shift.opportunity.organisation, "person": signup.volunteer.get_full_name(),
        "url": url, "qr": qr_code(url), "desk_phone": desk_phone(), "printed": timezone.localdate(),
    })[0]
