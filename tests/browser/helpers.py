"""Shared steps of the browser journeys: keyboard navigation and signing in as staff."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User


def press(page, key):
    """Press a key that leads to another page, and wait for it."""
    with page.expect_navigation():
        page.keyboard.press(key)


def sign_in_by_keyboard(page, email, password, group="Auswertung"):
    """Create a person (in the staff `group`, unless None) with a verified address and sign in without
    the mouse."""
    user = User.objects.create_user(email, password)
    if group:
        user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    page.goto("/de/konto/login/")
    page.get_by_label("E-Mail").focus()
    page.keyboard.type(email)
    page.get_by_label("Passwort").focus()
    page.keyboard.type(password)
    press(page, "Enter")
    return user
