"""Remembered page routes (core/serving.py): the walk down the page tree is done once per content version, and
what a visitor notices after an editor's change is the new tree at once: a renamed page answers under its new
address, and the old one leads there (Wagtail's automatic redirect) instead of serving the remembered page,
for anonymous visitors and signed-in people alike."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from accounts.models import User
from blog.models import BlogPage

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def signed_in():
    client = Client()
    client.force_login(User.objects.create_user("rita.route@example.org", "Ein-Langes-Passwort-1"))
    return client


def test_a_remembered_route_skips_the_walk_down_the_tree(demo_site):
    post = BlogPage.objects.live().filter(locale__language_code="de").first()
    client = signed_in()  # the page cache never answers a signed-in person: every request is routed
    walked = queries(client, post.url)
    remembered = queries(client, post.url)
    tree_lookups = [sql for sql in remembered if 'FROM "wagtailcore_page"' in sql and '"slug"' in sql]
    assert tree_lookups == [] and len(remembered) < len(walked)
    # Nor the site for the host, the active locale or the view restrictions: all remembered with the route.
    for table in ("wagtailcore_site", "wagtailcore_locale", "wagtailcore_pageviewrestriction"):
        assert any(f'FROM "{table}"' in sql for sql in walked)
        assert not any(f'FROM "{table}"' in sql for sql in remembered), table


def test_a_renamed_page_answers_at_its_new_address_and_the_old_one_leads_there(
        client, demo_site, django_capture_on_commit_callbacks):
    post = BlogPage.objects.live().filter(locale__language_code="de").first()
    old_url, person = post.url, signed_in()
    for visitor in (client, person):
        visitor.get(old_url)
        assert visitor.get(old_url).status_code == 200  # the second answer from the remembered route

    post.slug = f"{post.slug}-neu"
    with django_capture_on_commit_callbacks(execute=True):  # the cache follows what is committed
        post.save_revision().publish(skip_permission_checks=True)
    new_url = BlogPage.objects.get(pk=post.pk).url
    assert new_url != old_url
    for visitor in (client, person):
        old = visitor.get(old_url)
        assert old.status_code == 301 and old["Location"] == new_url
        response = visitor.get(new_url)
        assert response.status_code == 200 and post.title in response.content.decode()


def test_a_made_up_address_is_not_remembered(demo_site, monkeypatch):
    import threading

    from core import cache

    client = signed_in()
    client.get("/de/digitalblog/")
    # What this thread stores: a page a browser test left open may still poll the live server in another thread
    # of this process, and its routes land in the same in-process copy (that made a comparison of all keys flaky).
    stored, store, here = [], cache.cache.set, threading.get_ident()

    def recording(key, *args, **kwargs):
        if threading.get_ident() == here:
            stored.append(key)
        return store(key, *args, **kwargs)

    monkeypatch.setattr(cache.cache, "set", recording)
    for number in range(3):
        assert client.get(f"/de/digitalblog/gibt-es-nicht-{number}/").status_code == 404
    assert client.get("/de/digitalblog/").status_code == 200
    assert [key for key in stored if ":route:" in key] == []  # 404s fill no cache


def test_a_view_restriction_applies_at_once_to_a_remembered_route(client, demo_site,
                                                                  django_capture_on_commit_callbacks):
    post = BlogPage.objects.live().filter(locale__language_code="de").first()
    person = signed_in()
    person.get(post.url)
    assert person.get(post.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.PASSWORD,
                                           password="geheim")
    for visitor in (client, person):
        response = visitor.get(post.url)
        assert 'name="password"' in response.content.decode()  # the password form, not the post
    # Wagtail's password form (its /_util/ address is Wagtail's, not a page route) lets the visitor in.
    action = re.search(r'action="([^"]*_util/authenticate_with_password/[^"]*)"', response.content.decode()).group(1)
    answer = person.post(action, {"password": "geheim", "return_url": post.url})
    assert answer.status_code == 302
    assert post.title in person.get(post.url).content.decode()
