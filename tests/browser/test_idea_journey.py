"""Ideas in Chromium, keyboard only: submit with an image, moderate in the admin, look up by receipt number."""

import re

import pytest
from django.contrib.auth.models import Group
from PIL import Image

from accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PROCESS = "/de/ideen-digitale-beteiligung/"


def login(page, email, password):
    page.goto("/de/konto/login/")
    type_into(page, "E-Mail", email)
    type_into(page, "Passwort", password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/konto/")


def type_into(page, label, text, exact=False):
    page.get_by_label(label, exact=exact).focus()
    page.keyboard.type(text)


def test_submit_moderate_and_look_up_an_idea(browser_page, tmp_path, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    from allauth.account.models import EmailAddress

    resident = User.objects.create_user("karla.resident@example.org", "Kücknitz-Ufer-2026", display_name="Karla")
    EmailAddress.objects.create(user=resident, email=resident.email, verified=True, primary=True)
    moderator = User.objects.create_user("moritz@luebeck.example", "Moderation-2026!", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderation"))
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    picture = tmp_path / "bank.jpg"
    Image.new("RGB", (80, 60), (30, 120, 60)).save(picture, format="JPEG")

    page = browser_page
    page.goto(PROCESS)
    page.assert_accessible()
    login(page, resident.email, "Kücknitz-Ufer-2026")
    page.goto(PROCESS + "idee/neu/")
    page.assert_accessible()

    # First attempt without a category: errors shown, every value and the image kept.
    type_into(page, "Titel", "Bank mit Schatten am Kanal")
    type_into(page, "Beschreibung", "Eine Bank unter den Bäumen am Elbe-Lübeck-Kanal.")
    page.get_by_label("Bilder (bis zu 3)").set_input_files(str(picture))
    page.get_by_label(re.compile("Datenschutzhinweise")).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Idee senden").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_category-error").is_visible()
    assert page.get_by_label("Titel").input_value() == "Bank mit Schatten am Kanal"
    assert page.locator('input[name="kept_images"]').count() == 1
    page.assert_accessible()

    page.get_by_label("Kategorie").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.get_by_role("button", name="Idee senden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/quittung/")
    receipt_number = page.locator(".receipt-number").inner_text()
    assert re.fullmatch(r"ID-\d{4}-\d{4}-[A-Z0-9]{4}", receipt_number)  # with its check characters
    reference = receipt_number.rsplit("-", 1)[0]
    page.assert_accessible()

    # The moderator publishes and answers in the Wagtail admin, with the keyboard.
    page.goto("/de/konto/logout/")
    page.get_by_role("button", name="Abmelden").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto("/admin/login/")  # leads to the site's own sign-in, which comes back to the admin
    page.get_by_label("E-Mail").focus()
    page.keyboard.type(moderator.email)
    page.get_by_label("Passwort").focus()
    page.keyboard.type("Moderation-2026!")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    from participation.ideas.models import Idea

    idea = Idea.objects.get(reference=reference)
    page.goto(f"/admin/ideas/edit/{idea.pk}/")
    page.locator("#id_published").focus()
    page.keyboard.press("Space")
    page.locator("#id_status").select_option("accepted")
    page.locator("#id_official_answer").focus()
    page.keyboard.type("Die Bank wird im Frühjahr aufgestellt.")
    page.locator("#id_status_note").focus()
    page.keyboard.type("Standort geprüft.")
    page.get_by_role("button", name="Speichern", exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/admin/ideas/" in page.url and "/edit/" not in page.url, page.locator("main").inner_text()[:2000]
    idea.refresh_from_db()
    assert idea.published and idea.status == "accepted"

    # Anyone finds the status by the receipt number with its check characters.
    page.goto("/de/konto/logout/")
    page.get_by_role("button", name="Abmelden").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto("/de/vorgang/")
    page.assert_accessible()
    type_into(page, "Vorgangsnummer", receipt_number.lower().replace("-", " "))
    page.keyboard.press("Enter")
    page.wait_for_url("**/vorgang/?reference=*")
    assert "Angenommen" in page.locator("main").inner_text()
    page.assert_accessible()
    page.get_by_role("link", name="Bank mit Schatten am Kanal").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/idee/{reference}/")
    assert "Die Bank wird im Frühjahr aufgestellt." in page.locator("main").inner_text()
    assert page.locator(".idea-images img").count() == 1
    page.locator(".idea-images img").scroll_into_view_if_needed()  # loaded lazily
    # The photo comes through the view that checks the idea is public (it is private storage, not /media/).
    page.wait_for_function("() => document.querySelector('.idea-images img').naturalWidth > 0")
    page.assert_accessible()


def test_map_loads_only_after_consent_and_marks_the_place(browser_page):
    page = browser_page
    tiles = []

    def fake_tile(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=_PNG)

    page.page.route("**/tile.openstreetmap.org/**", fake_tile)
    page.goto(PROCESS + "idee/neu/")
    page.assert_accessible()  # includes: no request to another host before consent
    assert tiles == []
    page.get_by_role("button", name="Karte anzeigen").focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-container").wait_for()
    page.locator(".leaflet-tile-loaded").first.wait_for()  # not wait_for_function: CSP forbids its eval
    assert tiles and all("tile.openstreetmap.org" in url for url in tiles)
    page.locator(".leaflet-container").click(position={"x": 120, "y": 90})
    assert page.locator("#id_latitude").input_value().startswith("53.")


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf00"
    "00000301010018dd8db00000000049454e44ae426082"
)


def test_the_idea_form_counts_down_links_the_privacy_notice_and_lets_a_kept_image_go(
        browser_page, tmp_path, monkeypatch):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    from participation.ideas.models import Idea

    picture = tmp_path / "baum.png"
    Image.new("RGB", (60, 60), (20, 90, 40)).save(picture, format="PNG")
    page = browser_page
    page.goto(PROCESS + "idee/neu/")
    main = page.locator("main")

    # The consent box's hint leads to the privacy page (in a new tab, so nothing typed is lost).
    privacy = main.get_by_role("link", name=re.compile("Datenschutzhinweise lesen"))
    assert privacy.get_attribute("target") == "_blank"
    footer_link = page.locator("footer").get_by_role("link", name="Datenschutz")
    assert privacy.get_attribute("href") == footer_link.get_attribute("href")

    # The description says its limit and counts down; a longer paste is kept whole and refused with a word.
    assert "Höchstens 5.000 Zeichen" in main.inner_text() or "Noch 5.000 Zeichen" in main.inner_text()
    page.get_by_label("Beschreibung").fill("Schatten.")
    assert "Noch 4.991 Zeichen" in main.inner_text()
    page.get_by_label("Beschreibung").fill("x" * 5010)
    assert "10 Zeichen zu viel" in main.inner_text()
    assert len(page.get_by_label("Beschreibung").input_value()) == 5010  # nothing cut off
    page.get_by_label("Titel").fill("Bäume für den Schulhof")
    page.get_by_label(re.compile("^E-Mail")).fill("gast@example.org")
    page.get_by_label("Bilder (bis zu 3)").set_input_files(str(picture))
    page.get_by_label(re.compile("Datenschutzhinweise")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Idee senden").click()
    assert page.locator("#id_description-error").is_visible()
    page.assert_accessible()

    # The image kept from that send sits by the upload field and can be removed.
    kept = page.locator("#id_images ~ *, .kept-images").last
    assert kept.get_by_role("img").count() == 1
    page.get_by_label("Bild 1 entfernen").check()
    page.get_by_label("Beschreibung").fill("Schattenspendende Bäume auf dem Schulhof in Moisling.")
    page.get_by_label("Kategorie").select_option(index=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Idee senden").click()
    idea = Idea.objects.get(title="Bäume für den Schulhof")
    assert idea.images.count() == 0


def test_the_sign_up_consent_links_the_privacy_notice(browser_page):
    page = browser_page
    page.goto("/de/konto/signup/")
    privacy = page.locator("main").get_by_role("link", name=re.compile("Datenschutzhinweise lesen"))
    footer_link = page.locator("footer").get_by_role("link", name="Datenschutz")
    assert privacy.get_attribute("href") == footer_link.get_attribute("href")
    page.assert_accessible()
