"""The statement, Leichte Sprache and DGS pages as a visitor gets them, and the links every page carries."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format
from wagtail.models import Page

from accessibility.models import AccessibilityStatementPage, Barrier, SignLanguagePage, SignLanguageVideo
from core.models import FooterSettings

pytestmark = pytest.mark.django_db


def main(html):
    return html[html.index("<main"):html.index("</main>")]


def test_statement_has_every_section_the_model_statement_asks_for(client, demo_site):
    html = main(client.get("/en/barrierefreiheit/").content.decode())
    for section in ["statement-conformance", "statement-barriers", "statement-preparation", "statement-feedback",
                    "statement-enforcement"]:
        assert f'<h2 id="{section}"' in html
    assert 'data-conformance="partial"' in html
    assert "partially compliant with the requirements of BITV 2.0" in html
    # Barriers with their reason and the accessible alternative.
    assert html.count('class="statement__barrier"') == 3
    assert "Disproportionate burden" in html and "Not within the scope of the regulation" in html
    assert "type the place into the field" in html
    # Dates and method of the assessment.
    with translation.override("en"):
        dates = [date_format(datetime.date(2025, 10, 1)), date_format(datetime.date(2026, 10, 1))]
    assert all(date in html for date in dates)
    assert "self-assessment" in html
    # Feedback: the form (with this page prefilled) and the contact.
    assert 'href="/en/barriere-melden/?seite=/en/barrierefreiheit/"' in html
    assert 'href="mailto:barrierefreiheit@luebeck.example"' in html and 'href="tel:0451122-0"' in html
    # Enforcement: the Schleswig-Holstein complaints office, editable fields.
    assert "Schleswig-Holstein state commissioner for people with disabilities" in html
    assert "24105 Kiel" in html


def test_statement_names_the_third_party_and_validates_it(demo_site):
    page = AccessibilityStatementPage.objects.get(locale__language_code="de")
    page.assessment_method = AccessibilityStatementPage.Method.THIRD_PARTY
    page.assessed_by = ""
    with pytest.raises(Exception, match="assessed_by"):
        page.full_clean()
    page.reviewed_on = page.prepared_on - datetime.timedelta(days=1)
    page.assessed_by = "BIK – barrierefrei informieren und kommunizieren"
    with pytest.raises(Exception, match="reviewed_on"):
        page.full_clean()


def test_statement_without_barriers_says_so(client, demo_site):
    page = AccessibilityStatementPage.objects.get(locale__language_code="en")
    page.conformance = AccessibilityStatementPage.Conformance.FULL
    page.barriers = []
    page.save_revision().publish()
    html = main(client.get("/en/barrierefreiheit/").content.decode())
    assert "fully compliant" in html
    assert "We know of no content on this website that is not accessible." in html


@pytest.mark.parametrize("path", ["/de/leichte-sprache/", "/de/gebaerdensprache/"])
def test_easy_language_and_sign_language_pages_are_german(client, demo_site, path):
    html = client.get(path).content.decode()
    assert '<html lang="de"' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_easy_language_page_uses_the_large_reading_layout(client, demo_site):
    html = main(client.get("/de/leichte-sprache/").content.decode())
    assert 'class="page-article easy-language"' in html
    assert "Dann sagen Sie es uns bitte." in html


def test_sign_language_video_has_captions_a_text_version_and_a_download_with_size_and_duration(client, demo_site):
    video = SignLanguagePage.objects.get(locale__language_code="de").video
    assert video is not None, "the demo writes a short WebM with OpenCV"
    html = main(client.get("/en/gebaerdensprache/").content.decode())
    assert re.search(r'<track kind="captions" src="/media/dgs/captions/[^"]+\.vtt" srclang="de"', html)
    assert f'<source src="{video.video.url}" type="video/webm">' in html
    download = re.search(r'<a class="kern-link" href="([^"]+)" download>(.*?)</a>', html, re.DOTALL)
    assert download.group(1) == video.video.url
    text = " ".join(re.sub(r"<[^>]+>", "", download.group(2)).split())
    assert text == f"Download the video (WebM, {video.file_size / 1024:.1f} KB, length 0:02 minutes)"
    assert "The video as text" in html and "Willkommen bei Mitgestalten." in html


def test_sign_language_page_works_without_a_video(client, demo_site):
    page = SignLanguagePage.objects.get(locale__language_code="en")
    page.video = None
    page.full_clean()
    page.save_revision().publish()
    html = main(client.get("/en/gebaerdensprache/").content.decode())
    assert "<video" not in html
    assert "The video in German Sign Language will follow." in html


def test_video_upload_checks_the_bytes_and_requires_webvtt_captions(demo_site):
    video = SignLanguageVideo(
        title="Test", duration=datetime.timedelta(minutes=1, seconds=5), transcript="Text",
        video=SimpleUploadedFile("clip.webm", b"not a video at all"),
        captions=SimpleUploadedFile("clip.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nSRT, not WebVTT\n"),
    )
    with pytest.raises(Exception) as error:
        video.full_clean()
    assert set(error.value.message_dict) == {"video", "captions"}
    video.captions = None
    with pytest.raises(Exception) as error:
        video.full_clean()
    assert "captions" in error.value.message_dict


@pytest.mark.parametrize("path", ["/de/", "/en/", "/de/impressum/", "/de/barriere-melden/", "/de/darstellung/",
                                  "/de/gibt-es-nicht/"])
def test_every_page_links_easy_language_sign_language_display_and_the_barrier_form(client, demo_site, path):
    html = client.get(path).content.decode()
    header = html[html.index("<header"):html.index("</header>")]
    language = path.split("/")[1]
    assert f'href="/{language}/leichte-sprache/"' in header and "kern-icon--easy-language" in header
    assert f'href="/{language}/gebaerdensprache/"' in header and "kern-icon--sign-language" in header
    assert f'href="/{language}/darstellung/?next=' in header
    footer = html[html.index("<footer"):]
    assert f'href="/{language}/barriere-melden/?seite=' in footer
    assert f'href="/{language}/barrierefreiheit/"' in footer


def test_footer_links_the_statement_even_without_the_footer_setting_and_only_once(client, demo_site):
    footer_of = lambda: client.get("/en/").content.decode().split("<footer", 1)[1]  # noqa: E731
    assert footer_of().count('href="/en/barrierefreiheit/"') == 1
    settings = FooterSettings.objects.get()
    settings.accessibility_page = None
    settings.save()
    assert footer_of().count('href="/en/barrierefreiheit/">Accessibility statement</a>') == 1


def test_home_page_leads_to_easy_language_and_sign_language(client, demo_site):
    html = main(client.get("/de/").content.decode())
    assert 'href="/de/leichte-sprache/"' in html and 'href="/de/gebaerdensprache/"' in html


def test_header_and_footer_links_cost_the_same_queries_however_many_pages_exist(client, demo_site):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/de/impressum/").status_code == 200
        return len(captured)

    before = queries()
    home = Page.objects.get(slug="leichte-sprache", locale__language_code="de").get_parent()
    for number in range(5):
        page = SignLanguagePage(title=f"Gebärdensprache {number}", slug=f"dgs-{number}")
        home.add_child(instance=page)
        page.save_revision().publish()
    cache.clear()
    assert queries() == before


def test_statement_queries_do_not_grow_with_the_number_of_barriers(client, demo_site):
    page = AccessibilityStatementPage.objects.get(locale__language_code="en")

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/barrierefreiheit/").status_code == 200
        return len(captured)

    queries()
    few = queries()
    page.barriers = [Barrier(title=f"Barriere {number}", reason=Barrier.Reason.NON_COMPLIANCE) for number in range(20)]
    page.save_revision().publish()
    queries()
    assert queries() == few
