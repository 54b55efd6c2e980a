"""Residents, guests and desk staff bring in ideas; nothing typed or uploaded is lost on an error."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone
from PIL import Image

from core.models import OutgoingEmail
from participation.ideas.models import Channel, Idea, Phase
from tests.participation.conftest import PROCESS_URL, idea_data, photo

pytestmark = pytest.mark.django_db


def test_resident_submits_and_gets_a_receipt_number(client, process, resident):
    client.force_login(resident)
    form = BeautifulSoup(client.get(PROCESS_URL + "idee/neu/").content, "html.parser")
    assert form.find("input", attrs={"name": "author_name"})["value"] == "Pia"  # her profile name, to keep or clear
    response = client.post(PROCESS_URL + "idee/neu/", idea_data(author_name="Pia"))
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert response.status_code == 302 and response["Location"].endswith(f"idee/{idea.reference}/quittung/")
    assert re.fullmatch(r"ID-\d{4}-\d{4}", idea.reference)
    assert idea.author == resident and idea.channel == Channel.ONLINE and idea.author_name == "Pia"
    assert idea.confirmed_at and not idea.published  # pre-moderation: waits for a moderator
    receipt = client.get(response["Location"]).content.decode()
    assert idea.reference in receipt
    assert mail.outbox[0].to == [resident.email] and idea.reference in mail.outbox[0].body
    # Not on the public list until published.
    client.logout()
    assert "Trinkbrunnen am Koberg" not in client.get(PROCESS_URL).content.decode()


def test_a_resident_who_empties_the_name_is_anonymous_on_the_page_and_in_her_data(client, process, resident):
    client.force_login(resident)
    client.post(PROCESS_URL + "idee/neu/", idea_data(author_name=""))
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert idea.author == resident and idea.author_name == ""
    from core.registry import personal_data

    assert personal_data["ideas"](resident)[0]["name_shown"] == ""
    Idea.objects.filter(pk=idea.pk).update(published=True, published_at=timezone.now())  # as a moderator would
    client.logout()
    page = BeautifulSoup(client.get(PROCESS_URL + f"idee/{idea.reference}/").content, "html.parser").get_text(" ")
    assert "anonym" in page and "Pia" not in page


def test_guest_idea_waits_for_the_confirmation_link(client, process, moderator):
    client.post(PROCESS_URL + "idee/neu/", idea_data(contact_email="gast@example.org"))
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert idea.confirmed_at is None and idea.author is None
    link = re.search(r"https?://\S+/bestaetigen/\?token=\S+", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else link

    other = client.__class__()  # somebody without the session of the submitter
    assert other.get(idea.get_absolute_url()).status_code == 404
    assert "wartet auf die Bestätigung" in other.get(f"/de/vorgang/?reference={idea.receipt_number}").content.decode()

    assert client.get(path).status_code == 200  # a mail scanner's GET confirms nothing
    idea.refresh_from_db()
    assert idea.confirmed_at is None
    client.post(path)
    idea.refresh_from_db()
    assert idea.confirmed_at is not None and not idea.published

    from participation.ideas import moderation

    moderation.publish(idea, moderator)
    assert other.get(idea.get_absolute_url()).status_code == 200


def test_guest_needs_an_email_address(client, process):
    response = client.post(PROCESS_URL + "idee/neu/", idea_data())
    assert response.status_code == 200
    assert "id_contact_email-error" in response.content.decode()
    assert not Idea.objects.filter(title="Trinkbrunnen am Koberg").exists()


def test_moderator_enters_an_idea_at_the_desk(client, process, moderator):
    client.force_login(moderator)
    data = idea_data(channel="desk", author_name="Herr Petersen")
    response = client.post(PROCESS_URL + "idee/schalter/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert idea.channel == Channel.DESK and idea.entered_by == moderator and idea.author is None
    assert idea.confirmed_at is not None and idea.contact_email == ""
    assert idea.reference in client.get(response["Location"]).content.decode()


def test_residents_cannot_use_the_desk_form(client, process, resident):
    client.force_login(resident)
    assert client.get(PROCESS_URL + "idee/schalter/").status_code == 403


def test_a_validation_error_keeps_every_value_and_image(client, process, resident):
    client.force_login(resident)
    data = idea_data(category="", description="Ein langer Text,\nden niemand zweimal tippen möchte.")
    response = client.post(PROCESS_URL + "idee/neu/", {**data, "images": [photo("brunnen.jpg")]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "id_category-error" in html
    assert 'value="Trinkbrunnen am Koberg"' in html and "den niemand zweimal tippen möchte." in html
    tokens = re.findall(r'name="kept_images" value="([^"]+)"', html)
    assert len(tokens) == 1

    data["category"] = idea_data()["category"]
    response = client.post(PROCESS_URL + "idee/neu/", {**data, "kept_images": tokens})
    assert response.status_code == 302
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert idea.images.count() == 1
    stored = idea.images.get()
    with stored.file.open("rb") as handle, Image.open(handle) as image:
        assert image.size == (64, 48)
        assert dict(image.getexif()) == {}  # location and camera data are gone


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: photo("rechnung.pdf"), None),
        (lambda: __import__("django.core.files.uploadedfile", fromlist=["x"]).SimpleUploadedFile(
            "bild.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"), "kein Bild"),
    ],
)
def test_images_are_checked_by_content_not_by_name(client, process, resident, upload, message):
    client.force_login(resident)
    response = client.post(PROCESS_URL + "idee/neu/", {**idea_data(), "images": [upload()]})
    if message is None:  # a real JPEG, whatever its name says, is accepted
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert "id_images-error" in response.content.decode()


def test_at_most_three_images(client, process, resident):
    client.force_login(resident)
    images = [photo(f"bild{n}.png", image_format="PNG", gps=False) for n in range(4)]
    response = client.post(PROCESS_URL + "idee/neu/", {**idea_data(), "images": images})
    assert "höchstens 3 Bilder" in response.content.decode()


def test_the_mail_is_stored_in_the_transaction_and_sent_after_commit(
    client, process, resident, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(PROCESS_URL + "idee/neu/", idea_data())
    stored = OutgoingEmail.objects.get(recipients=[resident.email])
    assert stored.sent_at is None and mail.outbox == []
    for callback in callbacks:
        callback()
    stored.refresh_from_db()
    assert stored.sent_at is not None and len(mail.outbox) == 1


XSS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">klick</a>',
    '"><svg onload=alert(1)>',
    "<iframe src=//evil.example></iframe>",
    '<p style="background:url(javascript:alert(1))">Text</p>',
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_in_title_and_description_never_comes_back_executable(client, process, resident, moderator, payload):
    client.force_login(resident)
    client.post(PROCESS_URL + "idee/neu/", idea_data(title=f"Idee {payload}"[:150], description=f"Text {payload}"))
    idea = Idea.objects.get(title__startswith="Idee ")
    from participation.ideas import moderation

    moderation.publish(idea, moderator)
    for url in (idea.get_absolute_url(), PROCESS_URL, f"/de/vorgang/?reference={idea.reference}"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        main = soup.find("main")
        assert main.find_all(["script", "iframe", "svg", "object", "embed"]) == []
        for element in main.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")], element
            for attribute in ("href", "src", "style"):
                assert "javascript:" not in str(element.get(attribute, "")).lower(), element
        if url == idea.get_absolute_url():
            assert "Idee " in main.find("h1").get_text()  # the text itself is shown, harmlessly


def test_a_map_point_must_lie_in_the_region(client, process, resident):
    client.force_login(resident)
    response = client.post(PROCESS_URL + "idee/neu/", idea_data(latitude="48.137", longitude="11.575"))  # Munich
    assert response.status_code == 200 and "id_location_text-error" in response.content.decode()
    response = client.post(PROCESS_URL + "idee/neu/", idea_data(latitude="53.866", longitude="10.684"))
    assert response.status_code == 302
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert (float(idea.latitude), float(idea.longitude)) == (53.866, 10.684)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert 'data-marker-lat="53.866000"' in html  # the map waits for consent; the place text is shown anyway
    assert "tile.openstreetmap.org" in html and "<img" not in html.split("consent-map")[1].split("</div>")[0]


def test_home_page_lists_open_participation_and_hides_closed_ones(client, process):
    from tests.participation.conftest import set_phase

    assert "Ideen für die Digitale Beteiligung" in client.get("/de/").content.decode().split('id="projects"')[0]
    set_phase(process, Phase.Kind.RESULT)
    from django.core.cache import cache

    from participation.surveys.models import SurveyPage

    SurveyPage.objects.update(closes_at=timezone.now())  # the demo survey closes too

    cache.clear()
    html = client.get("/de/").content.decode().split('id="projects"')[0]
    assert "Ideen für die Digitale Beteiligung" not in html.split('id="open-participation"')[1]
    assert "Gerade läuft keine Beteiligung" in html


def test_the_unsubscribe_link_stops_mails_and_a_forged_one_does_nothing(client, process, resident):
    client.force_login(resident)
    client.post(PROCESS_URL + "idee/neu/", idea_data())
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    link = re.search(r"https?://\S+/abmelden/\?token=\S+", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    assert client.get(path.split("token=")[0] + "token=gefaelscht").status_code == 404
    assert client.get(path).status_code == 200  # a GET changes nothing
    idea.refresh_from_db()
    assert idea.notify
    client.post(path)
    idea.refresh_from_db()
    assert not idea.notify


def test_paper_ideas_wait_for_a_moderator_even_in_a_post_moderated_process(client, process, moderator):
    from participation.ideas.models import ParticipationProcessPage

    process.moderation = ParticipationProcessPage.Moderation.POST
    process.save()
    client.force_login(moderator)
    client.post(PROCESS_URL + "idee/schalter/", idea_data(channel="paper", title="Von Papier"))
    client.post(PROCESS_URL + "idee/schalter/", idea_data(channel="desk", title="Vom Schalter"))
    assert not Idea.objects.get(title="Von Papier").published
    assert Idea.objects.get(title="Vom Schalter").published
