"""The English Digitalblog in English: category and tag names and the image's alternative text in the post's
language, German where a translation is missing, and German pages unchanged (issue 21, point 3)."""

import pytest
from taggit.models import Tag
from wagtail.models import Locale

from blog.models import BlogPage, Category, TagTranslation
from core.localize_content import translate_page
from tests.html import page_soup

pytestmark = pytest.mark.django_db

ROADS = "roads-baustellen-frueh-gemeinsam-koordinieren"  # translated into English by the demo content
KULTURWERK = "digitales-kulturwerk-welterbe-in-3d"  # made German-only by english_kulturwerk()



def footer_links(page, kind):
    """The link texts and addresses of the post's categories or tags (its footer's first or second list)."""
    lists = page.select("footer.post-footer ul.tag-list")
    return [(a.get_text(strip=True), a["href"]) for a in lists[["Categories", "Tags"].index(kind)].find_all("a")]


def hero_alt(page):
    return page.select_one("article figure.block-image img")["alt"]


def english_kulturwerk():
    """The German-only post translated with wagtail-localize, as an editor does: it keeps the German categories."""
    german = BlogPage.objects.get(slug=KULTURWERK, locale__language_code="de")
    # The demo has every post in English (issue 24, point 11): without it, the post is German-only as a new one is.
    german.get_translation(Locale.objects.get(language_code="en")).delete()
    english, _missing = translate_page(german, "en", {german.title: "Digital Kulturwerk: world heritage in 3D"})
    assert {c.locale.language_code for c in english.categories.all()} == {"de"}
    return german, english


def test_the_english_post_shows_english_categories_tags_and_alternative_text(client, demo_site):
    english = page_soup(client, f"/en/digitalblog/{ROADS}/")
    assert footer_links(english, "Categories") == [
        ("Digital infrastructure", "/en/digitalblog/kategorie/infrastruktur/"),
        ("Mobility", "/en/digitalblog/kategorie/mobilitaet/")]
    assert sorted(name for name, _url in footer_links(english, "Tags")) == ["Mobility", "ROADS", "Roadworks"]
    assert hero_alt(english) == ("Illustration for the post “ROADS: coordinating construction sites earlier and "
                                 "together”")
    assert english.find("meta", property="og:image:alt")["content"] == hero_alt(english)

    german = page_soup(client, f"/de/digitalblog/{ROADS}/")
    assert [name for name, _url in footer_links(german, "Categories")] == ["Digitale Infrastruktur", "Mobilität"]
    assert sorted(name for name, _url in footer_links(german, "Tags")) == ["Baustellen", "Mobilität", "ROADS"]
    assert hero_alt(german) == "Symbolbild zum Beitrag „ROADS: Baustellen früher und gemeinsam koordinieren“"


def test_a_post_translated_with_translate_shows_and_is_found_under_the_english_categories(client, demo_site):
    german, english = english_kulturwerk()
    page = page_soup(client, english.url)
    assert footer_links(page, "Categories") == [("Culture and heritage", "/en/digitalblog/kategorie/kultur/"),
                                                ("Leisure", "/en/digitalblog/kategorie/freizeit/")]
    assert "world heritage in 3D" in page_soup(client, "/en/digitalblog/kategorie/kultur/").get_text()
    feed = client.get("/en/digitalblog/kategorie/kultur/feed/rss/").content.decode()
    assert "world heritage in 3D" in feed and "<category>Culture and heritage</category>" in feed
    assert "<title>Digital blog: Culture and heritage</title>" in feed
    # German is unchanged.
    german_links = footer_links(page_soup(client, german.url), "Categories")
    assert [n for n, _u in german_links] == ["Freizeit", "Kultur und Welterbe"]


