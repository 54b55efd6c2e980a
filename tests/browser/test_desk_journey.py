"""At the volunteer desk, keyboard only: a coordinator registers a person without email, signs them up
for a shift and prints the confirmation."""

import pytest

from accounts.roles import VOLUNTEER_COORDINATORS
from tests.browser.helpers import press, sign_in_by_keyboard
from volunteering.models import NO_EMAIL_DOMAIN, Signup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def type_into(page, selector, text):
    page.locator(selector).focus()
    page.keyboard.type(text)


def test_register_a_person_without_email_sign_them_up_and_print_the_confirmation(browser_page):
    page = browser_page
    coordinator = sign_in_by_keyboard(page, "vermittlung@luebeck.example", "Vermittlung-Lübeck-1",
                                      group=VOLUNTEER_COORDINATORS)
    page.goto("/de/engagement/vermittlung/")
    page.assert_accessible()
    page.locator("main a[href$='/engagement/vermittlung/neu/']").focus()
    press(page, "Enter")
    page.assert_accessible()

    page.locator("main form button[type=submit]").focus()  # sent empty: the errors are listed, nothing saved
    press(page, "Enter")
    assert page.locator("#form-errors li").count() >= 3
    page.assert_accessible()

    type_into(page, "#id_first_name", "Hildegard")
    type_into(page, "#id_last_name", "Krüger")
    type_into(page, "#id_phone", "0451 12 34 56")
    page.locator("#id_languages_0").focus()
    page.keyboard.press("Space")
    type_into(page, "#id_birth_year", "1948")
    page.locator("#id_consent").focus()
    page.keyboard.press("Space")
    page.locator("main form button[type=submit]").focus()
    press(page, "Enter")
    assert "Hildegard Krüger" in page.locator("main h1").inner_text()
    page.assert_accessible()

    page.locator("main form[action*='/schicht/'] button").first.focus()
    press(page, "Enter")
    signup = Signup.objects.select_related("volunteer").get(volunteer__last_name="Krüger")
    assert signup.channel == "desk" and signup.registered_by == coordinator
    assert signup.volunteer.email.endswith("@" + NO_EMAIL_DOMAIN)
    assert "Hildegard Krüger" in page.locator("main .messages").inner_text()
    page.assert_accessible()

    link = page.locator(f"main a[href$='/anmeldung/{signup.pk}/bestaetigung.pdf']")
    assert link.count() == 1
    response = page.request.get(page.base_url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.goto("/de/engagement/vermittlung/")
    type_into(page, "#desk-q", "0451123456")
    press(page, "Enter")
    assert "Hildegard Krüger" in page.locator("main").inner_text()
    page.assert_accessible()
