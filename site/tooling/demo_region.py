"""Two more municipalities for the demo (issue 26): the town of Bad Schwartau in the region and the Smarte Hanse
partner Wismar, each on a host of its own below .localhost (browsers and curl send *.localhost to this machine),
with a little content. Wismar offers every language but Arabic. Idempotent; the port follows `make run`'s PORT."""

import datetime
import os

from django.utils import timezone
from wagtail.models import Locale, Site

from core import municipalities
from core.models import StandardPage

REGION = [
    {"name": "Bad Schwartau", "slug": "bad-schwartau", "host": "bad-schwartau.localhost", "kind": "city",
     "accent": "#1d5e3a", "languages": [], "email": "mitgestalten@bad-schwartau.example",
     "intro": "Bad Schwartau gestaltet mit: Ideen für den Kurpark, Umfragen zur Innenstadt und Ehrenamt im Ort.",
     "intro_en": "Bad Schwartau takes part: ideas for the spa park, surveys on the town centre and volunteering.",
     "page": ("kurpark", "Ideen für den Kurpark",
              "Der Kurpark soll barrierefreier werden. Im Frühjahr sammeln wir Ideen, online, auf Papier im "
              "Rathaus und bei einem Spaziergang durch den Park."),
     "survey": ("umfrage-kurpark", "Umfrage: Wie nutzen Sie den Kurpark?", "Wie oft sind Sie im Kurpark?",
                ["Täglich", "Jede Woche", "Selten", "Nie"])},
    {"name": "Hansestadt Wismar", "slug": "wismar", "host": "wismar.localhost", "kind": "partner",
     "accent": "#8a1c1c", "languages": ["de", "de-x-ls", "en", "tr", "uk"], "email": "smart@wismar.example",
     "intro": "Wismar ist Partnerin der Smarten Hanse: Was in Lübeck erprobt wird, übernehmen wir hier.",
     "intro_en": "Wismar is a Smarte Hanse partner: what Lübeck tries out, we take over here.",
     "page": ("hafen-digital", "Digitaler Hafen",
              "Wie finden Gäste und Einheimische den Weg vom Alten Hafen in die Altstadt? Sagen Sie es uns."),
     "survey": ("umfrage-alter-hafen", "Umfrage: Wegweiser am Alten Hafen", "Finden Sie den Weg in die Altstadt?",
                ["Ja, leicht", "Mit Mühe", "Nein"])},
]


# Amtliche Gemeindeschlüssel: the place of each municipality's open data (core.opendata.publisher_of).
OFFICIAL_KEYS = {"bad-schwartau": "01055004", "wismar": "13074087"}


def load():
    from core.models import Municipality

    port = int(os.environ.get("PORT", "8000"))
    for spec in REGION:
        site = Site.objects.filter(hostname=spec["host"]).first()
        if site is None:
            town = municipalities.create(spec["name"], spec["host"], port=port, slug=spec["slug"],
                                         kind=spec["kind"], languages=spec["languages"],
                                         accent_colour=spec["accent"], contact_email=spec["email"])
            site = town.site
        elif site.port != port:
            site.port = port
            site.save()
        Municipality.objects.filter(site=site).update(official_key=OFFICIAL_KEYS[spec["slug"]])
        _content(site.root_page.specific, spec)


def _content(home, spec):
    if home.intro != spec["intro"]:
        home.intro = spec["intro"]
        home.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    if home.get_translation_or_none(english) is None:
        translated = home.copy_for_translation(english).specific
        translated.intro = spec["intro_en"]
        translated.save_revision().publish()
    slug, title, text = spec["page"]
    if not StandardPage.objects.child_of(home).filter(slug=slug).exists():
        page = StandardPage(title=title, slug=slug, intro=text, show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
    _survey(home, spec["survey"])


def _survey(home, spec):
    """One short open survey, so that the region portal shows every municipality's participation."""
    from participation.surveys.models import SurveyPage

    slug, title, question, options = spec
    if SurveyPage.objects.child_of(home).filter(slug=slug).exists():
        return
    now = timezone.now()
    common = {"help_text": "", "required": True, "allow_other": False, "show_if_question": "", "show_if_answer": ""}
    survey = SurveyPage(
        title=title, slug=slug, audience=SurveyPage.Audience.ANYONE, opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=45), thank_you="Vielen Dank!",
        questions=[("section", {"title": "Ihre Meinung", "intro": "", "show_if_question": "", "show_if_answer": "",
                                "questions": [("single", {"text": question, "key": "antwort", **common,
                                                          "options": [{"label": label} for label in options]})]})])
    home.add_child(instance=survey)
    survey.save_revision().publish()
