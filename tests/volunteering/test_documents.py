"""The printable volunteering documents, read back: the Ehrenamtsnachweis and the flyer of an opportunity."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
import zxingcpp

from core import links, pdf
from tests.participation.test_printing import text_of
from tests.volunteering.conftest import volunteers
from volunteering import documents
from volunteering.models import Opportunity, Organisation, Shift, Signup

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def flat_text(pdf):
    return " ".join(text_of(pdf)[0].split())


def qr_codes(pdf):
    page = pdfium.PdfDocument(pdf)[0]
    return {code.text for code in zxingcpp.read_barcodes(page.render(scale=200 / 72).to_pil())}


def attended(volunteer, opportunity, when, hours, status=Signup.Status.ATTENDED):
    shift = Shift.objects.create(opportunity=opportunity, starts_at=when, ends_at=when + datetime.timedelta(hours=3))
    return Signup.objects.create(shift=shift, volunteer=volunteer, status=status, hours=hours)


@pytest.fixture
def volunteer():
    person = volunteers(1)[0]
    person.first_name, person.last_name = "Erika", "Mustermann"
    person.save()
    return person


@pytest.fixture
def history(volunteer, opportunity):
    """Erika's year 2024 (5.5 hours in two activities), one activity in 2025, and what must not count."""
    garden = Opportunity.objects.create(
        organisation=Organisation.objects.create(name="Stadtgarten e. V.", slug="stadtgarten",
                                                 contact_email="info@garten.example"),
        title="Beete pflegen", slug="beete", description="Gießen und jäten.", published=True)
    attended(volunteer, opportunity, datetime.datetime(2024, 3, 9, 10, tzinfo=BERLIN), Decimal("3"))
    attended(volunteer, garden, datetime.datetime(2024, 12, 31, 20, tzinfo=BERLIN), Decimal("2.5"))
    attended(volunteer, garden, datetime.datetime(2025, 1, 4, 10, tzinfo=BERLIN), Decimal("4"))
    attended(volunteer, garden, datetime.datetime(2024, 6, 1, 10, tzinfo=BERLIN), None)  # no hours recorded
    attended(volunteer, garden, datetime.datetime(2024, 7, 1, 10, tzinfo=BERLIN), Decimal("9"),
             status=Signup.Status.NO_SHOW)
    other = volunteers(1, prefix="jemand")[0]
    elsewhere = Opportunity.objects.create(organisation=garden.organisation, title="Fremde Aktivität",
                                           slug="fremd", description="…", published=True)
    attended(other, elsewhere, datetime.datetime(2024, 5, 5, 10, tzinfo=BERLIN), Decimal("10"))
    return volunteer


def test_the_certificate_lists_only_ones_own_attended_hours_and_the_year_total(client, history):
    client.force_login(history)
    response = client.get("/en/engagement/nachweis/?year=2024")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat_text(response.content)
    assert "Certificate of volunteering 2024" in text and "Erika Mustermann" in text
    assert "Lebensmittel ausgeben" in text and "Tafel Lübeck" in text
    assert "Beete pflegen" in text and "Stadtgarten e. V." in text
    assert "5.50 hours" in text and "Hours in 2024 5.50" in text
    assert "Fremde Aktivität" not in text  # somebody else's
    assert "4.00" not in text and "9.00" not in text  # another year; a no-show
    assert "The organisations recorded the hours" in text and "Social Smart City" in text
    assert "Issued on" in text


def test_the_certificate_pdf_is_tagged_with_embedded_fonts_and_fetches_nothing(history, monkeypatch):
    fetchers = []

    class Recording(pdf.LocalOnlyFetcher):
        def __init__(self):
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(pdf, "LocalOnlyFetcher", Recording)
    document = pdfium.PdfDocument(documents.certificate_pdf(history, 2024))
    assert raw.FPDFCatalog_IsTagged(document.raw)
    assert {raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(obj.raw))
            for page in document for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT])} == {1}
    assert [fetcher.refused for fetcher in fetchers] == [[]]


