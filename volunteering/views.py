"""Public volunteering pages: opportunities with filters, an opportunity with its shifts and free places,
sign-up and cancellation, and a volunteer's own sign-ups (waiting list and offered places included)."""

import pickle
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.cache import chrome
from core.filters import list_filters
from core.municipalities import districts_here
from core.pagination import page_or_404
from volunteering import nearby
from volunteering.forms import VolunteerProfileForm
from volunteering.matching import suggestions as suggest
from volunteering.models import (
    Interest,
    Opportunity,
    OpportunityTranslation,
    Shift,
    Signup,
    VolunteerProfile,
    localize_opportunities,
)
from volunteering.signup import CANCELLABLE, SignupError, accept_offer, cancel, sign_up

PER_PAGE = 20
STATUS_MESSAGES = {
    Signup.Status.REQUESTED: gettext_lazy("Your request was sent to the organisation. You will hear from them."),
    Signup.Status.CONFIRMED: gettext_lazy("You are signed up. Thank you!"),
    Signup.Status.WAITLISTED: gettext_lazy("The shift is full: you are on the waiting list. If a place becomes "
                                           "free, we offer it to you."),
}

# After taking an offered place: the status decides what the person is told, so message and status agree
# (without auto-confirm, a taken place is a request the organisation still confirms).
OFFER_TAKEN_MESSAGES = {
    Signup.Status.REQUESTED: gettext_lazy("You took the place. The organisation still has to confirm it: you will "
                                          "hear from them."),
    Signup.Status.CONFIRMED: gettext_lazy("You took the place and are signed up. Thank you!"),
}


def public_opportunities():
    return Opportunity.objects.filter(published=True, organisation__verified_at__isnull=False)


def opportunity_list(request):
    now = timezone.now()
    # The next date of each opportunity as a subquery (an index probe each), not as MIN over a join of every
    # shift with GROUP BY: at 500 opportunities and 5,000 shifts the join was half the page's time, and the
    # paginator's count repeated it (docs/speed.md).
    next_shift = Shift.objects.filter(opportunity=OuterRef("pk"), starts_at__gt=now).order_by("starts_at")
    opportunities = public_opportunities().annotate(next_shift=Subquery(next_shift.values("starts_at")[:1]))
    filters = {key: request.GET.get(key, "")[:60] for key in ("interest", "district", "kind", "q")}
    flags = {key: request.GET.get(key) == "1" for key in ("remote", "little_german", "wheelchair_accessible")}
    points = chrome(request, "near-districts", nearby.starting_points)
    start = next((district for _town, group in points for district in group
                  if district.slug == request.GET.get("near")), None)
    region = request.GET.get("region") == "1"
    if start is None and not region:
        # A municipality's site lists its own organisations' engagements (issue 26); "the whole region" and a
        # search by distance, which reaches across municipalities, list every one.
        opportunities = opportunities.filter(organisation__site_id=_site_id(request))
    opportunities = list_filters(opportunities, filters, {"interest": ("interests__slug", None),
                                                          "district": ("district__slug", None),
                                                          "kind": ("kind", Opportunity.Kind.values)})
    if filters["q"]:
        # Every language's text is searched: a Turkish word finds the opportunity's Turkish translation.
        words = Q(title__icontains=filters["q"]) | Q(description__icontains=filters["q"])
        words |= Q(pk__in=OpportunityTranslation.objects.filter(
            Q(title__icontains=filters["q"]) | Q(description__icontains=filters["q"])).values("opportunity_id"))
        opportunities = opportunities.filter(words)
    for flag, wanted in flags.items():
        if wanted:
            opportunities = opportunities.filter(**{flag: True})
    # Only what decides the order and a card's key: the cards come from the cache (opportunity_cards).
    rows = opportunities.order_by("next_shift", "-created_at", "pk").values_list("pk", "next_shift", named=True)
    interests = chrome(request, "interests", lambda: list(Interest.objects.all()))
    districts = chrome(request, "districts", lambda: list(districts_here(request)))
    km = nearby.radius(request.GET.get("km"))
    if start is not None:  # nearest first, within the radius (volunteering.nearby)
        rows = nearby.near(rows.values_list("pk", "next_shift", *nearby.COORDINATES), start, km)
        count = len(rows)
    else:
        count = _count(request, rows, filters, flags, interests, districts, region)
    page_of = page_or_404(rows, request.GET.get("page"), PER_PAGE, count=count)
    return TemplateResponse(request, "volunteering/opportunity_list.html", {
        "opportunities": page_of, "opportunity_cards": opportunity_cards(request, page_of),
        "filters": filters, "flags": flags, "interests": interests, "districts": districts,
        "kinds": Opportunity.Kind.choices, "starting_points": points, "start": start, "km": km,
        "radii": nearby.RADII, "query": _query_without_page(request), "region": region,
    })


