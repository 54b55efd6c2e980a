"""Demo volunteering: a verified organisation with two opportunities and upcoming shifts; with the activity
(load_activity) two more organisations and seven more engagements with shifts in the coming weeks. Idempotent."""

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


# What a city trying the site should find busy (load_activity, after the base demo): three organisations, more
# engagements, shifts in the coming weeks.
ORGANISATIONS = [
    ("tafel-luebeck-demo", "Lübecker Tafel (Demo)", "Lebensmittel retten und an Menschen mit wenig Geld ausgeben.",
     "st-lorenz-sued"),
    ("naturschutz-wakenitz-demo", "Naturschutz an der Wakenitz (Demo)",
     "Ehrenamtliche pflegen Ufer, zählen Vögel und zeigen Kindern die Natur vor der Haustür.", "st-gertrud"),
]
MORE_OPPORTUNITIES = [
    ("tafel-ausgabe", "tafel-luebeck-demo", "Ausgabe bei der Tafel", "Sie helfen bei der Ausgabe von Lebensmitteln "
     "an Kundinnen und Kunden: sortieren, Kisten tragen, freundlich begrüßen.", Opportunity.Kind.ONE_OFF,
     "st-lorenz-sued", "Ausgabestelle St. Lorenz", ["soziales"], ["organisieren"], ["de", "ar"]),
    ("tafel-fahrdienst", "tafel-luebeck-demo", "Fahrdienst: Lebensmittel abholen", "Mit dem Transporter der Tafel "
     "holen Sie Spenden bei Supermärkten ab. Sie brauchen den Führerschein Klasse B.", Opportunity.Kind.ONE_OFF,
     "buntekuh", "Supermärkte in Buntekuh und Moisling", ["soziales"], ["fuehrerschein"], ["de"]),
    ("tafel-uebersetzen", "tafel-luebeck-demo", "Übersetzen bei der Tafel", "Viele Kundinnen und Kunden sprechen "
     "Arabisch, Ukrainisch oder Türkisch. Helfen Sie beim Erklären, wie die Ausgabe funktioniert.",
     Opportunity.Kind.ONE_OFF, "st-lorenz-sued", "Ausgabestelle St. Lorenz", ["gefluechtete", "soziales"],
     ["uebersetzen"], ["de", "ar", "uk", "tr"]),
    ("ufer-aufraeumen", "naturschutz-wakenitz-demo", "Ufer der Wakenitz aufräumen", "Gemeinsam sammeln wir Müll "
     "am Ufer. Handschuhe und Zangen bringen wir mit. Auch für Familien mit Kindern.", Opportunity.Kind.ONE_OFF,
     "st-gertrud", "Treffpunkt Wakenitzufer, Höhe Falkenstraße", ["umwelt"], ["organisieren"], ["de", "en"]),
    ("voegel-zaehlen", "naturschutz-wakenitz-demo", "Wasservögel zählen", "Einmal im Monat zählen wir die "
     "Wasservögel. Wir zeigen Ihnen, wie es geht; ein Fernglas können Sie leihen.", Opportunity.Kind.RECURRING,
     "st-gertrud", "Wakenitz, Bootsanleger", ["umwelt"], ["zuhoeren"], ["de"]),
    ("natur-kinder", "naturschutz-wakenitz-demo", "Naturerlebnis für Kinder begleiten", "Sie begleiten "
     "Grundschulkinder bei Entdeckungstouren am Wasser. Ein erweitertes Führungszeugnis ist nötig.",
     Opportunity.Kind.ONE_OFF, "st-gertrud", "Naturwerkstatt an der Wakenitz", ["kinder", "umwelt"],
     ["erste-hilfe"], ["de"]),
    ("smartphone-treff", "freiwilligenagentur-demo", "Smartphone-Treff im Stadtteilhaus", "Zeigen Sie älteren "
     "Menschen in kleiner Runde, wie Videoanrufe, Fahrplan-Apps und Online-Termine gehen.",
     Opportunity.Kind.RECURRING, "kuecknitz", "Stadtteilhaus Kücknitz", ["digitale-hilfe", "senioren"],
     ["digital-erklaeren"], ["de", "uk"]),
]
SHIFT_DAYS = (2, 5, 9, 13, 20)  # days from today: shifts in the coming weeks, whenever the demo is loaded


def load_activity():
    now = timezone.now()
    organisations = {"freiwilligenagentur-demo": Organisation.objects.get(slug="freiwilligenagentur-demo")}
    for slug, name, text, district in ORGANISATIONS:
        organisations[slug], _created = Organisation.objects.get_or_create(slug=slug, defaults={
            "name": name, "description": text, "contact_email": f"{slug}@luebeck.example", "verified_at": now,
            "district": District.objects.filter(slug=district).first(), "auto_confirm": slug.startswith("tafel"),
        })
    project = ProjectPage.objects.filter(slug="social-smart-city", locale__language_code="de").first()
    for index, (slug, organisation, title, text, kind, district, place, interests, skills, languages) in enumerate(
            MORE_OPPORTUNITIES):
        if Opportunity.objects.filter(slug=slug).exists():
            continue
        opportunity = Opportunity.objects.create(
            organisation=organisations[organisation], slug=slug, title=title, description=text, kind=kind,
            place=place, district=District.objects.filter(slug=district).first(), languages=languages,
            published=True, little_german=len(languages) > 1, family_friendly=slug == "ufer-aufraeumen",
            wheelchair_accessible=index % 2 == 0, requirements=["police_certificate"] if "kinder" in slug else [],
            hours_per_week=2 if kind == Opportunity.Kind.RECURRING else None, minimum_age=16, project=project,
        )
        opportunity.interests.set(Interest.objects.filter(slug__in=interests))
        opportunity.skills.set(Skill.objects.filter(slug__in=skills))
        opportunity.save()
        for day in SHIFT_DAYS[index % 2:][:3]:
            start = (now + datetime.timedelta(days=day)).replace(hour=9 + index, minute=0, second=0, microsecond=0)
            Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                                 capacity=3 + index % 3)
