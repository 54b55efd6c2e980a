"""The anonymous page cache (core/cache.py): nothing stale after publishing or a new contribution, nothing
personal for anyone else, and image renditions of lists fetched in one go.

Proven elsewhere and not repeated here: the second anonymous request is a cache hit and an edited post shows
at once after publishing (tests/blog/test_pages.py), signed-in people and form pages bypass the cache (same
file), each display preference has its own entry (tests/accessibility/test_display.py), and a page from the
cache still gets a fresh CSP nonce (tests/security/test_headers.py).
"""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image

from accounts.models import User
from accounts.roles import MODERATORS
from blog.models import BlogIndexPage, BlogPage
from blog.tasks import generate_post_renditions
from core.antispam import form_started_token
from core.models import CustomImage, ProjectPage
from participation.ideas.models import Comment, Idea, ParticipationProcessPage, Phase
from tests.participation.conftest import PROCESS_URL, idea_data, ideas_listed, set_phase
from volunteering.models import Opportunity, Organisation, Shift

pytestmark = pytest.mark.django_db

BLOG = "/de/digitalblog/"
HOME = "/de/"


def text(response):
    return response.content.decode()


def cache_state(response):
    """"hit" or "miss" for a page the cache may keep, None for one it must never keep."""
    return response.get("X-Page-Cache")


def person(email, name):
    return User.objects.create_user(email, "Ein-Langes-Passwort-1", display_name=name)


# --- publishing ---------------------------------------------------------------------------------------------


def test_a_new_post_is_on_the_blog_and_the_home_page_at_once_and_gone_at_once_when_unpublished(
        client, demo_site, django_capture_on_commit_callbacks):
    for url in (BLOG, HOME):
        client.get(url)
        assert cache_state(client.get(url)) == "hit"

    blog = BlogIndexPage.objects.get(locale__language_code="de")
    post = BlogPage(title="Neue Ladesäulen in St. Lorenz", slug="ladesaeulen-st-lorenz", teaser="Zwölf neue.",
                    date=timezone.localdate() + datetime.timedelta(days=1), body=[("paragraph", "<p>Text.</p>")])
    with django_capture_on_commit_callbacks(execute=True):  # the cache follows what is committed
        blog.add_child(instance=post)
        post.save_revision().publish(skip_permission_checks=True)  # seed content: four eyes has its own tests
    for url in (BLOG, HOME):  # the home page lists the newest posts
        response = client.get(url)
        assert cache_state(response) == "miss" and "Neue Ladesäulen in St. Lorenz" in text(response), url
        assert cache_state(client.get(url)) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        post.unpublish()
    for url in (BLOG, HOME):
        assert "Neue Ladesäulen in St. Lorenz" not in text(client.get(url)), url


# --- new contributions --------------------------------------------------------------------------------------


def test_a_new_idea_and_comment_show_at_once_for_anonymous_visitors(client, demo_site, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)  # the form is filled in microseconds
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    set_phase(process, Phase.Kind.COLLECT)
    visitor = Client()
    assert cache_state(visitor.get(PROCESS_URL)) is None  # lists change with every idea: never kept
    listed = ideas_listed(visitor)

    author = person("pia.resident@example.org", "Pia Pflaume")
    client.force_login(author)
    assert client.post(PROCESS_URL + "idee/neu/", idea_data(title="Bänke am Mühlenteich")).status_code == 302
    idea = Idea.objects.get(title="Bänke am Mühlenteich")
    assert "Bänke am Mühlenteich" not in text(visitor.get(PROCESS_URL))  # waits for a moderator

    moderator = User.objects.create_user("mo@luebeck.example", "Ein-Langes-Passwort-1", is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/ideas/edit/{idea.pk}/", {
            "title": idea.title, "description": idea.description, "status": "received", "published": "on",
            "official_answer": "", "duplicate_of": "", "status_note": "", "note": ""})
    listing = visitor.get(PROCESS_URL)
    assert cache_state(listing) is None and "Bänke am Mühlenteich" in text(listing)
    assert ideas_listed(visitor) == listed + 1  # the totals per channel too (participation.ideas.list_cache)
    detail = visitor.get(idea.get_absolute_url())
    assert cache_state(detail) is None and "0 Kommentare" in text(detail)

    client.force_login(author)
    client.post(idea.get_absolute_url() + "kommentar/", {"text": "Gern auch mit Lehne.", "website": "",
                                                          "form_started": form_started_token()})
    comment = Comment.objects.get(idea=idea)
    assert "Gern auch mit Lehne." not in text(visitor.get(idea.get_absolute_url()))  # pre-moderated
    client.force_login(moderator)
    client.post(f"/admin/idea_comments/edit/{comment.pk}/", {"published": "on"})
    detail = text(visitor.get(idea.get_absolute_url()))
    assert "Gern auch mit Lehne." in detail and "1 Kommentar" in detail


