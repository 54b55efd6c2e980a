"""Suggestions for a volunteer: hard filters first, then a weighted score, each with its reasons in words.

Hard filters (a shift that fails one is never suggested): free places, not started, the organisation
verified and the opportunity published, old enough, a language in common (when the opportunity names
languages), wheelchair access and "little German" when the person needs them, only-from-home, within
the distance the person would go, no overlap with a shift the person already holds, and a required
certificate valid on the shift's date. An organisation sees a certificate when a person starts, so a
person with no record yet still gets opportunities that ask for one (the reasons say so); a record that is
due again before the shift rules the shift out.

Score (0–10): fields of engagement in common (3), skills in common (2), the shift falls into a time the
person said they have (2), nearness (2), urgency – few places left soon (1).

Seven small queries whatever the number of shifts (opportunities, shifts, places taken, fields, skills,
the person's own shifts and profile lists); the rest is arithmetic, and reasons are put into words only
for the suggestions shown.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from volunteering.models import CertificateRecord, Opportunity, Shift, Signup

WEEKDAY_NAMES = {"mon": gettext_lazy("Mondays"), "tue": gettext_lazy("Tuesdays"), "wed": gettext_lazy("Wednesdays"),
                 "thu": gettext_lazy("Thursdays"), "fri": gettext_lazy("Fridays"), "sat": gettext_lazy("Saturdays"),
                 "sun": gettext_lazy("Sundays")}


def part_of_day(moment):
    hour = timezone.localtime(moment).hour
    return "morning" if hour < 12 else ("afternoon" if hour < 17 else "evening")


def slot(moment):
    local = timezone.localtime(moment)
    return f"{['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][local.weekday()]}-{part_of_day(moment)}"


def km_between(a, b):
    if None in (a[0], a[1], b[0], b[1]):
        return None
    dlat = math.radians(b[0] - a[0])
    dlon = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371 * math.hypot(dlat, dlon)


@dataclass
class Suggestion:
    shift_id: int
    opportunity_id: int
    title: str
    starts_at: object
    score: float
    reasons: list = field(default_factory=list)
    requirements: list = field(default_factory=list)  # certificates the organisation will ask to see


def _slot_words(moment):
    parts = {"morning": _("mornings"), "afternoon": _("afternoons"), "evening": _("evenings")}
    weekday = slot(moment).split("-")[0]
    return f"{WEEKDAY_NAMES[weekday]} {parts[part_of_day(moment)]}"


def _eligible(profile, row, languages, age, home_point):
    """The hard filters that depend on the opportunity alone; returns the distance in km (or None)."""
    (_pk, _title, opp_languages, wheelchair, little_german, remote, minimum_age, latitude, longitude, _req) = row
    if age is not None and age < minimum_age:
        return False, None
    if opp_languages and languages and not languages.intersection(opp_languages):
        return False, None
    if (profile.needs_wheelchair_access and not wheelchair) or (profile.needs_little_german and not little_german):
        return False, None
    if profile.remote_only and not remote:
        return False, None
    km = None if remote else km_between(home_point, (latitude, longitude))
    if km is not None and km > profile.max_km:
        return False, None
    return True, km


def suggestions(profile, now=None, limit=20):
    now = now or timezone.now()
    interests = set(profile.interests.values_list("pk", flat=True))
    skills = set(profile.skills.values_list("pk", flat=True))
    languages = set(profile.languages or [])
    home = profile.home_district
    home_point = (home.latitude, home.longitude) if home else (None, None)
    age = (now.year - profile.birth_year) if profile.birth_year else None
    availability = set(profile.availability or [])

    opportunities, distance = _eligible_opportunities(profile, languages, age, home_point)
    wanted_interests, wanted_skills, names = _wanted(opportunities)
    shifts = _open_shifts(profile, opportunities, now)
    taken = dict(Signup.objects.filter(status__in=Signup.HOLDS_A_PLACE, shift__in=shifts)
                 .values_list("shift_id").annotate(n=Count("pk")).values_list("shift_id", "n"))
    base = {pk: _base_score(profile, row, distance[pk], interests & wanted_interests.get(pk, set()),
                            wanted_interests.get(pk), skills & wanted_skills.get(pk, set()), wanted_skills.get(pk),
                            bool(interests), bool(skills))
            for pk, row in opportunities.items()}
    top = _scored(shifts, taken, base, availability, now)[:limit]
    starts_of = dict(Shift.objects.filter(pk__in=[item[1] for item in top]).values_list("pk", "starts_at"))
    return [
        Suggestion(shift_id, opportunity_id, opportunities[opportunity_id][1], starts_of[shift_id], round(-negative, 3),
                   _reasons(profile, opportunities[opportunity_id], distance[opportunity_id],
                            timezone.localtime(starts_of[shift_id]), free, starts_of[shift_id], interests, skills,
                            languages, availability, wanted_interests, wanted_skills, names, now),
                   [label for value, label in Opportunity.Requirement.choices
                    if value in (opportunities[opportunity_id][9] or [])])
        for negative, shift_id, opportunity_id, free in top
    ]


def _eligible_opportunities(profile, languages, age, home_point):
    """The opportunities first (hundreds of rows): what fails a hard filter never loads its shifts.
    Returns ({pk: row}, {pk: km or None})."""
    public = Opportunity.objects.filter(published=True, organisation__verified_at__isnull=False)
    opportunities, distance = {}, {}
    for row in public.values_list("pk", "title", "languages", "wheelchair_accessible", "little_german", "remote",
                                  "minimum_age", "district__latitude", "district__longitude", "requirements"):
        fits, km = _eligible(profile, row, languages, age, home_point)
        if fits:
            opportunities[row[0]], distance[row[0]] = row, km
    return opportunities, distance


def _wanted(opportunities):
    """The interests and skills each opportunity asks for, and their names."""
    wanted_interests, wanted_skills, names = defaultdict(set), defaultdict(set), {}
    through = Opportunity.interests.through.objects.filter(opportunity_id__in=list(opportunities))
    for opportunity_id, interest_id, name in through.values_list("opportunity_id", "interest_id", "interest__name"):
        wanted_interests[opportunity_id].add(interest_id)
        names[("i", interest_id)] = name
    through = Opportunity.skills.through.objects.filter(opportunity_id__in=list(opportunities))
    for opportunity_id, skill_id, name in through.values_list("opportunity_id", "skill_id", "skill__name"):
        wanted_skills[opportunity_id].add(skill_id)
        names[("s", skill_id)] = name
    return wanted_interests, wanted_skills, names


def _open_shifts(profile, opportunities, now):
    """Shifts as small rows; the person's own shifts and everything overlapping them stay out in SQL, and so
    do shifts after a recorded certificate runs out (the latest record of each kind counts)."""
    shifts = Shift.objects.filter(starts_at__gt=now, opportunity_id__in=list(opportunities))
    for own_start, own_end, own_id in (Signup.objects.filter(volunteer=profile.user, status__in=Signup.HOLDS_A_PLACE)
                                       .values_list("shift__starts_at", "shift__ends_at", "shift_id")):
        shifts = shifts.exclude(Q(pk=own_id) | Q(starts_at__lt=own_end, ends_at__gt=own_start))
    due = {}
    for requirement, due_on in CertificateRecord.objects.filter(volunteer=profile.user).values_list(
            "requirement", "due_on"):
        due[requirement] = max(due_on, due.get(requirement, due_on))
    for requirement, due_on in due.items():
        needing = [pk for pk, row in opportunities.items() if requirement in (row[9] or [])]
        if needing:
            shifts = shifts.exclude(opportunity_id__in=needing, starts_at__date__gte=due_on)
    return shifts


def _base_score(profile, row, km, shared_interests, wanted_interests, shared_skills, wanted_skills, has_interests,
                has_skills):
    """What an opportunity scores before its shift's time: interests, skills, and how near (or from home)."""
    score = 0.0
    if wanted_interests and has_interests:
        score += 3 * len(shared_interests) / len(wanted_interests)
    if wanted_skills and has_skills:
        score += 2 * len(shared_skills) / len(wanted_skills)
    if row[5]:  # from home
        score += 2
    elif km is not None:
        score += 2 * max(0.0, 1 - km / max(profile.max_km, 1))
    return score


