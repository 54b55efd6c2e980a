"""Display preferences: a cookie only after the visitor chooses, classes on every page, never mixed up by the
anonymous page cache."""

import pytest

pytestmark = pytest.mark.django_db

DISPLAY = "/en/darstellung/"


@pytest.mark.parametrize("path", ["/de/", "/en/", "/de/impressum/", "/de/leichte-sprache/", DISPLAY])
def test_no_cookie_is_set_before_the_visitor_chooses(client, demo_site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert list(response.cookies) == []


def test_choosing_sets_one_cookie_and_leads_back_to_the_page(client, demo_site):
    response = client.post(DISPLAY, {"modes": ["contrast", "large"], "next": "/en/impressum/"})
    assert response.status_code == 302 and response["Location"] == "/en/impressum/"
    assert list(response.cookies) == ["display"]
    cookie = response.cookies["display"]
    assert cookie.value == "large.contrast"
    assert cookie["samesite"] == "Lax" and cookie["httponly"] and int(cookie["max-age"]) == 365 * 24 * 3600


def test_choosing_nothing_sets_no_cookie_and_reset_removes_it(client, demo_site):
    response = client.post(DISPLAY, {"next": ""})
    assert response["Location"] == DISPLAY + "?gespeichert=1"
    assert list(response.cookies) == []
    client.cookies["display"] = "still"
    response = client.post(DISPLAY, {"modes": ["still"], "reset": "1"})
    assert response.cookies["display"].value == "" and response.cookies["display"]["max-age"] == 0


def test_the_form_never_redirects_to_another_site(client, demo_site):
    for target in ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"]:
        response = client.post(DISPLAY, {"modes": ["large"], "next": target})
        assert response["Location"] == DISPLAY + "?gespeichert=1"


def test_the_display_page_shows_the_current_choice_and_where_it_leads_back(client, demo_site):
    client.cookies["display"] = "contrast"
    html = client.get(DISPLAY, {"next": "/en/impressum/"}).content.decode()
    assert 'value="contrast" class="kern-form-check__checkbox" id="id_modes_1" checked' in html
    assert 'value="large" class="kern-form-check__checkbox" id="id_modes_0">' in html
    assert 'name="next" value="/en/impressum/"' in html


def html_tag(response):
    html = response.content.decode()
    return html[html.index("<html"):html.index(">", html.index("<html")) + 1]


def test_every_page_applies_the_choice_as_classes_on_html(client, demo_site):
    assert "class=" not in html_tag(client.get("/en/impressum/"))
    client.cookies["display"] = "large.contrast.still"
    for path in ["/en/impressum/", "/de/", "/de/barriere-melden/", DISPLAY]:
        assert 'class="display-large display-contrast display-still"' in html_tag(client.get(path))
    client.cookies["display"] = "still.<script>"
    assert html_tag(client.get("/en/impressum/")).endswith('class="display-still">')


def test_pages_from_the_anonymous_cache_never_carry_another_visitors_preferences(client, demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 600
    plain = client.get("/en/impressum/")
    assert plain["X-Page-Cache"] == "miss" and "display-" not in html_tag(plain)

    client.cookies["display"] = "contrast"
    contrast = client.get("/en/impressum/")
    assert contrast["X-Page-Cache"] == "miss"  # its own cache entry
    assert 'class="display-contrast"' in html_tag(contrast)
    again = client.get("/en/impressum/")
    assert again["X-Page-Cache"] == "hit" and 'class="display-contrast"' in html_tag(again)

    client.cookies["display"] = "contrast.made-up-value"  # the same entry: values are normalised
    assert client.get("/en/impressum/")["X-Page-Cache"] == "hit"

    client.cookies.pop("display")
    back = client.get("/en/impressum/")
    assert back["X-Page-Cache"] == "hit" and "display-" not in html_tag(back)
