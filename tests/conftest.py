"""Shared fixtures: demo content, and a real headless Chromium with an axe-core check."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run in
# such a thread unless told that this is deliberate (it is: tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def demo_site(db):
    """The Lübeck demo content, as `make run` loads it (loaded once per run, see django_db_setup)."""


@pytest.fixture
def block_page(demo_site):
    """A page that uses every shared block, as an editor would build it."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Page

    from core.models import StandardPage

    document = Document(title="Digitale Strategie (PDF)")
    document.file.save("digitale-strategie.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    about = Page.objects.get(slug="ueber-mitgestalten", locale__language_code="de")
    home = about.get_parent()
    page = StandardPage(title="Alle Bausteine", slug="alle-bausteine")
    page.body = [
        ("heading", {"text": "Zahlen und Fakten", "level": "h2"}),
        ("table", {
            "data": [["Projekt", "Förderquote"], ["ROADS", "90 %"], ["Digitales Kulturwerk", "90 %"]],
            "first_row_is_table_header": True, "first_col_is_header": False,
            "table_caption": "Geförderte Maßnahmen",
        }),
        ("accordion", {"title": "Häufige Fragen", "items": [
            {"question": "Wer kann mitmachen?", "answer": "<p>Alle Menschen in der Region Lübeck.</p>"},
        ]}),
        ("call_to_action", {"title": "Jetzt mitmachen", "text": "Bringen Sie Ihre Idee ein.",
                            "page": about, "url": "", "button_label": "Mehr erfahren"}),
        ("documents", {"title": "Downloads", "documents": [{"document": document, "label": ""}]}),
        ("contact", {"name": "Smart City Team", "role": "Hansestadt Lübeck", "email": "smartcity@luebeck.example",
                     "phone": "0451 122 0", "address": "Breite Straße 62\n23552 Lübeck"}),
        ("notice", {"kind": "warning", "title": "Frist", "text": "<p>Beteiligung bis 31. Dezember.</p>"}),
        ("quote", {"text": "Alle sollen mitgestalten können.", "attribution": "Smart City Team"}),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    yield browser
    browser.close()


class BrowserPage:
    """A Playwright page that records every request and can run axe-core."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.requests = []
        page.on("request", lambda request: self.requests.append(request.url))

    def __getattr__(self, name):
        return getattr(self.page, name)

    def goto(self, path):
        return self.page.goto(self.base_url + path)

    def foreign_requests(self):
        """Requests to any host other than the site itself (data: URLs are local)."""
        return [
            url for url in self.requests
            if not url.startswith(self.base_url) and not url.startswith(("data:", "blob:", "about:"))
        ]

    def axe_violations(self):
        if not AXE_JS.exists():
            raise RuntimeError(f"{AXE_JS} is missing: run `make install` (npm ci installs axe-core)")
        self.page.evaluate(AXE_JS.read_text())
        result = self.page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
            AXE_TAGS,
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result
        ]

    def assert_accessible(self):
        """Zero axe violations, one main, one h1, lang set, a skip link that leads to main."""
        violations = self.axe_violations()
        assert violations == [], f"axe found problems on {self.page.url}:\n" + "\n".join(violations)
        assert self.page.locator("main").count() == 1, "a page needs exactly one main landmark"
        assert self.page.locator("h1").count() == 1, "a page needs exactly one h1"
        assert self.page.get_attribute("html", "lang"), "the html element needs a lang attribute"
        skip = self.page.locator("a.skip-link")
        assert skip.count() == 1
        target = skip.get_attribute("href")
        assert self.page.locator(target).count() == 1, "the skip link must lead to an existing element"
        assert self.foreign_requests() == [], f"requests to other hosts: {self.foreign_requests()}"


@pytest.fixture
def browser_page(chromium, live_server):
    context = chromium.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield BrowserPage(page, live_server.url)
    context.close()


@pytest.fixture(scope="session")
def _database_snapshots():
    """Transactional tests start from a snapshot of the database, not Django's JSON (tests/db_snapshot.py)."""
    import time

    from tests import db_snapshot

    with pytest.MonkeyPatch.context() as monkeypatch:
        db_snapshot.install(monkeypatch)
        db_snapshot.TIMES["setup_began"] = time.perf_counter()
        yield


@pytest.fixture(scope="session")
def _migrated_template(request, django_db_blocker, django_db_modify_db_settings):
    """The test database from the migrated copy an earlier run kept, if it still fits (tests/db_template.py):
    (template, whether it was used, the database's own name), or None with --reuse-db. After pytest-django has
    given each pytest-xdist worker's database its own name."""
    if request.config.getvalue("reuse_db") and not request.config.getvalue("create_db"):
        return None
    import time

    from django.db import connections

    from tests import db_snapshot
    from tests.db_template import Template

    began = time.perf_counter()
    with django_db_blocker.unblock():
        template = Template()
        used = template.supported and template.restore()
    if used:
        db_snapshot.TIMES["template"] = f"made from the kept migrated copy in {time.perf_counter() - began:.1f} s"
    return template, used, connections["default"].settings_dict["NAME"]


@pytest.fixture(scope="session")
def django_db_createdb(request, _migrated_template):
    """pytest-django creates the test database unless it came from the migrated copy."""
    return request.config.getvalue("create_db") and not (_migrated_template and _migrated_template[1])


@pytest.fixture(scope="session")
def django_db_keepdb(request, _migrated_template):
    """A test database made from the migrated copy is migrated in place (nothing to apply)."""
    return request.config.getvalue("reuse_db") or bool(_migrated_template and _migrated_template[1])


@pytest.fixture(scope="session")
def django_db_setup(_playwright, _migrated_template, _database_snapshots, django_db_setup, django_db_blocker):
    """The test database, with the demo content loaded once for the whole run.

    Playwright starts first: its sync API switches the test thread into a new context, in
    which Django hands out new database connections; the snapshot that `serialized_rollback`
    restores hangs on the connection made at setup. The snapshot is taken after the demo
    content is loaded, so transactional tests get it back after each flush.
    """
    import shutil
    import time
    import warnings

    from django.conf import settings
    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.db import connections

    from tests import db_snapshot

    began = time.perf_counter()
    db_snapshot.TIMES["migrate"] = began - db_snapshot.TIMES["setup_began"]

    # The test media and private folders are scratch space of one run: files an earlier run (or older code)
    # left there must not stand in for what this run writes (tests/security/test_private_files.py).
    for folder in (settings.MEDIA_ROOT, storages["private"].location):
        shutil.rmtree(folder, ignore_errors=True)
    with django_db_blocker.unblock():
        if _migrated_template:
            template, used, _name = _migrated_template
            if template.supported and not used:
                template.keep()
                db_snapshot.TIMES["template"] = f"a copy kept for the next run in {time.perf_counter() - began:.1f} s"
                began = time.perf_counter()
        call_command("load_demo_content", activity=False, stdout=open(os.devnull, "w"))  # noqa: SIM115
        db_snapshot.TIMES["demo"] = time.perf_counter() - began
        for connection in connections.all(initialized_only=True):
            if hasattr(connection, "_test_serialized_contents"):
                db_snapshot.take(connection.alias)
    yield
    if _migrated_template and _migrated_template[1]:  # pytest-django kept it: made from the copy, it goes now
        with django_db_blocker.unblock():
            try:
                connections["default"].creation.destroy_test_db(_migrated_template[2], verbosity=0)
            except Exception as error:  # noqa: BLE001 - as pytest-django's own teardown: a warning, not a failure
                warnings.warn(f"could not remove the test database: {error!r}", stacklevel=1)


WORKER_LINES = pytest.StashKey[list]()  # with pytest-xdist: each worker's database line


def pytest_sessionfinish(session):
    """A pytest-xdist worker hands its database line to the main process."""
    if hasattr(session.config, "workeroutput"):
        from tests import db_snapshot

        session.config.workeroutput["database"] = db_snapshot.summary()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    if line := getattr(node, "workeroutput", {}).get("database"):
        node.config.stash.setdefault(WORKER_LINES, []).append(f"{node.gateway.id}: {line}")


def pytest_terminal_summary(terminalreporter):
    from tests import db_snapshot

    for line in [db_snapshot.summary(), *sorted(terminalreporter.config.stash.get(WORKER_LINES, []))]:
        if line:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (Redis keeps entries between tests and runs)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: a request to /en/ in an earlier test leaves
    English active in the thread, and code outside requests (tasks, matching) would follow it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