def _scored(shifts, taken, base, availability, now):
    """(-score, shift, opportunity, free places) of every shift with a free place, best first.

    Weekday, hour and "within a week" come from the database as small integers (no date parsing for
    thousands of rows); SQL orders by start, and Python's stable sort keeps that order among equals."""
    zone = timezone.get_current_timezone()
    rows = (shifts.order_by("starts_at", "pk")
            .annotate(weekday=ExtractIsoWeekDay("starts_at", tzinfo=zone), hour=ExtractHour("starts_at", tzinfo=zone),
                      soon=Case(When(starts_at__lte=now + datetime.timedelta(days=7), then=Value(True)),
                                default=Value(False), output_field=BooleanField()))
            .values_list("pk", "capacity", "opportunity_id", "weekday", "hour", "soon"))
    scored = []
    for shift_id, capacity, opportunity_id, weekday, hour, is_soon in rows:
        held = taken.get(shift_id, 0)
        if held >= capacity:
            continue
        score = base[opportunity_id] + (2 if _slot_from(weekday, hour) in availability else 0)
        if capacity - held <= 2 and is_soon:
            score += 1
        scored.append((-score, shift_id, opportunity_id, capacity - held))
    scored.sort(key=lambda item: item[0])
    return scored


_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _slot_from(iso_weekday, hour):
    part = "morning" if hour < 12 else ("afternoon" if hour < 17 else "evening")
    return f"{_DAYS[iso_weekday - 1]}-{part}"


def _slot_of(local):
    part = "morning" if local.hour < 12 else ("afternoon" if local.hour < 17 else "evening")
    return f"{_DAYS[local.weekday()]}-{part}"


def _reasons(profile, opportunity, km, local, free, starts, interests, skills, languages, availability,
             wanted_interests, wanted_skills, names, now):
    (opportunity_id, _title, opp_languages, wheelchair, _little_german, remote, *_rest) = opportunity
    reasons = []
    shared = interests & wanted_interests.get(opportunity_id, set())
    if shared:
        reasons.append(", ".join(sorted(names[("i", i)] for i in shared)))
    shared = skills & wanted_skills.get(opportunity_id, set())
    if shared:
        reasons.append(", ".join(sorted(names[("s", s)] for s in shared)))
    if _slot_of(local) in availability:
        reasons.append(_slot_words(starts))
    if remote:
        reasons.append(_("from home"))
    elif km is not None:
        reasons.append(_("district") if km < 1 else _("%(km)s km away") % {"km": round(km, 1)})
    common = languages.intersection(opp_languages or [])
    if common:
        reasons.append(_("languages") if len(common) > 1 else _("language"))
    if wheelchair and profile.needs_wheelchair_access:
        reasons.append(_("wheelchair accessible"))
    if free <= 2 and (starts - now).total_seconds() <= 7 * 86400:
        reasons.append(_("urgent: few places left"))

    return reasons
