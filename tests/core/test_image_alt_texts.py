"""An image's alternative text in every language (issue 21, point 3): editors give it per language in the
image form, and pages show the one of their language, else the German one."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale, Page

from core.models import CustomImage, StandardPage
from tests.html import page_soup

pytestmark = pytest.mark.django_db



def test_editors_give_the_alternative_text_per_language_in_the_image_form(admin_client, demo_site):
    image = CustomImage.objects.create(title="Holstentor", alt_text="Das Holstentor im Abendlicht",
                                       file=CustomImage.objects.first().file.name, width=1200, height=675)
    url = reverse("wagtailimages:edit", args=[image.pk])
    form = BeautifulSoup(admin_client.get(url).content, "html.parser")
    names = [field["name"] for field in form.select("input[name^=alt_text]")]
    assert names == ["alt_text", "alt_text_de_x_ls", "alt_text_en", "alt_text_tr", "alt_text_ar", "alt_text_uk"]

    data = {"title": image.title, "collection": image.collection_id, "alt_text": image.alt_text, "credit": "",
            "tags": "", "focal_point_x": "", "focal_point_y": "", "focal_point_width": "", "focal_point_height": "",
            "alt_text_en": "The Holsten Gate in the evening light", "alt_text_tr": "  "}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert image.alt_texts == {"en": "The Holsten Gate in the evening light"}  # empty fields stay out
    form = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert form.select_one("input[name=alt_text_en]")["value"] == "The Holsten Gate in the evening light"


def test_pages_show_the_alternative_text_of_their_language(client, demo_site):
    image = CustomImage.objects.first()
    image.alt_text, image.alt_texts = "Der Marktplatz mit Rathaus", {"en": "The market square with the town hall"}
    image.save()
    for code in ("de", "en", "tr"):
        home = Page.objects.get(depth=2, locale__language_code=code)
        page = StandardPage(title=f"Bilder {code}", slug="bilder", locale=Locale.objects.get(language_code=code),
                            body=[("image", {"image": image, "caption": ""})])
        home.add_child(instance=page)
        page.save_revision().publish()

    def alt(code):
        return page_soup(client, f"/{code}/bilder/").select_one("main figure.block-image img")["alt"]

    assert alt("en") == "The market square with the town hall"
    assert alt("de") == "Der Marktplatz mit Rathaus"
    assert alt("tr") == "Der Marktplatz mit Rathaus"  # no Turkish text: the German one


def test_project_hero_and_share_image_carry_the_alternative_text_of_their_language(client, demo_site):
    english = page_soup(client, "/en/projekte/baustellenmanagement-roads/")
    alt = english.select_one("main figure.block-image img")["alt"]
    assert alt == ("Illustration of the project ROADS construction site management: stylised skyline of Lübeck's "
                   "old town")
    assert english.find("meta", property="og:image:alt")["content"] == alt
    german = page_soup(client, "/de/projekte/baustellenmanagement-roads/")
    assert german.select_one("main figure.block-image img")["alt"].startswith("Symbolbild zum Projekt")
    assert german.find("meta", property="og:image:alt")["content"].startswith("Symbolbild zum Projekt")


def test_a_changed_alternative_text_shows_at_once(client, demo_site, django_capture_on_commit_callbacks):
    """Pages are cached for anonymous visitors: saving an image renews them."""
    url = "/en/projekte/baustellenmanagement-roads/"
    client.get(url)
    image = CustomImage.objects.get(title="Projekt: Baustellenmanagement ROADS")
    image.alt_texts = {"en": "Roadworks on the Holstenstraße"}
    with django_capture_on_commit_callbacks(execute=True):  # the cache follows what is committed
        image.save()
    assert page_soup(client, url).select_one("main figure.block-image img")["alt"] == "Roadworks on the Holstenstraße"
