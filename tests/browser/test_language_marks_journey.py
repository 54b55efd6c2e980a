"""Languages in Chromium, issue 24 points 11 and 12.

11: the idea call, the survey and the legal pages are there in every language and pass axe; a person who
switches language on a German idea lands on the same idea in Turkish, sends an idea in Turkish, and it shows on
the Arabic page of the same call.

12: no German left unmarked on the other languages' pages. German segments are found by comparing each text node
with the German strings the database holds (German pages' titles, introductions, facts and their rows, district,
category, interest, skill, organisation and author names, opportunities, ideas, tags), not by guessing; a
translation that reads the same as German (a page title such as "Social Smart City", a tag "ROADS") is the
translator's choice and not counted. A German segment is marked when the closest element with a `lang` has a
German one.
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.models import Page

from participation.ideas.models import Idea
from participation.ideas.moderation import publish
from tests.browser.helpers import press, sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if not code.startswith("de")]
PROCESS = "ideen-digitale-beteiligung"
SKIPPED_FIELDS = {"slug", "url_path", "path", "draft_title", "seo_title", "search_description", "translation_key",
                  "language", "reference", "receipt_number", "contact_email", "email", "url", "location_text"}
# Records without a locale hold German text (core.i18n.language_of).
GERMAN_RECORDS = ["core.District", "ideas.IdeaCategory", "volunteering.Interest", "volunteering.Skill",
                  "volunteering.Organisation", "volunteering.Opportunity", "blog.Author", "taggit.Tag"]
TEXT_NODES = """() => {
  const found = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.replace(/\\s+/g, ' ').trim(), element = node.parentElement;
    if (!text || element.closest('script, style, template, [hidden]')) continue;
    const marked = element.closest('[lang]');
    found.push([text, marked ? marked.getAttribute('lang') : '']);
  }
  return found;
}"""


def _norm(text):
    return re.sub(r"\s+", " ", text or "").strip()


def _texts(record):
    """The plain text fields of a record (not addresses, slugs, numbers)."""
    for field in record._meta.concrete_fields:
        if (isinstance(field, models.CharField | models.TextField) and not field.choices
                and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
                and field.name not in SKIPPED_FIELDS):
            value = _norm(getattr(record, field.name))
            if re.search(r"[^\W\d_]", value):
                yield value


def german_strings():
    strings = set()
    for page in Page.objects.filter(locale__language_code="de", depth__gt=1).specific():
        strings.update(_texts(page))
        for relation in get_all_child_relations(page):
            for row in getattr(page, relation.get_accessor_name()).all():
                strings.update(_texts(row))
    for label in GERMAN_RECORDS:
        for record in apps.get_model(label).objects.all():
            strings.update(_texts(record))
    for record in apps.get_model("blog.Category").objects.filter(locale__language_code="de"):
        strings.update(_texts(record))
    for idea in Idea.objects.all():
        strings.update(_norm(text) for text in (idea.title, idea.description, idea.official_answer) if text)
    return strings


def translators_choices(language):
    """What `language`'s own translations say (titles, categories, tags, opportunities), German-looking or not."""
    said = {_norm(title) for title in Page.objects.filter(locale__language_code=language).values_list("title",
                                                                                                        flat=True)}
    for label, lookup in (("blog.Category", "locale__language_code"), ("blog.TagTranslation", "locale__language_code"),
                          ("volunteering.OpportunityTranslation", "language")):
        for record in apps.get_model(label).objects.filter(**{lookup: language}):
            said.update(_texts(record))
    return said


def _crawl(page, start, depth=2, limit=60):
    """The pages of one language a person reaches from its home page in two clicks (header, main, footer)."""
    seen, queue, visited = set(), [(start, 0)], []
    while queue and len(visited) < limit:
        url, level = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if page.goto(url).status != 200:
            continue
        visited.append(url)
        yield url
        if level < depth:
            for link in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href.split('#')[0])"):
                if (link.startswith(page.base_url + start) and "?" not in link and link not in seen
                        and not re.search(r"/konto/|/feed/|\.ics$|/drucken/", link)):
                    queue.append((link[len(page.base_url):], level + 1))


def test_no_german_text_without_lang_de_on_the_other_languages_pages(browser_page, demo_site):
    german = german_strings()
    unmarked = {}
    for language in OTHER_LANGUAGES:
        suspects = german - translators_choices(language)
        pages = 0
        for url in _crawl(browser_page, f"/{language}/"):
            pages += 1
            for text, lang in browser_page.evaluate(TEXT_NODES):
                if text in suspects and not lang.startswith("de"):
                    unmarked.setdefault(language, []).append(f"{url}: {text[:60]}")
        assert pages >= 15, (language, pages)  # home, idea call and its ideas, survey, projects, legal pages …
    assert unmarked == {}, "\n".join(line for lines in unmarked.values() for line in lines)


def test_the_idea_call_survey_and_legal_pages_pass_axe_in_every_language(browser_page, demo_site):
    from participation.surveys.models import SurveyPage

    german = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    surveys = {s.locale.language_code: s.url for s in german.get_translations().live()}
    for code, _name in settings.LANGUAGES:
        if code == "de":
            continue
        for path in [f"/{code}/{slug}/" for slug in (PROCESS, "impressum", "datenschutz", "barrierefreiheit")]:
            assert browser_page.goto(path).status == 200, path
            assert browser_page.get_attribute("html", "lang") == code
            browser_page.assert_accessible()
        assert browser_page.goto(surveys[code]).status == 200
        browser_page.assert_accessible()


def test_switching_to_turkish_on_an_idea_and_sending_one_there(browser_page, demo_site, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    page = browser_page
    idea = Idea.objects.filter(process__slug=PROCESS, published=True).order_by("pk").first()
    page.goto(f"/de/{PROCESS}/idee/{idea.reference}/")
    page.locator(".language-switcher a[hreflang=tr]").focus()
    press(page, "Enter")
    assert page.url.endswith(f"/tr/{PROCESS}/idee/{idea.reference}/")  # the same idea, not the home page
    assert page.locator("h1").inner_text() == idea.title
    assert page.locator("h1").get_attribute("lang") == "de"  # written in German
    page.assert_accessible()

    sign_in_by_keyboard(page, "aylin.yilmaz@example.org", "Uzun-bir-Parola-7", group=None)
    page.goto(f"/tr/{PROCESS}/idee/neu/")
    page.assert_accessible()
    assert page.locator("#id_category option[value]:not([value=''])").first.get_attribute("lang") == "de"
    page.locator("#id_title").fill("Kanal kenarına bank")
    page.locator("#id_description").fill("Kanal boyunca oturacak yer yok; birkaç bank iyi olurdu.")
    page.locator("#id_category").select_option(index=1)
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").last.focus()
    press(page, "Enter")
    assert "/tr/" in page.url and "/quittung/" in page.url
    page.assert_accessible()
    sent = Idea.objects.get(title="Kanal kenarına bank")
    assert sent.process_id == idea.process_id and sent.language == "tr"

    publish(sent, None)  # as a moderator would
    page.goto(f"/ar/{PROCESS}/")
    card = page.locator("main a", has_text="Kanal kenarına bank")
    assert card.count() == 1 and card.get_attribute("lang") == "tr"
    page.assert_accessible()
