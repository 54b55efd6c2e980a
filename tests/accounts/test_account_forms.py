"""Every account form: bad input gets a clear German error next to the field, and nothing typed is lost."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db


def field_error(html, field_id):
    """The error message tied to a field by aria-describedby, or None."""
    match = re.search(rf'<p class="kern-error" id="{field_id}-error">(.*?)</p>', html, re.S)
    if not match:
        return None
    input_tag = re.search(rf'<[^>]+id="{field_id}"[^>]*>', html).group(0)
    assert f"{field_id}-error" in input_tag, "the error must be linked to its input via aria-describedby"
    assert 'aria-invalid="true"' in input_tag
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.fixture
def resident():
    user = User.objects.create_user("maria.yilmaz@example.org", "Kücknitz-Hafen-44")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.sqlite
def test_signup_with_invalid_email_and_short_password(client):
    response = client.post("/de/konto/signup/", {"email": "keine-adresse", "password1": "kurz", "password2": "kurz"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "gültige E-Mail-Adresse" in field_error(html, "id_email")
    assert "zu kurz" in field_error(html, "id_password1")
    assert 'value="keine-adresse"' in html  # what was typed stays
    assert "Bitte korrigieren Sie die markierten Felder." in html


def test_signup_with_an_address_already_in_use_does_not_reveal_the_account(client, resident):
    """Nobody learns from the form whether an address has an account; its owner gets a mail instead."""
    response = client.post(
        "/de/konto/signup/",
        {"email": "maria.yilmaz@example.org", "password1": "Schlutup-Ufer-19", "password2": "Schlutup-Ufer-19",
         "consent": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/de/konto/confirm-email/"
    assert User.objects.filter(email="maria.yilmaz@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [["maria.yilmaz@example.org"]]


def test_signup_errors_are_in_english_on_english_pages(client):
    response = client.post("/en/konto/signup/", {"email": "nope", "password1": "", "password2": ""})
    html = response.content.decode()
    assert "valid email address" in field_error(html, "id_email")
    assert "This field is required." in field_error(html, "id_password1")


def test_login_with_a_wrong_password_keeps_the_email(client, resident):
    response = client.post("/de/konto/login/", {"login": resident.email, "password": "falsch"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "E-Mail-Adresse und/oder das Passwort sind leider falsch" in html
    assert f'value="{resident.email}"' in html
    assert '_auth_user_id' not in client.session


def test_login_is_refused_until_the_email_is_verified(client):
    User.objects.create_user("neu@example.org", "Travemünde-Strand-1")
    response = client.post("/de/konto/login/", {"login": "neu@example.org", "password": "Travemünde-Strand-1"})
    assert response.status_code == 302
    assert response["Location"] == "/de/konto/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1  # a fresh verification mail


def test_password_reset_mails_a_link_and_rejects_a_bad_address(client, resident):
    response = client.post("/de/konto/password/reset/", {"email": "kaputt"})
    assert "gültige E-Mail-Adresse" in field_error(response.content.decode(), "id_email")
    assert mail.outbox == []

    response = client.post("/de/konto/password/reset/", {"email": resident.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/de/konto/password/reset/key/" in mail.outbox[0].body


def test_password_change_needs_the_current_password(client, resident):
    client.force_login(resident)
    response = client.post(
        "/de/konto/password/change/",
        {"oldpassword": "falsch", "password1": "Neues-Passwort-2026", "password2": "Neues-Passwort-2026"},
    )
    error = field_error(response.content.decode(), "id_oldpassword")
    assert "aktuelles Passwort" in error
    assert "Sie" in error  # the city addresses people formally (site/locale_overrides)
    resident.refresh_from_db()
    assert resident.check_password("Kücknitz-Hafen-44")


def test_email_change_rejects_invalid_address_and_accepts_a_new_one(client, resident):
    client.force_login(resident)
    response = client.post("/de/konto/email/", {"action_add": "", "email": "ohne-at"})
    assert "gültige E-Mail-Adresse" in field_error(response.content.decode(), "id_email")

    response = client.post("/de/konto/email/", {"action_add": "", "email": "maria.neu@example.org"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=resident, email="maria.neu@example.org", verified=False).exists()
    assert any("maria.neu@example.org" in m.to for m in mail.outbox)


def test_account_page_shows_the_profile_and_saves_the_display_name(client, resident):
    assert client.get("/de/konto/").status_code == 302  # only for signed-in people
    client.force_login(resident)
    html = client.get("/de/konto/").content.decode()
    assert "Mein Konto" in html and resident.email in html

    response = client.post("/de/konto/", {"display_name": "x" * 200})
    assert "höchstens 80 Zeichen" in field_error(response.content.decode(), "id_display_name")

    response = client.post("/de/konto/", {"display_name": "Maria aus Kücknitz"}, follow=True)
    assert "Ihr Profil wurde gespeichert." in response.content.decode()
    resident.refresh_from_db()
    assert resident.display_name == "Maria aus Kücknitz"
