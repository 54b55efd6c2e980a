"""On the day of an event, in Chromium: an organiser checks people in and counts walk-ins at the door on a tablet,
with the keyboard alone; afterwards an analyst sees the ideas collected there, split by event, in the process
dashboard. No axe violations on either screen."""

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from core.models import District
from participation.events.models import EventPage, Registration
from participation.ideas.models import Channel, Idea, IdeaCategory, ParticipationProcessPage
from tests.browser.helpers import press, sign_in_by_keyboard
from tests.participation.events.conftest import add_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TABLET = {"width": 768, "height": 1024}
PEOPLE = ["Ayşe Yılmaz", "Bernd Brandt", "Clara Claussen", "Dieter Dahl", "Emine Erdem", "Frieda Fuchs"]


def check(page):
    """Zero axe violations, one main landmark, one h1, the language set, Wagtail's skip link, nothing from other
    hosts, and no sideways scrolling."""
    violations = page.axe_violations()
    assert violations == [], f"axe found problems on {page.url}:\n" + "\n".join(violations)
    assert page.locator("main").count() == 1 and page.locator("h1").count() == 1
    assert page.get_attribute("html", "lang")
    assert page.locator("a.skiplink").count() == 1
    assert page.foreign_requests() == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def tab_to(page, text, limit=12):
    """Press Tab until the focused element's text contains `text`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in page.evaluate("document.activeElement.innerText || ''"):
            return
    raise AssertionError(f"no focusable element with {text!r} within {limit} Tabs")


def process():
    return ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")


def test_an_organiser_checks_in_five_people_and_counts_two_walk_ins_on_a_tablet_by_keyboard(browser_page):
    event = add_event(process(), "Bürgerwerkstatt Hafen", "werkstatt-hafen", days=0)
    for number, name in enumerate(PEOPLE, start=1):
        Registration.objects.create(event=event, name=name, reference=f"AN-2026-{number:04d}", status="registered")
    page = browser_page
    page.set_viewport_size(TABLET)
    olga = sign_in_by_keyboard(page, "olga.organisiert@luebeck.example", "Organisieren-Vor-Ort-1", group=None)
    olga.is_staff = True
    olga.save()
    olga.user_permissions.add(Permission.objects.get(codename="access_admin"))
    event.organisers.add(olga)

    page.goto(f"/admin/events/{event.pk}/check-in/")
    summary = page.locator("[data-check-in-summary]")
    assert summary.inner_text() == "0 von 6 eingecheckt, 0 ohne Anmeldung"
    check(page)

    for number, name in enumerate(PEOPLE[:5]):
        # Type the name into the search field, send it with Enter, Tab to the person's button, press it.
        page.locator("#check-in-search").focus()
        page.keyboard.press("Control+A")
        page.keyboard.type(name.split()[0])
        press(page, "Enter")
        tab_to(page, f"{name} einchecken")
        press(page, "Space" if number % 2 else "Enter")
        assert f"{name} ist eingecheckt." in page.inner_text("body")
        assert summary.inner_text() == f"{number + 1} von 6 eingecheckt, 0 ohne Anmeldung"

    # The walk-ins: the +1 button, twice (after the first, the page comes back at the counter: one Tab away).
    page.get_by_role("button", name="+1 ohne Anmeldung").focus()
    press(page, "Enter")
    assert page.url.endswith("#walk-ins")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "+1 ohne Anmeldung"
    press(page, "Space")

    assert summary.inner_text() == "5 von 6 eingecheckt, 2 ohne Anmeldung"
    check(page)
    page.get_by_role("link", name="Alle zeigen").focus()  # the search is kept until staff clear it
    press(page, "Enter")
    assert page.locator(".check-in__person[data-attended]").count() == 5
    assert page.locator(".check-in__person:not([data-attended])").inner_text().startswith("Frieda Fuchs")
    checked = Registration.objects.filter(event=event, attended_at__isnull=False)
    assert sorted(checked.values_list("name", flat=True)) == sorted(PEOPLE[:5])
    assert set(checked.values_list("checked_in_by", flat=True)) == {olga.pk}
    assert EventPage.objects.get(pk=event.pk).walk_ins == 2


def test_an_analyst_sees_the_ideas_of_each_event_in_the_process_dashboard(browser_page):
    the_process = process()
    the_process.ideas.all().delete()
    walk = add_event(the_process, "Stadtteilspaziergang Moisling", "spaziergang-moisling", days=-10)
    stand = add_event(the_process, "Infostand Markt", "infostand-markt", days=-3)
    now = timezone.now()
    category, district = IdeaCategory.objects.get(slug="mobilitaet"), District.objects.get(slug="moisling")
    for title, channel, event in [("Bank am Teich", Channel.EVENT, walk), ("Licht im Park", Channel.EVENT, walk),
                                  ("Zebrastreifen", Channel.EVENT, walk), ("Mehr Busse", Channel.EVENT, stand),
                                  ("Radweg", Channel.ONLINE, None), ("Trinkbrunnen", Channel.PAPER, None)]:
        Idea.objects.create(process=the_process, title=title, description="Text", channel=channel, event=event,
                            category=category, district=district, contact_email="x@example.org", consent_at=now,
                            confirmed_at=now)
    page = browser_page
    sign_in_by_keyboard(page, "ana.auswertung@luebeck.example", "Auswertung-Lesen-1")
    page.goto(f"/admin/dashboards/process/{the_process.pk}/")
    rows = page.locator("[data-by-event] tbody tr")
    assert rows.all_inner_texts() == ["Stadtteilspaziergang Moisling\t3", "Infostand Markt\t1",
                                      "Online, ohne Veranstaltung\t1", "Papier, ohne Veranstaltung\t1"]
    check(page)

    page.get_by_role("link", name="Stadtteilspaziergang Moisling").focus()
    press(page, "Enter")
    assert f"event={walk.pk}" in page.url
    assert page.locator('[data-figure="ideas"] dd').inner_text() == "3"
    assert page.locator("#id_event").input_value() == str(walk.pk)
    check(page)
