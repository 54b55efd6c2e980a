"""Consent records in the Wagtail admin: staff with the right look them up; nobody can change one (it is proof)."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.consent import record_consent
from accounts.deletion import delete_account
from accounts.models import ConsentRecord, User
from accounts.roles import EDITORS, MODERATORS

pytestmark = pytest.mark.django_db

PASSWORD = "Ein-Langes-Passwort-1"
LIST = "/admin/consent-records/"


@pytest.fixture
def records():
    """Pia's consent at sign-up (current wording), a guest's for an idea under the older wording, and the
    consent of someone who has deleted their account since."""
    pia = User.objects.create_user("pia.petersen@example.org", PASSWORD)
    current = record_consent(ConsentRecord.Purpose.ACCOUNT, "Ich habe die Datenschutzhinweise gelesen.", user=pia)
    older = ConsentRecord.objects.create(
        email="gast.idee@example.org", purpose=ConsentRecord.Purpose.IDEA, text_version="privacy-2025-01",
        text="Meine Idee darf veröffentlicht werden.", text_sha256="0" * 64,
        given_at=timezone.now() - datetime.timedelta(days=400))
    gone = User.objects.create_user("weg@example.org", PASSWORD)
    forgotten = record_consent(ConsentRecord.Purpose.ACCOUNT, "Ich habe die Datenschutzhinweise gelesen.",
                               user=gone)
    delete_account(gone)
    return current, older, forgotten


@pytest.fixture
def admin(client):
    client.force_login(User.objects.create_superuser("admin@luebeck.example", PASSWORD))
    return client


def member_of(client, group):
    user = User.objects.create_user(f"{group.name.lower()}@luebeck.example", PASSWORD, is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    return client


def shown_emails(html):
    return set(re.findall(r"[\w.-]+@example\.org", html))


def test_admin_finds_consents_by_address_purpose_and_text_version(admin, records, demo_site):
    current, _older, forgotten = records
    response = admin.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert shown_emails(html) == {"pia.petersen@example.org", "gast.idee@example.org"}
    assert "privacy-2026-11" in html and "privacy-2025-01" in html
    with translation.override("de"):  # the admin speaks German here
        deleted_account = gettext("deleted account")
    assert deleted_account in html  # the deleted person's record stays, without the address

    assert shown_emails(admin.get(LIST, {"q": "pia.petersen"}).content.decode()) == {"pia.petersen@example.org"}
    assert shown_emails(admin.get(LIST, {"purpose": "idea"}).content.decode()) == {"gast.idee@example.org"}
    by_version = admin.get(LIST, {"text_version": "privacy-2025-01"}).content.decode()
    assert shown_emails(by_version) == {"gast.idee@example.org"}

    page = admin.get(f"{LIST}inspect/{current.pk}/")
    assert page.status_code == 200
    assert "Ich habe die Datenschutzhinweise gelesen." in page.content.decode()
    assert current.text_sha256 in page.content.decode()
    kept_as_proof = admin.get(f"{LIST}inspect/{forgotten.pk}/").content.decode()
    assert deleted_account in kept_as_proof and "Ich habe die Datenschutzhinweise gelesen." in kept_as_proof
    assert "weg@example.org" not in kept_as_proof and "@deleted.invalid" not in kept_as_proof


def test_nobody_adds_changes_or_deletes_a_consent_record_not_even_an_admin(admin, records, demo_site):
    current, _older, _forgotten = records
    before = list(ConsentRecord.objects.values_list("pk", "email", "text", "withdrawn_at"))
    html = admin.get(LIST).content.decode()
    assert f"{LIST}new/" not in html and f"{LIST}edit/" not in html and f"{LIST}delete/" not in html
    for address in (f"{LIST}new/", f"{LIST}edit/{current.pk}/", f"{LIST}delete/{current.pk}/",
                    f"{LIST}copy/{current.pk}/"):
        assert admin.get(address, follow=True).status_code == 404, address
        assert admin.post(address, {"email": "anders@example.org", "text": "Anders"}, follow=True).status_code == 404
    assert list(ConsentRecord.objects.values_list("pk", "email", "text", "withdrawn_at")) == before


@pytest.mark.parametrize("role", [EDITORS, MODERATORS])
def test_editors_and_moderators_do_not_see_consent_records(client, records, demo_site, role):
    current, _older, _forgotten = records
    member_of(client, Group.objects.get(name=role))
    for address in (LIST, f"{LIST}inspect/{current.pk}/"):
        response = client.get(address)
        assert response.status_code == 302 and response["Location"] == "/admin/", address  # "no permission"
    assert LIST not in client.get("/admin/").content.decode()  # not in the menu either


def test_a_group_given_the_view_permission_reads_but_cannot_change(admin, records, demo_site):
    assert LIST in admin.get("/admin/").content.decode()  # in the admin's menu
    privacy = Group.objects.create(name="Datenschutz")
    privacy.permissions.add(Permission.objects.get(codename="access_admin"),
                            Permission.objects.get(codename="view_consentrecord"))
    reader = member_of(Client(), privacy)
    assert LIST in reader.get("/admin/").content.decode()
    assert "pia.petersen@example.org" in reader.get(LIST).content.decode()
    assert reader.get(f"{LIST}new/", follow=True).status_code == 404
