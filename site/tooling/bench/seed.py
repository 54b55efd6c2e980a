"""Realistic volume for the benchmark: 10,000 ideas, 10,000 survey responses, 5,000 open shifts, 200 blog posts.

Made with bulk inserts on top of the demo content (the demo process, survey, blog and organisation), so the
pages measured are the ones residents see, only fuller. Runs once per benchmark database: a second call finds
the marker idea and does nothing."""

import datetime
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

MARKER = "ID-2000-00000"  # the first seeded idea; its presence means the volume is there
MUNICIPALITIES = 20  # issue 26: the page budgets must hold with twenty municipalities on the install


def seed(ideas=10_000, responses=10_000, shifts=5_000, posts=200, municipalities=MUNICIPALITIES, log=print):
    from participation.ideas.models import Idea

    began = time.perf_counter()
    log(f"  {seed_municipalities(municipalities)} municipalities in {time.perf_counter() - began:.1f} s")
    if Idea.objects.filter(reference=MARKER).exists():
        log("Volume already seeded.")
        return
    for label, step in (("ideas", lambda: seed_ideas(ideas)), ("survey responses", lambda: seed_responses(responses)),
                        ("open shifts", lambda: seed_shifts(shifts)), ("blog posts", lambda: seed_posts(posts))):
        began = time.perf_counter()
        count = step()
        log(f"  seeded {count:,} {label} in {time.perf_counter() - began:.1f} s")
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does soon after any large insert in production: planner statistics and the
        # visibility map (without them the planner guesses, and index-only scans visit every row).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def seed_municipalities(count):
    """As many municipalities (Wagtail sites with their trees, groups and settings) as the region may have: the
    pages measured are Lübeck's, their menus, home sections and region portal must not grow with them."""
    from wagtail.models import Site

    from core import municipalities

    number = Site.objects.count()
    while number < count:
        number += 1
        municipalities.create(f"Gemeinde {number:02d}", f"gemeinde-{number:02d}.bench.localhost")
    return number


def demo_process():
    from participation.ideas.demo import SLUG
    from participation.ideas.models import ParticipationProcessPage

    return ParticipationProcessPage.objects.get(slug=SLUG, locale__language_code="de")


def demo_survey():
    from participation.surveys.demo import SURVEY_SLUG
    from participation.surveys.models import SurveyPage

    return SurveyPage.objects.get(slug=SURVEY_SLUG, locale__language_code="de")


def seed_ideas(count):
    from core.models import District
    from participation.ideas.models import Idea, IdeaCategory

    process, now = demo_process(), timezone.now()
    rng = random.Random(13)  # noqa: S311 - made-up content, repeatable
    categories, districts = list(IdeaCategory.objects.all()), list(District.objects.all())
    words = ("Bank", "Radweg", "Spielplatz", "Beleuchtung", "Baum", "Treffpunkt", "WLAN", "Bushaltestelle",
             "Trinkbrunnen", "Sitzgelegenheit", "Leihrad", "Ladestation")
    places = ("am Markt", "an der Trave", "im Park", "vor der Schule", "am Bahnhof", "in der Altstadt")
    batch = [
        Idea(process=process, reference=f"ID-2000-{number:05d}",
             title=f"{rng.choice(words)} {rng.choice(places)} ({number})",
             description="Mehr Aufenthaltsqualität für alle: " + " ".join(rng.choices(words, k=40)),
             category=categories[number % len(categories)], district=districts[number % len(districts)],
             contact_email=f"mensch{number}@example.org", consent_at=now, confirmed_at=now, published=True,
             published_at=now - datetime.timedelta(minutes=number), support_count=rng.randint(0, 80),
             comment_count=0, status=Idea.Status.RECEIVED)
        for number in range(count)
    ]
    Idea.objects.bulk_create(batch, batch_size=1000)
    return count


def seed_responses(count):
    from participation.surveys.datasets import bulk_create_responses

    bulk_create_responses(demo_survey(), count, seed=7)
    return count


def seed_shifts(count, per_opportunity=10):
    from core.models import District
    from volunteering.models import Interest, Opportunity, Organisation, Shift

    organisation = Organisation.objects.filter(verified_at__isnull=False).order_by("pk").first()
    districts, interests = list(District.objects.all()), list(Interest.objects.all())
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    items = Opportunity.objects.bulk_create([
        Opportunity(organisation=organisation, title=f"Mithelfen im Quartier {n}", slug=f"bench-{n}",
                    description="Gemeinsam anpacken: Nachbarschaftshilfe, Begleitung, kleine Reparaturen.",
                    published=True, district=districts[n % len(districts)], languages=["de"] if n % 3 else [])
        for n in range(count // per_opportunity)
    ], batch_size=500)
    through = Opportunity.interests.through
    through.objects.bulk_create([through(opportunity_id=item.pk, interest_id=interests[index % len(interests)].pk)
                                 for index, item in enumerate(items)], batch_size=1000)
    Shift.objects.bulk_create([
        Shift(opportunity=item, starts_at=start + datetime.timedelta(hours=7 * n + index % 5),
              ends_at=start + datetime.timedelta(hours=7 * n + index % 5 + 2), capacity=3)
        for index, item in enumerate(items) for n in range(per_opportunity)
    ], batch_size=1000)
    return len(items) * per_opportunity


def seed_posts(count):
    from wagtail.models import Locale

    from blog.models import BlogIndexPage, BlogPage

    blog = BlogIndexPage.objects.get(locale=Locale.objects.get(language_code="de"))
    paragraph = ("Die Smart City Region Lübeck erprobt digitale Werkzeuge für alle Mitglieder der "
                 "Stadtgesellschaft: offen, barrierefrei und gemeinsam mit den Menschen vor Ort. ")
    today = timezone.localdate()
    for number in range(count):
        post = BlogPage(title=f"Digitalblog: Werkstattbericht {number + 1}", slug=f"werkstattbericht-{number + 1}",
                        teaser="Was wir in diesem Monat gelernt haben.",
                        body=[("paragraph", f"<p>{paragraph * 6}</p>")] * 4,
                        date=today - datetime.timedelta(days=number), live=True,
                        first_published_at=timezone.now() - datetime.timedelta(days=number))
        blog.add_child(instance=post)
    return count


def bench_users():
    """An analyst (survey results) and a volunteer with a profile that every seeded shift fits (matching)."""
    from accounts.roles import ANALYSTS as ANALYSTS_GROUP
    from core.models import District
    from volunteering.models import VolunteerProfile

    User = get_user_model()
    analyst, _ = User.objects.get_or_create(email="bench-analyst@example.org")
    analyst.groups.add(Group.objects.get_or_create(name=ANALYSTS_GROUP)[0])
    person, _ = User.objects.get_or_create(email="bench-volunteer@example.org")
    profile, _ = VolunteerProfile.objects.get_or_create(
        user=person, defaults={"languages": ["de", "tr"], "availability": ["sat-morning"], "max_km": 50,
                               "home_district": District.objects.order_by("pk").first()})
    return analyst, profile


def session_cookie_for(user):
    """A signed-in session for `user`, as the cookie value a browser would send."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"
