"""The Digitalblog and project pages as readers see them."""

import pytest
from django.core.exceptions import ValidationError

from blog.models import BlogIndexPage, BlogPage
from core.models import CustomImage

pytestmark = pytest.mark.django_db


def test_archives_list_the_right_posts(client, demo_site):
    posts = BlogPage.objects.live().filter(locale__language_code="de")
    mobility = [p.title for p in posts if p.categories.filter(slug="mobilitaet").exists()]
    html = client.get("/de/digitalblog/kategorie/mobilitaet/").content.decode()
    assert all(title in html for title in mobility)
    assert not any(p.title in html for p in posts if p.title not in mobility)

    html = client.get("/de/digitalblog/schlagwort/roads/").content.decode()
    assert "ROADS: Baustellen früher und gemeinsam koordinieren" in html

    year = posts.order_by("date").first().date.year
    html = client.get(f"/de/digitalblog/{year}/").content.decode()
    assert all(p.title in html for p in posts if p.date.year == year)

    author = posts.first().authors.first()
    assert author.name in client.get(f"/de/digitalblog/autorin/{author.slug}/").content.decode()
    assert client.get("/de/digitalblog/kategorie/gibt-es-nicht/").status_code == 404


def test_blog_index_paginates_and_rejects_pages_beyond_the_end(client, demo_site):
    blog = BlogIndexPage.objects.get(locale__language_code="de")
    for number in range(12):
        blog.add_child(instance=BlogPage(title=f"Notiz {number}", slug=f"notiz-{number}", teaser="…", live=True,
                                         body=[("paragraph", "<p>Kurz.</p>")]))
    first = client.get("/de/digitalblog/").content.decode()
    assert "Seite 1 von 3" in first and 'rel="next" href="?page=2"' in first
    assert client.get("/de/digitalblog/?page=3").status_code == 200
    assert client.get("/de/digitalblog/?page=9").status_code == 404


def test_post_shows_authors_reading_time_categories_and_related_projects(client, demo_site):
    html = client.get("/de/digitalblog/roads-baustellen-frueh-gemeinsam-koordinieren/").content.decode()
    assert "Lesezeit" in html
    assert 'href="/de/digitalblog/kategorie/mobilitaet/"' in html
    assert 'href="/de/projekte/baustellenmanagement-roads/"' in html
    assert '"@type": "Article"' in html
    assert '<link rel="alternate" hreflang="en"' in html


def test_project_page_shows_funding_goals_milestones_and_posts(client, demo_site):
    html = client.get("/de/projekte/baustellenmanagement-roads/").content.decode()
    assert "90 % Förderquote" in html
    assert "Ziele" in html and "Meilensteine" in html
    assert "ROADS: Baustellen früher und gemeinsam koordinieren" in html


def test_hero_image_without_alternative_text_is_refused(demo_site):
    image = CustomImage.objects.first()
    image.alt_text = ""
    image.save()
    post = BlogPage.objects.filter(locale__language_code="de").first()
    post.hero_image = image
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "hero_image" in error.value.message_dict


def test_anonymous_pages_come_from_the_cache_until_something_is_published(client, demo_site,
                                                                         django_capture_on_commit_callbacks):
    assert client.get("/de/digitalblog/")["X-Page-Cache"] == "miss"
    assert client.get("/de/digitalblog/")["X-Page-Cache"] == "hit"

    post = BlogPage.objects.filter(locale__language_code="de").first()
    post.title = "Neuer Titel nach der Veröffentlichung"
    with django_capture_on_commit_callbacks(execute=True):  # the cache follows what is committed
        post.save_revision().publish(skip_permission_checks=True)  # as seed content: four eyes has its own tests
    response = client.get("/de/digitalblog/")
    assert response["X-Page-Cache"] == "miss"
    assert "Neuer Titel nach der Veröffentlichung" in response.content.decode()


def test_signed_in_people_and_forms_are_never_cached(client, demo_site, django_user_model):
    assert "X-Page-Cache" not in client.get("/de/konto/signup/")  # a form with a CSRF token
    user = django_user_model.objects.create_user("leser@example.org", "Ein-Langes-Passwort-1")
    client.force_login(user)
    client.get("/de/digitalblog/")
    assert "X-Page-Cache" not in client.get("/de/digitalblog/")
