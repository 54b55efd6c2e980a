"""Feeds, the JSON API, search and the sitemap, as readers and the MeinLübeckApp use them."""

import re
import xml.etree.ElementTree as ET

import pytest

from blog.models import BlogPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def newest_german_posts():
    return list(BlogPage.objects.live().filter(locale__language_code="de").order_by("-date", "-pk"))


def test_rss_feed_lists_newest_posts_with_absolute_links_and_full_text(client, demo_site):
    response = client.get("/de/digitalblog/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Digitalblog"
    items = channel.findall("item")
    posts = newest_german_posts()
    assert [i.findtext("title") for i in items] == [p.title for p in posts][: len(items)]
    first = items[0]
    assert first.findtext("link") == posts[0].get_full_url()
    assert first.findtext("link").startswith("http://")
    # Full text: the whole body, not only the teaser.
    paragraphs = [block["value"] for block in posts[0].body.raw_data if block["type"] == "paragraph"]
    assert len(paragraphs) >= 2
    for paragraph in paragraphs:
        assert paragraph in first.findtext("description")


def test_atom_feed_per_category_lists_only_that_category(client, demo_site):
    response = client.get("/de/digitalblog/kategorie/mobilitaet/feed/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    titles = {e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")}
    expected = {p.title for p in newest_german_posts() if p.categories.filter(slug="mobilitaet").exists()}
    assert titles == expected and titles
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}link").get("href").startswith("http://")
        assert "/de/digitalblog/" in entry.find(f"{ATOM}link").get("href")


def test_english_feed_has_english_posts_only(client, demo_site):
    root = ET.fromstring(client.get("/en/digitalblog/feed/rss/").content)
    links = [i.findtext("link") for i in root.iter("item")]
    assert links and all("/en/digitalblog/" in link for link in links)


def test_api_returns_posts_with_body_authors_and_image_urls(client, demo_site):
    response = client.get("/api/v2/pages/?type=blog.BlogPage&fields=body,authors,categories,hero_image_url,teaser")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == BlogPage.objects.live().count()
    post = data["items"][0]
    assert post["body"] and post["body"][0]["type"] in {"heading", "paragraph", "quote"}
    assert post["authors"][0]["name"]
    assert post["hero_image_url"]["url"].startswith("/media/images/")
    assert post["meta"]["html_url"].startswith("http://")


def test_api_lists_projects_but_no_other_pages(client, demo_site):
    types = {item["meta"]["type"] for item in client.get("/api/v2/pages/?limit=50").json()["items"]}
    assert types == {"blog.BlogPage", "core.ProjectPage"}
    assert client.get("/api/v2/pages/?type=core.StandardPage").json()["meta"]["total_count"] == 0


def test_an_unknown_or_unpublished_page_in_the_api_is_a_json_404_not_a_redirect(client, demo_site):
    from wagtail.models import Page

    draft = Page.objects.live().filter(depth__gt=2).first()
    draft.unpublish()
    for path in ("/api/v2/pages/99999/", f"/api/v2/pages/{draft.pk}/"):
        response = client.get(path)
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json"), path
        assert "message" in response.json()


@pytest.mark.sqlite
def test_search_finds_roads_per_language(client, demo_site):
    german = client.get("/de/suche/", {"q": "ROADS"}).content.decode()
    english = client.get("/en/suche/", {"q": "ROADS"}).content.decode()
    assert "/de/digitalblog/" in german or "/de/projekte/" in german
    assert "/en/" not in german.split('id="results-heading"')[1].split("</main>")[0]
    assert "/en/digitalblog/" in english or "/en/projekte/" in english
    assert 'href="/de/' not in english.split('id="results-heading"')[1].split("</main>")[0]


def test_search_promotion_appears_first(client, demo_site):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import Page

    imprint = Page.objects.get(slug="impressum", locale__language_code="de")
    SearchPromotion.objects.create(query=Query.get("kontakt"), page=imprint, description="So erreichen Sie uns.")
    html = client.get("/de/suche/", {"q": "Kontakt"}).content.decode()
    assert "Empfohlen" in html and "So erreichen Sie uns." in html


def test_sitemap_lists_both_languages(client, demo_site):
    assert "/sitemap-de.xml</loc>" in client.get("/sitemap.xml").content.decode()
    german = client.get("/sitemap-de.xml").content.decode()
    assert "/de/digitalblog/</loc>" in german
    assert re.search(r'hreflang="en" href="https?://[^/"]+/en/digitalblog/"', german)
    assert "/en/digitalblog/</loc>" in client.get("/sitemap-en.xml").content.decode()
    assert "/sitemap.xml" in client.get("/robots.txt").content.decode()