def _site_id(request):
    from wagtail.models import Site

    from core.municipalities import default_site_id

    site = Site.find_for_request(request)
    return site.pk if site is not None else default_site_id()


def _query_without_page(request):
    """The list's filters as a query string, for the page links (a distance search keeps its place and radius)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _count(request, rows, filters, flags, interests, districts, region):
    """How many opportunities the filters find, counted once per content version (core.cache.chrome): which
    opportunities are public and what they are does not change otherwise (dates only order them). Only for
    filters that name a known field, district or kind and no search words, so made-up values never fill the
    cache; anything else is counted by the paginator as before (None)."""
    known = (not filters["q"] and filters["interest"] in {"", *(item.slug for item in interests)}
             and filters["district"] in {"", *(item.slug for item in districts)}
             and filters["kind"] in {"", *Opportunity.Kind.values})
    if not known:
        return None
    chosen = sorted(name for name, wanted in flags.items() if wanted)
    return chrome(request, "opportunity-count", rows.count, filters["interest"], filters["district"],
                  filters["kind"], region, *chosen)


def opportunity_cards(request, rows):
    """The cards of one page of the list as HTML, each rendered once per content version, language and next date
    (core.cache.chrome): a card shows only the opportunity, its organisation, district, interests and translations,
    and a change to any of them renews the content version (volunteering.apps); its next date is part of the key.
    Rendering and localising 20 cards with their interests and translations was most of the list's time
    (docs/speed.md). A card not in the cache loads the page's opportunities in one go (three queries)."""
    loaded = {}

    def render(row):
        if not loaded:
            items = (Opportunity.objects.filter(pk__in=[each.pk for each in rows])
                     .select_related("organisation", "district").prefetch_related("interests", "translations"))
            loaded.update((item.pk, item) for item in localize_opportunities(items))
        item = loaded.get(row.pk)
        if item is None:  # deleted since the list was read: its deletion renews the content version
            return ""
        item.next_shift, item.km = row.next_shift, getattr(row, "km", None)
        return render_to_string("volunteering/includes/opportunity_card.html", {"item": item})

    language = translation.get_language()
    cards = [chrome(request, "opportunity-card", partial(render, row), row.pk, row.next_shift, language,
                    getattr(row, "km", None)) for row in rows]
    return [mark_safe(card) for card in cards]  # noqa: S308 - our template's own output, escaped when it was rendered


def _public_opportunity(request, slug):
    """The public opportunity at `slug` with its organisation, district, interests and skills, kept pickled per
    content version (core.cache.chrome; any change to them renews it, volunteering.apps) and unpickled as a
    fresh instance for each request (localize() changes it); 404 for a slug nothing public answers (not kept)."""

    def load():
        found = (public_opportunities().select_related("organisation", "district")
                 .prefetch_related("interests", "skills", "translations").filter(slug=slug).first())
        return None if found is None else pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)

    pickled = chrome(request, "opportunity", load, slug, keep_none=False)
    if pickled is None:
        raise Http404
    return pickle.loads(pickled)  # noqa: S301 - bytes we pickled ourselves


def opportunity_detail(request, slug):
    opportunity = _public_opportunity(request, slug)
    opportunity.localize(translation.get_language())
    shifts = (opportunity.shifts.filter(starts_at__gt=timezone.now())
              .annotate(taken=Count("signups", filter=Q(signups__status__in=Signup.HOLDS_A_PLACE)))
              .order_by("starts_at"))
    mine = {}
    if request.user.is_authenticated:
        mine = {s.shift_id: s for s in Signup.objects.filter(volunteer=request.user, shift__opportunity=opportunity)}
    rows = [{"shift": shift, "free": max(0, shift.capacity - shift.taken), "mine": mine.get(shift.pk)}
            for shift in shifts]
    return TemplateResponse(request, "volunteering/opportunity_detail.html", {
        "opportunity": opportunity, "rows": rows, "has_dates": bool(rows), "interests": opportunity.interests.all(),
        "skills": opportunity.skills.all(),  # both prefetched with the opportunity
        "requirements": [label for value, label in Opportunity.Requirement.choices
                         if value in (opportunity.requirements or [])],
    })


