"""The public status lookup (/vorgang/) answers only whoever holds the receipt: the number with its check
characters (ID-2026-0042-K7FX), which the receipt page, the mails and the paper slips carry. Counting numbers,
guessing codes or typing an old code-less number tells nothing about unpublished ideas."""

import re
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pytest
from django.core import mail
from django.utils import timezone

from participation.ideas import receipts
from participation.ideas.models import Idea, IdeaCategory
from participation.paper.models import PrintBatch, Sheet
from participation.paper.printing import print_sheet
from tests.participation.conftest import PROCESS_URL, idea_data, set_phase
from tests.participation.test_paper_twins import batch_of, codes_on

pytestmark = pytest.mark.django_db
LOOKUP = "/de/vorgang/"
NOT_FOUND = "Unter dieser Vorgangsnummer haben wir nichts gefunden"


@pytest.fixture
def unpublished(process):
    """An idea in each state nobody else may see: unconfirmed, waiting for review, rejected with a reason."""
    category = IdeaCategory.objects.get(slug="gesundheit")
    common = {"process": process, "category": category, "description": "Text", "consent_at": timezone.now()}
    return [
        Idea.objects.create(title="Geheime Bank am Wall", contact_email="a@example.org", **common),
        Idea.objects.create(title="Geheimer Brunnen", contact_email="b@example.org", confirmed_at=timezone.now(),
                            **common),
        Idea.objects.create(title="Geheime Rampe", contact_email="c@example.org", confirmed_at=timezone.now(),
                            status=Idea.Status.REJECTED, rejection_reason="Privatgrund der Nachbarin", **common),
    ]


