"""The volunteer desk: coordinators register people who come by or call (with or without email), sign
them up for shifts and print them a confirmation in large type.

A municipality's coordinators (issue 26, core.staff_scope) see the people their desk registered and the people
signed up with their municipality's organisations, only those sign-ups, and only their organisations' shifts;
anything else answers 404. The region's coordinators see all."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Replace
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import VOLUNTEER_COORDINATORS, has_role, role_sites
from core import links, staff_scope
from core.i18n import LANGUAGES_SPOKEN
from volunteering import organisation as org
from volunteering.desk_forms import DeskRegistrationForm
from volunteering.documents import confirmation_pdf, pdf_response
from volunteering.models import NO_EMAIL_DOMAIN, Shift, Signup, reachable_by_email
from volunteering.org_views import error_summary
from volunteering.signup import SignupError, sign_up

LIST_LIMIT = 30
RESULT_MESSAGES = {
    Signup.Status.CONFIRMED: gettext_lazy("%(name)s is signed up and the place is confirmed."),
    Signup.Status.REQUESTED: gettext_lazy("%(name)s is signed up. The organisation still has to confirm the "
                                          "place: tell the person that the desk lets them know."),
    Signup.Status.WAITLISTED: gettext_lazy("The shift is full: %(name)s is on the waiting list."),
    Signup.Status.OFFERED: gettext_lazy("A place is offered to %(name)s and held until %(until)s."),
}


def is_coordinator(user):
    return has_role(user, VOLUNTEER_COORDINATORS)


def coordinator_required(view):
    """Signed out → the sign-in page; signed in but not a volunteering coordinator → 403."""
    @wraps(view)
    @login_required
    def checked(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return checked


def desk_persons(user=None):
    """People the desk looks after: registered at the desk (no password of their own, or no email), or
    signed up at the desk before. With `user`, of that coordinator's municipalities only: registered at their desk
    or signed up with one of their organisations."""
    persons = (get_user_model().objects.filter(volunteer_profile__isnull=False)
               .filter(Q(password__startswith=UNUSABLE_PASSWORD_PREFIX) | Q(email__endswith="@" + NO_EMAIL_DOMAIN)
                       | Exists(Signup.objects.filter(volunteer=OuterRef("pk"), channel=Signup.Channel.DESK)))
               .select_related("volunteer_profile"))
    site_ids = None if user is None else role_sites(user, VOLUNTEER_COORDINATORS)
    if site_ids is not None:
        persons = persons.filter(
            Q(volunteer_profile__desk_site__in=site_ids)
            | Exists(Signup.objects.filter(volunteer=OuterRef("pk"),
                                           shift__opportunity__organisation__site__in=site_ids)))
    return persons


def scoped_signups(user):
    """Sign-ups with the coordinator's municipalities' organisations (all for the region's coordinators)."""
    return staff_scope.sites(Signup.objects.all(), user, VOLUNTEER_COORDINATORS,
                             field="shift__opportunity__organisation__site")


def _compact(expression):
    """A phone number without spaces, dashes and slashes, so "0451 12 34" finds "0451/1234"."""
    for char in " -/":
        expression = Replace(expression, Value(char), Value(""))
    return expression


def search_persons(query, user=None):
    persons = desk_persons(user).annotate(compact_phone=_compact("volunteer_profile__phone"))
    for word in query.split()[:5]:
        digits = "".join(char for char in word if char not in " -/")
        persons = persons.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                                 | Q(email__icontains=word) | Q(compact_phone__icontains=digits))
    return persons


@coordinator_required
def home(request):
    query = request.GET.get("q", "").strip()[:100]
    persons = search_persons(query, request.user) if query else desk_persons(request.user)
    rows = [{"person": person, "email": reachable_by_email(person)}
            for person in persons.order_by("-date_joined", "-pk")[:LIST_LIMIT]]
    return TemplateResponse(request, "volunteering/desk/home.html", {"query": query, "persons": rows})