@require_POST
@login_required
def signup(request, shift_id):
    from volunteering.models import Shift

    shift = get_object_or_404(Shift.objects.select_related("opportunity"), pk=shift_id)
    try:
        result = sign_up(shift.pk, request.user)
    except SignupError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(STATUS_MESSAGES.get(result.status, _("Saved."))))
    if request.POST.get("next") == "suggestions":
        return redirect("volunteering:suggestions")
    return redirect("volunteering:opportunity", slug=shift.opportunity.slug)


@login_required
def my_signups(request):
    if request.method == "POST":  # taking an offered place; signing off has its own page (sign_off)
        signup_id = request.POST.get("signup", "")
        if not signup_id.isdigit() or not Signup.objects.filter(pk=signup_id, volunteer=request.user).exists():
            raise Http404
        if request.POST.get("action") != "accept":
            return redirect("volunteering:sign_off", signup_id=int(signup_id))
        try:
            taken = accept_offer(int(signup_id), request.user)
        except SignupError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, str(OFFER_TAKEN_MESSAGES[taken.status]))
        return redirect("volunteering:my_signups")
    signups = (Signup.objects.filter(volunteer=request.user).exclude(status=Signup.Status.CANCELLED)
               .select_related("shift__opportunity__organisation").order_by("shift__starts_at")
               .prefetch_related("shift__opportunity__translations"))
    localize_opportunities(signup.shift.opportunity for signup in signups)
    return TemplateResponse(request, "volunteering/my_signups.html", {
        "signups": signups, "cancellable": CANCELLABLE})


@login_required
def sign_off(request, signup_id):
    """Signing off asks first: a page that names the shift, with "Yes, sign off" and a way back (no script
    needed, reachable by keyboard like any form)."""
    signup = get_object_or_404(Signup.objects.select_related("shift__opportunity__organisation")
                               .prefetch_related("shift__opportunity__translations"),
                               pk=signup_id, volunteer=request.user)
    signup.shift.opportunity.localize(translation.get_language())
    cancellable = signup.status in CANCELLABLE
    if request.method == "POST" and cancellable:
        try:
            cancel(signup.pk, request.user)
        except SignupError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You are signed off. The place goes to the next person."))
        return redirect("volunteering:my_signups")
    return TemplateResponse(request, "volunteering/sign_off.html", {"signup": signup, "cancellable": cancellable})


@login_required
def profile(request):
    instance = VolunteerProfile.objects.filter(user=request.user).first() or VolunteerProfile(user=request.user)
    form = VolunteerProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved. These engagements fit it."))
        return redirect("volunteering:suggestions")
    return TemplateResponse(request, "volunteering/profile.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def suggestions(request):
    profile = (VolunteerProfile.objects.filter(user=request.user).select_related("home_district", "user").first())
    if profile is None:
        messages.info(request, _("Tell us a little about yourself first, then we can suggest engagements."))
        return redirect("volunteering:profile")
    found = suggest(profile, limit=20)
    details = {pk: (slug, organisation, language) for pk, slug, organisation, language in Opportunity.objects.filter(
        pk__in={item.opportunity_id for item in found}).values_list("pk", "slug", "organisation__name", "language")}
    translated = dict(OpportunityTranslation.objects.filter(
        opportunity_id__in={item.opportunity_id for item in found}, language=translation.get_language(),
    ).values_list("opportunity_id", "title"))
    items = [{"suggestion": item, "slug": details[item.opportunity_id][0],
              "organisation": details[item.opportunity_id][1],
              "title": translated.get(item.opportunity_id, item.title),
              "title_language": (translation.get_language() if item.opportunity_id in translated
                                else details[item.opportunity_id][2])}
             for item in found]
    return TemplateResponse(request, "volunteering/suggestions.html", {"items": items})
