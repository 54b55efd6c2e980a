"""Security headers and cookies: a Content-Security-Policy with a fresh nonce and no outside host on every
public page, a separate looser policy for the Wagtail admin, and in Chromium: nothing blocked, nothing
fetched from another host, no cookie but session and CSRF before the visitor chooses one."""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import path

from core.blocks import ExternalMediaBlock

ROOT = Path(__file__).resolve().parents[2]
HOME = "/de/"
NOT_FOUND = "/de/diese-seite-gibt-es-nicht/"
ADMIN_LOGIN = "/admin/login/"
PROCESS = "/de/ideen-digitale-beteiligung/"
SURVEY = "/de/umfrage-mobilitaet/"
OWN_SOURCES = {"'self'", "'none'", "data:", "blob:", "'unsafe-inline'"}


def broken_view(request):
    raise RuntimeError("the database went away")


# Used by test_a_server_error_page_carries_the_headers_too (pytest.mark.urls): the site's URLs plus one that fails.
urlpatterns = [path("kaputt/", broken_view)]
handler500 = "core.views.server_error"


def directives(response):
    header = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";"))}


def nonce_of(response):
    (source,) = [s for s in directives(response)["script-src"] if s.startswith("'nonce-")]
    return source[len("'nonce-"):-1]


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    policy = directives(response)
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


@pytest.mark.parametrize(("address", "status"), [(HOME, 200), (NOT_FOUND, 404), (PROCESS + "idee/neu/", 200)])
def test_public_and_error_pages_get_the_strict_policy(client, demo_site, address, status):
    response = client.get(address)
    assert response.status_code == status
    assert_common_headers(response)
    policy = directives(response)
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce_of(response)}'"]  # no 'unsafe-inline', no eval
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.urls(__name__)
def test_a_server_error_page_carries_the_headers_too(client, db):
    client.raise_request_exception = False
    response = client.get("/kaputt/")
    assert response.status_code == 500
    assert_common_headers(response)
    assert "'unsafe-inline'" not in directives(response)["script-src"]


def test_only_with_debug_on_django_error_pages_keep_their_inline_styles(client, db, settings):
    settings.DEBUG = True
    debug_page = client.get(NOT_FOUND)
    assert debug_page.status_code == 404
    assert "Content-Security-Policy" not in debug_page
    assert "Content-Security-Policy" in client.get(ADMIN_LOGIN)


