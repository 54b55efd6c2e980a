"""The content version is renewed when a change is committed, not before (issue 21, point 10).

A visitor whose request falls between an editor's save and its commit reads the rows as they were. Had the
version been renewed already, that request would keep the old page under the new version, and every later
visitor would get the old page until the next change (the page frame for 24 hours).
"""

import threading

import pytest
from django.db import connections, transaction
from django.test import Client

from blog.models import BlogPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fetch_in_another_connection(url):
    """A visitor's request on its own database connection, which sees only committed rows."""
    result = {}

    def visit():
        try:
            result["html"] = Client().get(url).content.decode()
        finally:
            connections.close_all()

    thread = threading.Thread(target=visit)
    thread.start()
    thread.join()
    return result["html"]


def test_a_request_between_save_and_commit_does_not_keep_the_old_page_after_the_commit(demo_site):
    post = BlogPage.objects.live().filter(locale__language_code="de").first()
    url, blog_url = post.url, post.get_parent().url
    client = Client()
    assert post.title in client.get(url).content.decode()
    assert post.title in client.get(blog_url).content.decode()

    with transaction.atomic():
        post.title = "Neuer Titel nach der Freigabe"
        post.save_revision().publish(skip_permission_checks=True)  # as the approval publishes (four eyes)
        # A visitor's request while the editor's transaction is still open.
        for address in (url, blog_url):
            assert "Neuer Titel nach der Freigabe" not in fetch_in_another_connection(address)

    for address in (url, blog_url):
        assert "Neuer Titel nach der Freigabe" in client.get(address).content.decode()
