"""Staff sign-ins: two-factor authentication for every staff role, rate limits on every login path, and
answers that never tell whether an account exists. The test settings switch the staff requirement off
(force_login skips the second factor); these tests switch it on."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.roles import ANALYSTS, EDITORS, MODERATORS, ROLES, VOLUNTEER_COORDINATORS

pytestmark = pytest.mark.django_db

PASSWORD = "Ein-Langes-Passwort-1"  # noqa: S105 - test accounts only
LOGIN = "/en/konto/login/"
SETUP = "/en/konto/2fa/totp/activate/"
PAPER_ENTRY = "/en/papiererfassung/"  # a staff view outside the admin (moderators and analysts)


@pytest.fixture(autouse=True)
def _staff_mfa_required(settings):
    settings.STAFF_MFA_REQUIRED = True


def person(email, group=None, **extra):
    user = User.objects.create_user(email, PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password}, **extra)


def confirm_password(client, then):
    """allauth asks for the password again (even right after signing in) before the app is set up or
    switched off."""
    asked = client.get(then)
    assert asked.status_code == 302 and "/konto/reauthenticate/" in asked["Location"]
    confirmed = client.post(asked["Location"], {"password": PASSWORD})
    assert confirmed.status_code == 302 and confirmed["Location"] == then


def current_code(secret):
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(secret, counter))


def errors(response):
    return [str(error) for error in response.context["form"].non_field_errors()]


@pytest.mark.parametrize("group", [*ROLES, "superuser"])
def test_every_staff_role_without_an_app_is_sent_to_set_one_up(client, demo_site, group):
    if group == "superuser":
        user = person("chefin@luebeck.example", is_superuser=True, is_staff=True)
    else:
        user = person("team@luebeck.example", group)
    client.force_login(user)
    # The admin, the dashboards, exports, paper entry and the volunteer desk: every staff page.
    for url in ("/admin/", "/admin/pages/", "/admin/dashboards/", "/admin/exports/", PAPER_ENTRY,
                reverse("volunteering:desk")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].endswith("/konto/2fa/totp/activate/"), url


def test_a_moderator_signing_in_must_set_up_the_app_before_the_admin_and_paper_entry(client, demo_site):
    person("moderation@luebeck.example", MODERATORS)
    response = sign_in(client, "moderation@luebeck.example")
    assert response.status_code == 302
    for url in (response["Location"], "/admin/", "/admin/ideas/", PAPER_ENTRY):
        refused = client.get(url)
        assert refused.status_code == 302 and refused["Location"].endswith("/konto/2fa/totp/activate/"), url

    confirm_password(client, SETUP)
    setup = client.get(SETUP)
    assert setup.status_code == 200
    assert b"<svg" in setup.content and b'role="img"' in setup.content  # the QR code, described in words
    assert b"two-factor authentication with an authenticator app" in setup.content  # why they are here


def test_staff_member_sets_up_the_app_gets_recovery_codes_and_reaches_the_admin(
        client, demo_site, django_capture_on_commit_callbacks):
    user = person("redaktion@luebeck.example", EDITORS)
    sign_in(client, user.email)
    client.get("/admin/pages/")  # stopped: remembered as the page to go on to
    confirm_password(client, SETUP)
    setup = client.get(SETUP)
    secret = setup.context["form"].secret

    wrong = client.post(SETUP, {"code": "000000" if current_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and b'aria-invalid="true"' in wrong.content
    assert not Authenticator.objects.filter(user=user).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(SETUP, {"code": current_code(secret)}, follow=True)
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    assert codes.wrap().get_unused_codes()[0] in done.content.decode()  # recovery codes offered at once
    assert b'href="/admin/pages/"' in done.content  # and the way back to where they were going
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_staff_with_the_app_signs_in_with_a_code_and_reaches_the_admin(client, demo_site):
    user = person("auswertung@luebeck.example", ANALYSTS)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = sign_in(client, user.email)
    assert response["Location"].endswith("/konto/2fa/authenticate/")  # password alone does not sign in
    assert client.get("/admin/")["Location"].startswith("/admin/login/")

    wrong = client.post(response["Location"], {"code": "000000" if current_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Incorrect code." in wrong.content.decode()
    signed_in = client.post(response["Location"], {"code": current_code(secret)})
    assert signed_in.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(PAPER_ENTRY).status_code == 200


def test_the_sixth_wrong_code_is_refused_even_before_a_right_one(client, demo_site):
    user = person("auswertung@luebeck.example", ANALYSTS)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    step = sign_in(client, user.email)["Location"]
    wrong = "000000" if current_code(secret) != "000000" else "111111"
    for _attempt in range(5):
        client.post(step, {"code": wrong})
    refused = client.post(step, {"code": current_code(secret)})
    assert "Too many failed login attempts. Try again later." in refused.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_session_that_skipped_the_code_is_asked_for_it(client, demo_site):
    user = person("freiwillige@luebeck.example", VOLUNTEER_COORDINATORS)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)  # like any sign-in path that did not ask for the code
    response = client.get("/admin/")
    assert response.status_code == 302 and "/konto/2fa/reauthenticate/?next=%2Fadmin%2F" in response["Location"]


def test_staff_cannot_switch_the_app_off(client, demo_site):
    user = person("moderation@luebeck.example", MODERATORS)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    step = sign_in(client, user.email)
    client.post(step["Location"], {"code": current_code(secret)})
    confirm_password(client, "/en/konto/2fa/totp/deactivate/")
    response = client.get("/en/konto/2fa/totp/deactivate/")
    assert response.status_code == 200
    assert "You cannot deactivate two-factor authentication." in response.content.decode()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_a_resident_signs_in_without_a_second_factor(client, demo_site):
    person("rita.resident@example.org")
    response = sign_in(client, "rita.resident@example.org")
    assert response.status_code == 302 and "2fa" not in response["Location"]
    account = client.get(response["Location"])
    assert account.status_code == 200
    assert b'href="/en/konto/2fa/"' in account.content  # residents may add the app if they want to
    assert client.get("/en/konto/2fa/").status_code == 200
    assert client.get("/en/engagement/").status_code == 200


def test_the_sixth_wrong_password_is_refused_alike_for_known_and_unknown_addresses(client):
    person("bekannt@luebeck.example", MODERATORS)
    answers = {}
    for number, email in enumerate(["bekannt@luebeck.example", "unbekannt@luebeck.example"]):
        addr = {"REMOTE_ADDR": f"192.0.2.{10 + number}"}  # the per-address limit, not the per-IP one
        wrong = [errors(sign_in(client, email, "falsch-falsch-1", **addr)) for _attempt in range(5)]
        sixth = sign_in(client, email, PASSWORD, **addr)  # even the right password: the lockout holds
        assert sixth.status_code == 200 and not sixth.wsgi_request.user.is_authenticated
        answers[email] = (wrong, errors(sixth), b'role="alert"' in sixth.content)
    assert answers["bekannt@luebeck.example"] == answers["unbekannt@luebeck.example"]
    wrong, locked, announced = answers["bekannt@luebeck.example"]
    assert wrong[0] == ["The email address and/or password you specified are not correct."]
    assert locked == ["Too many failed login attempts. Try again later."] and announced
    assert "bekannt@luebeck.example" not in locked[0]


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client):
    person("bekannt@luebeck.example")
    known = client.post("/en/konto/password/reset/", {"email": "bekannt@luebeck.example"})
    unknown = client.post("/en/konto/password/reset/", {"email": "unbekannt@luebeck.example"})
    assert known.status_code == unknown.status_code == 302 and known["Location"] == unknown["Location"]
    # Only the known address gets a reset link; the unknown one is told it has no account (allauth's
    # enumeration guard), so the page cannot tell which is which.
    assert [message.to for message in mail.outbox] == [["bekannt@luebeck.example"], ["unbekannt@luebeck.example"]]


def test_password_reset_and_signup_are_rate_limited(client):
    # Per client address; the mails per target are capped silently (tests/security/test_throttling.py).
    for number in range(20):
        client.post("/en/konto/password/reset/", {"email": f"jemand{number}@example.org"})
    refused = client.post("/en/konto/password/reset/", {"email": "jemand@example.org"})
    assert refused.status_code == 429 and not refused.has_header("Location")
    for _attempt in range(20):
        client.post("/en/konto/signup/", {})
    assert client.post("/en/konto/signup/", {}).status_code == 429


def test_the_admin_login_is_the_sites_rate_limited_login(client, demo_site):
    person("redaktion@luebeck.example", EDITORS, is_staff=True)
    chain = client.get("/admin/pages/", follow=True)
    assert chain.redirect_chain[-1][0].split("?")[0].endswith("/konto/login/")
    assert "next=%2Fadmin%2Fpages%2F" in chain.redirect_chain[-1][0]
    # Wagtail's own form is gone: posting to it signs nobody in.
    response = client.post("/admin/login/", {"username": "redaktion@luebeck.example", "password": PASSWORD})
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert not client.get("/admin/").wsgi_request.user.is_authenticated
    # Where it leads counts failed attempts like every sign-in.
    for _attempt in range(5):
        sign_in(client, "redaktion@luebeck.example", "falsch-falsch-1")
    assert errors(sign_in(client, "redaktion@luebeck.example")) == ["Too many failed login attempts. Try again later."]


def test_a_signed_in_resident_at_the_admin_is_sent_to_their_account_not_round_in_circles(client, demo_site):
    client.force_login(person("rita.resident@example.org"))
    chain = client.get("/admin/", follow=True)
    assert chain.status_code == 200 and len(chain.redirect_chain) == 2
    assert chain.redirect_chain[-1][0].endswith("/konto/")