def test_hours_per_year_is_one_query(history, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert documents.hours_per_year(history) == {2024: Decimal("5.5"), 2025: Decimal("4")}


def test_a_year_without_hours_shows_a_friendly_page_not_an_empty_pdf(client, history):
    client.force_login(history)
    response = client.get("/en/engagement/nachweis/?year=2023")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "There is nothing to certify for 2023 yet." in page
    assert 'href="?year=2025"' in page and 'href="?year=2024"' in page  # the years that have hours


def test_another_person_gets_only_their_own_certificate(client, history):
    stranger = volunteers(1, prefix="neugierig")[0]
    client.force_login(stranger)
    response = client.get("/en/engagement/nachweis/?year=2024")
    assert response["Content-Type"].startswith("text/html")
    assert "nothing to certify" in response.content.decode() and "Erika" not in response.content.decode()


def test_the_certificate_needs_sign_in_and_a_sensible_year(client, history):
    response = client.get("/de/engagement/nachweis/?year=2024")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.force_login(history)
    assert client.get("/de/engagement/nachweis/?year=20x4").status_code == 404


def test_my_signups_links_to_the_certificate(client, volunteer):
    client.force_login(volunteer)
    assert 'href="/en/engagement/nachweis/"' in client.get("/en/engagement/meine-anmeldungen/").content.decode()


@pytest.fixture
def detailed(opportunity):
    opportunity.place = "Tafel-Laden, Schwartauer Allee 50"
    opportunity.wheelchair_accessible = True
    opportunity.requirements = [Opportunity.Requirement.FOOD_HYGIENE]
    opportunity.save()
    start = datetime.datetime.now(tz=BERLIN) + datetime.timedelta(days=4)
    Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    return opportunity


def test_the_flyer_says_what_where_when_and_its_qr_code_leads_to_the_opportunity(client, detailed):
    response = client.get("/en/engagement/ausgabe/flyer.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = flat_text(response.content)
    assert "Lebensmittel ausgeben" in text and "Tafel Lübeck" in text
    assert "Samstags Lebensmittel" in text and "Schwartauer Allee 50" in text
    assert "Wheelchair accessible" in text and "Food hygiene instruction" in text and "From 16 years" in text
    url = links.site_root() + "/en/engagement/ausgabe/"  # the public address, whatever host staff use
    assert url in text.replace(" ", "")  # the address may wrap
    assert url in qr_codes(response.content)
    assert text_of(response.content)[1] == 1  # one A4 page
    assert text_of(client.get("/de/engagement/ausgabe/flyer.pdf").content)[1] == 1  # also in the longer German


def test_the_flyer_is_linked_from_the_opportunity_and_only_public_ones_have_one(client, detailed):
    assert 'href="/en/engagement/ausgabe/flyer.pdf"' in client.get("/en/engagement/ausgabe/").content.decode()
    detailed.published = False
    detailed.save()
    assert client.get("/en/engagement/ausgabe/flyer.pdf").status_code == 404


@pytest.fixture
def only_an_email(opportunity):
    """A volunteer whose account knows nothing but her email address, with 3 hours in 2024 (issue 24, point 9)."""
    cem = volunteers(1, prefix="vol.cem")[0]
    attended(cem, opportunity, datetime.datetime(2024, 5, 4, 10, tzinfo=BERLIN), Decimal("3"))
    return cem


def test_without_a_name_the_certificate_asks_for_it_once_and_never_prints_the_email(client, only_an_email):
    client.force_login(only_an_email)
    asked = client.get("/de/engagement/nachweis/?year=2024")
    page = asked.content.decode()
    assert asked["Content-Type"].startswith("text/html")
    assert '<label class="kern-label" for="id_full_name">Ihr vollständiger Name</label>' in page
    refused = client.post("/de/engagement/nachweis/?year=2024", {"full_name": "  "})
    assert refused.status_code == 400 and "Bitte geben Sie Ihren Namen ein" in refused.content.decode()
    refused = client.post("/de/engagement/nachweis/?year=2024", {"full_name": only_an_email.email})
    assert refused.status_code == 400 and "keine E-Mail-Adresse" in refused.content.decode()

    saved = client.post("/de/engagement/nachweis/?year=2024", {"full_name": " Cem   Yılmaz "})
    assert saved.status_code == 302 and saved["Location"].endswith("/de/engagement/nachweis/?year=2024")
    assert only_an_email.volunteer_profile.full_name == "Cem Yılmaz"
    again = client.get("/de/engagement/nachweis/?year=2024")  # later requests do not ask again
    assert again["Content-Type"] == "application/pdf"
    text = flat_text(again.content)
    assert "Wir bestätigen, dass Cem Yılmaz" in text and "@" not in text
    change = client.get("/de/engagement/nachweis/?year=2024&name=change").content.decode()
    assert 'value="Cem Yılmaz"' in change  # the form comes back filled in


def test_the_certificate_name_is_in_my_data_and_erased_with_my_account(client, only_an_email):
    from accounts import personal_data
    from accounts.deletion import delete_account
    from volunteering.models import VolunteerProfile

    client.force_login(only_an_email)
    client.post("/de/engagement/nachweis/?year=2024", {"full_name": "Cem Yılmaz"})
    exported = personal_data.collectors()["volunteer_profile"](only_an_email)
    assert exported[0]["name_on_certificates"] == "Cem Yılmaz"
    assert delete_account(only_an_email)
    assert not VolunteerProfile.objects.filter(full_name="Cem Yılmaz").exists()


def test_the_profile_form_keeps_the_certificate_name(client, only_an_email):
    client.force_login(only_an_email)
    html = client.get("/de/engagement/mein-profil/").content.decode()
    assert "Ihr Name auf dem Ehrenamtsnachweis" in html
