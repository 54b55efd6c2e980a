"""Embeds from other services: the iframe address is derived on the server, and nothing loads before consent."""

import re

import pytest
from wagtail.blocks import StructBlockValidationError

from core.blocks import ExternalMediaBlock

NOCOOKIE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


def embed(url, provider="youtube", title="Video: So funktioniert der Bürgerhaushalt", transcript=""):
    return ExternalMediaBlock().to_python(
        {"url": url, "title": title, "provider": provider, "transcript": transcript}
    )


@pytest.mark.parametrize("url", [
    "https://youtu.be/dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
    "https://www.youtube.com/embed/dQw4w9WgXcQ",
])
def test_youtube_addresses_become_the_privacy_enhanced_player(url):
    assert ExternalMediaBlock().embed_url(embed(url)) == NOCOOKIE


@pytest.mark.parametrize("url", ["https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"])
def test_vimeo_addresses_become_the_player(url):
    src = ExternalMediaBlock().embed_url(embed(url, provider="vimeo"))
    assert src.startswith("https://player.vimeo.com/video/76979871?")
    assert "dnt=1" in src


def test_openstreetmap_embed_addresses_stay_as_given_and_others_are_only_linked():
    block = ExternalMediaBlock()
    map_url = "https://www.openstreetmap.org/export/embed.html?bbox=10.66,53.85,10.71,53.88&layer=mapnik"
    assert block.embed_url(embed(map_url, provider="openstreetmap")) == map_url
    assert block.embed_url(embed("https://www.openstreetmap.org/#map=15/53.8655/10.6866",
                                 provider="openstreetmap")) == ""
    assert block.embed_url(embed("https://www.instagram.com/p/abc/", provider="other")) == ""


@pytest.mark.parametrize("url, provider", [
    ("https://www.youtube.com/channel/UC123", "youtube"),
    ("https://example.org/watch?v=dQw4w9WgXcQ", "youtube"),
    ("https://vimeo.com/channels/staffpicks", "vimeo"),
])
def test_a_video_address_the_block_cannot_read_is_refused(url, provider):
    with pytest.raises(StructBlockValidationError) as error:
        ExternalMediaBlock().clean(embed(url, provider=provider))
    assert "url" in error.value.block_errors


def test_a_readable_video_address_is_accepted():
    value = ExternalMediaBlock().clean(embed("https://youtu.be/dQw4w9WgXcQ"))
    assert value["url"] == "https://youtu.be/dQw4w9WgXcQ"


def test_the_iframe_waits_inside_a_template_until_the_visitor_agrees():
    value = embed("https://youtu.be/dQw4w9WgXcQ", transcript="<p>Sprecherin: Willkommen</p>")
    html = ExternalMediaBlock().render(value)
    outside = re.sub(r"<template\b.*?</template>", "", html, flags=re.DOTALL)
    assert "<iframe" not in outside
    assert "src=\"https://www.youtube-nocookie" not in outside
    template = re.search(r"<template\b.*?</template>", html, flags=re.DOTALL).group(0)
    assert f'src="{NOCOOKIE}"' in template
    assert 'title="Video: So funktioniert der Bürgerhaushalt"' in template
    assert 'loading="lazy"' in template and "allowfullscreen" in template
    assert 'referrerpolicy="strict-origin-when-cross-origin"' in template
    assert '<button type="button"' in outside
    assert 'href="https://youtu.be/dQw4w9WgXcQ"' in outside and "youtu.be" in outside
    assert "<details" in outside and "Sprecherin: Willkommen" in outside
    assert "consent-embed.js" in outside and "defer" in outside
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, "no inline script"


def test_content_that_cannot_be_embedded_is_only_linked():
    html = ExternalMediaBlock().render(embed("https://www.instagram.com/p/abc/", provider="other",
                                             title="Beitrag: Aktionstag"))
    assert "<iframe" not in html and "<template" not in html and "<button" not in html
    assert 'href="https://www.instagram.com/p/abc/"' in html and "www.instagram.com" in html


@pytest.fixture
def embed_page(demo_site):
    from wagtail.models import Page

    from core.models import StandardPage

    home = Page.objects.get(slug="ueber-mitgestalten", locale__language_code="de").get_parent()
    page = StandardPage(title="Video zum Bürgerhaushalt", slug="video-buergerhaushalt")
    page.body = [
        ("paragraph", "<p>Im Video erklärt das Smart City Team den Bürgerhaushalt.</p>"),
        ("embed", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                   "title": "Video: So funktioniert der Bürgerhaushalt", "provider": "youtube",
                   "transcript": "<p>Sprecherin: Willkommen beim Bürgerhaushalt.</p>"}),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_the_page_renders_the_placeholder_and_no_iframe(client, embed_page):
    html = client.get("/de/video-buergerhaushalt/").content.decode()
    outside = re.sub(r"<template\b.*?</template>", "", html, flags=re.DOTALL)
    assert "<iframe" not in outside
    assert f'src="{NOCOOKIE}"' in html
    assert "Video: So funktioniert der Bürgerhaushalt" in outside


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_embed_loads_only_after_the_visitor_presses_the_button(browser_page, embed_page):
    page = browser_page
    page.route("**/*youtube-nocookie.com/**", lambda route: route.fulfill(
        status=200, body="<html><body>video</body></html>", content_type="text/html"))
    page.goto("/de/video-buergerhaushalt/")
    page.assert_accessible()  # also: nothing went to another host
    assert page.locator("iframe").count() == 0
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the placeholder makes the page scroll sideways at 320 px by {overflow} px"
    page.set_viewport_size({"width": 1280, "height": 900})

    button = page.locator("[data-consent-embed-load]")
    button.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "keyboard focus on the button must be visible"
    with page.expect_request(lambda request: request.url.startswith(NOCOOKIE)):  # not before the request is out
        page.keyboard.press("Enter")

    frame = page.locator(".block-embed iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == NOCOOKIE
    assert frame.get_attribute("title") == "Video: So funktioniert der Bürgerhaushalt"
    assert page.evaluate("document.activeElement.tagName") == "IFRAME", "focus moves to the loaded content"
    assert "Video: So funktioniert der Bürgerhaushalt" in page.locator("[data-consent-embed-status]").inner_text()
    assert page.locator("[data-consent-embed-load]").count() == 0
    # After consent, and only then, the browser contacts the service (intercepted above: no real traffic).
    assert page.foreign_requests() and all(url.startswith(NOCOOKIE) for url in page.foreign_requests())
    assert page.axe_violations() == []
