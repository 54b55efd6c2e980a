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


ANSWERS = 320  # with the activity: enough for results, charts and dashboards to say something


def load_activity():
    """A few hundred sent-off answers to the demo survey over its first week: online, on paper (typed in or read
    from scans and checked), at an event and at the desk, in several languages."""
    import random

    from django.db.models import F

    from participation.ideas.models import Channel
    from participation.surveys.datasets import made_up_answers
    from participation.surveys.models import SurveyResponse

    survey = SurveyPage.objects.filter(slug=SURVEY_SLUG, locale__language_code="de").first()
    if survey is None or survey.responses.filter(submitted_at__isnull=False).count() >= ANSWERS:
        return
    rng = random.Random(2026)  # noqa: S311 - made-up answers, the same every time
    answers = made_up_answers(survey, rng)
    channels = [Channel.ONLINE] * 14 + [Channel.PAPER] * 4 + [Channel.EVENT, Channel.DESK]
    captures = {Channel.ONLINE: "", Channel.PAPER: SurveyResponse.Capture.MANUAL,
                Channel.EVENT: SurveyResponse.Capture.SCAN_VERIFIED, Channel.DESK: SurveyResponse.Capture.MANUAL}
    languages = ["de"] * 12 + ["en", "tr", "ar", "uk", "de-x-ls"]
    began = survey.opens_at or timezone.now() - datetime.timedelta(days=7)
    span = max((timezone.now() - began).total_seconds(), 3600)
    responses = []
    for number in range(ANSWERS):
        channel = rng.choice(channels)
        moment = began + datetime.timedelta(seconds=span * (number + 1) / (ANSWERS + 1))
        responses.append(SurveyResponse(
            survey=survey, revision_id=survey.live_revision_id, channel=channel, capture_method=captures[channel],
            answers=answers(number), language=rng.choice(languages), submitted_at=moment,
            entered_at=moment if channel != Channel.ONLINE else None,
            paper_sheet=f"{number:06d}-DEMO" if channel == Channel.PAPER else "",
        ))
    SurveyResponse.objects.bulk_create(responses, batch_size=500)
    # Each one began a few minutes before it was sent (the field fills itself with "now" on creation).
    survey.responses.filter(started_at__gt=F("submitted_at")).update(
        started_at=F("submitted_at") - datetime.timedelta(minutes=6))
