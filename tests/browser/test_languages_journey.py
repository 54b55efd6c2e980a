"""Languages in Chromium: the Arabic survey answered by keyboard lays out right to left and its answer
counts with the German ones; every language's home page, survey and opportunity pass axe; Arabic pages
do not scroll sideways at 320 px. (The whole-site sweep visits every page type in every language too.)"""

import pytest
from django.conf import settings

from participation.surveys.models import SurveyPage, SurveyResponse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def press(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)


def box(page, locator):
    return page.locator(locator).first.bounding_box()


def test_arabic_survey_by_keyboard_right_to_left(browser_page):
    page = browser_page
    german = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    arabic = german.get_translation(german.locale.__class__.objects.get(language_code="ar")).specific
    page.goto(arabic.url)
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    page.assert_accessible()
    # Mirrored: the logo stands at the right, the language switcher at the left of the header.
    logo, width = box(page, ".site-logo"), page.viewport_size["width"]
    assert logo["x"] > width / 2

    page.locator("main form button[type=submit]").first.focus()
    press(page, "Enter")
    page.assert_accessible()
    questions = page.locator("main fieldset")
    first_radio = questions.first.locator("input[type=radio]").nth(1)
    label = page.locator(f"label[for='{first_radio.get_attribute('id')}']")
    # In Arabic the box stands right of its label, with space between them (KERN's spacing mirrored).
    radio_left = box(page, f"#{first_radio.get_attribute('id')}")["x"]
    text_right = label.evaluate("(el) => { const r = document.createRange(); r.selectNodeContents(el); "
                                "return r.getBoundingClientRect().right; }")
    assert text_right <= radio_left - 8, (text_right, radio_left)
    first_radio.focus()
    page.keyboard.press("Space")
    scale = questions.nth(1).locator("input[type=radio]").nth(2)
    scale.focus()
    page.keyboard.press("Space")
    while "/danke/" not in page.url:
        page.locator("main form button[type=submit]").last.focus()
        press(page, "Enter")
        page.assert_accessible()
    response = SurveyResponse.objects.get(submitted_at__isnull=False, language="ar")
    assert response.survey_id == german.pk and response.channel == "online"


def _no_sideways_scroll(chromium, base_url, path):
    context = chromium.new_context(locale="ar", viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    narrow.goto(base_url + path)
    overflow = narrow.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    # RTL pages overflow to the left: scrollWidth counts that too.
    context.close()
    return overflow


def test_every_language_home_survey_and_opportunity_pass_axe(browser_page, chromium):
    german = SurveyPage.objects.get(slug="umfrage-mobilitaet", locale__language_code="de")
    surveys = {s.locale.language_code: s.url for s in german.get_translations(inclusive=True).live()}
    for code, _name in settings.LANGUAGES:
        paths = [f"/{code}/", f"/{code}/engagement/digitale-sprechstunde/", f"/{code}/engagement/"]
        if code in surveys:
            paths.append(surveys[code])
        for path in paths:
            browser_page.goto(path)
            assert browser_page.get_attribute("html", "lang") == code
            browser_page.assert_accessible()
            if code == "ar":
                assert _no_sideways_scroll(chromium, browser_page.base_url, path) <= 0, path
