"""Shared steps of the browser journeys: keyboard navigation and signing in as staff."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User


def press(page, key, timeout=None):
    """Press a key that leads to another page, and wait for it (`timeout` in ms for a slow answer, e.g. an
    upload that the eager test worker reads before the page answers)."""
    with page.expect_navigation(**({"timeout": timeout} if timeout else {})):
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


def assert_scanned_sheets_counted(page, survey, serials):
    """After the review queue is cleared: it says so, no task is left, exactly these sheets are counted as
    scanned paper answers, and the survey's results page shows them under "paper" (checked with axe)."""
    from participation.paper.models import ReviewTask
    from participation.surveys.models import SurveyResponse

    assert "Prüfliste ist leer" in page.locator("main").inner_text()
    assert not ReviewTask.objects.filter(status="open").exists()
    counted = SurveyResponse.objects.filter(channel="paper", capture_method__startswith="scan")
    assert set(counted.values_list("paper_sheet", flat=True)) == serials
    page.goto(survey.url + "ergebnisse/")
    assert page.locator("[data-channel=paper]").inner_text() == str(len(serials))
    page.assert_accessible()
