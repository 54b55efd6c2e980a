"""Listing and detail pages run the same number of queries with 5 and with 60 posts (six pages of the list)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import BlogIndexPage, BlogPage, Category
from blog.tasks import RENDITIONS
from core.models import CustomImage

pytestmark = pytest.mark.django_db

URLS = [
    "/de/",
    "/de/digitalblog/",
    "/de/digitalblog/kategorie/mobilitaet/",
    "/de/digitalblog/beitrag-1/",
    "/de/projekte/",
    "/de/projekte/baustellenmanagement-roads/",
]


def add_posts(blog, start, count, image, category, project):
    for number in range(start, start + count):
        post = BlogPage(
            title=f"Beitrag {number}", slug=f"beitrag-{number}", teaser="Kurz gesagt.", live=True,
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
            body=[("paragraph", "<p>Text über Lübeck.</p>")], hero_image=image,
        )
        blog.add_child(instance=post)
        post.categories.add(category)
        post.related_projects.add(project)
        post.tags.add("Lübeck", f"Thema {number % 7}")
        post.save()


def queries_for(client, url):
    client.get(url)  # a first view may make one-off things (e.g. the share image); measure the steady state
    cache.clear()  # measure the real page, not the page cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_query_counts_do_not_grow_with_the_number_of_posts(client, demo_site):
    from core.models import ProjectPage

    blog = BlogIndexPage.objects.get(locale__language_code="de")
    BlogPage.objects.filter(locale__language_code="de").delete()
    image = CustomImage.objects.first()
    image.get_renditions(*RENDITIONS)  # as the worker does on publish (blog.tasks)
    category = Category.objects.get(slug="mobilitaet", locale__language_code="de")
    project = ProjectPage.objects.get(slug="baustellenmanagement-roads", locale__language_code="de")

    add_posts(blog, 1, 5, image, category, project)
    client.get("/de/")  # warm Wagtail's site-root cache once
    small = {url: queries_for(client, url) for url in URLS}

    add_posts(blog, 6, 55, image, category, project)
    assert BlogPage.objects.filter(locale__language_code="de").count() == 60
    large = {url: queries_for(client, url) for url in URLS}

    assert large == small
    assert max(small.values()) <= 40
