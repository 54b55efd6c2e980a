"""Per-IP rate limits count visitors, and a made-up X-Forwarded-For header does not escape them."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core import ratelimit
from core.security import client_ip


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/", **meta)
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    return request


def test_without_a_trusted_proxy_the_socket_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "1.2.3.4"; our proxy appended the address it really saw.
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(request_from("10.0.0.2", "203.0.113.9")) == "203.0.113.9"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"  # a request that bypassed the proxy
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.3")) == "203.0.113.9"


def test_a_new_made_up_forwarded_address_per_request_does_not_escape_the_limit(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS = {"idea": {"address": "10/h"}}
    cache.clear()
    answers = [ratelimit.consume(request_from("10.0.0.2", f"192.0.2.{n}, 203.0.113.50"), "idea") for n in range(11)]
    assert answers[:10] == [None] * 10
    assert answers[10].shared  # the 11th entry from the same visitor is refused, as from one address


@pytest.fixture(autouse=True)
def _clean_cache():
    yield
    cache.clear()