@coordinator_required
def register(request):
    form = DeskRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = form.save(site=org.site_for(request))
        messages.success(request, _("%(name)s is registered. Now choose a shift.") % {"name": person.get_full_name()})
        return redirect("volunteering:desk_person", person_id=person.pk)
    return TemplateResponse(request, "volunteering/desk/register.html",
                            {"form": form, "error_summary": error_summary(form)})


def upcoming_shifts(query="", now=None, user=None):
    """Upcoming shifts of public opportunities with the places taken, soonest first; `query` searches the
    opportunity, the organisation and the place; with `user`, of that coordinator's municipalities only."""
    shifts = Shift.objects.all() if user is None else staff_scope.sites(
        Shift.objects.all(), user, VOLUNTEER_COORDINATORS, field="opportunity__organisation__site")
    shifts = (shifts.filter(starts_at__gt=now or timezone.now(), opportunity__published=True,
                                   opportunity__organisation__verified_at__isnull=False)
              .select_related("opportunity__organisation")
              .annotate(taken=Count("signups", filter=Q(signups__status__in=Signup.HOLDS_A_PLACE)))
              .order_by("starts_at", "pk"))
    for word in query.split()[:5]:
        shifts = shifts.filter(Q(opportunity__title__icontains=word) | Q(opportunity__place__icontains=word)
                               | Q(opportunity__organisation__name__icontains=word))
    return shifts


@coordinator_required
def person(request, person_id):
    volunteer = get_object_or_404(desk_persons(request.user), pk=person_id)
    query = request.GET.get("q", "").strip()[:100]
    signups = (scoped_signups(request.user).filter(volunteer=volunteer).exclude(status=Signup.Status.CANCELLED)
               .select_related("shift__opportunity__organisation").order_by("shift__starts_at"))
    mine = {signup.shift_id: signup for signup in signups}
    rows = [{"shift": shift, "free": max(0, shift.capacity - shift.taken), "mine": mine.get(shift.pk)}
            for shift in upcoming_shifts(query, user=request.user)[:LIST_LIMIT]]
    languages = dict(LANGUAGES_SPOKEN)
    return TemplateResponse(request, "volunteering/desk/person.html", {
        "person": volunteer, "profile": volunteer.volunteer_profile, "reachable": reachable_by_email(volunteer),
        "signups": signups, "rows": rows,
        "query": query, "limit": LIST_LIMIT,
        "languages": [languages.get(code, code) for code in volunteer.volunteer_profile.languages],
    })


@require_POST
@coordinator_required
def signup(request, person_id, shift_id):
    volunteer = get_object_or_404(desk_persons(request.user), pk=person_id)
    shift = get_object_or_404(staff_scope.sites(Shift.objects.all(), request.user, VOLUNTEER_COORDINATORS,
                                                field="opportunity__organisation__site"), pk=shift_id)
    try:  # sign_up also has the status mail sent (never to an address under NO_EMAIL_DOMAIN)
        result = sign_up(shift.pk, volunteer, channel=Signup.Channel.DESK, registered_by=request.user)
    except SignupError as error:
        messages.error(request, str(error))
    else:
        until = (date_format(timezone.localtime(result.offer_expires_at), "SHORT_DATETIME_FORMAT")
                 if result.offer_expires_at else "")
        messages.success(request, str(RESULT_MESSAGES.get(result.status, _("Saved."))) % {
            "name": volunteer.get_full_name(), "until": until})
    return redirect(reverse("volunteering:desk_person", args=[volunteer.pk]) + "#signups")


@coordinator_required
def confirmation(request, signup_id):
    signup = get_object_or_404(scoped_signups(request.user).filter(volunteer__in=desk_persons(request.user))
                               .select_related("volunteer", "shift__opportunity__organisation"), pk=signup_id)
    url = links.absolute(reverse("volunteering:opportunity", args=[signup.shift.opportunity.slug]), request=request)
    return pdf_response(confirmation_pdf(signup, url), f"anmeldung-{signup.pk}.pdf")
