"""One install for the region (issue 26), first part: a municipality is a Wagtail Site with its own tree, name,
colours, languages, legal pages and staff groups, set up in one step; each host shows its own."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from core import municipalities
from core.models import FooterSettings, Municipality

pytestmark = pytest.mark.django_db

WISMAR = "wismar.localhost"


@pytest.fixture
def wismar(demo_site):
    return municipalities.create("Hansestadt Wismar", WISMAR, slug="wismar", kind="partner", accent_colour="#8a1c1c",
                                 languages=["de", "en", "tr", "uk"])


def test_an_existing_single_city_database_became_one_municipality(demo_site):
    lubeck = Municipality.objects.get(site__is_default_site=True)
    assert lubeck.display_name == "Hansestadt Lübeck" and lubeck.offered_languages()[0] == "de"
    assert len(lubeck.offered_languages()) == 6  # no choice made: every language


def test_one_command_sets_up_tree_site_legal_pages_and_groups_of_its_own(demo_site, capsys, django_user_model):
    from django.contrib.auth.models import Group

    call_command("create_municipality", "Bad Schwartau", "--host", "bad-schwartau.localhost", "--email",
                 "rathaus@bad-schwartau.example")
    site = Site.objects.get(hostname="bad-schwartau.localhost")
    assert "bad-schwartau.localhost" in capsys.readouterr().out
    home = site.root_page.specific
    assert home.live and home.title == "Bad Schwartau" and not site.is_default_site
    footer = FooterSettings.for_site(site)
    legal = [footer.imprint_page, footer.privacy_page, footer.accessibility_page]
    assert all(page is not None and page.live and page.get_parent().pk == home.pk for page in legal)
    assert Page.objects.descendant_of(home).count() == 3  # no demo content
    assert Municipality.for_site(site).contact_email == "rathaus@bad-schwartau.example"
    editors = Group.objects.get(name="Bad Schwartau: Redaktion")
    assert Group.objects.filter(name__startswith="Bad Schwartau: ").count() == 4
    editor = django_user_model.objects.create_user("red@bad-schwartau.example", "Ein-Langes-Passwort-1", is_staff=True)
    editor.groups.add(editors)
    lubeck_home = Site.objects.get(is_default_site=True).root_page
    assert home.permissions_for_user(editor).can_edit()
    assert footer.imprint_page.permissions_for_user(editor).can_publish()
    assert not lubeck_home.permissions_for_user(editor).can_edit()  # only its own tree
    with pytest.raises(CommandError, match="bad-schwartau.localhost:80"):
        call_command("create_municipality", "Noch einmal", "--host", "bad-schwartau.localhost")


def test_an_accent_colour_without_enough_contrast_is_refused_with_the_reason(demo_site):
    with pytest.raises(ValidationError, match="4.5:1"):
        municipalities.create("Gelbstadt", "gelb.localhost", accent_colour="#ffcc00")
    assert not Site.objects.filter(hostname="gelb.localhost").exists()  # nothing half made
    with pytest.raises(CommandError, match="RRGGBB"):
        call_command("create_municipality", "Rotstadt", "--host", "rot.localhost", "--accent", "red")


def test_each_host_shows_its_own_municipality_name_colours_and_pages(client, wismar):
    page = client.get("/de/", HTTP_HOST=WISMAR)
    html = page.content.decode()
    assert page.status_code == 200 and "Hansestadt Wismar" in html
    # Lübeck's open participation, events, projects and posts stay on Lübeck's site.
    for lubeck_only in ("Ideen für die Digitale Beteiligung", "Smart-City-Infrastruktur", "Digitalblog</a>"):
        assert lubeck_only not in html
    lubeck = client.get("/de/").content.decode()
    assert "Wismar" not in lubeck and "Smart City Region Lübeck" in lubeck
    for _again in range(2):  # the anonymous page cache keeps each host's page apart
        assert "Hansestadt Wismar" in client.get("/de/", HTTP_HOST=WISMAR).content.decode()
        assert "Wismar" not in client.get("/de/").content.decode()
    assert "#8a1c1c" in client.get("/theme.css", HTTP_HOST=WISMAR).content.decode()
    assert "#8a1c1c" not in client.get("/theme.css").content.decode()
    imprint = FooterSettings.for_site(wismar.site).imprint_page
    assert 'href="/de/impressum/"' in html and imprint.get_url().endswith("/de/impressum/")  # its own legal page
    own = client.get("/de/impressum/", HTTP_HOST=WISMAR).content.decode()
    assert "Diese Seite muss Hansestadt Wismar noch schreiben." in own
    assert "Diese Seite muss" not in client.get("/de/impressum/").content.decode()


def test_a_language_the_municipality_does_not_offer_is_not_shown_there(client, wismar):
    html = client.get("/de/", HTTP_HOST=WISMAR).content.decode()
    assert "العربية" not in html and "Türkçe" in html
    assert "العربية" in client.get("/de/").content.decode()  # Lübeck offers Arabic
    away = client.get("/ar/", HTTP_HOST=WISMAR)
    assert away.status_code == 302 and away["Location"] == "/de/"
    assert client.get("/ar/termine/?bezirk=1", HTTP_HOST=WISMAR)["Location"] == "/de/termine/?bezirk=1"


def test_an_admin_sets_colours_and_languages_in_the_settings_and_a_weak_colour_is_explained(client, wismar,
                                                                                           django_user_model):
    admin = django_user_model.objects.create_superuser("chefin@luebeck.example", "Ein-Langes-Passwort-1")
    client.force_login(admin)
    url = f"/admin/settings/core/municipality/{wismar.site_id}/"
    form = client.get(url).content.decode()
    from bs4 import BeautifulSoup

    ticked = {box["value"] for box in BeautifulSoup(form, "html.parser").select('input[name="languages"][checked]')}
    assert ticked == {"de", "en", "tr", "uk"}  # as created
    data = {"name": "Hansestadt Wismar", "kind": "partner", "accent_colour": "#ffcc00", "languages": ["de", "en"],
            "contact_email": "", "contact_phone": "", "contact_address": "", "return_address": ""}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "4,5:1" in refused.content.decode()
    client.post(url, {**data, "accent_colour": "#004d40"})
    wismar.refresh_from_db()
    assert wismar.accent_colour == "#004d40" and wismar.offered_languages() == ["de", "en"]
    assert "#004d40" in client.get("/theme.css", HTTP_HOST=WISMAR).content.decode()  # at once, no stale cache
