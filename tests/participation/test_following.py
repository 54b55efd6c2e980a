"""Following a process: online with a confirmed address, on paper or at the desk; news when a phase begins, an
event is announced or official answers are published; one click ends it (issue 25)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from participation.events.models import Registration
from participation.ideas.following import collect_news
from participation.ideas.models import Follower, Idea, IdeaCategory, ParticipationProcessPage, Phase
from tests.participation.events.conftest import add_event

pytestmark = pytest.mark.django_db
URL = "/de/ideen-digitale-beteiligung/"


@pytest.fixture
def process(demo_site):
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


def pdf_text(data):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return "\n".join(document[index].get_textpage().get_text_range() for index in range(len(document)))


def link(message, path):
    return re.search(rf"https?://[^/\s]+({re.escape(path)}\S*)", message.body).group(1)


def follow(client, email="ida@example.org", consent="on"):
    return client.post(URL + "folgen/", {"email": email, "consent": consent}, follow=True)


def test_a_guest_confirms_her_address_gets_news_of_a_new_event_and_ends_it_with_one_click(
        client, process, django_capture_on_commit_callbacks):
    answer = follow(client)
    assert "Link in der E-Mail" in answer.content.decode()
    confirm = mail.outbox[-1]
    assert confirm.to == ["ida@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        add_event(process, "Werkstatt vor der Bestätigung", "werkstatt-vorher")
    assert len(mail.outbox) == 1  # not confirmed yet: no news

    confirm_link = link(confirm, URL + "folgen/bestaetigen/")
    client.get(confirm_link)  # opening the link (a mail scanner does) confirms nothing
    assert Follower.objects.get(email="ida@example.org").confirmed_at is None
    assert "folgen diesem Verfahren" in client.post(confirm_link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        add_event(process, "Werkstatt Buntekuh", "werkstatt-buntekuh")
    news = mail.outbox[-1]
    assert news.to == ["ida@example.org"] and "Werkstatt Buntekuh" in news.body
    assert "/de/ideen-digitale-beteiligung/werkstatt-buntekuh/" in news.body

    stop = client.get(link(news, URL + "folgen/abbestellen/"))
    assert stop.status_code == 200 and not Follower.objects.filter(email="ida@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        add_event(process, "Werkstatt danach", "werkstatt-danach")
    assert len(mail.outbox) == 2


def test_the_form_says_what_is_missing_and_saves_nothing(client, process):
    answer = follow(client, email="keine-adresse", consent="")
    text = answer.content.decode()
    assert "gültige E-Mail-Adresse" in text and "Bitte setzen Sie das Häkchen" in text
    assert not Follower.objects.exists() and mail.outbox == []


def test_a_new_phase_and_new_official_answers_are_sent_once_to_each_follower(process):
    now = timezone.now()
    for email in ("a@example.org", "b@example.org"):
        Follower.objects.create(process=process, email=email, confirmed_at=now)
    Follower.objects.create(process=process, email="unconfirmed@example.org")
    Follower.objects.create(process=process, postal_address="Breite Straße 1, 23552 Lübeck", confirmed_at=now)
    Phase.objects.create(process=process, kind=Phase.Kind.SUPPORT, starts_at=now - datetime.timedelta(hours=2),
                         ends_at=now + datetime.timedelta(days=9), sort_order=9)
    Idea.objects.create(process=process, title="Antwort", description="…", consent_at=now, confirmed_at=now,
                        published=True, published_at=now, category=IdeaCategory.objects.first(),
                        official_answer="Wir setzen das um.", answered_at=now - datetime.timedelta(minutes=5),
                        contact_email="autorin@example.org")

    from participation.ideas.tasks import collect_process_news

    collect_process_news()
    collect_process_news()  # the next hour's run: nothing twice
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "a@example.org", "b@example.org",
                                                    "b@example.org"]
    bodies = "\n".join(m.body for m in mail.outbox if m.to == ["a@example.org"])
    assert "neue Phase: Unterstützung" in bodies and "offizielle Antwort" in bodies
    assert collect_news() == []


def test_staff_enter_a_follower_from_paper_and_write_to_followers_and_consenting_participants(
        client, process, moderator, resident):
    url = f"/admin/processes/{process.pk}/followers/add/"
    client.force_login(resident)
    assert client.post(url, {"email": "x@example.org"}).status_code in (302, 403)
    assert not Follower.objects.exists()

    client.force_login(moderator)
    missing = client.post(url, {"language": "de", "channel": "paper", "consent": "on"})
    assert "E-Mail-Adresse oder eine Postanschrift" in missing.content.decode()
    for data in ({"email": "papier@example.org"}, {"postal_address": "Hüxstraße 5\n23552 Lübeck", "name": "Frau H."}):
        assert client.post(url, {"language": "de", "channel": "paper", "consent": "on", **data}).status_code == 302
    assert Follower.objects.filter(process=process, confirmed_at__isnull=False).count() == 2

    event = add_event(process, "Werkstatt mit Anmeldung", "werkstatt-anmeldung")
    Registration.objects.create(event=event, name="Ja", email="ja@example.org", reference="AN-2026-9101",
                                status="registered", consent_updates=True)
    Registration.objects.create(event=event, name="Nein", email="nein@example.org", reference="AN-2026-9102",
                                status="registered", consent_updates=False)
    Idea.objects.filter(process=process).update(notify=False)
    mail.outbox.clear()
    response = client.post(f"/admin/processes/{process.pk}/write/", {"subject": "Neuigkeiten", "text": "Hallo"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ja@example.org", "papier@example.org"]
    letters = client.post(f"/admin/processes/{process.pk}/write/",
                          {"subject": "Neuigkeiten", "text": "Hallo Hüxstraße", "letters": "1"})
    assert letters["Content-Type"] == "application/pdf"
    text = pdf_text(letters.content)
    assert "Frau H." in text and "Hüxstraße 5" in text and "Neuigkeiten" in text and "papier@example.org" not in text
    stop = next(m for m in mail.outbox if m.to == ["ja@example.org"])
    client.logout()
    assert client.get(link(stop, event.url + "keine-post/")).status_code == 200
    assert not Registration.objects.get(email="ja@example.org").consent_updates


def test_what_a_resident_follows_is_in_her_data_and_goes_with_her_account(process, resident):
    from core.registry import account_erasers, personal_data

    now = timezone.now()
    Follower.objects.create(process=process, user=resident, email=resident.email, confirmed_at=now)
    Follower.objects.create(process=process, email="someone.else@example.org", confirmed_at=now)
    assert [row["email"] for row in personal_data["followed_processes"](resident)] == [resident.email]
    for erase in account_erasers:
        erase(resident, now)
    assert list(Follower.objects.values_list("email", flat=True)) == ["someone.else@example.org"]


def test_an_address_never_confirmed_is_deleted_after_the_guest_retention_days(process, settings):
    from participation.surveys.tasks import delete_unconfirmed_guest_submissions

    never = Follower.objects.create(process=process, email="nie@example.org")
    Follower.objects.create(process=process, email="ja@example.org", confirmed_at=timezone.now())
    later = timezone.now() + datetime.timedelta(days=settings.GUEST_SUBMISSION_RETENTION_DAYS, hours=1)
    assert delete_unconfirmed_guest_submissions(now=timezone.now())["followers"] == 0
    assert delete_unconfirmed_guest_submissions(now=later)["followers"] == 1
    assert not Follower.objects.filter(pk=never.pk).exists() and Follower.objects.count() == 1
