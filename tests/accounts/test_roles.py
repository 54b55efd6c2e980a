"""Staff roles as a truth table: which group may do what in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from accounts.models import User
from accounts.roles import ANALYSTS, EDITORS, MODERATORS, VOLUNTEER_COORDINATORS

pytestmark = pytest.mark.django_db


def member_of(group_name):
    user = User.objects.create_user(f"{group_name.lower()}@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    ("group", "admin", "publish_pages", "upload_images"),
    [
        (EDITORS, True, True, True),
        (MODERATORS, True, False, False),
        (ANALYSTS, True, False, False),
        (VOLUNTEER_COORDINATORS, True, False, False),
    ],
)
def test_role_permissions(group, admin, publish_pages, upload_images, demo_site):
    user = member_of(group)
    home = Page.objects.get(depth=2, locale__language_code="de")
    assert user.has_perm("wagtailadmin.access_admin") is admin
    assert home.permissions_for_user(user).can_publish() is publish_pages
    assert user.has_perm("core.add_customimage") is upload_images


def test_a_resident_without_role_cannot_enter_the_admin(client, demo_site):
    resident = User.objects.create_user("resident@example.org", "Ein-Langes-Passwort-1")
    client.force_login(resident)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_editor_reaches_the_admin(client, demo_site):
    client.force_login(member_of(EDITORS))
    assert client.get("/admin/").status_code == 200


def test_user_logs_in_by_email_and_has_no_username():
    user = User.objects.create_user("Jan.Meier@Example.org", "Ein-Langes-Passwort-1")
    assert user.email == "jan.meier@example.org"
    assert not hasattr(user, "username") or user.username is None
    assert User.USERNAME_FIELD == "email"
