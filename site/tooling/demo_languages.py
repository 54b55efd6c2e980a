"""Demo content in every language (issue 11): the home page, the "Projekte" index and the Social Smart
City project, the mobility survey and the "Digitale Sprechstunde" opportunity in English, Turkish,
Arabic and Ukrainian, and the home page in Leichte Sprache.

Pages are translated through wagtail-localize (core.localize_content: PO export → fill → import →
save), so editors find them in the translation editor with every string in place. The texts live in
demo_content/translations.json (German source string → translation per language). Idempotent: a
translation that exists is left as editors made it.
"""

import json
from pathlib import Path

from wagtail.models import Locale, Site

from core.localize_content import translate_page
from tooling import demo_pages

DATA = Path(__file__).parent / "demo_content" / "translations.json"
PAGE_LANGUAGES = ["en", "tr", "ar", "uk"]


def _texts():
    return json.loads(DATA.read_text(encoding="utf-8"))


def _ensure(page, language, mapping):
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated, _missing = translate_page(page, language, mapping)
    return translated


def load():
    from core.models import ProjectPage
    from participation.surveys.demo import SURVEY_SLUG
    from participation.surveys.models import SurveyPage

    texts = _texts()
    home = Site.objects.get(is_default_site=True).root_page.specific
    project = ProjectPage.objects.filter(slug="social-smart-city", locale=home.locale).first()
    survey = SurveyPage.objects.filter(slug=SURVEY_SLUG, locale=home.locale).first()
    chain = [home]
    if project is not None:
        chain += [p.specific for p in project.get_ancestors().filter(depth__gt=home.depth)] + [project]
    for language in PAGE_LANGUAGES:
        mapping = texts.get(language, {})
        for page in chain:
            _ensure(page, language, mapping)
        if survey is not None:
            _ensure(survey, language, mapping)
    _ensure(home, "de-x-ls", texts.get("de-x-ls", {}))
    _opportunity_translations(texts)
    demo_pages.load()  # the idea call, survey, Impressum, Datenschutz and accessibility statement everywhere


def _opportunity_translations(texts):
    from volunteering.models import Opportunity, OpportunityTranslation

    opportunity = Opportunity.objects.filter(slug="digitale-sprechstunde").first()
    if opportunity is None:
        return
    for language in PAGE_LANGUAGES:
        mapping = texts.get(language, {})
        title = mapping.get(opportunity.title)
        if title is None or opportunity.translations.filter(language=language).exists():
            continue
        OpportunityTranslation.objects.create(
            opportunity=opportunity, language=language, title=title,
            description=mapping.get(opportunity.description, opportunity.description),
            place=mapping.get(opportunity.place, ""),
        )
