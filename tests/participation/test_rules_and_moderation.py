"""Who may do what, when; supports; moderation in the admin; receipt lookup; abuse protection."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from accounts.models import User
from participation.ideas import moderation, rules
from participation.ideas.models import Idea, ModerationLogEntry, Phase, StatusChange, Support
from tests.participation.conftest import PROCESS_URL, idea_data, set_phase

pytestmark = pytest.mark.django_db

BEFORE, DURING, AFTER = None, Phase.Kind.COLLECT, Phase.Kind.RESULT


def role_user(role, moderator, resident):
    return {
        "anonymous": AnonymousUser(),
        "resident": resident,
        "moderator": moderator,
        "admin": User.objects.get_or_create(email="root@luebeck.example",
                                            defaults={"is_superuser": True, "is_staff": True})[0],
    }[role]


# role → (submit, desk, support, moderate) before / during / after the collect phase.
TRUTH_TABLE = {
    "anonymous": {"before": (False, False, False, False), "during": (True, False, False, False),
                  "after": (False, False, False, False)},
    "resident": {"before": (False, False, False, False), "during": (True, False, True, False),
                 "after": (False, False, False, False)},
    "moderator": {"before": (False, False, False, True), "during": (True, True, True, True),
                  "after": (False, False, False, True)},
    "admin": {"before": (False, False, False, True), "during": (True, True, True, True),
              "after": (False, False, False, True)},
}


@pytest.mark.parametrize("role", list(TRUTH_TABLE))
@pytest.mark.parametrize("when", ["before", "during", "after"])
def test_permission_truth_table(process, moderator, resident, role, when):
    idea = Idea.objects.public().filter(process=process).first()
    user = role_user(role, moderator, resident)
    phase = {"before": BEFORE, "during": DURING, "after": AFTER}[when]
    if phase is None:  # every phase still ahead
        set_phase(process, None)
        process.phases.update(starts_at=process.phases.order_by("starts_at").first().ends_at)
    else:
        set_phase(process, phase)
    process = type(process).objects.get(pk=process.pk)
    idea.process = process
    actual = (rules.can_submit_idea(user, process), rules.can_enter_at_desk(user, process),
              rules.can_support(user, idea), rules.can_moderate(user))
    assert actual == TRUTH_TABLE[role][when]


def test_one_support_per_person(client, process, resident):
    idea = Idea.objects.public().filter(process=process).first()
    before = idea.support_count
    client.force_login(resident)
    for _ in range(3):
        client.post(f"{PROCESS_URL}idee/{idea.reference}/unterstuetzen/")
    idea.refresh_from_db()
    assert idea.support_count == before + 1
    assert Support.objects.filter(idea=idea, user=resident).count() == 1
    assert "Sie unterstützen diese Idee." in client.get(idea.get_absolute_url()).content.decode()


def test_guests_support_once_per_confirmed_email(client, process):
    import re

    idea = Idea.objects.public().filter(process=process).first()
    before = idea.support_count
    url = f"{PROCESS_URL}idee/{idea.reference}/unterstuetzen/"
    client.post(url, {"email": "kein-konto"})
    assert mail.outbox == [] and not Support.objects.filter(idea=idea).exists()

    for _ in range(2):
        client.post(url, {"email": "Nachbarin@Example.org"})
    links = re.findall(r"https?://\S+/unterstuetzen/bestaetigen/\?token=\S+", "\n".join(m.body for m in mail.outbox))
    assert len(links) == 2
    path = "/" + links[0].split("/", 3)[3]
    assert client.get(path).status_code == 200  # a mail scanner's GET counts nothing
    idea.refresh_from_db()
    assert idea.support_count == before
    for link in links:
        client.post("/" + link.split("/", 3)[3])
    idea.refresh_from_db()
    assert idea.support_count == before + 1
    assert Support.objects.get(idea=idea).email == "nachbarin@example.org"


def test_moderator_publishes_rejects_with_reason_and_answers_in_the_admin(client, process, moderator, resident):
    client.force_login(resident)
    client.post(PROCESS_URL + "idee/neu/", idea_data())
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    mail.outbox.clear()
    client.force_login(moderator)
    edit_url = f"/admin/ideas/edit/{idea.pk}/"
    assert client.get("/admin/ideas/?status=received").status_code == 200
    form = {"title": idea.title, "description": idea.description, "status": "received", "published": "on",
            "official_answer": "", "duplicate_of": "", "status_note": "", "note": ""}

    response = client.post(edit_url, {**form, "status": "rejected"})
    assert response.status_code == 200  # a rejection without a reason is refused
    assert "Bitte geben Sie einen Grund an" in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == "received" and not idea.published

    response = client.post(edit_url, {**form, "status": "accepted", "status_note": "Wir prüfen Standorte.",
                                      "official_answer": "Der Brunnen kommt 2027.", "note": "Mit Tiefbau klären."})
    assert response.status_code == 302, response.content.decode()[:3000]
    idea.refresh_from_db()
    assert idea.published and idea.status == "accepted" and idea.official_answer == "Der Brunnen kommt 2027."
    assert "Mit Tiefbau klären." in idea.internal_notes
    assert list(StatusChange.objects.filter(idea=idea).values_list("status", flat=True)) == ["received", "accepted"]
    actions = set(ModerationLogEntry.objects.filter(idea=idea).values_list("action", flat=True))
    assert {"publish", "status", "answer", "note"} <= actions
    assert all(entry.user == moderator for entry in ModerationLogEntry.objects.filter(idea=idea))
    assert {m.subject for m in mail.outbox} >= {f"Neuer Status Ihrer Idee {idea.receipt_number}"}

    client.logout()
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Der Brunnen kommt 2027." in html and "Wir prüfen Standorte." in html
    assert "Mit Tiefbau klären." not in html


def test_rejection_reason_reaches_the_author(process, moderator):
    idea = Idea.objects.public().filter(process=process).first()
    idea.contact_email = "autorin@example.org"
    idea.save()
    moderation.set_status(idea, moderator, Idea.Status.REJECTED, "Liegt nicht in städtischer Zuständigkeit.")
    assert any("Liegt nicht in städtischer Zuständigkeit." in m.body for m in mail.outbox)
    with pytest.raises(ValueError):
        moderation.set_status(idea, moderator, Idea.Status.REJECTED, "")


def test_receipt_lookup(client, process):
    idea = Idea.objects.public().filter(process=process).first()
    html = client.get("/de/vorgang/", {"reference": idea.receipt_number.lower()}).content.decode()
    assert idea.title in html and idea.get_status_display() in html
    assert "ID-2026-0042-K7FX" in client.get("/de/vorgang/", {"reference": "12345"}).content.decode()  # format hint
    assert "id_reference-error" in client.get("/de/vorgang/", {"reference": "ID-1999-9999-AAAA"}).content.decode()


def test_honeypot_fill_time_and_rate_limit(client, process, resident, monkeypatch, settings):
    client.force_login(resident)
    response = client.post(PROCESS_URL + "idee/neu/", idea_data(website="http://spam.example"))
    assert "Website" in response.content.decode() and not Idea.objects.filter(title="Trinkbrunnen am Koberg")

    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 60)
    response = client.post(PROCESS_URL + "idee/neu/", idea_data())
    assert "sehr schnell" in response.content.decode()
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "idea": {"account": "2/h", "address": "100/h"}}
    for number in range(2):
        assert client.post(PROCESS_URL + "idee/neu/", idea_data(title=f"Idee {number}")).status_code == 302
    response = client.post(PROCESS_URL + "idee/neu/", idea_data(title="Idee 3"))
    assert response.status_code == 429 and "in einer Stunde" in response.content.decode()
    assert not Idea.objects.filter(title="Idee 3").exists()


def test_moderator_publishes_several_ideas_at_once(client, process, moderator):
    now_waiting = []
    for number in range(3):
        idea = Idea.objects.public().filter(process=process).first()
        idea.pk, idea.reference, idea.published, idea.title = None, "", False, f"Wartend {number}"
        idea.save()
        now_waiting.append(idea)
    client.force_login(moderator)
    ids = "&".join(f"id={idea.pk}" for idea in now_waiting[:2])
    url = f"/admin/bulk/ideas/idea/publish_ideas/?{ids}"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Wartend 0" in confirm.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    published = set(Idea.objects.filter(title__startswith="Wartend", published=True).values_list("title", flat=True))
    assert published == {"Wartend 0", "Wartend 1"}
    assert ModerationLogEntry.objects.filter(action="publish", user=moderator).count() == 2


def test_moderator_hides_several_ideas_at_once_and_is_told_how_many(client, process, moderator):
    ideas = list(Idea.objects.public().filter(process=process)[:2])
    client.force_login(moderator)
    ids = "&".join(f"id={idea.pk}" for idea in ideas)
    response = client.post(f"/admin/bulk/ideas/idea/hide_ideas/?{ids}&next=/admin/", HTTP_ACCEPT_LANGUAGE="de",
                           follow=True)
    assert "2 Ideen ausgeblendet." in response.content.decode()
    assert Idea.objects.filter(pk__in=[idea.pk for idea in ideas], hidden=True).count() == 2
    assert ModerationLogEntry.objects.filter(action="hide", user=moderator, detail="bulk").count() == 2


def test_residents_cannot_use_bulk_actions(client, process, resident):
    idea = Idea.objects.public().filter(process=process).first()
    client.force_login(resident)
    client.post(f"/admin/bulk/ideas/idea/hide_ideas/?id={idea.pk}")
    idea.refresh_from_db()
    assert not idea.hidden


# Issue 24, point 15: the moderation list and page


def test_a_rejected_idea_offers_no_support_and_the_support_view_refuses_it(client, process, moderator, resident):
    import re

    idea = Idea.objects.public().filter(process=process).first()
    set_phase(process, Phase.Kind.COLLECT)
    url = f"{PROCESS_URL}idee/{idea.reference}/unterstuetzen/"
    client.post(url, {"email": "spaeter@example.org"})  # a guest asks before the rejection
    link = re.search(r"https?://\S+/unterstuetzen/bestaetigen/\?token=\S+", mail.outbox[-1].body).group(0)
    moderation.set_status(idea, moderator, Idea.Status.REJECTED, "Liegt außerhalb der Zuständigkeit.")
    before = Idea.objects.get(pk=idea.pk).support_count

    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Diese Idee wurde abgelehnt und kann deshalb nicht mehr unterstützt werden." in html
    assert "Mit E-Mail unterstützen" not in html and 'name="email"' not in html
    client.post("/" + link.split("/", 3)[3])  # the mailed link counts nothing now
    client.force_login(resident)
    html = client.get(idea.get_absolute_url()).content.decode()
    assert "Diese Idee unterstützen" not in html
    client.post(url)  # the button's request, sent by hand
    assert Idea.objects.get(pk=idea.pk).support_count == before
    assert not Support.objects.filter(idea=idea).exists()


def test_duplicate_of_is_typed_by_number_among_the_same_process_ideas_only(client, process, moderator):
    from participation.ideas.viewsets import IdeaModerationForm

    idea, original = Idea.objects.filter(process=process)[:2]
    elsewhere = Idea.objects.exclude(process=process).first()
    form = IdeaModerationForm(instance=idea)
    html = str(form["duplicate_of"])
    assert 'list="duplicate_of-ideas"' in html and f'<option value="{original.reference}">' in html
    assert f'<option value="{idea.reference}">' not in html  # never itself
    if elsewhere is not None:
        assert elsewhere.reference not in html

    client.force_login(moderator)
    form = {"title": idea.title, "description": idea.description, "status": idea.status,
            "published": "on" if idea.published else "", "official_answer": idea.official_answer,
            "status_note": "", "note": ""}
    refused = client.post(f"/admin/ideas/edit/{idea.pk}/", {**form, "duplicate_of": idea.reference})
    assert f"Keine andere Idee dieses Verfahrens hat die Nummer {idea.reference}." in refused.content.decode()
    saved = client.post(f"/admin/ideas/edit/{idea.pk}/", {**form, "duplicate_of": original.reference.lower()})
    assert saved.status_code == 302
    idea.refresh_from_db()
    assert idea.duplicate_of == original


def test_the_moderation_page_shows_who_did_what_and_when(client, process, moderator):
    idea = Idea.objects.filter(process=process).first()
    moderation.set_status(idea, moderator, Idea.Status.IN_REVIEW, "Wird geprüft.")
    moderation.add_note(idea, moderator, "Mit dem Tiefbauamt klären.")
    moderation._log(idea, moderator, "edit", "description, title")
    client.force_login(moderator)
    html = client.get(f"/admin/ideas/edit/{idea.pk}/").content.decode()
    log = html[html.index("moderation-log"):]
    assert "Moderationsprotokoll" in html
    assert "Status geändert" in log and "In Prüfung: Wird geprüft." in log
    assert "Interne Notiz" in log and "Mit dem Tiefbauamt klären." in log
    assert "Text bearbeitet" in log and "Beschreibung, Titel" in log
    assert str(moderator) in log


def test_the_moderation_list_says_ja_nein_in_german_headers(client, process, moderator):
    client.force_login(moderator)
    html = client.get("/admin/ideas/").content.decode()
    html = html[html.index('<table class="listing'):]
    head = html[html.index("<thead"):html.index("</thead>")]
    for label in ("Vorgangsnummer", "Titel", "Öffentlich", "Unterstützungen", "Eingereicht"):
        assert label in head
    assert "Created at" not in head and "Idea" not in head
    body = html[html.index("<tbody"):html.index("</tbody>")]
    assert "True" not in body and "False" not in body and ("Ja" in body or "Nein" in body)


def test_the_comment_list_says_ja_nein_too(client, process, moderator, resident):
    from participation.ideas.models import Comment

    Comment.objects.create(idea=Idea.objects.filter(process=process).first(), author=resident, text="Gute Idee!",
                           published=True)
    client.force_login(moderator)
    html = client.get("/admin/idea_comments/").content.decode()
    html = html[html.index('<table class="listing'):]
    head = html[html.index("<thead"):html.index("</thead>")]
    assert "Idee" in head and "Veröffentlicht" in head and "Ausgeblendet" in head and "Geschrieben" in head
    assert "Idea" not in head and "Created" not in head
    body = html[html.index("<tbody"):html.index("</tbody>")]
    assert "Gute Idee!" in body and "Ja" in body and "Nein" in body
    assert "True" not in body and "False" not in body


def test_the_idea_details_say_ja_nein_not_true_false(client, process, moderator):
    import re

    client.force_login(moderator)
    idea = Idea.objects.filter(process=process, published=True).first()
    html = client.get(f"/admin/ideas/inspect/{idea.pk}/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html[html.index("<main"):]).split())
    assert "Veröffentlicht Ja" in text
    assert not re.search(r"\b(True|False|None)\b", text)
