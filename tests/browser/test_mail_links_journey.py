"""A volunteer signs off through the link in a reminder without signing in, and sets up the private
calendar address on "My sign-ups", keyboard only."""

import pytest

from tests.browser.helpers import press, sign_in_by_keyboard
from volunteering.models import Shift, Signup, VolunteerProfile
from volunteering.notifications import link_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_sign_off_with_the_link_from_the_reminder_without_signing_in(browser_page):
    from accounts.models import User

    page = browser_page
    person = User.objects.create_user("erinnert@example.org", "Ehrenamt-Lübeck-3")
    shift = Shift.objects.filter(opportunity__slug="digitale-sprechstunde").order_by("starts_at").first()
    signup = Signup.objects.create(shift=shift, volunteer=person, status="confirmed")

    page.goto(link_url(signup, "cancel", root=""))
    page.assert_accessible()
    assert "Digitale Sprechstunde in der Stadtbibliothek" in page.locator("main").inner_text()
    assert Signup.objects.get(pk=signup.pk).status == "confirmed"  # opening the link changes nothing
    page.locator("main form button").focus()
    press(page, "Enter")
    page.assert_accessible()
    assert Signup.objects.get(pk=signup.pk).status == "cancelled"
    assert page.locator("main form button").count() == 0

    page.goto("/de/engagement/schicht/absagen/?token=kaputt")
    page.assert_accessible()


def test_create_and_replace_the_calendar_address_by_keyboard(browser_page):
    page = browser_page
    volunteer = sign_in_by_keyboard(page, "kalender@example.org", "Ehrenamt-Lübeck-4", group=None)
    page.goto("/de/engagement/meine-anmeldungen/")
    page.locator("#kalender form button").focus()
    press(page, "Enter")
    page.assert_accessible()
    first = VolunteerProfile.objects.get(user=volunteer).calendar_token
    address = page.locator("#calendar-address")
    assert address.input_value().endswith(f"/de/engagement/kalender/{first}.ics")
    assert page.request.get(address.input_value()).headers["content-type"].startswith("text/calendar")

    page.locator("#kalender form button").focus()
    press(page, "Enter")
    second = VolunteerProfile.objects.get(user=volunteer).calendar_token
    assert second != first and page.locator("#calendar-address").input_value().endswith(f"{second}.ics")
    assert page.request.get(f"{browser_page.base_url}/de/engagement/kalender/{first}.ics").status == 404
