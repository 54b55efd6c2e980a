"""The moderators' idea list and an idea's moderation page in Chromium at 1280 px (issue 24, point 15)."""

import pytest

from accounts.models import User
from participation.ideas import moderation
from participation.ideas.models import Idea
from tests.browser.helpers import press, sign_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_idea_list_fits_1280_px_in_german_and_the_idea_page_shows_its_log(browser_page):
    page = browser_page
    moderator = sign_in_by_keyboard(page, "moritz@luebeck.example", "Moderation-2026!", group="Moderation")
    User.objects.filter(pk=moderator.pk).update(is_staff=True)
    idea, original = Idea.objects.filter(published=True).order_by("pk")[:2]
    assert idea.process_id == original.process_id
    moderation.set_status(idea, moderator, Idea.Status.IN_REVIEW, "Wird mit dem Tiefbauamt geprüft.")
    Idea.objects.filter(pk=idea.pk).update(title=" ".join(["Sehr langer Titel einer Idee"] * 5))

    page.goto("/admin/ideas/")
    table = page.locator("table.listing")
    headers = table.locator("thead").inner_text()
    for label in ("Vorgangsnummer", "Titel", "Stand", "Öffentlich", "Unterstützungen", "Eingereicht"):
        assert label in headers
    cells = table.locator("tbody").inner_text()
    assert "Ja" in cells and "True" not in cells and "False" not in cells
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert table.bounding_box()["x"] + table.bounding_box()["width"] <= 1280

    page.goto(f"/admin/ideas/edit/{idea.pk}/")
    duplicate = page.get_by_role("combobox", name="Duplikat von")
    duplicate.focus()
    page.keyboard.type(original.reference)  # the list of the process's ideas suggests while typing
    options = page.locator(f"datalist#{duplicate.get_attribute('list')} option")
    assert original.reference in options.evaluate_all("options => options.map(option => option.value)")
    log = page.locator("table.moderation-log")
    assert "Status geändert" in log.inner_text() and "In Prüfung: Wird mit dem Tiefbauamt geprüft." in log.inner_text()
    assert str(moderator) in log.inner_text()
    page.get_by_role("button", name="Speichern", exact=True).focus()
    press(page, "Enter")
    idea.refresh_from_db()
    assert idea.duplicate_of == original
    page.goto(f"/admin/ideas/edit/{idea.pk}/")
    assert "Als Duplikat markiert" in page.locator("table.moderation-log").inner_text()
