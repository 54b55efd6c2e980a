"""A demo participation process with ideas from every channel. Idempotent: what exists stays."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from core.models import District
from participation.ideas.models import Channel, Idea, IdeaCategory, ParticipationProcessPage, Phase, StatusChange

SLUG = "ideen-digitale-beteiligung"

IDEAS = [
    ("Sitzbänke mit WLAN an der Obertrave", "An der Obertrave fehlen Sitzbänke. Mit freiem WLAN könnten dort auch "
     "Menschen ohne mobiles Datenvolumen Fahrpläne und Termine abrufen.", "freizeit", "innenstadt", Channel.ONLINE,
     Idea.Status.IN_REVIEW, 12),
    ("Baustellen-Infos auch auf Papier im Stadtteilbüro", "Nicht alle lesen Baustellen-Infos im Internet. Ein "
     "Aushang im Stadtteilbüro Moisling mit den Baustellen der nächsten Wochen würde vielen helfen.", "mobilitaet",
     "moisling", Channel.PAPER, Idea.Status.ACCEPTED, 8),
    ("Digitale Sprechstunde für Seniorinnen und Senioren", "Einmal pro Woche eine Sprechstunde in der Bücherei, in "
     "der Ehrenamtliche bei Fragen zu Handy und Online-Terminen helfen.", "digitales-leben", "st-lorenz-nord",
     Channel.DESK, Idea.Status.IN_PROGRESS, 21),
    ("Mehr Fahrradbügel am Bahnhof Travemünde", "Im Sommer sind alle Fahrradbügel belegt. Mehr Bügel würden das "
     "wilde Abstellen verringern.", "mobilitaet", "travemuende", Channel.EVENT, Idea.Status.RECEIVED, 5),
    ("Sensoren für die Luftqualität an Schulen", "Messwerte zur Luftqualität in Klassenräumen könnten als offene "
     "Daten veröffentlicht werden, damit Schulen besser lüften.", "umwelt-klima", "buntekuh", Channel.ONLINE,
     Idea.Status.RECEIVED, 3),
]


def load():
    load_ideas()


def load_ideas():
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    process = ParticipationProcessPage.objects.child_of(home).filter(slug=SLUG).first()
    if process is None:
        now = timezone.now()
        process = ParticipationProcessPage(
            title="Ideen für die Digitale Beteiligung", slug=SLUG, show_in_menus=True,
            intro="Was soll die Smart City Region Lübeck als Nächstes angehen? Bringen Sie Ihre Idee ein – online, "
                  "auf Papier oder im Bürgerbüro.",
            description="<p>Alle Ideen werden von der Moderation geprüft und öffentlich beantwortet.</p>",
            moderation=ParticipationProcessPage.Moderation.PRE,
            contact_name="Smart City Team der Hansestadt Lübeck", contact_email="smartcity@luebeck.example",
            paper_hint="Papierbögen liegen in allen Bürgerbüros aus und können dort abgegeben werden.",
        )
        process.phases = [
            Phase(kind=Phase.Kind.COLLECT, starts_at=now - datetime.timedelta(days=30),
                  ends_at=now + datetime.timedelta(days=60), description="Ideen einreichen"),
            Phase(kind=Phase.Kind.SUPPORT, starts_at=now + datetime.timedelta(days=60),
                  ends_at=now + datetime.timedelta(days=90)),
            Phase(kind=Phase.Kind.REVIEW, starts_at=now + datetime.timedelta(days=90),
                  ends_at=now + datetime.timedelta(days=150)),
            Phase(kind=Phase.Kind.RESULT, starts_at=now + datetime.timedelta(days=150),
                  ends_at=now + datetime.timedelta(days=365)),
        ]
        home.add_child(instance=process)
        process.save_revision().publish()
    if process.ideas.exists():
        return
    for title, text, category, district, channel, status, supports in IDEAS:
        now = timezone.now()
        idea = Idea.objects.create(
            process=process, title=title, description=text, category=IdeaCategory.objects.get(slug=category),
            district=District.objects.get(slug=district), channel=channel, status=status,
            author_name="" if channel != Channel.ONLINE else "Demo-Bürgerin", consent_at=now, confirmed_at=now,
            contact_email="demo@example.org", published=True, published_at=now, support_count=supports,
            official_answer=("Danke! Wir hängen die Baustellen-Übersicht ab dem nächsten Monat im Stadtteilbüro aus."
                             if status == Idea.Status.ACCEPTED else ""),
            answered_at=now if status == Idea.Status.ACCEPTED else None,
        )
        StatusChange.objects.create(idea=idea, status=Idea.Status.RECEIVED)
        if status != Idea.Status.RECEIVED:
            StatusChange.objects.create(idea=idea, status=status)




# With the activity (load_activity): the statuses the base ideas do not show, each with its public answer.
MORE_IDEAS = [
    ("Kostenloses WLAN in allen Linienbussen", "In den Bussen könnten Fahrgäste Fahrpläne und Umleitungen abrufen, "
     "auch ohne eigenes Datenvolumen.", "mobilitaet", "st-juergen", Channel.ONLINE, Idea.Status.REJECTED, 14,
     "Danke für die Idee. Die Busse fährt der Stadtverkehr Lübeck; WLAN in allen Bussen ist dort nicht geplant und "
     "liegt nicht in unserer Hand. Wir haben Ihre Idee weitergegeben."),
    ("Digitale Anzeigetafel am Markt", "Eine Tafel am Markt könnte Veranstaltungen, Baustellen und Abfahrten "
     "zeigen.", "digitales-leben", "innenstadt", Channel.PAPER, Idea.Status.DONE, 31,
     "Umgesetzt: Seit Oktober zeigt die Anzeigetafel am Markt Termine, Baustellen und die nächsten Busse."),
    ("Sprechstunde für Vereine zur Digitalisierung", "Kleine Vereine brauchen Hilfe bei Mitgliederverwaltung und "
     "Online-Anmeldungen.", "arbeiten", "kuecknitz", Channel.EVENT, Idea.Status.IN_REVIEW, 6, ""),
]


def load_activity():
    process = ParticipationProcessPage.objects.filter(slug=SLUG, locale__language_code="de").first()
    if process is None or process.ideas.filter(title=MORE_IDEAS[0][0]).exists():
        return
    for title, text, category, district, channel, status, supports, answer in MORE_IDEAS:
        now = timezone.now()
        idea = Idea.objects.create(
            process=process, title=title, description=text, category=IdeaCategory.objects.get(slug=category),
            district=District.objects.get(slug=district), channel=channel, status=status,
            author_name="Demo-Bürger" if channel == Channel.ONLINE else "", consent_at=now, confirmed_at=now,
            contact_email="demo@example.org", published=True, published_at=now, support_count=supports,
            official_answer=answer, answered_at=now if answer else None,
        )
        StatusChange.objects.create(idea=idea, status=Idea.Status.RECEIVED)
        StatusChange.objects.create(idea=idea, status=status, note=answer)
