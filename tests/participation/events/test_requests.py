"""Accessibility requests: made with the registration, answered by the organisers, the answer mailed to her and
shown on her registration's page; never on the public site; counted for dashboards."""

import pytest
from django.core import mail

from accounts.models import User
from participation.events import registration as booking
from participation.events.models import AccessibilityRequest
from participation.events.registration import request_counts
from tests.html import page_soup
from tests.participation.events.conftest import add_event
from tests.participation.events.helpers import link_in, register

pytestmark = pytest.mark.django_db


def test_an_answer_is_mailed_to_her_and_shown_on_her_page_but_never_publicly(
        client, workshop, django_capture_on_commit_callbacks):
    register(client, workshop, django_capture_on_commit_callbacks, requests=["dgs", "other"],
             details="Ich bringe einen Assistenzhund mit.")
    link = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"action": "confirm"})
    dgs = AccessibilityRequest.objects.get(kind="dgs")
    organiser = User.objects.create_user("orga@luebeck.example", "Ein-Langes-Passwort-1", is_superuser=True)
    staff = type(client)()
    staff.force_login(organiser)
    queue = page_soup(staff, f"/admin/events/{workshop.pk}/requests/").get_text(" ", strip=True)
    assert "Gebärdensprach" in queue and "Assistenzhund" in queue

    refused = staff.post(f"/admin/events/requests/{dgs.pk}/", {"status": "arranged", "answer": ""})
    assert refused.status_code == 200 and AccessibilityRequest.objects.get(pk=dgs.pk).status == "open"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/events/requests/{dgs.pk}/",
                   {"status": "arranged", "answer": "Frau Lange dolmetscht für Sie, sie sitzt vorn links."})
    dgs.refresh_from_db()
    assert (dgs.status, dgs.answered_by) == ("arranged", organiser) and dgs.answered_at
    assert [message.to for message in mail.outbox] == [["guel@example.org"]]
    assert "Frau Lange dolmetscht" in mail.outbox[0].body and "Organisiert" in mail.outbox[0].body

    mine = page_soup(client, link).select_one(".registration-requests").get_text(" ", strip=True)
    assert "Frau Lange dolmetscht" in mine and "Assistenzhund" in mine
    public = page_soup(type(client)(), workshop.url).get_text(" ", strip=True)
    assert "Frau Lange" not in public and "Assistenzhund" not in public and "Gül" not in public


def test_request_counts_per_need_open_and_answered(workshop, process_de):
    other = add_event(process_de, "Zweiter Termin", "zweiter-termin")
    for number, (event, needs) in enumerate([(workshop, ["dgs", "childcare"]), (workshop, ["dgs"]),
                                             (other, ["dgs", "easy_language"])]):
        registration = booking.register(event.pk, name=f"Person {number}", email=f"p{number}@example.org",
                                        requests=needs)
        booking.confirm(registration.pk)
    AccessibilityRequest.objects.filter(kind="childcare").update(status="not_possible")
    counts = request_counts([workshop])
    assert counts["dgs"]["open"] == 2 and counts["dgs"]["answered"] == 0
    assert (counts["childcare"]["open"], counts["childcare"]["answered"]) == (0, 1)
    assert counts["easy_language"]["open"] == 0 and counts["other"] == {
        "label": counts["other"]["label"], "open": 0, "answered": 0}
    both = request_counts([workshop.pk, other.pk])
    assert both["dgs"]["open"] == 3 and both["easy_language"]["open"] == 1
