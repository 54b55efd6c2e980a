"""A demo participation process with ideas from every channel. Idempotent: what exists stays."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from participation.models import Channel, District, Idea, IdeaCategory, ParticipationProcessPage, Phase, StatusChange

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
    load_survey()


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


SURVEY_SLUG = "umfrage-mobilitaet"


def load_survey():
    """A demo survey on mobility with two pages, a condition and most question types."""
    from participation.models import SurveyPage

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if SurveyPage.objects.child_of(home).filter(slug=SURVEY_SLUG).exists():
        return
    now = timezone.now()
    survey = SurveyPage(
        title="Umfrage: Unterwegs in Lübeck", slug=SURVEY_SLUG, show_in_menus=False,
        intro="Wie sind Sie in der Region Lübeck unterwegs? Die Antworten helfen bei der Planung von "
              "Baustellen und Verkehr. Die Umfrage dauert etwa fünf Minuten.",
        opens_at=now - datetime.timedelta(days=7), closes_at=now + datetime.timedelta(days=60),
        audience=SurveyPage.Audience.ANYONE,
        thank_you="Vielen Dank! Die Ergebnisse veröffentlichen wir nach dem Ende der Umfrage im Digitalblog.",
        questions=[
            ("section", {"title": "Ihre Wege", "intro": "", "show_if_question": "", "show_if_answer": "", "questions": [
                ("single", {"text": "Wie sind Sie meistens unterwegs?", "key": "verkehrsmittel", "help_text": "",
                            "required": True, "allow_other": True, "show_if_question": "", "show_if_answer": "",
                            "options": [{"label": "Zu Fuß"}, {"label": "Fahrrad"}, {"label": "Bus oder Bahn"},
                                        {"label": "Auto"}]}),
                ("scale", {"text": "Wie zufrieden sind Sie mit der Information über Baustellen?", "key": "baustellen",
                           "help_text": "", "required": True, "minimum": 1, "maximum": 5,
                           "min_label": "gar nicht", "max_label": "sehr", "allow_no_answer": True,
                           "show_if_question": "", "show_if_answer": ""}),
                ("district", {"text": "In welchem Stadtteil wohnen Sie?", "key": "stadtteil", "help_text": "",
                              "required": False, "show_if_question": "", "show_if_answer": ""}),
            ]}),
            ("section", {"title": "Radfahren", "intro": "Diese Seite sehen nur Menschen, die meistens Rad fahren.",
                         "show_if_question": "verkehrsmittel", "show_if_answer": "Fahrrad", "questions": [
                ("multiple", {"text": "Was würde das Radfahren verbessern?", "key": "rad-wuensche",
                              "help_text": "Mehrere Antworten möglich.", "required": False, "allow_other": False,
                              "min_choices": None, "max_choices": 3, "show_if_question": "", "show_if_answer": "",
                              "options": [{"label": "Mehr Abstellplätze"}, {"label": "Breitere Radwege"},
                                          {"label": "Bessere Umleitungen an Baustellen"}]}),
            ]}),
            ("section", {"title": "Zum Schluss", "intro": "", "show_if_question": "", "show_if_answer": "",
                         "questions": [
                ("long_text", {"text": "Was möchten Sie uns noch sagen?", "key": "freitext", "help_text": "",
                               "required": False, "max_length": 2000, "show_if_question": "",
                               "show_if_answer": ""}),
            ]}),
        ],
    )
    home.add_child(instance=survey)
    survey.save_revision().publish()

