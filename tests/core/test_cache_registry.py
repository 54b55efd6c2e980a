"""Every model a cached page shows renews the page cache when it changes (issue 23: "a test that fails when a
model shown on cached pages is not registered"). Each cacheable page of the demo is rendered for an anonymous
visitor, the tables its queries read are collected, and every model behind them must renew the content
version (core.cache.renews_pages) or be named below with the reason it cannot make a cached page stale."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core.cache import renews_pages

# Read while serving a page, but never shown on it (or shown only through a model that renews the cache).
NOT_SHOWN = {
    "wagtailcore.revision": "the live page's content is the page row itself; drafts are never served",
    "wagtailcore.workflowstate": "the editor's workflow, not on public pages",
    "wagtailcore.groupapprovaltask": "the editor's workflow, not on public pages",
    "wagtailcore.pagesubscription": "editors' comment notifications",
    "contenttypes.contenttype": "which model a page is: fixed for a page's life",
    "sessions.session": "cached pages are served only without a session",
    "core.customrendition": "a size of an image, made while rendering; changing the image (CustomImage) renews",
}


def published_with_a_page(model):
    """An inline of a page (ParentalKey: milestones, barriers, phases, tags of a post) is saved when the page
    is published, and publishing renews the cache."""
    from modelcluster.fields import ParentalKey

    return any(isinstance(field, ParentalKey) and issubclass(field.related_model, Page)
               for field in model._meta.get_fields() if field.concrete)


def tables_read(queries):
    found = set()
    for query in queries:
        found |= set(re.findall(r'(?:FROM|JOIN)\s+"([a-z0-9_]+)"', query["sql"]))
    return found


@pytest.mark.django_db
def test_every_model_read_by_a_cached_page_renews_the_cache(client, demo_site):
    by_table = {}
    for model in apps.get_models(include_auto_created=True):
        owner = model._meta.auto_created or model  # a many-to-many table belongs to its model
        by_table[model._meta.db_table] = owner
    pages = [page for page in Page.objects.live().filter(depth__gt=1).specific()
             if getattr(page, "cache_anonymous", True) and page.url]
    kinds = {}
    for page in pages:
        kinds.setdefault(type(page), page)  # one page of each type, in every language it exists in
    assert len(kinds) >= 6
    missing = {}
    for page_type, page in kinds.items():
        for translation in page_type.objects.live().filter(translation_key=page.translation_key):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(translation.url)
            assert response.status_code == 200, translation.url
            assert response.get("X-Page-Cache") == "miss", translation.url  # it is one of the cached pages
            for table in tables_read(queries.captured_queries):
                model = by_table.get(table)
                if (model is None or renews_pages(model) or published_with_a_page(model)
                        or model._meta.label_lower in NOT_SHOWN):
                    continue
                missing.setdefault(model._meta.label, set()).add(page_type.__name__)
    assert missing == {}, f"register with invalidate_on_change (or explain in NOT_SHOWN): {sorted(missing.items())}"


@pytest.mark.django_db(transaction=False)
def test_a_renamed_tag_shows_on_the_cached_post_at_once(client, demo_site, django_capture_on_commit_callbacks):
    from blog.models import BlogPage

    post = next(post for post in BlogPage.objects.live() if post.tags.exists())
    tag = post.tags.first()
    assert tag.name in client.get(post.url).content.decode()
    assert client.get(post.url).get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        tag.name = "Umbenanntes Schlagwort"
        tag.save()
    response = client.get(post.url)
    assert response.get("X-Page-Cache") == "miss" and "Umbenanntes Schlagwort" in response.content.decode()
