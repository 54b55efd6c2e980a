"""Sign-ups: places, the waiting list, offers that lapse, and no overbooking under concurrent requests."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from tests.concurrency import at_once
from tests.volunteering.conftest import volunteers
from volunteering.models import Signup
from volunteering.signup import SignupError, accept_offer, cancel, expire_offers, sign_up

HOLDING = Signup.HOLDS_A_PLACE


@pytest.mark.django_db
def test_places_fill_then_the_waiting_list_and_twice_changes_nothing(shift):
    people = volunteers(12)
    states = [sign_up(shift.pk, person).status for person in people]
    assert states == ["requested"] * 10 + ["waitlisted"] * 2
    again = sign_up(shift.pk, people[0])
    assert again.status == "requested" and Signup.objects.filter(shift=shift).count() == 12


@pytest.mark.django_db
def test_auto_confirm_and_the_rules_that_refuse(shift, organisation, opportunity):
    organisation.auto_confirm = True
    organisation.save()
    (person, late) = volunteers(2)
    assert sign_up(shift.pk, person).status == "confirmed"
    with pytest.raises(SignupError, match="begonnen|started"):
        sign_up(shift.pk, late, now=shift.starts_at + datetime.timedelta(minutes=1))
    organisation.verified_at = None  # not verified by the coordinators: not open
    organisation.save()
    with pytest.raises(SignupError):
        sign_up(shift.pk, late)


@pytest.mark.django_db
def test_a_freed_place_is_offered_to_the_next_in_line_who_must_take_it_in_time(shift):
    people = volunteers(12)
    signups = [sign_up(shift.pk, person) for person in people]
    cancel(signups[3].pk, people[3])
    offered = Signup.objects.get(pk=signups[10].pk)
    assert offered.status == "offered" and offered.offer_expires_at > timezone.now()
    assert Signup.objects.get(pk=signups[11].pk).status == "waitlisted"
    assert Signup.objects.filter(shift=shift, status__in=HOLDING).count() == 10  # the offer holds the place

    later = offered.offer_expires_at + datetime.timedelta(minutes=1)
    assert expire_offers(later) == 1 and expire_offers(later) == 0  # idempotent
    assert Signup.objects.get(pk=signups[10].pk).status == "cancelled"
    assert Signup.objects.get(pk=signups[11].pk).status == "offered"
    with pytest.raises(SignupError):
        accept_offer(signups[10].pk, people[10], now=later)
    assert accept_offer(signups[11].pk, people[11], now=later).status == "requested"
    assert Signup.objects.filter(shift=shift, status__in=HOLDING).count() == 10


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs a server database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_32_people_at_once_for_10_places_never_overbook(shift):
    people = volunteers(32, "ansturm")
    errors = at_once([lambda person=person: sign_up(shift.pk, person) for person in people])
    assert errors == []
    signups = Signup.objects.filter(shift=shift)
    assert signups.count() == 32  # nothing lost
    assert signups.filter(status__in=HOLDING).count() == 10
    assert signups.filter(status="waitlisted").count() == 22


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs a server database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cancellations_and_new_sign_ups_at_once_keep_exactly_the_capacity(shift):
    people = volunteers(16, "wechsel")
    signups = [sign_up(shift.pk, person) for person in people]  # 10 places, 6 waiting
    newcomers = volunteers(6, "neu")
    calls = [lambda s=s, p=p: cancel(s.pk, p) for s, p in zip(signups[:4], people[:4], strict=True)]
    calls += [lambda p=p: sign_up(shift.pk, p) for p in newcomers]
    assert at_once(calls) == []
    holding = Signup.objects.filter(shift=shift, status__in=HOLDING)
    assert holding.count() == 10
    offered = Signup.objects.filter(shift=shift, status="offered").order_by("created_at")
    assert [s.volunteer_id for s in offered] == [s.volunteer_id for s in signups[10:14]]  # first come, first offered
    assert Signup.objects.filter(shift=shift).count() == 22


@pytest.mark.django_db
def test_coordinators_manage_organisations_in_the_admin_and_residents_do_not(client, organisation, django_user_model):
    from django.contrib.auth.models import Group

    coordinator = django_user_model.objects.create_user("agentur@luebeck.example", "Ein-Langes-Passwort-1",
                                                        is_staff=True)
    coordinator.groups.add(Group.objects.get(name="Freiwilligenagentur"))
    client.force_login(coordinator)
    listing = client.get("/admin/snippets/volunteering/organisation/")
    assert listing.status_code == 200 and "Tafel Lübeck" in listing.content.decode()
    assert client.get("/admin/snippets/volunteering/opportunity/add/").status_code == 200
    resident = django_user_model.objects.create_user("nur.anwohnerin@example.org", "Ein-Langes-Passwort-1")
    client.force_login(resident)
    assert client.get("/admin/snippets/volunteering/organisation/").status_code in (302, 403)


@pytest.mark.django_db
def test_recorded_attendance_and_a_decline_cannot_be_withdrawn(shift):
    came, declined = volunteers(2, "vorbei")
    for person, status in ((came, "attended"), (declined, "declined")):
        signup = Signup.objects.create(shift=shift, volunteer=person, status=status)
        with pytest.raises(SignupError):
            cancel(signup.pk, person)
        signup.refresh_from_db()
        assert signup.status == status
