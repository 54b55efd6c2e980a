"""A demo survey on mobility. Idempotent: what exists stays."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from participation.surveys.models import SurveyPage


def load():
    load_survey()


SURVEY_SLUG = "umfrage-mobilitaet"


def load_survey():
    """A demo survey on mobility with two pages, a condition and most question types."""
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
        paper_hint="Papierbögen liegen in allen Bürgerbüros aus und können dort abgegeben werden.",
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
