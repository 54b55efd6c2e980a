"""On the day: the printed lists and the poster, the check-in screen and the walk-in counter, for the event's
organisers only."""

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.contrib.auth.models import Permission
from django.urls import reverse

from accounts.models import User
from core import pdf
from participation.events import printing
from participation.events.models import AccessibilityRequest, EventPage, Registration
from tests.participation.test_printing import text_of

pytestmark = pytest.mark.django_db

NAMES = ["Ayşe Yılmaz", "Bernd Brandt", "Clara Claussen"]


def staff(email, organiser_of=None):
    user = User.objects.create_user(email, "Ein-Langes-Passwort-1", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if organiser_of is not None:
        organiser_of.organisers.add(user)
    return user


def register(event, names, status=Registration.Status.REGISTERED):
    return [Registration.objects.create(event=event, name=name, reference=f"AN-2026-{number:04d}", status=status)
            for number, name in enumerate(names, start=len(Registration.objects.all()) + 1)]


@pytest.fixture
def organiser(workshop):
    return staff("olga.organisiert@luebeck.example", organiser_of=workshop)


@pytest.fixture
def people(workshop):
    registered = register(workshop, NAMES)
    AccessibilityRequest.objects.create(registration=registered[0], kind=AccessibilityRequest.Kind.DGS,
                                        details="Bitte zwei Dolmetscherinnen")
    register(workshop, ["Wanda Warteliste"], status=Registration.Status.WAITLISTED)
    return registered


def flat(pdf_bytes):
    return " ".join(text_of(pdf_bytes)[0].split())


def day_urls(event):
    return [reverse(name, args=[event.pk]) for name in (
        "events_check_in", "events_participant_list", "events_sign_in_sheet", "events_poster")]


def test_the_participant_list_numbers_the_registered_people_in_order_with_their_needs(workshop, people):
    document, refused = printing.participant_list_pdf(workshop)
    text = flat(document)
    assert refused == []
    assert "1 AN-2026-0001 Ayşe Yılmaz" in text and "2 AN-2026-0002 Bernd Brandt" in text
    assert "3 AN-2026-0003 Clara Claussen" in text
    assert "(DGS)" in text  # the kind of need, for the team to prepare
    assert "Dolmetscherinnen" not in text  # never the details the person wrote
    assert "Wanda" not in text  # the waiting list is not on it
    assert "Unterschrift" in text


def test_large_print_has_fewer_rows_on_a_page(workshop):
    register(workshop, [f"Person {n}" for n in range(1, 21)])
    standard, _refused = printing.participant_list_pdf(workshop)
    large, _refused = printing.participant_list_pdf(workshop, large=True)
    assert text_of(standard)[1] == 2 and text_of(large)[1] == 2  # 18 + 2 rows; 10 + 10 rows
    first_large_page = " ".join(pdfium.PdfDocument(large)[0].get_textpage().get_text_range().split())
    first_standard_page = " ".join(pdfium.PdfDocument(standard)[0].get_textpage().get_text_range().split())
    assert "10 AN-2026-0010 Person 10" in first_large_page and "Person 11" not in first_large_page
    assert "18 AN-2026-0018 Person 18" in first_standard_page and "Person 19" not in first_standard_page


def test_the_sign_in_sheet_has_numbered_blank_rows(workshop):
    standard, refused = printing.sign_in_sheet_pdf(workshop, pages=2)
    large, _refused = printing.sign_in_sheet_pdf(workshop, large=True)
    assert refused == [] and text_of(standard)[1] == 2 and text_of(large)[1] == 1
    text = flat(standard)
    assert "Name (freiwillig)" in text and "Stadtteil" in text and "E-Mail" in text
    assert " 32" in text and " 33" not in text
    assert " 10" in flat(large) and " 11" not in flat(large)


def test_the_poster_has_a_qr_code_to_the_event_page(workshop):
    document, refused = printing.poster_pdf(workshop)
    assert refused == []
    text = flat(document)
    assert "Bürgerwerkstatt Testweg" in text and "Stadtteilbüro, Musterstraße 1, 23560 Lübeck (Moisling)" in text
    page = pdfium.PdfDocument(document)[0]
    codes = {code.text for code in zxingcpp.read_barcodes(page.render(scale=200 / 72).to_pil())}
    assert codes == {printing.event_url(workshop)} and codes.pop().endswith(workshop.url)


def test_organisers_download_the_pdfs(client, workshop, organiser, people):
    client.force_login(organiser)
    for url in day_urls(workshop)[1:]:
        for query in ("", "?gross=1"):
            response = client.get(url + query)
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf", url
    listing = client.get(reverse("events_participant_list", args=[workshop.pk]))
    assert "Ayşe Yılmaz" in flat(listing.content)


def test_nobody_else_prints_or_checks_in(client, workshop, people):
    other = staff("otto.anders@luebeck.example")
    client.force_login(other)
    for url in day_urls(workshop):
        assert client.get(url).status_code == 403, url
    attendance = reverse("events_attendance", args=[workshop.pk, people[0].pk])
    assert client.post(attendance, {"attended": "1"}).status_code == 403
    assert client.post(reverse("events_walk_ins", args=[workshop.pk]), {"change": "+1"}).status_code == 403
    people[0].refresh_from_db()
    workshop.refresh_from_db()
    assert people[0].attended_at is None and workshop.walk_ins == 0


def test_check_in_undo_and_the_summary(client, workshop, organiser, people):
    client.force_login(organiser)
    screen = reverse("events_check_in", args=[workshop.pk])
    attendance = reverse("events_attendance", args=[workshop.pk, people[1].pk])
    response = client.post(attendance, {"attended": "1", "q": "Bernd"})
    assert response.status_code == 302 and response["Location"] == f"{screen}?q=Bernd#person-{people[1].pk}"
    people[1].refresh_from_db()
    assert people[1].attended_at is not None and people[1].checked_in_by == organiser
    page = client.get(screen).content.decode()
    assert "1 von 3 eingecheckt" in page

    client.post(attendance, {"attended": "0"})
    people[1].refresh_from_db()
    assert people[1].attended_at is None and people[1].checked_in_by is None
    assert "0 von 3 eingecheckt" in client.get(screen).content.decode()


def test_the_search_finds_by_name_or_receipt_number(client, workshop, organiser, people):
    client.force_login(organiser)
    screen = reverse("events_check_in", args=[workshop.pk])
    assert [r.name for r in client.get(screen, {"q": "claus"}).context["people"]] == ["Clara Claussen"]
    assert [r.name for r in client.get(screen, {"q": "0002"}).context["people"]] == ["Bernd Brandt"]
    assert "Wanda Warteliste" not in client.get(screen).content.decode()


def test_walk_ins_are_counted_and_never_below_zero(client, workshop, organiser):
    client.force_login(organiser)
    url = reverse("events_walk_ins", args=[workshop.pk])
    for change in ("+1", "+1", "-1", "-1", "-1"):
        client.post(url, {"change": change})
    assert EventPage.objects.get(pk=workshop.pk).walk_ins == 0
    client.post(url, {"change": "+1"})
    client.post(url, {"change": "+1"})
    assert EventPage.objects.get(pk=workshop.pk).walk_ins == 2
    screen = client.get(reverse("events_check_in", args=[workshop.pk])).content.decode()
    assert "0 von 0 eingecheckt, 2 ohne Anmeldung" in screen
    assert client.get(url).status_code == 405


def test_the_event_offers_its_day_actions_to_organisers_only(workshop, organiser):
    from core.panels import actions_for

    labels = [str(action.label) for action in actions_for(workshop, organiser)]
    assert {"Check-in", "Teilnehmendenliste (PDF)", "Plakat (PDF)"} <= set(labels)
    assert not [a for a in actions_for(workshop, staff("otto.anders@luebeck.example")) if "Check-in" in a.label]


def test_nothing_is_fetched_while_rendering(workshop, people):
    html = pdf.render_to_string("events/print/poster.html", {"event": workshop, "qr": printing.qr_code("x"),
                                                               "url": "x", "language": "de"})
    _document, refused = pdf.render_document(html)
    assert refused == []


def test_the_page_listing_offers_check_in_and_the_pdfs_on_the_event_row(client, workshop):
    admin = User.objects.create_superuser("root@luebeck.example", "Ein-Langes-Passwort-1")
    client.force_login(admin)
    listing = client.get(reverse("wagtailadmin_explore", args=[workshop.get_parent().pk])).content.decode()
    for name in ("events_check_in", "events_participant_list", "events_poster"):
        assert reverse(name, args=[workshop.pk]) in listing, name
