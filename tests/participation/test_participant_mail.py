"""Staff write to the people who took part and asked for updates; residents find their own ideas and comments
on their account page; staff read the retention rules in the admin (issue 24, point 18)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import PageLogEntry

from accounts.models import User
from participation.ideas.models import Comment, Idea, IdeaCategory, ParticipationProcessPage

pytestmark = pytest.mark.django_db


def an_idea(process, title, **fields):
    now = timezone.now()
    return Idea.objects.create(process=process, title=title, description="…", consent_at=now, confirmed_at=now,
                               published=True, published_at=now, category=IdeaCategory.objects.first(), **fields)


def test_staff_write_once_to_each_person_who_asked_for_updates(client, demo_site, moderator):
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    Idea.objects.filter(process=process).update(notify=False)  # the demo's ideas asked for nothing here
    an_idea(process, "Bänke", contact_email="ada@example.org", notify=True)
    an_idea(process, "Mehr Bänke", contact_email="ADA@example.org", notify=True)  # the same person twice: one mail
    an_idea(process, "Tische", contact_email="emre@example.org", notify=True, language="tr")
    an_idea(process, "Still", contact_email="still@example.org", notify=False)  # unsubscribed
    unconfirmed = an_idea(process, "Ohne Bestätigung", contact_email="guest@example.org", notify=True)
    Idea.objects.filter(pk=unconfirmed.pk).update(confirmed_at=None)
    client.force_login(moderator)
    url = f"/admin/processes/{process.pk}/write/"
    form = client.get(url).content.decode()
    assert "2 Personen" in form

    assert client.post(url, {"subject": "", "text": ""}).status_code == 200  # refused, nothing sent
    assert mail.outbox == []
    response = client.post(url, {"subject": "Ergebnisse der Ideensammlung", "text": "Die Jury hat entschieden."})
    assert response.status_code == 302
    assert sorted(m.to[0].lower() for m in mail.outbox) == ["ada@example.org", "emre@example.org"]
    for message in mail.outbox:
        assert message.subject == "Ergebnisse der Ideensammlung" and "Die Jury hat entschieden." in message.body
        assert "?token=" in message.body  # the link that stops updates
    assert PageLogEntry.objects.filter(page=process, action="ideas.participant_message").exists()


def test_a_resident_or_an_analyst_cannot_write_to_participants(client, demo_site, resident):
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    analyst = User.objects.create_user("ana@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    analyst.groups.add(Group.objects.get(name="Auswertung"))
    client.force_login(analyst)
    refused = client.post(f"/admin/processes/{process.pk}/write/", {"subject": "x", "text": "y"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission"
    assert mail.outbox == []


def test_my_account_lists_my_ideas_and_comments(client, demo_site, resident):
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    mine = an_idea(process, "Trinkbrunnen am Koberg", author=resident)
    other = Idea.objects.exclude(pk=mine.pk).first()
    Comment.objects.create(idea=other, author=resident, text="Gute Idee, auch für Moisling!", published=False)
    client.force_login(resident)
    html = client.get("/de/konto/").content.decode()
    assert "Ihre Ideen und Kommentare" in html
    assert "Trinkbrunnen am Koberg" in html and mine.receipt_number in html
    assert "Gute Idee, auch für Moisling!" in html and "Wartet auf Moderation" in html


def test_staff_read_the_retention_rules(client, demo_site, moderator, settings):
    settings.SCAN_RETENTION_DAYS = 60
    client.force_login(moderator)
    html = client.get("/admin/retention/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Aufbewahrungsfristen" in html
    assert "60 Tage" in html and "SCAN_RETENTION_DAYS" in html
    assert "Scans" in html


def test_a_survey_respondent_asks_for_news_and_staff_write_to_her_until_she_stops_it(client, demo_site, moderator):
    import re

    from participation.surveys.models import SurveyPage, SurveyResponse

    survey = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    response = SurveyResponse.objects.create(survey=survey, answers={}, submitted_at=timezone.now(), language="uk")
    SurveyResponse.objects.create(survey=survey, answers={}, submitted_at=timezone.now())  # asked for nothing
    thanks = f"{survey.url}danke/{response.token.hex}/"
    page = client.get(thanks).content.decode()
    assert "Von den Ergebnissen hören" in page and "Datenschutzhinweise lesen" in page
    refused = client.post(thanks, {"email": "olena@example.org"})  # without consent: nothing kept
    assert refused.status_code == 400 and SurveyResponse.objects.get(pk=response.pk).results_email == ""
    assert client.post(thanks, {"email": "olena@example.org", "consent": "on"}).status_code == 302
    assert "Wir schreiben an olena@example.org" in client.get(thanks).content.decode()

    client.force_login(moderator)
    url = f"/admin/surveys/{survey.pk}/write/"
    assert "1 Person" in client.get(url).content.decode()
    client.post(url, {"subject": "Ergebnisse", "text": "Die Auswertung ist online."})
    (sent,) = mail.outbox
    assert sent.to == ["olena@example.org"] and "Die Auswertung ist online." in sent.body
    assert "Ви отримали це" in sent.body  # in the language she answered in
    stop = re.search(r"https?://\S+/keine-post/\?token=\S+", sent.body).group(0)
    client.logout()
    assert "Keine Neuigkeiten mehr" in client.get(stop[stop.index("/de/"):]).content.decode()
    assert SurveyResponse.objects.get(pk=response.pk).results_email == ""