def test_the_admin_gets_its_own_policy_with_inline_code_but_no_outside_host(client, db):
    client.force_login(get_user_model().objects.create_superuser("policy@luebeck.example", "Sicher-und-lang-2026"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_common_headers(response)
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]  # Wagtail's own inline scripts
    assert policy["frame-ancestors"] == ["'self'"]  # the live preview frames the admin itself
    hosts = {s for sources in policy.values() for s in sources if s not in OWN_SOURCES}
    assert hosts == {*settings.CSP_EMBED_HOSTS, "https://tile.openstreetmap.org"}


def test_the_public_policy_names_no_host_but_the_map_tiles_and_the_embeds_after_consent(client, demo_site):
    policy = directives(client.get(HOME))
    elsewhere = {name: [s for s in sources if s not in OWN_SOURCES and not s.startswith("'nonce-")]
                 for name, sources in policy.items()}
    assert {name: sources for name, sources in elsewhere.items() if sources} == {
        "img-src": ["https://tile.openstreetmap.org"],  # MAP_TILE_URL's host, loaded after "Show map"
        "frame-src": settings.CSP_EMBED_HOSTS,  # videos and maps, loaded after "Load content"
    }


@pytest.mark.parametrize(("tiles", "allowed"), [
    ("https://{s}.karten.luebeck.example/{z}/{x}/{y}.png", ["'self'", "data:", "https://*.karten.luebeck.example"]),
    ("/karten/{z}/{x}/{y}.png", ["'self'", "data:"]),  # tiles from the site itself: no host to allow
    ("", ["'self'", "data:"]),
])
def test_the_map_tile_host_is_allowed_exactly_when_one_is_configured(client, db, settings, tiles, allowed):
    settings.MAP_TILE_URL = tiles
    assert directives(client.get(NOT_FOUND))["img-src"] == allowed


@pytest.mark.parametrize("address", [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://vimeo.com/123456789",
    "https://www.openstreetmap.org/export/embed.html?bbox=10.66,53.85,10.71,53.88&layer=mapnik",
])
def test_every_service_the_embed_block_can_show_may_be_framed(address):
    provider = "youtube" if "youtube" in address else "vimeo" if "vimeo" in address else "openstreetmap"
    src = ExternalMediaBlock().embed_url({"provider": provider, "url": address})
    origin = re.match(r"https://[^/]+", src).group(0)
    assert origin in settings.CONTENT_SECURITY_POLICY["frame-src"]


def test_every_request_gets_its_own_nonce_also_from_the_page_cache(client, demo_site):
    first, second = client.get(HOME), client.get(HOME)
    assert second["X-Page-Cache"] == "hit"  # the second answer comes from the cache ...
    assert nonce_of(first) != nonce_of(second)  # ... with a nonce of its own
    for response in (first, second):
        scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
        inline = [tag for tag in scripts if "src=" not in tag]
        assert inline, "the home page has its JSON-LD block"
        assert all(f'nonce="{nonce_of(response)}"' in tag for tag in inline), inline


def test_every_inline_script_in_our_templates_carries_the_nonce():
    folders = [ROOT / "site", ROOT / "blog", ROOT / "participation", ROOT / "volunteering", ROOT / "accessibility"]
    missing = []
    for folder in folders:
        for template in folder.rglob("templates/**/*.html"):
            if "/print/" in str(template):  # rendered to PDF by WeasyPrint, never shown by a browser
                continue
            for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
                if "src=" not in tag and "request.csp_nonce" not in tag:
                    missing.append(f"{template.relative_to(ROOT)}: {tag}")
    assert missing == []


def test_the_display_cookie_is_out_of_reach_of_scripts_and_other_sites(client, db):
    response = client.post("/de/darstellung/", {"modes": ["large"]})
    assert response.status_code == 302
    cookie = response.cookies["display"]
    assert cookie.value == "large"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


# --- In Chromium -------------------------------------------------------------------------------------------

def _watch_policy(browser_page):
    """Every CSP violation the browser reports, from the console and from securitypolicyviolation events."""
    violations = []
    browser_page.page.context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    browser_page.page.on("console", lambda message: (
        violations.append(f"{browser_page.page.url}: {message.text}")
        if "Refused to" in message.text or "CSP violation" in message.text or "Content Security Policy" in message.text
        else None
    ))
    return violations


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf00"
    "00000301010018dd8db00000000049454e44ae426082"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_site_runs_under_its_policy_without_other_hosts_or_cookies_before_consent(browser_page):
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    page = browser_page
    violations = _watch_policy(page)
    tiles = []

    def fake_tile(route):  # the browser asks the tile host; the test answers instead of the internet
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=_PNG)

    page.page.route("**/tile.openstreetmap.org/**", fake_tile)

    for address in (HOME, SURVEY, PROCESS, ADMIN_LOGIN):
        page.goto(address)
        page.wait_for_load_state("networkidle")
    page.goto(SURVEY)
    page.get_by_role("button", name="Umfrage starten").click()
    page.wait_for_load_state("networkidle")
    page.goto(PROCESS + "idee/neu/")
    page.wait_for_load_state("networkidle")
    assert page.foreign_requests() == []
    names = {cookie["name"] for cookie in page.page.context.cookies()}
    assert names <= {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} and names, names

    # The map after consent: Leaflet (our own copy) runs, the tiles come from exactly the configured host.
    page.get_by_role("button", name="Karte anzeigen").click()
    page.locator(".leaflet-tile-loaded").first.wait_for()  # not wait_for_function: CSP forbids its eval
    assert tiles
    assert {re.match(r"https?://[^/]+", url).group(0) for url in page.foreign_requests()} == {
        "https://tile.openstreetmap.org"}

    # The display cookie appears only once the visitor saves a preference.
    page.goto("/en/darstellung/")
    page.get_by_label("Larger text").check()
    with page.page.expect_navigation():
        page.get_by_role("button", name="Save display settings").click()
    cookies = {cookie["name"]: cookie for cookie in page.page.context.cookies()}
    assert "display" in cookies
    assert cookies["display"]["httpOnly"] and cookies["display"]["sameSite"] == "Lax"

    # The admin: log in and open the page editor, where Wagtail's scripts and styles must still run.
    # (/admin/login/ hands over to the site's own sign-in, docs/staff.md "Staff sign-in".)
    admin = get_user_model().objects.create_superuser("redaktion@luebeck.example", "Sicher-und-lang-2026")
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    page.goto(ADMIN_LOGIN)
    page.locator("input[name=login]").fill("redaktion@luebeck.example")
    page.locator("input[name=password]").fill("Sicher-und-lang-2026")
    with page.page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    home = Page.objects.get(depth=2, locale__language_code="de")
    page.goto(f"/admin/pages/{home.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("#page-edit-form").count() == 1
    page.locator("[role=tab][aria-selected=true]").first.wait_for()  # Wagtail's tab script has run
    session = {c["name"]: c for c in page.page.context.cookies()}[settings.SESSION_COOKIE_NAME]
    assert session["httpOnly"] and session["sameSite"] == "Lax"
    page.goto(HOME)  # the public site with Wagtail's user bar for editors
    page.locator("wagtail-userbar #wagtail-userbar-trigger").wait_for()  # its script has built the bar
    page.wait_for_load_state("networkidle")

    assert violations == []
