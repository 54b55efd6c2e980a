"""Comments (signed in, one level of replies, moderated) and reports (three people hide content)."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from accounts.models import User
from participation.ideas.models import Comment, Idea, ParticipationProcessPage
from tests.participation.conftest import PROCESS_URL, ideas_listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def idea(process):
    idea = Idea.objects.public().filter(process=process).first()
    idea.contact_email = "ideengeberin@example.org"
    idea.save()
    return idea


def comment_url(idea):
    return f"{PROCESS_URL}idee/{idea.reference}/kommentar/"


def form(**extra):
    from core.antispam import form_started_token

    return {"text": "Gute Idee, das hilft auch Eltern mit Kinderwagen.", "form_started": form_started_token(),
            "website": "", **extra}


def test_comments_wait_for_moderation_in_a_pre_moderated_process(client, idea, resident, moderator):
    client.force_login(resident)
    response = client.post(comment_url(idea), form())
    assert response.status_code == 302
    comment = Comment.objects.get(idea=idea)
    assert not comment.published
    own_view = BeautifulSoup(client.get(idea.get_absolute_url()).content, "html.parser")
    assert own_view.select_one(f"#comment-{comment.pk} .kern-badge--warning")  # "awaiting moderation", to its author
    assert comment.text not in Client().get(idea.get_absolute_url()).content.decode()  # others don't see it yet

    client.force_login(moderator)
    edit = client.post(f"/admin/idea_comments/edit/{comment.pk}/", {"published": "on"})
    assert edit.status_code == 302
    idea.refresh_from_db()
    assert idea.comment_count == 1
    assert comment.text in Client().get(idea.get_absolute_url()).content.decode()
    assert any(m.to == ["ideengeberin@example.org"] and comment.text in m.body for m in mail.outbox)


def test_replies_go_one_level_deep(client, idea, resident, process):
    process.moderation = ParticipationProcessPage.Moderation.POST
    process.save()
    client.force_login(resident)
    client.post(comment_url(idea), form())
    top = Comment.objects.get(idea=idea)
    client.post(comment_url(idea), form(text="Stimmt!", parent=top.pk))
    reply = Comment.objects.get(text="Stimmt!")
    assert reply.parent == top and reply.published
    client.post(comment_url(idea), form(text="Antwort auf Antwort", parent=reply.pk))
    assert not Comment.objects.filter(text="Antwort auf Antwort").exists()
    html = client.get(idea.get_absolute_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(f"#comment-{top.pk} .comment-list--replies #comment-{reply.pk}")
    idea.refresh_from_db()
    assert idea.comment_count == 2


def test_only_signed_in_people_comment_and_xss_is_defused(client, idea, resident, process):
    response = client.post(comment_url(idea), form())
    assert not Comment.objects.exists() and response.status_code == 302
    process.moderation = ParticipationProcessPage.Moderation.POST
    process.save()
    client.force_login(resident)
    client.post(comment_url(idea), form(text='<img src=x onerror=alert(1)><script>alert(2)</script>Hallo'))
    main = BeautifulSoup(client.get(idea.get_absolute_url()).content, "html.parser").find("main")
    assert main.find_all("script") == []
    assert [tag for tag in main.find_all(True) if any(a.startswith("on") for a in tag.attrs)] == []
    assert "Hallo" in main.get_text()


def test_an_empty_comment_shows_an_error_and_keeps_nothing(client, idea, resident):
    client.force_login(resident)
    response = client.post(comment_url(idea), form(text=""))
    assert response.status_code == 400
    assert "id_text-error" in response.content.decode()
    assert not Comment.objects.exists()


def test_three_reports_hide_an_idea_until_a_moderator_looks(idea, moderator, django_capture_on_commit_callbacks):
    listed = ideas_listed(Client())
    report_url = f"{PROCESS_URL}idee/{idea.reference}/melden/"
    reporters = [User.objects.create_user(f"melder{n}@example.org", "Ein-Langes-Passwort-1") for n in range(3)]
    first = Client()
    first.force_login(reporters[0])
    first.post(report_url, {"reason": "Beleidigend"})
    first.post(report_url, {"reason": "Noch einmal"})  # the same person counts once
    idea.refresh_from_db()
    assert not idea.hidden
    for reporter in reporters[1:]:
        other = Client()
        other.force_login(reporter)
        with django_capture_on_commit_callbacks(execute=True):
            other.post(report_url, {"reason": "Beleidigend"})
    idea.refresh_from_db()
    assert idea.hidden
    assert ideas_listed(Client()) == listed - 1  # the list's totals follow at once (participation.ideas.list_cache)
    assert Client().get(idea.get_absolute_url()).status_code == 404
    assert idea.moderation_log.filter(action="hide", detail="reported").exists()
