"""The one rate limiter of the public forms (core.ratelimit): a sliding window, per person before per address."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory

from core import ratelimit

START = datetime.datetime(2026, 5, 4, 10, 59, 30, tzinfo=datetime.UTC)


def request_from(address, user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = user or AnonymousUser()
    return request


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.RATE_LIMITS = {"try": {"account": "2/h", "email": "2/h", "address": "5/h,8/d"}}
    cache.clear()
    yield
    cache.clear()


def test_the_window_slides_instead_of_starting_again_at_the_full_hour():
    with time_machine.travel(START, tick=False) as clock:
        assert ratelimit.consume(request_from("192.0.2.1"), "try", email="a@example.org") is None
        assert ratelimit.consume(request_from("192.0.2.1"), "try", email="a@example.org") is None
        clock.move_to(START + datetime.timedelta(minutes=2))  # 11:01: a fixed clock-hour window would be empty
        refused = ratelimit.consume(request_from("192.0.2.1"), "try", email="a@example.org")
        assert refused is not None and refused.subject == "email" and not refused.shared
        assert 57 * 60 < refused.retry_after <= 58 * 60  # when the first of the two leaves the window
        clock.move_to(START + datetime.timedelta(minutes=60, seconds=1))
        assert ratelimit.consume(request_from("192.0.2.1"), "try", email="a@example.org") is None


def test_each_person_has_her_own_limit_and_the_address_counts_them_together():
    here = [ratelimit.consume(request_from("192.0.2.1"), "try", email=f"person{n}@example.org") for n in range(6)]
    assert here[:5] == [None] * 5
    assert here[5].subject == "address" and here[5].shared
    assert ratelimit.consume(request_from("192.0.2.2"), "try", email="person5@example.org") is None  # elsewhere


def test_a_refused_attempt_counts_nowhere():
    for _attempt in range(2):
        assert ratelimit.consume(request_from("192.0.2.1"), "try", email="a@example.org") is None
    for _attempt in range(10):  # the one person at the limit keeps trying
        assert ratelimit.consume(request_from("192.0.2.1"), "try", email="a@example.org").subject == "email"
    # ... which used up nothing of the address: three more people there still get in.
    assert [ratelimit.consume(request_from("192.0.2.1"), "try", email=f"other{n}@example.org")
            for n in range(3)] == [None] * 3


def test_an_account_counts_wherever_it_signs_in(django_user_model):
    user = django_user_model.objects.create_user("lena@example.org", "Ein-Langes-Passwort-1")
    assert ratelimit.consume(request_from("192.0.2.1", user), "try") is None
    assert ratelimit.consume(request_from("198.51.100.9", user), "try") is None
    assert ratelimit.consume(request_from("203.0.113.5", user), "try").subject == "account"


def test_ipv6_addresses_count_by_their_network():
    for n in range(5):
        assert ratelimit.consume(request_from(f"2001:db8:0:1::{n + 1:x}"), "try") is None
    assert ratelimit.consume(request_from("2001:db8:0:1:ffff::1"), "try").subject == "address"
    assert ratelimit.consume(request_from("2001:db8:0:2::1"), "try") is None  # the neighbouring network
