"""Demo volunteering: a verified organisation with two opportunities and upcoming shifts. Idempotent."""

import datetime

from django.utils import timezone

from core.models import District, ProjectPage
from volunteering.models import Interest, Opportunity, Organisation, Shift, Skill

OPPORTUNITIES = [
    ("digitale-sprechstunde", "Digitale Sprechstunde in der Stadtbibliothek",
     "Einmal pro Woche helfen Ehrenamtliche älteren Menschen bei Fragen zu Smartphone, Tablet und "
     "Online-Terminen. Geduld ist wichtiger als Technikwissen.", Opportunity.Kind.ONE_OFF, "innenstadt",
     "Stadtbibliothek Lübeck, Hundestraße 5–17", ["digitale-hilfe", "senioren"], ["digital-erklaeren", "zuhoeren"],
     ["de", "tr"], 3),
    ("lesepatenschaft-moisling", "Lesepatin oder Lesepate in Moisling",
     "Lesen Sie einmal pro Woche mit Kindern einer Grundschule. Für die Arbeit mit Kindern brauchen Sie ein "
     "erweitertes Führungszeugnis.", Opportunity.Kind.LONG_TERM, "moisling", "Grundschule in Moisling",
     ["kinder"], ["zuhoeren"], ["de", "ar", "uk"], 0),
]


def load():
    now = timezone.now()
    organisation, _created = Organisation.objects.get_or_create(
        slug="freiwilligenagentur-demo", defaults={
            "name": "Seniorenbüro und Lesenetz Lübeck (Demo)", "contact_email": "ehrenamt@luebeck.example",
            "description": "Eine Demo-Organisation für das Social-Smart-City-Ehrenamt.", "verified_at": now,
            "auto_confirm": True,
        })
    # Listed on the Social Smart City project page (the German source page; translations follow it).
    project = ProjectPage.objects.filter(slug="social-smart-city", locale__language_code="de").first()
    ours = Opportunity.objects.filter(slug__in=[spec[0] for spec in OPPORTUNITIES], project__isnull=True)
    ours.update(project=project)
    for slug, title, text, kind, district, place, interests, skills, languages, shifts in OPPORTUNITIES:
        if Opportunity.objects.filter(slug=slug).exists():
            continue
        opportunity = Opportunity.objects.create(
            organisation=organisation, slug=slug, title=title, description=text, kind=kind, place=place,
            district=District.objects.filter(slug=district).first(), languages=languages, published=True,
            little_german=len(languages) > 1, wheelchair_accessible=slug == "digitale-sprechstunde",
            requirements=["police_certificate"] if slug.startswith("lesepaten") else [],
            hours_per_week=2 if kind == Opportunity.Kind.LONG_TERM else None,
            minimum_age=18 if slug.startswith("lesepaten") else 16, project=project,
        )
        opportunity.interests.set(Interest.objects.filter(slug__in=interests))
        opportunity.skills.set(Skill.objects.filter(slug__in=skills))
        opportunity.save()
        for week in range(1, shifts + 1):
            start = (now + datetime.timedelta(days=7 * week)).replace(hour=14, minute=0, second=0, microsecond=0)
            Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                                 capacity=4)
