"""A volunteer finds an opportunity, signs up for a shift and signs off again, keyboard only."""

import pytest

from tests.browser.helpers import press, sign_in_by_keyboard
from volunteering.models import Signup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_find_sign_up_and_sign_off_by_keyboard(browser_page):
    page = browser_page
    volunteer = sign_in_by_keyboard(page, "ehrenamt@example.org", "Ehrenamt-Lübeck-1", group=None)
    page.goto("/de/engagement/")
    page.assert_accessible()
    page.get_by_role("link", name="Digitale Sprechstunde in der Stadtbibliothek").focus()
    press(page, "Enter")
    page.assert_accessible()
    page.locator("main form button").first.focus()
    press(page, "Enter")
    assert "Sie sind eingetragen" in page.locator("main").inner_text()  # the demo organisation auto-confirms
    assert Signup.objects.get(volunteer=volunteer).status == "confirmed"
    page.get_by_role("link", name="Meine Anmeldungen").first.focus()
    press(page, "Enter")
    page.assert_accessible()
    page.get_by_role("link", name="Von „Digitale Sprechstunde in der Stadtbibliothek“ abmelden").focus()
    press(page, "Enter")
    assert "Möchten Sie sich wirklich abmelden?" in page.locator("main").inner_text()  # asked first
    page.assert_accessible()
    assert Signup.objects.get(volunteer=volunteer).status == "confirmed"
    page.get_by_role("button", name="Ja, abmelden").focus()
    press(page, "Enter")
    assert "abgemeldet" in page.locator("main").inner_text()
    assert Signup.objects.get(volunteer=volunteer).status == "cancelled"


def test_profile_suggestions_with_reasons_sign_up_and_cancel_by_keyboard(browser_page):
    from django.utils import timezone

    from volunteering.models import Shift

    page = browser_page
    volunteer = sign_in_by_keyboard(page, "profil@example.org", "Ehrenamt-Lübeck-2", group=None)
    first = Shift.objects.filter(opportunity__slug="digitale-sprechstunde").order_by("starts_at").first()
    weekday = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"][
        timezone.localtime(first.starts_at).weekday()]
    page.get_by_role("link", name="Ehrenamt").first.focus()
    press(page, "Enter")
    page.get_by_role("link", name="Vorschläge für mich").focus()
    press(page, "Enter")  # no profile yet: the profile form comes first
    assert page.url.endswith("/de/engagement/mein-profil/")
    page.assert_accessible()
    for box in (page.get_by_role("group", name="Was möchten Sie tun?").get_by_label("Digitale Hilfe"),
                page.get_by_role("group", name=weekday).get_by_label("nachmittags"),
                page.get_by_label("Türkçe")):
        box.focus()
        page.keyboard.press("Space")
    page.get_by_label("Ihr Stadtteil").focus()
    page.keyboard.type("Innenstadt")  # a focused select jumps to the option typed
    page.get_by_role("button", name="Speichern und Vorschläge zeigen").focus()
    press(page, "Enter")
    page.assert_accessible()
    first_card = page.locator("main ol.suggestions > li").first
    reasons = first_card.locator("[data-reasons]").inner_text()
    assert "Digitale Hilfe" in reasons and "nachmittags" in reasons and "Stadtteil" in reasons
    first_card.get_by_role("button").focus()
    press(page, "Enter")
    assert "Sie sind eingetragen" in page.locator("main").inner_text()
    signup = Signup.objects.get(volunteer=volunteer)
    assert signup.status == "confirmed" and signup.shift.opportunity.slug == "digitale-sprechstunde"
    page.get_by_role("link", name="Meine Anmeldungen").first.focus()
    press(page, "Enter")
    page.get_by_role("link", name="Von „Digitale Sprechstunde in der Stadtbibliothek“ abmelden").focus()
    press(page, "Enter")
    page.get_by_role("button", name="Ja, abmelden").focus()
    press(page, "Enter")
    signup.refresh_from_db()
    assert signup.status == "cancelled"


