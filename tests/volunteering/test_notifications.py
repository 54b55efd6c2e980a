"""Mails about sign-ups: one mail per event however often a task runs, reminders at the right time, nudges
to slow organisations, the weekly digest, and one-click links that only change things on POST."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from tests.volunteering.conftest import volunteers
from volunteering import tasks
from volunteering.models import NO_EMAIL_DOMAIN, Interest, Opportunity, Shift, Signup, VolunteerProfile
from volunteering.notifications import link_token, notify_status
from volunteering.signup import cancel, sign_up

pytestmark = pytest.mark.django_db

START = datetime.datetime(2030, 6, 15, 8, 0, tzinfo=datetime.UTC)  # a Saturday, 10:00 in Lübeck


def link_in(message, path_part):
    """The link in a mail whose path contains `path_part`, as path and token."""
    for line in message.body.splitlines():
        if path_part in line and "token=" in line:
            url = urlsplit(line.strip())
            return url.path, parse_qs(url.query)["token"][0]
    raise AssertionError(f"no {path_part} link in:\n{message.body}")


def new_shift(opportunity, start=START, capacity=10):
    return Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                                capacity=capacity)


def test_an_auto_confirmed_sign_up_gets_one_confirmation_with_the_shift_attached(
        shift, organisation, django_capture_on_commit_callbacks):
    organisation.auto_confirm = True
    organisation.save()
    person = volunteers(1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign_up(shift.pk, person)
        assert mail.outbox == []  # nothing leaves before the sign-up is committed
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Lebensmittel ausgeben" in message.subject and "Tafel Lübeck" in message.body
    (filename, content, mimetype) = message.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar" and "BEGIN:VEVENT" in content
    tasks.send_signup_mail(signup.pk)  # a retry, or the sweep for missed mails: nothing more
    tasks.send_missed_signup_mails(now=timezone.now() + datetime.timedelta(minutes=10))
    assert len(mail.outbox) == 1
    signup.refresh_from_db()
    assert signup.confirmation_sent_at is not None


def test_a_request_gets_no_mail_until_decided_and_a_decline_gets_one_kind_note(
        shift, django_capture_on_commit_callbacks):
    person = volunteers(1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign_up(shift.pk, person)
    assert signup.status == "requested" and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Signup.objects.filter(pk=signup.pk).update(status="declined", decided_at=timezone.now())
        signup.refresh_from_db()
        notify_status(signup)
        notify_status(signup)  # called twice by mistake: still one note
    tasks.send_signup_mail(signup.pk)
    (message,) = mail.outbox
    assert "Lebensmittel ausgeben" in message.subject and message.attachments == []


def test_people_without_email_get_no_mail(shift, organisation, django_capture_on_commit_callbacks):
    organisation.auto_confirm = True
    organisation.save()
    desk_person = volunteers(1, prefix="ohne")[0]
    desk_person.email = f"ohne-1@{NO_EMAIL_DOMAIN}"
    desk_person.save()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(shift.pk, desk_person)
    assert Signup.objects.get().status == "confirmed" and mail.outbox == []


def test_signing_up_again_after_withdrawing_brings_a_new_confirmation(
        shift, organisation, django_capture_on_commit_callbacks):
    organisation.auto_confirm = True
    organisation.save()
    person = volunteers(1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign_up(shift.pk, person)
    cancel(signup.pk, person)
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(shift.pk, person)
    assert len(mail.outbox) == 2


def test_a_freed_place_is_offered_by_mail_and_taken_with_the_link(
        client, opportunity, django_capture_on_commit_callbacks):
    shift = new_shift(opportunity, start=timezone.now() + datetime.timedelta(days=5), capacity=1)
    first, second = volunteers(2)
    first_signup = sign_up(shift.pk, first)
    second_signup = sign_up(shift.pk, second)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(first_signup.pk, first)
    tasks.send_signup_mail(second_signup.pk)  # twice: still one offer
    (offer,) = mail.outbox
    assert offer.to == [second.email] and "Lebensmittel ausgeben" in offer.subject
    path, token = link_in(offer, "platz-annehmen")

    page = client.get(path, {"token": token})  # what a mail scanner does: nothing changes
    assert page.status_code == 200 and 'action="?token=' in page.text
    assert Signup.objects.get(pk=second_signup.pk).status == "offered"

    taken = client.post(f"{path}?token={token}", follow=True)
    assert taken.status_code == 200
    assert Signup.objects.get(pk=second_signup.pk).status == "requested"  # the organisation confirms requests
    assert client.post(f"{path}?token={token}").status_code == 302  # twice: nothing breaks


def test_lapsed_offers_pass_on_by_the_hourly_task_with_one_mail_each(opportunity, django_capture_on_commit_callbacks):
    shift = new_shift(opportunity, start=timezone.now() + datetime.timedelta(days=5), capacity=1)
    first, second, third = volunteers(3)
    first_signup = sign_up(shift.pk, first)
    sign_up(shift.pk, second)
    third_signup = sign_up(shift.pk, third)
    with django_capture_on_commit_callbacks(execute=True):
        cancel(first_signup.pk, first)
    later = timezone.now() + datetime.timedelta(hours=25)
    with time_machine.travel(later, tick=False):
        for _run in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                tasks.expire_offers()
    assert [m.to for m in mail.outbox] == [[second.email], [third.email]]
    assert Signup.objects.get(pk=third_signup.pk).status == "offered"


def test_reminders_72_and_24_hours_before_once_each_to_those_holding_a_place(opportunity):
    shift = new_shift(opportunity)
    soon = new_shift(opportunity, start=START - datetime.timedelta(hours=52))  # 20 h away at the 72 h run
    confirmed, requested, waiting, withdrawn = volunteers(4)
    Signup.objects.create(shift=shift, volunteer=confirmed, status="confirmed")
    Signup.objects.create(shift=shift, volunteer=requested, status="requested")
    Signup.objects.create(shift=shift, volunteer=waiting, status="waitlisted")
    Signup.objects.create(shift=shift, volunteer=withdrawn, status="cancelled")
    late = Signup.objects.create(shift=soon, volunteer=confirmed, status="confirmed")

    with time_machine.travel(START - datetime.timedelta(hours=130), tick=False):
        assert tasks.send_shift_reminders() == 0  # too early
    with time_machine.travel(START - datetime.timedelta(hours=71), tick=False):
        assert tasks.send_shift_reminders() == 3 and tasks.send_shift_reminders() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, requested.email, confirmed.email])
    late.refresh_from_db()
    assert late.reminded_24h_at is not None and late.reminded_72h_at is None  # only the 24 h one
    with time_machine.travel(START - datetime.timedelta(hours=23), tick=False):
        assert tasks.send_shift_reminders() == 2 and tasks.send_shift_reminders() == 0
    assert len(mail.outbox) == 5
    reminder = mail.outbox[-1]
    assert "Lebensmittel ausgeben" in reminder.subject
    link_in(reminder, "ich-komme")
    link_in(reminder, "absagen")


def test_the_workers_mails_are_in_the_language_the_volunteer_last_used(client, opportunity):
    """Signed in on the English site: the reminder is English, with the opportunity's English title and links
    to /en/. Nobody knows another's language: German."""
    from allauth.account.models import EmailAddress

    from volunteering.models import OpportunityTranslation

    OpportunityTranslation.objects.create(opportunity=opportunity, language="en", title="Hand out food",
                                          description="Hand out food on Saturdays.")
    english, unknown = volunteers(2, prefix="sprache")
    EmailAddress.objects.create(user=english, email=english.email, verified=True, primary=True)
    signed_in = client.post("/en/konto/login/", {"login": english.email, "password": "Ein-Langes-Passwort-1"})
    assert signed_in.status_code == 302
    shift = new_shift(opportunity)
    for person in (english, unknown):
        Signup.objects.create(shift=shift, volunteer=person, status="confirmed")
    with time_machine.travel(START - datetime.timedelta(hours=23), tick=False):
        assert tasks.send_shift_reminders() == 2
    sent = {message.to[0]: message for message in mail.outbox}
    assert sent[english.email].subject.startswith("Reminder: Hand out food")
    assert link_in(sent[english.email], "ich-komme")[0].startswith("/en/")
    assert sent[unknown.email].subject.startswith("Erinnerung: Lebensmittel ausgeben")
    assert link_in(sent[unknown.email], "ich-komme")[0].startswith("/de/")


