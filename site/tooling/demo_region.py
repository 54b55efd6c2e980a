"""Two more municipalities for the demo (issue 26): the town of Bad Schwartau in the region and the Smarte Hanse
partner Wismar, each on a host of its own below .localhost (browsers and curl send *.localhost to this machine),
with a little content: a page, a survey, its districts (Ortsteile, Stadtteile; approximate centres, for the
distance search) and a volunteering organisation with an open opportunity and shifts. Wismar offers every language
but Arabic. Idempotent; the port follows `make run`'s PORT."""

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
                ["Täglich", "Jede Woche", "Selten", "Nie"]),
     "districts": [("Bad Schwartau-Mitte", "bad-schwartau-mitte", 53.9188, 10.6990),
                   ("Cleverbrück", "cleverbrueck", 53.9105, 10.7020), ("Rensefeld", "rensefeld", 53.9262, 10.6862),
                   ("Groß Parin", "gross-parin", 53.9370, 10.6690)],
     "organisation": ("kurpark-helfer-bad-schwartau", "Kurpark-Helferinnen und -Helfer Bad Schwartau (Demo)",
                      "ehrenamt@bad-schwartau.example", "bad-schwartau-mitte"),
     "opportunity": ("kurpark-fuehrungen", "Rollstuhlgerechte Führungen durch den Kurpark",
                     "Begleiten Sie Gäste mit Rollstuhl oder Rollator auf einer Runde durch den Kurpark und erzählen "
                     "Sie, was Sie über den Park wissen.", "Kurpark Bad Schwartau, Eingang Markt")},
    {"name": "Hansestadt Wismar", "slug": "wismar", "host": "wismar.localhost", "kind": "partner",
     "accent": "#8a1c1c", "languages": ["de", "de-x-ls", "en", "tr", "uk"], "email": "smart@wismar.example",
     "intro": "Wismar ist Partnerin der Smarten Hanse: Was in Lübeck erprobt wird, übernehmen wir hier.",
     "intro_en": "Wismar is a Smarte Hanse partner: what Lübeck tries out, we take over here.",
     "page": ("hafen-digital", "Digitaler Hafen",
              "Wie finden Gäste und Einheimische den Weg vom Alten Hafen in die Altstadt? Sagen Sie es uns."),
     "survey": ("umfrage-alter-hafen", "Umfrage: Wegweiser am Alten Hafen", "Finden Sie den Weg in die Altstadt?",
                ["Ja, leicht", "Mit Mühe", "Nein"]),
     "districts": [("Altstadt (Wismar)", "wismar-altstadt", 53.8915, 11.4655), ("Wendorf", "wendorf", 53.9050, 11.4400),
                   ("Friedenshof", "friedenshof", 53.8790, 11.4730), ("Kagenmarkt", "kagenmarkt", 53.8935, 11.4880),
                   ("Dargetzow", "dargetzow", 53.8790, 11.4470)],
     "organisation": ("hafenlotsen-wismar", "Hafenlotsen Wismar (Demo)", "lotsen@wismar.example", "wismar-altstadt"),
     "opportunity": ("gaeste-am-alten-hafen", "Gäste am Alten Hafen begrüßen",
                     "Zeigen Sie Gästen den Weg vom Alten Hafen in die Altstadt und zu den Kirchen; mit einer "
                     "kleinen Karte und viel Freundlichkeit.", "Alter Hafen Wismar, am Wassertor")},
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
    _volunteering(home, spec)


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


def _volunteering(home, spec):
    """The municipality's districts with their centres, and one verified organisation of it with an open
    opportunity and four weekly shifts, so that the portal and the distance search show every municipality."""
    from core.models import District
    from volunteering.models import Opportunity, Organisation, Shift

    site = Site.objects.get(root_page=home)
    for order, (name, slug, latitude, longitude) in enumerate(spec["districts"]):
        District.objects.get_or_create(slug=slug, defaults={"name": name, "site": site, "sort_order": 100 + order,
                                                            "latitude": latitude, "longitude": longitude})
    slug, name, email, district = spec["organisation"]
    organisation, _created = Organisation.objects.get_or_create(slug=slug, defaults={
        "name": name, "contact_email": email, "site": site, "verified_at": timezone.now(), "auto_confirm": True,
        "district": District.objects.filter(slug=district).first(),
        "description": "Eine Demo-Organisation für das Ehrenamt in der Region."})
    slug, title, text, place = spec["opportunity"]
    if Opportunity.objects.filter(slug=slug).exists():
        return
    opportunity = Opportunity.objects.create(organisation=organisation, slug=slug, title=title, description=text,
                                             place=place, district=organisation.district, published=True,
                                             languages=["de", "en"], wheelchair_accessible=True)
    for week in range(1, 5):
        start = (timezone.now() + datetime.timedelta(days=7 * week)).replace(hour=10, minute=0, second=0,
                                                                             microsecond=0)
        Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2),
                             capacity=3)