def test_a_new_date_of_an_opportunity_shows_at_once_on_its_cached_project_page(client, demo_site,
                                                                             django_capture_on_commit_callbacks):
    project = ProjectPage.objects.get(slug="baustellenmanagement-roads", locale__language_code="de")
    organisation = Organisation.objects.create(name="Baustellenlotsen", slug="baustellenlotsen",
                                               contact_email="info@lotsen.example", verified_at=timezone.now())
    opportunity = Opportunity.objects.create(organisation=organisation, title="Baustellen-Lotsin", slug="lotsin",
                                             description="Wege um Baustellen zeigen.", published=True,
                                             project=project)
    client.get(project.url)
    cached = client.get(project.url)
    assert cache_state(cached) == "hit" and "Baustellen-Lotsin" in text(cached)

    start = timezone.now() + datetime.timedelta(days=9)
    with django_capture_on_commit_callbacks(execute=True):
        Shift.objects.create(opportunity=opportunity, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    response = client.get(project.url)
    assert date_format(timezone.localtime(start), "SHORT_DATE_FORMAT") in text(response)


# --- personal content ---------------------------------------------------------------------------------------


def test_signed_in_people_never_get_the_cached_page_nor_each_others_content(demo_site):
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    set_phase(process, Phase.Kind.COLLECT)
    idea = Idea.objects.public().filter(process=process).first()
    anna, bernd = person("anna@example.org", "Anna Apfel"), person("bernd@example.org", "Bernd Birne")
    Comment.objects.create(idea=idea, author=anna, author_name="Anna Apfel", text="Noch nicht freigegeben.")

    visitor, first, second = Client(), Client(), Client()
    first.force_login(anna)
    second.force_login(bernd)
    visitor.get(BLOG)
    assert cache_state(visitor.get(BLOG)) == "hit"

    for client in (first, second):
        page = client.get(BLOG)
        assert cache_state(page) is None, "a signed-in person got the anonymous copy"
        assert 'href="/de/konto/"' in text(page) and 'href="/de/konto/login/"' not in text(page)
    assert "Anna Apfel" in text(first.get(idea.get_absolute_url()))  # her own comment, awaiting moderation
    assert "Anna Apfel" not in text(second.get(idea.get_absolute_url()))

    page = visitor.get(BLOG)
    assert cache_state(page) == "hit"
    assert 'href="/de/konto/login/"' in text(page) and 'href="/de/konto/"' not in text(page)
    for url in (BLOG, idea.get_absolute_url()):
        assert "Anna Apfel" not in text(visitor.get(url)) and "Bernd Birne" not in text(visitor.get(url))


# --- image renditions in lists ------------------------------------------------------------------------------


def add_posts_with_images(blog, start, count):
    for number in range(start, start + count):
        buffer = io.BytesIO()
        Image.new("RGB", (96, 54), (11, 79, 138 - number)).save(buffer, format="JPEG")
        image = CustomImage.objects.create(title=f"Bild {number}", alt_text=f"Bild Nummer {number}",
                                           file=ImageFile(buffer, name=f"bild-{number}.jpg"))
        generate_post_renditions(image.pk)  # as the worker does after publishing (blog/apps.py)
        blog.add_child(instance=BlogPage(
            title=f"Bildbeitrag {number}", slug=f"bildbeitrag-{number}", teaser="Mit Bild.", hero_image=image,
            date=datetime.date(2031, 1, 1) + datetime.timedelta(days=number), body=[("paragraph", "<p>Text.</p>")]))


def test_lists_with_images_fetch_their_renditions_in_one_go(client, demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count the page's own queries
    blog = BlogIndexPage.objects.get(locale__language_code="de")
    BlogPage.objects.filter(locale__language_code="de").delete()
    pages = {  # every list that shows a post's image, with how many images it shows of `total` posts
        BLOG: lambda html, total: html.count('class="post-card__image"') == min(total, 10),
        HOME: lambda html, total: html.count('class="post-card__image"') == min(total, 3),
        "/api/v2/pages/?type=blog.BlogPage&locale=de&fields=hero_image_url":
            lambda html, total: html.count('"url": "/media/images/bild-') == min(total, 20),
    }

    def queries(total):
        counts = {}
        for url, shows in pages.items():
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                html = text(client.get(url))
            assert shows(html, total), url
            counts[url] = len(captured)
        return counts

    add_posts_with_images(blog, 0, 5)
    few = queries(5)
    add_posts_with_images(blog, 5, 25)
    assert queries(30) == few