def test_the_cancel_link_changes_nothing_on_get_and_signs_off_on_post(client, opportunity):
    shift = new_shift(opportunity, start=timezone.now() + datetime.timedelta(days=2))
    person, next_in_line = volunteers(2)
    signup = Signup.objects.create(shift=shift, volunteer=person, status="confirmed")
    token = link_token(signup, "cancel")
    url = "/de/engagement/schicht/absagen/"

    page = client.get(url, {"token": token})
    assert page.status_code == 200 and b"<form" in page.content
    assert Signup.objects.get(pk=signup.pk).status == "confirmed"
    done = client.post(f"{url}?token={token}", follow=True)
    assert done.status_code == 200 and Signup.objects.get(pk=signup.pk).status == "cancelled"
    assert 'action="?token=' not in done.text  # no button left to press

    # "Yes, I'll come" only thanks; a declined request cannot be withdrawn through a link.
    coming = Signup.objects.create(shift=shift, volunteer=next_in_line, status="confirmed")
    assert client.get("/de/engagement/schicht/ich-komme/", {"token": link_token(coming, "confirm")}).status_code == 200
    assert Signup.objects.get(pk=coming.pk).status == "confirmed"
    Signup.objects.filter(pk=coming.pk).update(status="declined")
    client.post(f"{url}?token={link_token(coming, 'cancel')}")
    assert Signup.objects.get(pk=coming.pk).status == "declined"


