"""Demo events across Lübeck's districts: upcoming ones with places, past ones with minutes, photos' consent and
results, and (with the activity) registrations, check-ins, walk-ins and the ideas collected there. Idempotent:
an event whose slug exists stays as it is."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from core.models import District, ProjectPage
from participation.events.models import AccessibilityRequest, EventFormat, EventPage, Registration
from participation.ideas.models import Idea, ParticipationProcessPage, ReceiptCounter

PROCESS = "ideen-digitale-beteiligung"

# (slug, parent slug, title, format, days from now, hours, district, place, address, fields)
EVENTS = [
    ("buergerwerkstatt-moisling", PROCESS, "Bürgerwerkstatt Moisling: Digital im Stadtteil", EventFormat.WORKSHOP,
     12, 3, "moisling", "Stadtteilbüro Moisling", "Andersenring 39, 23560 Lübeck",
     {"intro": "Wie sollen Termine, Formulare und Beratung im Stadtteil digital werden, ohne jemanden "
               "zurückzulassen? Wir sammeln Ihre Ideen, mit Dolmetschung auf Türkisch und Arabisch.",
      "step_free": True, "accessible_toilet": True, "hearing_loop": True, "seating": True, "capacity": 25,
      "languages": ["de", "tr", "ar"], "stop_name": "Moisling, Andersenring", "stop_distance_m": 80,
      "access_notes": "Eingang ebenerdig von der Seite des Parkplatzes; der Raum liegt im Erdgeschoss.",
      "agenda": "<ol><li>Begrüßung und Vorstellung</li><li>Ideen sammeln an Thementischen</li>"
                "<li>Ergebnisse vorstellen</li></ol>"}),
    ("infostand-koberg", PROCESS, "Infostand auf dem Koberg: Mitgestalten vor Ort", EventFormat.INFO_STAND,
     5, 4, "innenstadt", "Koberg", "Koberg, 23552 Lübeck",
     {"intro": "Kommen Sie vorbei, stellen Sie Fragen und geben Sie Ihre Idee auf Papier ab.",
      "registration": False, "step_free": True, "languages": ["de", "en"], "stop_name": "Koberg",
      "stop_distance_m": 50}),
    ("stadtteilspaziergang-st-lorenz-nord", "baustellenmanagement-roads",
     "Stadtteilspaziergang St. Lorenz-Nord: Baustellen im Blick", EventFormat.DISTRICT_WALK, 20, 2,
     "st-lorenz-nord", "Treffpunkt Lindenplatz", "Lindenplatz, 23554 Lübeck",
     {"intro": "Wir gehen gemeinsam die Baustellen der nächsten Monate ab und zeigen, wie ROADS Umleitungen plant.",
      "capacity": 15, "seating": False, "languages": ["de"], "stop_name": "Lindenplatz", "stop_distance_m": 20,
      "access_notes": "Die Strecke ist etwa 2 km lang und überwiegend eben; Pausen mit Sitzgelegenheit."}),
    ("digitale-sprechstunde-bibliothek", "social-smart-city", "Digitale Sprechstunde in der Stadtbibliothek",
     EventFormat.CONSULTATION_HOUR, 8, 2, "innenstadt", "Stadtbibliothek Lübeck", "Hundestraße 5–17, 23552 Lübeck",
     {"intro": "Ehrenamtliche helfen bei Fragen zu Handy, Tablet und Online-Terminen. Bringen Sie Ihr Gerät mit.",
      "capacity": 8, "step_free": True, "accessible_toilet": True, "quiet_room": True, "seating": True,
      "languages": ["de", "ru", "uk"], "stop_name": "Königstraße", "stop_distance_m": 150}),
    ("online-abend-offene-daten", "smart-city-infrastruktur", "Online-Abend: Offene Daten der Smart City",
     EventFormat.ONLINE, 30, 2, None, "", "",
     {"intro": "Welche Daten der Sensoren sollen offen veröffentlicht werden? Diskutieren Sie mit dem Team.",
      "online_url": "https://meet.luebeck.example/offene-daten", "capacity": 100, "languages": ["de", "en"]}),
    ("buergerwerkstatt-travemuende", PROCESS, "Bürgerwerkstatt Travemünde: Mobilität am Strand",
     EventFormat.WORKSHOP, -25, 3, "travemuende", "Gemeindehaus Travemünde", "Kirchenstraße 3, 23570 Lübeck",
     {"intro": "Wie kommen Gäste und Einheimische im Sommer gut an den Strand und wieder weg?",
      "capacity": 30, "step_free": True, "accessible_toilet": True, "seating": True, "languages": ["de"],
      "stop_name": "Travemünde Strandbahnhof", "stop_distance_m": 300, "walk_ins": 6,
      "result": "<p>17 Menschen haben mitgemacht. Die meisten wünschen sich mehr Fahrradbügel am Bahnhof und "
                "einen Shuttlebus an Sommerwochenenden. Die Idee dazu steht im Verfahren und wird bis zum Herbst "
                "beantwortet.</p>"}),
    ("sprechstunde-kuecknitz", PROCESS, "Sprechstunde für Vereine in Kücknitz", EventFormat.CONSULTATION_HOUR,
     -40, 2, "kuecknitz", "Bürgerhaus Kücknitz", "Solmitzstraße 19, 23569 Lübeck",
     {"intro": "Vereine fragen, das Smart-City-Team antwortet: Mitgliederverwaltung, Online-Anmeldung, Förderung.",
      "capacity": 12, "step_free": False, "seating": True, "languages": ["de", "pl"], "walk_ins": 3,
      "result": "<p>Sieben Menschen aus Vereinen waren da. Gewünscht wird eine regelmäßige Sprechstunde; die "
                "Idee dazu steht im Verfahren.</p>"}),
]

# Past events: the minutes as a small PDF document, the ideas collected there (by title, from the ideas demo).
MINUTES = {
    "buergerwerkstatt-travemuende": ("Protokoll Bürgerwerkstatt Travemünde", "Mehr Fahrradbügel am Bahnhof Travemünde"),
    "sprechstunde-kuecknitz": ("Protokoll Sprechstunde Kücknitz", "Sprechstunde für Vereine zur Digitalisierung"),
}


def _parent(slug):
    if slug == PROCESS:
        return ParticipationProcessPage.objects.filter(slug=slug, locale__language_code="de").first()
    return ProjectPage.objects.filter(slug=slug, locale__language_code="de").first()


def _minutes(title, event):
    from core.pdf import render_pdf

    pdf, _refused = render_pdf("events/print/demo_minutes.html", {"title": title, "event": event})
    document = get_document_model()(title=title)
    document.file.save(f"{event.slug}-protokoll.pdf", ContentFile(pdf), save=False)
    document.save()
    return document


def load():
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for slug, parent_slug, title, kind, days, hours, district, place, address, fields in EVENTS:
        parent = _parent(parent_slug)
        if parent is None or EventPage.objects.filter(slug=slug).exists():
            continue
        starts = (now + datetime.timedelta(days=days)).replace(hour=17 if kind != EventFormat.INFO_STAND else 10)
        event = EventPage(title=title, slug=slug, format=kind, starts_at=starts,
                          ends_at=starts + datetime.timedelta(hours=hours), place_name=place, address=address,
                          district=District.objects.filter(slug=district).first() if district else None,
                          contact_name="Smart City Team der Hansestadt Lübeck",
                          contact_email="smartcity@luebeck.example", contact_phone="0451 122-0", **fields)
        parent.add_child(instance=event)
        if slug in MINUTES:
            event.minutes = _minutes(MINUTES[slug][0], event)
        event.save_revision().publish()


def _register(event, name, status, **fields):
    return Registration.objects.create(event=event, name=name, status=status,
                                       reference=ReceiptCounter.next_reference("AN"), **fields)


def load_activity():
    """People on the demo events: registered, waiting, checked in; one DGS request open, childcare arranged. The
    past events' results name as many people as come out here: Travemünde 11 checked in and 6 walk-ins, Kücknitz 4
    and 3."""
    moisling = EventPage.objects.filter(slug="buergerwerkstatt-moisling").first()
    if moisling is None or moisling.registrations.exists():
        return
    now = timezone.now()
    people = ["Ayşe Demir", "Jonas Petersen", "Maria Schulz", "Hamid Karimi", "Olga Nowak", "Peter Hansen"]
    for number, name in enumerate(people):
        registration = _register(moisling, name, Registration.Status.REGISTERED, email=f"demo{number}@example.org",
                                 email_confirmed_at=now, consent_updates=number % 2 == 0)
        if number == 0:
            AccessibilityRequest.objects.create(registration=registration, kind=AccessibilityRequest.Kind.DGS,
                                                details="Für die ganze Werkstatt, bitte.")
        if number == 1:
            AccessibilityRequest.objects.create(
                registration=registration, kind=AccessibilityRequest.Kind.CHILDCARE, details="Zwei Kinder, 4 und 6.",
                status=AccessibilityRequest.Status.ARRANGED, answered_at=now,
                answer="Die Kinderbetreuung ist organisiert, im Raum nebenan.")
    library = EventPage.objects.filter(slug="digitale-sprechstunde-bibliothek").first()
    if library is not None:
        for number in range(library.capacity):
            _register(library, f"Demo-Teilnehmerin {number + 1}", Registration.Status.REGISTERED,
                      channel=Registration.Channel.PHONE if number % 3 == 0 else Registration.Channel.ONLINE)
        _register(library, "Demo-Teilnehmer auf der Warteliste", Registration.Status.WAITLISTED)
    for slug, (_title, idea_title) in MINUTES.items():
        event = EventPage.objects.filter(slug=slug).first()
        if event is None:
            continue
        for number in range(event.capacity // 2):
            _register(event, f"Teilnehmende {number + 1}", Registration.Status.REGISTERED,
                      attended_at=event.starts_at if number % 4 else None)
        for idea in Idea.objects.filter(title=idea_title, process__slug=PROCESS):
            idea.channel, idea.event = "event", event
            idea.save(update_fields=["channel", "event"])
