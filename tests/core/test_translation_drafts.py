"""A new translation stays a draft until a person publishes it (issue 21, point 3): "Translate this page",
"Translate this page and its subpages" and "Sync translated pages" never put German text live under another
language, and the placeholders wagtail-localize makes for untranslated parent pages stay offline too."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from blog.models import BlogIndexPage, BlogPage
from core.localize_content import translate_page

pytestmark = pytest.mark.django_db

UNTRANSLATED = "digitales-kulturwerk-welterbe-in-3d"  # a demo post, its English version removed by german_post()


def locale(code):
    return Locale.objects.get(language_code=code)


def german_post(slug=UNTRANSLATED):
    post = BlogPage.objects.get(slug=slug, locale__language_code="de")
    if slug == UNTRANSLATED:  # the demo translates every post (issue 24, point 11): German-only as a new post is
        BlogPage.objects.get(translation_key=post.translation_key, locale__language_code="en").delete()
    return post


def submit(admin_client, page, codes, subtree=False):
    data = {"locales": [locale(code).pk for code in codes]}
    if subtree:
        data["include_subtree"] = "on"
    response = admin_client.post(reverse("wagtail_localize:submit_page_translation", args=[page.pk]), data)
    errors = re.findall(r'class="error-message"[^<]*', response.content.decode())
    assert response.status_code == 302, errors
    return response


def test_translate_this_page_makes_a_draft_that_readers_do_not_see(admin_client, client, demo_site,
                                                                   django_capture_on_commit_callbacks):
    post = german_post()
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes after the commit
        submit(admin_client, post, ["en"])

    english = post.get_translation(locale("en"))
    assert not english.live and english.has_unpublished_changes
    listing = client.get("/en/digitalblog/").content.decode()
    assert post.title not in listing and english.url_path.endswith(f"/{UNTRANSLATED}/")
    assert client.get(f"/en/digitalblog/{UNTRANSLATED}/").status_code == 404
    # The German original is untouched.
    assert client.get(f"/de/digitalblog/{UNTRANSLATED}/").status_code == 200

    # A person translates and publishes: now English readers find it.
    translated, _missing = translate_page(post, "en", {post.title: "Digital Kulturwerk: world heritage in 3D"},
                                          publish=False)
    assert not Page.objects.get(pk=translated.pk).live
    with django_capture_on_commit_callbacks(execute=True):  # as the approval step publishes (tests/blog)
        translated.get_latest_revision().publish(skip_permission_checks=True)
    assert "Digital Kulturwerk: world heritage in 3D" in client.get("/en/digitalblog/").content.decode()
    assert client.get(f"/en/digitalblog/{UNTRANSLATED}/").status_code == 200


def test_translating_a_page_with_its_subpages_publishes_none_of_them(admin_client, client, demo_site,
                                                                     django_capture_on_commit_callbacks):
    blog = BlogIndexPage.objects.get(locale__language_code="de")
    with django_capture_on_commit_callbacks(execute=True):
        submit(admin_client, blog, ["tr"], subtree=True)  # the subtree runs as a job after the commit

    turkish = Page.objects.filter(locale=locale("tr"), translation_key__in=[
        page.translation_key for page in blog.get_descendants(inclusive=True)])
    assert turkish.count() == blog.get_descendants(inclusive=True).count()
    assert not turkish.live().exists()
    assert client.get("/tr/digitalblog/").status_code == 404


def test_sync_translated_pages_leaves_the_changes_as_a_draft(admin_client, client, demo_site,
                                                             django_capture_on_commit_callbacks):
    """A German change reaches the translation as untranslated strings; "Publish immediately" is gone, and a
    form posted with it anyway publishes nothing."""
    post = german_post()
    english, _missing = translate_page(post, "en", {post.teaser: "The Digital Kulturwerk shows world heritage."})
    assert english.live
    post.teaser = "Neuer Anrisstext, noch nicht übersetzt."
    post.save_revision().publish(skip_permission_checks=True)  # as approved: four eyes has its own tests
    source = TranslationSource.objects.get_for_instance(post)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])

    form = admin_client.get(url).content.decode()
    assert "publish_translations" not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302

    source.refresh_from_db()
    assert "Neuer Anrisstext, noch nicht übersetzt." in {s.string.data for s in source.stringsegment_set.all()}
    html = client.get(english.url).content.decode()
    assert "Neuer Anrisstext" not in html
    assert Page.objects.get(pk=english.pk).specific.teaser != post.teaser


def test_untranslated_parent_pages_are_made_as_offline_placeholders(admin_client, client, demo_site,
                                                                     django_capture_on_commit_callbacks):
    """Translating one post into Turkish, whose blog page does not exist yet: wagtail-localize places it under an
    alias of the German blog page, which must not show the German blog under /tr/."""
    post = german_post()
    with django_capture_on_commit_callbacks(execute=True):
        submit(admin_client, post, ["tr"])

    turkish_blog = post.get_parent().get_translation(locale("tr"))
    assert turkish_blog.alias_of_id == post.get_parent().pk
    assert not turkish_blog.live
    assert client.get("/tr/digitalblog/").status_code == 404
    # Publishing the German blog again updates its aliases; the placeholder stays offline.
    post.get_parent().get_latest_revision().publish(skip_permission_checks=True)
    assert not Page.objects.get(pk=turkish_blog.pk).live
    assert client.get("/tr/digitalblog/").status_code == 404


def test_an_alias_in_the_same_language_stays_live(demo_site):
    """Aliases editors make on purpose (the same page in two places of one tree) are not placeholders."""
    post = german_post()
    other_parent = Page.objects.get(slug="projekte", locale__language_code="de")
    alias = post.create_alias(parent=other_parent, update_slug="kulturwerk-auch-hier")
    assert Page.objects.get(pk=alias.pk).live


def test_a_locale_synchronised_from_german_shows_no_german_page(client, demo_site):
    """Settings → Locales → "Synchronise content from German" fills the Ukrainian tree with aliases of every
    German page: placeholders for translators, none of them live."""
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(locale("de"), locale("uk"))
    placeholders = Page.objects.filter(locale=locale("uk"), alias_of__isnull=False)
    assert placeholders.filter(slug="digitalblog").exists()
    assert not placeholders.live().exists()
    assert client.get("/uk/digitalblog/").status_code == 404
    assert client.get("/uk/").status_code == 200  # translated by the demo content, still live
