"""German that falls back into another language's page is marked lang="de" (issue 24, point 12; the whole-site
count is tests/browser/test_language_marks_journey.py)."""

import pytest
from wagtail.models import Page

from core.models import ProjectPage
from tests.html import page_soup

pytestmark = pytest.mark.django_db



def test_a_footer_link_to_an_untranslated_page_says_it_is_german(client, demo_site):
    Page.objects.get(slug="impressum", locale__language_code="tr").specific.unpublish()
    links = {a.get_text(): a for a in page_soup(client, "/tr/").select(".site-footer__links a")}
    imprint = links["Impressum"]
    assert imprint["href"] == "/de/impressum/" and imprint["lang"] == "de" and imprint["hreflang"] == "de"
    privacy = links["Veri koruma"]  # translated: no marks
    assert privacy["href"] == "/tr/datenschutz/" and not privacy.has_attr("lang") and not privacy.has_attr("hreflang")


def test_untranslated_project_facts_are_marked_and_translated_ones_are_not(client, demo_site):
    german = ProjectPage.objects.filter(locale__language_code="de").exclude(funding_programme="").first()
    english = german.get_translation(german.locale.__class__.objects.get(language_code="en")).specific
    assert english.funding_programme == german.funding_programme and english.teaser != german.teaser
    page = page_soup(client, english.url)
    funding = page.find("span", string=german.funding_programme)
    assert funding is not None and funding["lang"] == "de"
    teaser = page.find("p", string=english.teaser)
    assert teaser is not None and not teaser.has_attr("lang")
    # On the German page nothing is marked: it is the page's own language.
    assert page_soup(client, german.url).select("main [lang]") == []


def test_district_and_category_names_are_marked_on_the_turkish_idea_call(client, demo_site):
    page = page_soup(client, "/tr/ideen-digitale-beteiligung/")
    districts = page.select("#f-district option")
    assert districts[0].get("value") == "" and not districts[0].has_attr("lang")  # "Tümü", Turkish
    assert all(option["lang"] == "de" for option in districts[1:])
    form = page_soup(client, "/tr/ideen-digitale-beteiligung/idee/neu/")
    assert all(option["lang"] == "de" for option in form.select("#id_category option") if option.get("value"))
    # The German page has no such marks.
    assert page_soup(client, "/de/ideen-digitale-beteiligung/").select("#f-district option[lang]") == []