@pytest.fixture
def many_lookups(settings):
    """Lift the per-client limit for tests that look up many numbers (the limit has its own test)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "receipt_lookup": {"account": "10000/h", "address": "10000/h"}}


def answer(client, typed, **extra):
    """The status code and the page with what was typed and the per-request nonce blanked out."""
    response = client.get(LOOKUP, {"reference": typed}, **extra)
    html = re.sub(r'nonce="[^"]*"', "", response.content.decode())
    return response.status_code, html.replace(typed, "TYPED").replace(typed.replace(" ", "+"), "TYPED")


def unknown_number(year):
    return f"ID-{year}-9{Idea.objects.count():03d}"


SECRETS = ("Geheim", "Privatgrund", "wartet auf", "Abgelehnt", "In Prüfung", "Eingegangen")


def test_counting_numbers_tells_nothing_about_unpublished_ideas(client, unpublished, many_lookups):
    year = unpublished[0].reference.split("-")[1]
    counted = [f"ID-{year}-{number:04d}" for number in range(1, Idea.objects.count() + 5)]
    assert {idea.reference for idea in unpublished} <= set(counted)
    without_code, with_a_guess = set(), set()
    for reference in counted:
        for typed, answers in ((reference, without_code), (f"{reference}-AAAA", with_a_guess)):
            status, html = answer(client, typed)
            main = html.split("<main", 1)[1]
            assert status == 200 and not any(secret in main for secret in SECRETS), (typed, main[:3000])
            answers.add((status, html))
    # One page for every number, existing or not, published or not: nothing to tell them apart by.
    assert len(without_code) == 1 and len(with_a_guess) == 1
    assert NOT_FOUND in with_a_guess.pop()[1]


def test_a_wrong_code_is_answered_exactly_like_an_unknown_number(client, unpublished, many_lookups):
    idea = unpublished[2]
    right = receipts.check_code(idea.reference)
    wrong = next(c + right[1:] for c in receipts.CODE_ALPHABET if c != right[0])
    unknown = unknown_number(idea.reference.split("-")[1])
    assert answer(client, f"{idea.reference}-{wrong}") == answer(client, f"{unknown}-{receipts.check_code(unknown)}")
    assert NOT_FOUND in answer(client, f"{idea.reference}-{wrong}")[1]


@pytest.mark.parametrize("typing", [str, str.lower, lambda n: n.replace("-", " "), lambda n: n.removeprefix("ID-"),
                                    lambda n: n.replace("-", "").lower(), lambda n: f"  {n.replace('-', '–')} "])
def test_the_right_code_shows_the_status_however_it_is_typed(client, unpublished, typing):
    idea = unpublished[2]
    response = client.get(LOOKUP, {"reference": typing(idea.receipt_number)})
    main = response.content.decode().split("<main", 1)[1]
    assert response.status_code == 200 and NOT_FOUND not in main
    assert "Abgelehnt" in main and "Privatgrund der Nachbarin" in main and idea.receipt_number in main


def test_check_characters_avoid_look_alikes_and_differ_between_numbers():
    codes = {receipts.check_code(f"ID-2026-{number:04d}") for number in range(1, 501)}
    assert len(codes) > 490  # 130,321 possible codes: numbers next to each other do not share one
    assert not set("".join(codes)) & set("0O1IL2Z5S8BUVGDQ")
    assert re.fullmatch(r"ID-2026-0042-[ACEFHKMNPRTWXY34679]{4}", receipts.with_code("ID-2026-0042"))


def test_an_old_receipt_without_code_says_where_to_ask_not_what_became_of_it(client, unpublished, settings):
    settings.PARTICIPATION_CONTACT_EMAIL = "beteiligung@luebeck.example"
    status, html = answer(client, unpublished[1].reference)
    assert status == 200 and "beteiligung@luebeck.example" in html and "Prüfzeichen" in html
    assert not any(secret in html.split("<main", 1)[1] for secret in SECRETS)
    assert (status, html) == answer(client, unknown_number(unpublished[1].reference.split("-")[1]))


def test_the_author_her_session_and_staff_see_the_status_without_code(client, process, resident, moderator):
    client.post(PROCESS_URL + "idee/neu/", idea_data(contact_email="gast@example.org"))  # a guest, this session
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert "wartet auf die Bestätigung" in client.get(LOOKUP, {"reference": idea.reference}).content.decode()

    stranger = client.__class__()
    assert "wartet auf die Bestätigung" not in stranger.get(LOOKUP, {"reference": idea.reference}).content.decode()
    stranger.force_login(moderator)
    assert "wartet auf die Bestätigung" in stranger.get(LOOKUP, {"reference": idea.reference}).content.decode()

    Idea.objects.filter(pk=idea.pk).update(author=resident)
    author = client.__class__()
    author.force_login(resident)
    assert "wartet auf die Bestätigung" in author.get(LOOKUP, {"reference": idea.reference}).content.decode()


def test_the_receipt_page_and_every_mail_carry_the_check_characters(client, process, resident):
    client.force_login(resident)
    response = client.post(PROCESS_URL + "idee/neu/", idea_data())
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    receipt_page = client.get(response["Location"]).content.decode()
    assert f'class="receipt-number">{idea.receipt_number}<' in receipt_page
    assert f"?reference={idea.receipt_number}" in receipt_page  # "Look up the status"

    (received,) = mail.outbox
    assert idea.receipt_number in received.subject
    assert f"Ihre Vorgangsnummer lautet {idea.receipt_number}." in received.body
    link = re.search(r"https?://\S+/vorgang/\?reference=\S+", received.body).group(0)
    assert link.endswith(f"?reference={idea.receipt_number}")
    stranger = client.__class__()  # the link from the mail works on any device, without the session
    page = stranger.get(urlsplit(link).path, {"reference": idea.receipt_number}).content.decode()
    assert "wartet auf die Prüfung" in page or "Eingegangen" in page
    assert NOT_FOUND not in page


def test_a_guests_confirmation_mail_carries_the_check_characters(client, process):
    client.post(PROCESS_URL + "idee/neu/", idea_data(contact_email="gast@example.org"))
    idea = Idea.objects.get(title="Trinkbrunnen am Koberg")
    assert f"Ihre Vorgangsnummer: {idea.receipt_number}." in mail.outbox[0].body


def test_receipts_handed_out_on_paper_and_at_the_desk_carry_check_characters(client, process, moderator, analyst):
    # At a desk: the receipt staff print for the resident.
    client.force_login(moderator)
    response = client.post(PROCESS_URL + "idee/schalter/", idea_data(channel="desk", title="Vom Schalter"))
    idea = Idea.objects.get(title="Vom Schalter")
    assert f'class="receipt-number">{idea.receipt_number}<' in client.get(response["Location"]).content.decode()

    # The slip of a printed sheet: its code leads to the lookup with the serial's check digits.
    pdf, _version, _refused = print_sheet(process, serial="000777")
    slip = Sheet(serial="000777").receipt_number
    assert re.fullmatch(r"000777-\d{4}", slip)
    last_page = len(pdfium.PdfDocument(pdf)) - 1
    assert any(code.endswith(f"/de/vorgang/?reference={slip}") for code in codes_on(pdf, last_page))

    # A sheet printed at home gets its number at entry: staff are told what to write on the slip.
    set_phase(process, "collect")
    client.force_login(analyst)
    response = client.post("/de/papiererfassung/", {"target": str(process.pk)}, follow=True)
    sheet = Sheet.objects.get(batch__kind=PrintBatch.Kind.HOME, batch__process=process)
    assert sheet.receipt_number in response.content.decode()


def test_lookups_with_a_code_are_limited_per_client(client, unpublished, settings):
    idea = unpublished[1]
    wrong = "AAAA" if receipts.check_code(idea.reference) != "AAAA" else "CCCC"
    here, elsewhere = {"REMOTE_ADDR": "192.0.2.7"}, {"REMOTE_ADDR": "192.0.2.8"}
    per_address = int(settings.RATE_LIMITS["receipt_lookup"]["address"].split("/")[0])
    assert per_address >= 20  # a Bürgerbüro's counter looks up the receipts its visitors bring
    for _attempt in range(per_address):
        assert client.get(LOOKUP, {"reference": f"{idea.reference}-{wrong}"}, **here).status_code == 200
    refused = client.get(LOOKUP, {"reference": idea.receipt_number}, **here)  # even the right code now
    html = refused.content.decode()
    assert refused.status_code == 429 and "wartet auf die Prüfung" not in html
    # It speaks of lookups, not of entries sent.
    assert "Zu viele Abfragen aus diesem Netz" in html and "Zu viele Beiträge" not in html
    assert "in einer Stunde" in html
    other = client.get(LOOKUP, {"reference": idea.receipt_number}, **elsewhere)
    assert other.status_code == 200 and "wartet auf die Prüfung" in other.content.decode()


def test_a_sheets_slip_needs_its_check_digits_and_a_wrong_one_looks_unknown(client, process, many_lookups):
    _batch, (sheet,) = batch_of(process, 1)
    right = client.get(LOOKUP, {"reference": sheet.receipt_number.replace("-", " ")}).content.decode()
    assert "noch nicht erfasst" in right
    wrong = f"{sheet.serial}-{(int(sheet.receipt_number[-4:]) + 1) % 10000:04d}"
    unknown = f"999999-{Sheet(serial='999999').receipt_number[-4:]}"
    assert answer(client, wrong) == answer(client, unknown) and NOT_FOUND in answer(client, wrong)[1]


def test_a_confirmation_link_with_an_unknown_number_looks_like_a_wrong_one(client, unpublished):
    idea = unpublished[0]
    known = client.get(PROCESS_URL + f"idee/{idea.reference}/bestaetigen/", {"token": "falsch"})
    unknown = client.get(PROCESS_URL + f"idee/{unknown_number(idea.reference.split('-')[1])}/bestaetigen/",
                         {"token": "falsch"})
    assert known.status_code == unknown.status_code == 400
    assert idea.title not in known.content.decode()


def test_the_receipt_page_with_its_check_characters_is_only_for_who_sent_the_idea(client, process, moderator):
    """A published idea's receipt page would hand anyone its check characters, which open the status lookup
    also once the idea is hidden again."""
    idea = Idea.objects.filter(process=process, published=True, hidden=False).first()
    address = f"{PROCESS_URL}idee/{idea.reference}/quittung/"
    assert client.get(address).status_code == 404
    assert idea.receipt_number not in client.get(idea.get_absolute_url()).content.decode()

    session = client.session
    session["participation.my_ideas"] = [idea.reference]  # the browser that sent it
    session.save()
    assert idea.receipt_number in client.get(address).content.decode()
    other = type(client)()
    other.force_login(moderator)
    assert other.get(address).status_code == 200