def test_tampered_expired_or_wrong_kind_of_tokens_are_refused(client, shift):
    person = volunteers(1)[0]
    signup = Signup.objects.create(shift=shift, volunteer=person, status="confirmed")
    url = "/de/engagement/schicht/absagen/"
    token = link_token(signup, "cancel")
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for bad in (tampered, link_token(signup, "confirm"), "", "nonsense"):
        assert client.get(url, {"token": bad}).status_code == 400
        assert client.post(f"{url}?token={bad}").status_code == 400
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        expired = client.post(f"{url}?token={token}")
    assert expired.status_code == 400 and "/de/engagement/meine-anmeldungen/" in expired.text
    assert Signup.objects.get(pk=signup.pk).status == "confirmed"


def test_organisations_are_nudged_once_about_requests_waiting_two_days(opportunity, organisation):
    shift = new_shift(opportunity)
    member, member_without_email = volunteers(2, prefix="mitglied")
    member_without_email.email = f"m@{NO_EMAIL_DOMAIN}"
    member_without_email.save()
    organisation.members.set([member, member_without_email])
    asked = START - datetime.timedelta(days=10)
    with time_machine.travel(asked, tick=False):
        for person in volunteers(3):
            Signup.objects.create(shift=shift, volunteer=person, status="requested")
    with time_machine.travel(asked + datetime.timedelta(hours=47), tick=False):
        assert tasks.nudge_organisations() == 0
    with time_machine.travel(asked + datetime.timedelta(hours=49), tick=False):
        assert tasks.nudge_organisations() == 1 and tasks.nudge_organisations() == 0
    (nudge,) = mail.outbox
    assert sorted(nudge.to) == ["info@tafel.example", member.email]
    assert "3" in nudge.subject and "Lebensmittel ausgeben" in nudge.body
    assert "/de/engagement/" in nudge.body
    assert "@example.org" not in nudge.body  # the list names shifts, not the people


@pytest.fixture
def digest_profile():
    person = volunteers(1, prefix="digest")[0]
    profile = VolunteerProfile.objects.create(user=person, weekly_digest=True, availability=["sat-morning"])
    profile.interests.set([Interest.objects.get(slug="kultur")])
    return profile


def test_the_weekly_digest_lists_new_suggestions_with_reasons_once(digest_profile, organisation):
    old = timezone.now() - datetime.timedelta(days=30)
    with time_machine.travel(old, tick=False):
        stale = Opportunity.objects.create(organisation=organisation, title="Alte Aufgabe", slug="alt",
                                           description="x", published=True)
    new_shift(stale)
    fresh = Opportunity.objects.create(organisation=organisation, title="Museumsnacht", slug="museumsnacht",
                                       description="x", published=True)
    fresh.interests.set([Interest.objects.get(slug="kultur")])
    fresh.save()  # a ParentalManyToManyField is written on save
    new_shift(fresh)

    assert tasks.send_weekly_digests() == 1 and tasks.send_weekly_digests() == 0
    (digest,) = mail.outbox
    assert digest.to == [digest_profile.user.email]
    assert "Museumsnacht" in digest.body and "Alte Aufgabe" not in digest.body
    assert "Kultur" in digest.body  # the reason: a field of engagement in common
    assert "/de/engagement/mein-profil/" in digest.body  # where to switch it off

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert tasks.send_weekly_digests() == 0  # nothing new since the last digest: no mail
    assert len(mail.outbox) == 1


def test_no_digest_for_people_who_did_not_ask_or_have_no_email(digest_profile, opportunity):
    new_shift(opportunity)
    VolunteerProfile.objects.filter(pk=digest_profile.pk).update(weekly_digest=False)
    assert tasks.send_weekly_digests() == 0
    VolunteerProfile.objects.filter(pk=digest_profile.pk).update(weekly_digest=True)
    digest_profile.user.email = f"d@{NO_EMAIL_DOMAIN}"
    digest_profile.user.save()
    assert tasks.send_weekly_digests() == 0 and mail.outbox == []