def test_a_taken_offer_says_the_organisation_still_confirms_and_no_means_keep_my_place(browser_page):
    """Issue 24, point 10: after "take the place" the message and the status agree (the organisation still
    confirms); signing off asks first, and "No, keep my place" keeps it."""
    import datetime

    from django.utils import timezone

    from volunteering.models import Opportunity, Organisation, Shift

    organisation = Organisation.objects.create(name="Tafel Lübeck", slug="tafel-luebeck",
                                               contact_email="info@tafel.example", verified_at=timezone.now())
    opportunity = Opportunity.objects.create(organisation=organisation, title="Lebensmittel ausgeben",
                                             slug="lebensmittel-ausgeben", description="Samstags.", published=True)
    start = timezone.now() + datetime.timedelta(days=3)
    shift = Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    page = browser_page
    volunteer = sign_in_by_keyboard(page, "angebot@example.org", "Ehrenamt-Lübeck-3", group=None)
    Signup.objects.create(shift=shift, volunteer=volunteer, status=Signup.Status.OFFERED,
                          offer_expires_at=timezone.now() + datetime.timedelta(hours=24))
    page.goto("/de/engagement/meine-anmeldungen/")
    page.get_by_role("button", name="Platz annehmen").focus()
    press(page, "Enter")
    main = page.locator("main")
    assert "Die Organisation muss ihn noch bestätigen" in main.locator(".messages").inner_text()
    assert "Der Platz gehört Ihnen" not in main.inner_text()
    status = main.locator("[data-status]").inner_text()
    assert "Angefragt" in status and "die Organisation muss Ihren Platz noch bestätigen" in status
    page.assert_accessible()

    page.get_by_role("link", name="Von „Lebensmittel ausgeben“ abmelden").focus()
    press(page, "Enter")
    page.assert_accessible()
    page.get_by_role("link", name="Nein, Platz behalten").focus()
    press(page, "Enter")
    assert page.url.endswith("/de/engagement/meine-anmeldungen/")
    assert Signup.objects.get(volunteer=volunteer).status == "requested"


def test_the_certificate_asks_for_the_name_once_instead_of_printing_the_email(browser_page):
    """Issue 24, point 9: an account with only an email address is asked for the name (labelled, required),
    and the certificate then carries it."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from tests.participation.test_printing import text_of
    from volunteering.models import Opportunity, Organisation, Shift

    organisation = Organisation.objects.create(name="Tafel Lübeck", slug="tafel-luebeck",
                                               contact_email="info@tafel.example", verified_at=timezone.now())
    opportunity = Opportunity.objects.create(organisation=organisation, title="Lebensmittel ausgeben",
                                             slug="lebensmittel-ausgeben", description="Samstags.", published=True)
    start = timezone.now() - datetime.timedelta(days=1, hours=4)
    shift = Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    page = browser_page
    volunteer = sign_in_by_keyboard(page, "vol.cem@example.org", "Ehrenamt-Lübeck-4", group=None)
    Signup.objects.create(shift=shift, volunteer=volunteer, status=Signup.Status.ATTENDED, hours=Decimal("3"))
    page.goto(f"/de/engagement/nachweis/?year={timezone.localtime(start).year}")
    name = page.get_by_label("Ihr vollständiger Name")
    page.assert_accessible()
    page.get_by_role("button", name="Namen speichern und Nachweis erstellen").focus()
    press(page, "Enter")
    assert "Bitte geben Sie Ihren Namen ein" in page.locator("main").inner_text()
    assert name.get_attribute("aria-invalid") == "true"
    page.assert_accessible()
    name.focus()
    page.keyboard.type("Cem Yılmaz")
    with page.expect_response(lambda response: "nachweis" in response.url and response.request.method == "GET") \
            as certificate:
        page.keyboard.press("Enter")
    assert certificate.value.headers["content-type"] == "application/pdf"
    pdf = page.request.get(certificate.value.url)  # the PDF viewer keeps the body to itself: fetch it again
    text = " ".join(text_of(pdf.body())[0].split())
    assert "Wir bestätigen, dass Cem Yılmaz" in text and "vol.cem@example.org" not in text
