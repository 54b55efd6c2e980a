"""An organisation member confirms a request, sees the contact, and records attendance with hours,
keyboard only."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import User
from tests.browser.helpers import press, sign_in_by_keyboard
from volunteering.models import Opportunity, Organisation, Shift, Signup, VolunteerProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_confirm_a_request_and_record_attendance_by_keyboard(browser_page):
    page = browser_page
    organisation = Organisation.objects.create(name="Tafel Lübeck", slug="tafel-luebeck",
                                               contact_email="info@tafel.example", verified_at=timezone.now())
    opportunity = Opportunity.objects.create(organisation=organisation, title="Lebensmittel ausgeben",
                                             slug="lebensmittel-ausgeben", description="Samstags.", published=True)
    start = timezone.now() - datetime.timedelta(hours=4)  # the shift is over: attendance can be recorded
    shift = Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                                 capacity=4)
    volunteer = User.objects.create_user("maria.yilmaz@example.org", "x", display_name="Maria")
    VolunteerProfile.objects.create(user=volunteer, phone="0451 987654")
    signup = Signup.objects.create(shift=shift, volunteer=volunteer, status=Signup.Status.REQUESTED)

    member = sign_in_by_keyboard(page, "vorstand@tafel.example", "Tafel-Lübeck-1", group=None)
    organisation.members.add(member)
    page.goto(f"/en/engagement/organisation/{organisation.slug}/")
    page.assert_accessible()
    page.get_by_role("link", name=re.compile(r"^Requests \(1 open\)")).focus()
    press(page, "Enter")
    page.assert_accessible()
    assert "maria.yilmaz@example.org" not in page.locator("main").inner_text()

    page.get_by_role("button", name="Confirm Maria").focus()
    press(page, "Enter")
    page.assert_accessible()
    main = page.locator("main").inner_text()
    assert "maria.yilmaz@example.org" in main and "0451 987654" in main
    assert Signup.objects.get(pk=signup.pk).status == "confirmed"

    page.get_by_role("link", name=re.compile(r"^Attendance on")).focus()
    press(page, "Enter")
    page.assert_accessible()
    page.get_by_label("attended").focus()
    page.keyboard.press("Space")
    page.get_by_label("Hours of Maria").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("2.5")
    page.get_by_role("button", name="Save attendance").focus()
    press(page, "Enter")
    page.assert_accessible()
    assert "Attended" in page.locator(f"[data-signup='{signup.pk}'] [data-status]").inner_text()
    recorded = Signup.objects.get(pk=signup.pk)
    assert recorded.status == "attended" and recorded.hours == Decimal("2.5")
    assert recorded.attendance_recorded_by == member


def test_every_page_of_the_organisations_area_is_accessible(browser_page):
    page = browser_page
    organisation = Organisation.objects.create(name="Tafel Lübeck", slug="tafel-luebeck",
                                               contact_email="info@tafel.example")  # not verified yet
    opportunity = Opportunity.objects.create(organisation=organisation, title="Lebensmittel ausgeben",
                                             slug="lebensmittel-ausgeben", description="Samstags.", published=True,
                                             kind=Opportunity.Kind.ONE_OFF)
    start = timezone.now() - datetime.timedelta(hours=4)
    shift = Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                                 capacity=4)
    volunteer = User.objects.create_user("maria.yilmaz@example.org", "x", display_name="Maria")
    Signup.objects.create(shift=shift, volunteer=volunteer, status=Signup.Status.CONFIRMED)
    member = sign_in_by_keyboard(page, "vorstand@tafel.example", "Tafel-Lübeck-1", group=None)
    organisation.members.add(member)
    base = f"/en/engagement/organisation/{organisation.slug}/"
    for path in ("/en/engagement/organisation/", "/en/engagement/organisation/registrieren/", base,
                 base + "angebote/neu/", base + f"angebote/{opportunity.pk}/", base + "anfragen/",
                 base + f"schichten/{shift.pk}/", base + f"schichten/{shift.pk}/anwesenheit/",
                 base + f"personen/{volunteer.pk}/nachweise/", base + f"nachrichten/{volunteer.pk}/"):
        page.goto(path)
        page.assert_accessible()
    # Errors are listed at the top and at each field.
    page.goto("/en/engagement/organisation/registrieren/")
    page.get_by_role("button", name="Register").focus()
    press(page, "Enter")
    assert page.locator("#form-errors a[href='#id_name']").count() == 1
    page.assert_accessible()
    page.goto(base + f"personen/{volunteer.pk}/nachweise/")
    page.get_by_label("Issued on").focus()
    page.keyboard.type("01012020")
    page.get_by_role("button", name="Save record").focus()
    press(page, "Enter")
    assert "older than three months" in page.locator("main").inner_text()
    page.assert_accessible()
    page.goto(base + "nachrichten/")
    page.assert_accessible()

    organisation.verified_at = timezone.now()
    organisation.save()
    page.goto(f"/en/engagement/nachrichten/{organisation.slug}/?angebot={opportunity.slug}")
    page.assert_accessible()
    page.get_by_label("Your message").focus()
    page.keyboard.type("Hallo!")
    page.get_by_role("button", name="Send message").focus()
    press(page, "Enter")
    page.assert_accessible()
    page.goto("/en/engagement/nachrichten/")
    page.assert_accessible()


def test_a_new_date_in_the_past_is_refused_with_a_clear_error(browser_page):
    """Issue 24, point 10: a shift starting in the past (a wrong year) is refused at the field, not saved."""
    page = browser_page
    organisation = Organisation.objects.create(name="Tafel Lübeck", slug="tafel-luebeck",
                                               contact_email="info@tafel.example", verified_at=timezone.now())
    member = sign_in_by_keyboard(page, "vorstand@tafel.example", "Tafel-Lübeck-2", group=None)
    organisation.members.add(member)
    page.goto(f"/de/engagement/organisation/{organisation.slug}/angebote/neu/")
    page.get_by_label("Titel", exact=True).focus()
    page.keyboard.type("Regale einräumen")
    page.get_by_label("Beschreibung", exact=True).focus()
    page.keyboard.type("Ware einräumen.")
    last_year = timezone.localtime() - datetime.timedelta(days=365)
    page.locator("#id_shifts-0-starts_at").fill(last_year.strftime("%Y-%m-%dT10:00"))
    page.locator("#id_shifts-0-ends_at").fill(last_year.strftime("%Y-%m-%dT12:00"))
    page.get_by_role("button", name="Angebot speichern").focus()
    press(page, "Enter")
    error = page.locator("#id_shifts-0-starts_at-error").inner_text()
    assert "Dieser Termin liegt in der Vergangenheit" in error
    assert page.locator("#id_shifts-0-starts_at").get_attribute("aria-invalid") == "true"
    page.assert_accessible()
    assert not Opportunity.objects.filter(title="Regale einräumen").exists()
