"""Every absolute link points at the site's public address (BASE_URL), whatever host or port a request or a
worker has (issue 21, point 11): with `PORT=8100 make run`, links in mails said 127.0.0.1:8000 and the guest's
confirm link failed."""

import io
import json
import re
import zipfile

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.core import mail
from django.utils import timezone

from blog.models import BlogPage
from core import links
from core.opendata import write_zip
from core.registry import export_datasets
from participation.ideas.models import Idea, ParticipationProcessPage
from participation.ideas.notifications import send_idea_mail
from participation.paper.printing import print_sheet
from tests.volunteering.conftest import volunteers
from volunteering.models import Shift, Signup, VolunteerProfile

pytestmark = pytest.mark.django_db

BASE = "http://beteiligung.example:8123"
HOST = "beteiligung.example:8123"
# Names of vocabularies and XML namespaces in feeds, sitemaps and DCAT: never links to a site.
VOCABULARY = {"www.w3.org", "purl.org", "xmlns.com", "schema.org", "www.sitemaps.org", "www.google.com",
              "dcat-ap.de", "publications.europa.eu", "www.iana.org", "data.europa.eu", "www.opengis.net"}


def hosts(text):
    return set(re.findall(r"https?://([^/\s\"'<>?#\\]+)", text)) - VOCABULARY


def assert_points_home(text, what):
    found = hosts(text)
    assert found == {HOST}, f"{what} links to {sorted(found - {HOST}) or 'nothing of ours'}"


@pytest.fixture
def elsewhere(settings, demo_site):
    """The site served at another address than the default (as `PORT=8123 make run` would)."""
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert links.sync_default_site()


def test_idea_mails_link_to_the_public_address(elsewhere):
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    idea = Idea.objects.filter(process=process).first()
    Idea.objects.filter(pk=idea.pk).update(author=None, contact_email="gast@example.org", notify=True,
                                           official_answer="Wir prüfen das.")
    idea.refresh_from_db()
    for kind in ("confirm", "received", "status", "answer"):
        mail.outbox.clear()
        assert send_idea_mail(idea, kind)
        assert_points_home(mail.outbox[0].body, f"the {kind} mail")


def test_feeds_api_sitemap_and_page_heads_link_to_the_public_address(elsewhere, client):
    post = BlogPage.objects.live().filter(locale__language_code="de").first()
    blog = post.get_parent()
    # The request's own host must not leak into links: a worker or a proxy may use another one.
    for path in (blog.url + "feed/rss/", blog.url + "feed/atom/", "/robots.txt", "/sitemap.xml", "/sitemap-de.xml",
                 "/api/v2/pages/?type=blog.BlogPage&fields=title", post.url):
        response = client.get(path, HTTP_HOST="127.0.0.1:8000")
        assert response.status_code == 200, path
        assert_points_home(response.content.decode(), path)
    head = client.get(post.url, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert f'hreflang="en" href="{BASE}/en/' in head  # the alternates name the public address


def test_paper_forms_print_the_public_address(elsewhere):
    process = ParticipationProcessPage.objects.get(slug="ideen-digitale-beteiligung", locale__language_code="de")
    pdf, _version, _refused = print_sheet(process, serial="000042")
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    codes = "\n".join(code.text for page in document
                      for code in zxingcpp.read_barcodes(page.render(scale=200 / 72).to_pil()))
    assert_points_home(text, "the printed form")
    assert_points_home(codes, "the QR codes")


def test_calendars_and_open_data_name_the_public_address(elsewhere, client):
    person = volunteers(1, prefix="adresse")[0]
    VolunteerProfile.objects.create(user=person, calendar_token="kalender-" + "y" * 36)
    shift = Shift.objects.filter(starts_at__gt=timezone.now()).first()
    Signup.objects.create(shift=shift, volunteer=person, status=Signup.Status.CONFIRMED)
    feed = client.get(f"/de/engagement/kalender/{'kalender-' + 'y' * 36}.ics", HTTP_HOST="127.0.0.1:8000")
    assert_points_home(feed.content.decode(), "the calendar feed")

    buffer = io.BytesIO()
    write_zip(buffer, export_datasets["ideas"], {})
    with zipfile.ZipFile(buffer) as archive:
        assert_points_home(json.dumps(json.loads(archive.read("metadata.jsonld"))), "the DCAT metadata")