def test_missing_translations_fall_back_to_german(client, demo_site):
    german, english = english_kulturwerk()
    Category.objects.get(slug="kultur", locale__language_code="en").delete()
    TagTranslation.objects.filter(tag__name="Welterbe").delete()
    image = german.hero_image
    image.alt_texts = {}
    image.save()

    page = page_soup(client, english.url)
    assert footer_links(page, "Categories") == [("Kultur und Welterbe", "/en/digitalblog/kategorie/kultur/"),
                                                ("Leisure", "/en/digitalblog/kategorie/freizeit/")]
    assert "Welterbe" in [name for name, _url in footer_links(page, "Tags")]
    assert hero_alt(page) == image.alt_text
    # The German category stands in the English list of categories and its archive finds the post.
    index = page_soup(client, "/en/digitalblog/")
    assert "Kultur und Welterbe" in [a.get_text(strip=True) for a in index.select("aside a")]
    archive = page_soup(client, "/en/digitalblog/kategorie/kultur/")
    assert archive.find("h1").get_text(strip=True) == "Kultur und Welterbe"
    assert "world heritage in 3D" in archive.get_text()


def test_the_english_blog_lists_english_categories_and_names_tag_archives_in_english(client, demo_site):
    index = page_soup(client, "/en/digitalblog/")
    names = [a.get_text(strip=True) for a in index.select("aside a[href*='/kategorie/']")]
    assert "Mobility" in names and "Mobilität" not in names
    assert len(names) == Category.objects.filter(locale__language_code="de").count()
    archive = page_soup(client, f"/en/digitalblog/schlagwort/{Tag.objects.get(name='Baustellen').slug}/")
    assert archive.find("h1").get_text(strip=True) == "Roadworks"
    german = page_soup(client, f"/de/digitalblog/schlagwort/{Tag.objects.get(name='Baustellen').slug}/")
    assert german.find("h1").get_text(strip=True) == "Baustellen"


def test_the_api_gives_category_and_tag_names_in_the_posts_language(client, demo_site):
    english = BlogPage.objects.get(slug=ROADS, locale=Locale.objects.get(language_code="en"))
    data = client.get(f"/api/v2/pages/{english.pk}/").json()
    assert [c["name"] for c in data["categories"]] == ["Digital infrastructure", "Mobility"]
    assert sorted(data["tags"]) == ["Mobility", "ROADS", "Roadworks"]
    listing = client.get("/api/v2/pages/?type=blog.BlogPage&locale=en&fields=categories,tags").json()
    roads = next(item for item in listing["items"] if item["id"] == english.pk)
    assert sorted(roads["tags"]) == ["Mobility", "ROADS", "Roadworks"]
    german = BlogPage.objects.get(slug=ROADS, locale__language_code="de")
    assert sorted(client.get(f"/api/v2/pages/{german.pk}/").json()["tags"]) == ["Baustellen", "Mobilität", "ROADS"]


def test_editors_translate_categories_and_name_tags_in_other_languages(client, demo_site):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from accounts.models import User
    from accounts.roles import EDITORS

    editor = User.objects.create_user("lea.redaktion@luebeck.example", "Redaktion-Passwort-2026", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    turkish = Locale.objects.get(language_code="tr")
    mobility = Category.objects.get(slug="mobilitaet", locale__language_code="de")
    submit = reverse("wagtail_localize:submit_snippet_translation", args=["blog", "category", mobility.pk])
    response = client.post(submit, {"locales": [turkish.pk]})
    assert response.status_code == 302
    assert mobility.get_translation(turkish).name == "Mobilität"  # to be translated in the translation editor

    roads = Tag.objects.get(name="ROADS")
    TagTranslation.objects.filter(tag=roads).delete()  # the demo names it "ROADS" in English
    response = client.post(reverse("wagtailsnippets_blog_tagtranslation:add"),
                           {"tag": roads.pk, "locale": Locale.objects.get(language_code="en").pk,
                            "name": "ROADS software"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TagTranslation.objects.filter(tag=roads, name="ROADS software").exists()
    client.logout()
    names = [name for name, _url in footer_links(page_soup(client, f"/en/digitalblog/{ROADS}/"), "Tags")]
    assert "ROADS software" in names
