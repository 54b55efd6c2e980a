"""Public pages as a visitor receives them: language, structure, navigation, errors."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def h1_count(html):
    return len(re.findall(r"<h1[\s>]", html))


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("/de/", "de", "Mitgestalten in der Smart City Region Lübeck"),
        ("/en/", "en", "Shape the Smart City Region Lübeck"),
        ("/de/impressum/", "de", "Impressum"),
        ("/en/impressum/", "en", "Legal notice"),
        ("/de/konto/login/", "de", None),
        ("/de/konto/signup/", "de", None),
    ],
)
def test_every_public_page_has_lang_one_h1_one_main_and_a_skip_link(client, demo_site, path, lang, title):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert h1_count(html) == 1
    assert html.count("<main") == 1
    assert 'href="#main"' in html and 'id="main"' in html
    if title:
        assert title in html


@pytest.mark.sqlite
def test_root_redirects_to_german(client, demo_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def test_language_switcher_links_to_the_translation_of_this_page(client, demo_site):
    html = client.get("/de/datenschutz/").content.decode()
    assert 'href="/en/datenschutz/" hreflang="en" lang="en" dir="ltr">English</a>' in html


def test_footer_links_to_imprint_privacy_and_accessibility_in_the_current_language(client, demo_site):
    html = client.get("/en/").content.decode()
    footer = html[html.index("<footer"):]
    for title, url in [("Legal notice", "/en/impressum/"), ("Privacy", "/en/datenschutz/"),
                       ("Accessibility statement", "/en/barrierefreiheit/")]:
        assert f'href="{url}">{title}</a>' in footer


def test_menu_lists_pages_marked_for_menus(client, demo_site):
    html = client.get("/de/").content.decode()
    nav = html[html.index('class="main-nav"'):html.index("</nav>", html.index('class="main-nav"'))]
    assert "Über Mitgestalten" in nav
    assert "Impressum" not in nav


def test_unknown_page_gets_a_404_in_the_site_design(client, demo_site):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert 'class="skip-link"' in html
    assert h1_count(html) == 1


@override_settings(DEBUG=False)
def test_server_error_page_is_in_the_site_design(rf):
    from core.views import server_error

    response = server_error(rf.get("/de/"))
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in response.content.decode()


def test_pages_load_no_asset_from_another_host(client, demo_site):
    for path in ["/de/", "/en/", "/de/konto/signup/"]:
        html = client.get(path).content.decode()
        # Everything the browser loads by itself: src attributes and <link> hrefs (links to click are fine).
        loaded = re.findall(r'src="([^"]+)"', html) + re.findall(
            r'<link rel="(?:stylesheet|icon|preload|modulepreload)"[^>]+href="([^"]+)"', html
        )
        assert loaded, "the page should load its own assets"
        external = [url for url in loaded if re.match(r"^(https?:)?//", url)]
        assert external == [], f"{path} loads from another host: {external}"


def test_home_page_query_count_is_stable(client, demo_site, django_assert_max_num_queries):
    client.get("/de/")  # warm caches such as the site root paths
    with django_assert_max_num_queries(15):
        client.get("/de/")
