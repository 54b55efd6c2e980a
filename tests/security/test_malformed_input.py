"""Malformed input gets a 400 or a normal page, never a 5xx (docs/operations.md "Faults").

The addresses are derived, not listed: the demo content's page tree, every named route of the URL resolver
and every sub-route of each routable page, then whatever those pages link to or send forms to, crawled
anonymously and, for what the anonymous visitor is not shown and for forms, as a signed-in resident. Route
parameters are filled with values met on the way (a real idea number, a real organisation), else with a
stand-in. Each address is asked with every query parameter it is known to read (its links and GET forms, the
names our views read from request.GET, the parameters Wagtail's API declares), once per malformed value, and
with malformed path segments; each form is sent as a person fills it in and as a crafted request.
"""

import re
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, unquote, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from tests.participation.conftest import one_question_survey

# Values as they travel, percent-encoded where a browser would encode them; long enough for fields that ask
# for a few words.
NUL = "Hallo%20Welt%00und%20mehr"
VALUES = {
    "NUL": NUL,
    # Quotes, a backslash, unbalanced parentheses, search syntax (SQLite FTS5, PostgreSQL tsquery), invalid
    # UTF-8, the bytes of a lone surrogate and a word of 10,000 characters, in one value: whatever one of them
    # breaks, this breaks (views cut long values at the end, so the syntax comes first).
    "syntax": "a%22%20OR%20(b'%20%5C%20AND%20*%20NOT%20%22c%20-d%20%ff%fe%ed%a0%80%20" + "x" * 10_000,
    "negative number": "-1",
    "huge number": "99999999999999999999",
}
PATH_VALUES = {"NUL": "a%00b", "syntax": "%ff%fe%ed%a0%80%22'%5C("}  # a path segment cannot be 10,000 long
# Headers are input too, though nothing here stores one: every GET carries these.
HEADER = "a\x00b\" OR ('\\ " + "x" * 1000
HEADERS = {"HTTP_REFERER": "http://testserver/de/" + HEADER, "HTTP_USER_AGENT": HEADER,
           "HTTP_ACCEPT_LANGUAGE": HEADER, "HTTP_X_FORWARDED_FOR": HEADER}
# Parameters that only act beside another: Wagtail's API reads search_operator only with a search.
COMPANIONS = {"search_operator": "search=a"}

SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")  # staff screens (not public); files
STAND_INS = ["1", "x", "2026", "ID-2026-1", "0" * 32, str(uuid.UUID(int=1))]  # route parameters met nowhere
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@dataclass
class Form:
    action: str
    fields: list  # (name, kind, value, options, hidden from people)
    client: Client


@dataclass
class Endpoint:
    path: str
    kwargs: dict
    declared: set | None  # the parameters the view declares (Wagtail's API), else None
    params: set = field(default_factory=set)
    numeric: set = field(default_factory=set)  # parameters seen with a number (?page=2, a number field)
    forms: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)  # client: status code


# --- reading pages -----------------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageReader(HTMLParser):
    """Links and forms of one HTML page, with the fields no person sees (inside aria-hidden) marked."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self.open = [], [], []
        self.form = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.open.append((tag, attrs.get("aria-hidden") == "true"))
        hidden = any(flag for _, flag in self.open)
        if tag in ("a", "link", "area") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.form = {"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower(),
                         "fields": []}
            self.forms.append(self.form)
        elif tag == "option" and self.select is not None:
            self.select[3].append(attrs.get("value", ""))
        elif self.form is not None and attrs.get("name"):
            name = attrs["name"]
            if tag == "input":
                kind = (attrs.get("type") or "text").lower()
                checked = kind not in ("checkbox", "radio") or "checked" in attrs
                self.form["fields"].append((name, kind, attrs.get("value", "on" if kind == "checkbox" else "")
                                            if checked else None, [attrs.get("value", "on")], hidden))
            elif tag == "button" and attrs.get("type", "submit") == "submit":
                self.form["fields"].append((name, "button", attrs.get("value", ""), [], hidden))
            elif tag in ("select", "textarea"):
                self.form["fields"].append((name, tag, "" if tag == "textarea" else None, [], hidden))
                self.select = self.form["fields"][-1] if tag == "select" else None

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        while self.open:
            if self.open.pop()[0] == tag:
                break


# --- what there is to ask ----------------------------------------------------------------------------------------


def _routes(patterns, prefix="", namespace=""):
    """(pattern text, full name) of every route under the root URLconf."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}"


def _filled(reverse_with, names, pool):
    """A route's address, each parameter a value met on the way if it fits the route, else a stand-in."""
    kwargs = {}
    for name in names:
        for candidate in [*pool.get(name, [])[:1], *STAND_INS]:
            try:
                reverse_with({**dict.fromkeys(names, STAND_INS[0]), **kwargs, name: candidate})
            except NoReverseMatch:
                continue
            kwargs[name] = candidate
            break
    try:
        return reverse_with(kwargs)
    except NoReverseMatch:
        return None


def route_addresses(pool):
    """One address for each named route of the URL resolver and each sub-route of every routable page."""
    addresses = []
    with translation.override(settings.LANGUAGE_CODE):
        for text, name in _routes(get_resolver().url_patterns):
            names = [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", text)]
            address = _filled(lambda kwargs, name=name: reverse(name, kwargs=kwargs), names, pool)
            if address:
                addresses.append(address)
        for page in Page.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).specific():
            if isinstance(page, RoutablePageMixin):
                for pattern in page.get_resolver().url_patterns:
                    sub = _filled(lambda kwargs, page=page, name=pattern.name: page.reverse_subpage(
                        name, kwargs=kwargs), list(pattern.pattern.regex.groupindex), pool)
                    if sub is not None:
                        addresses.append(page.url + sub)
    return addresses


def query_parameters_in_source():
    """Every name our views read from request.GET (mail links' ?token=, ?next=, …), sent to every address."""
    names = set()
    for folder in ("site", "participation", "volunteering", "blog", "accessibility"):
        for path in (settings.PROJECT_ROOT / folder).rglob("*.py"):
            names |= set(re.findall(r"request\.GET(?:\.get(?:list)?\(|\[)\s*[\"'](\w+)[\"']", path.read_text()))
    return names


class Routes:
    """What answers an address: a view's route name, or a page type and its sub-route; with the route's
    parameters. Two blog posts are one endpoint. Pages are found by their address, as Wagtail routes them,
    without walking the tree for each of the hundreds of links on the way."""

    def __init__(self):
        self.pages = {page.url: page for page in Page.objects.live().specific() if page.url}
        self.known = {}

    def __call__(self, path):
        if path not in self.known:
            self.known[path] = self._key(path)
        return self.known[path]

    def _key(self, path):
        try:
            match = resolve(path)
        except Resolver404:
            return None, {}
        if match.url_name != "wagtail_serve":
            return match.view_name, match.kwargs
        prefix = path
        while prefix not in self.pages and prefix.count("/") > 1:
            prefix = prefix.rstrip("/").rsplit("/", 1)[0] + "/"
        page = self.pages.get(prefix)
        if page is None:
            return None, {}
        if isinstance(page, RoutablePageMixin):
            try:
                view, args, kwargs = page.resolve_subpage("/" + path[len(prefix):])
            except Resolver404:
                return None, {}
            # A routable page's configuration can change its forms (a survey for holders of an access code):
            # each page and its translations is its own endpoint.
            return (f"{page._meta.label}:{view.__name__}", page.translation_key), kwargs
        return (page._meta.label, {"slug": page.slug}) if prefix == path else (None, {})


def _declared_parameters(path):
    """The query parameters a view declares (Wagtail's API: its operations and filterable fields; it answers
    400 to any other), or None."""
    view_class = getattr(resolve(path).func, "cls", None)
    if not hasattr(view_class, "known_query_parameters"):
        return None
    return set(view_class.known_query_parameters) | set(
        view_class.get_available_fields(view_class.model, db_fields_only=True))


def person_fills(form, value):
    """The form as a person sends it: what they see and can type into holds the value (an address field a
    valid address, so the form gets as far as it can), choices are made, hidden fields stay as rendered."""
    data, pressed = defaultdict(list), False
    for name, kind, rendered, options, hidden in form.fields:
        if kind in ("button", "submit"):
            if not pressed:  # a person presses one button
                data[name].append(rendered)
                pressed = True
        elif hidden or kind == "hidden":
            if rendered is not None:
                data[name].append(rendered)
        elif kind in ("select", "radio"):
            if not data[name]:
                data[name].append(next((option for option in options if option), ""))
        elif kind == "checkbox":
            data[name].append(options[0])
        elif kind == "email":
            data[name].append("person@example.org")
        elif kind != "file":
            data[name].append(value)
    return data


def discover(anonymous, resident, sign_in):
    """Crawl from the page tree and the routes; {route key: Endpoint}. `sign_in` signs the resident in again
    after a form signed them out."""
    route_key = Routes()
    endpoints, pool = {}, defaultdict(list)
    fetched = {anonymous: set(), resident: set()}

    def note(address):
        parts = urlsplit(address)
        if (parts.netloc and parts.netloc != "testserver") or parts.scheme not in ("", "http", "https"):
            return None
        if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
            return None
        key, kwargs = route_key(parts.path)
        if key is None:
            return None
        for name, value in kwargs.items():
            if value not in pool[name]:
                pool[name].append(value)
        if key not in endpoints:
            endpoints[key] = Endpoint(parts.path, kwargs, _declared_parameters(parts.path))
        query = parse_qsl(parts.query, keep_blank_values=True)
        endpoints[key].params |= {name for name, _ in query}
        endpoints[key].numeric |= {name for name, value in query if value.isdigit()}
        return key

    def crawl(client, seeds, wanted=lambda endpoint: True):
        queue = deque(seeds)
        while queue:
            key = note(queue.popleft())
            if key is None or key in fetched[client] or not wanted(endpoints[key]):
                continue
            fetched[client].add(key)
            endpoint = endpoints[key]
            response = client.get(endpoint.path)
            endpoint.answers[client] = response.status_code
            if "html" not in response.get("Content-Type", ""):
                continue
            reader = PageReader()
            reader.feed(response.content.decode("utf-8", "replace"))
            queue.extend(reader.links)
            for found in reader.forms:
                action = found["action"] or endpoint.path
                target = note(action)
                if target is None:
                    continue
                if found["method"] == "get":
                    endpoints[target].params |= {name for name, *_ in found["fields"]}
                    endpoints[target].numeric |= {name for name, kind, *_ in found["fields"] if kind == "number"}
                    continue
                names = tuple(sorted(name for name, *_ in found["fields"]))
                if names not in endpoints[target].forms:
                    form = endpoints[target].forms[names] = Form(action, found["fields"], client)
                    # A form nobody types into (start a survey, support an idea) leads on: follow it once.
                    if all(kind in ("hidden", "button") or hidden for _, kind, _, _, hidden in form.fields):
                        sent = client.post(action, person_fills(form, ""))
                        sign_in()
                        if sent.status_code in (301, 302, 303):
                            queue.append(sent["Location"])
                queue.append(action)

    parameterless = [address for address in route_addresses({}) if not route_key(address)[1]]
    crawl(anonymous, list(route_key.pages) + parameterless)
    crawl(anonymous, route_addresses(pool))  # routes with parameters, filled with those met on the way
    # As the resident: what the anonymous visitor was sent to sign in for, and the forms, which may differ
    # when signed in.
    crawl(resident, [endpoint.path for endpoint in endpoints.values()],
          lambda endpoint: 300 <= endpoint.answers.get(anonymous, 300) < 400 or endpoint.forms)
    source_parameters = query_parameters_in_source()
    for endpoint in endpoints.values():
        endpoint.params = endpoint.declared if endpoint.declared is not None else endpoint.params | source_parameters
    return endpoints


# --- asking ------------------------------------------------------------------------------------------------------


def _query(params, value, arrays):
    """Every parameter with the value, also as an array (`a[]=`) if asked."""
    parts = []
    for name in sorted(params):
        parts.append(f"{quote(name)}={value}")
        if arrays:
            parts.append(f"{quote(name)}%5B%5D={value}")
        if name in COMPANIONS:
            parts.append(COMPANIONS[name])
    return "&".join(parts)


def _path_with(endpoint, value):
    """The address with the value in place of its last route parameter (a page's: its slug), else at the end
    of its last segment."""
    path = endpoint.path
    for original in reversed([str(v) for v in endpoint.kwargs.values()]):
        start = path.rfind(original)
        if start > 0:
            return path[:start] + value + path[start + len(original):]
    stem = path.rstrip("/")
    return stem + value + path[len(stem):]


def get_requests(endpoint, client):
    """(address, what) of every malformed GET to one endpoint, as the client it answered."""
    served = 200 <= endpoint.answers.get(client, 0) < 300 or endpoint.answers.get(client) == 400
    for name, value in VALUES.items():
        if not served and name not in ("NUL", "syntax"):
            continue  # an address that turned the visitor away (sign-in, permission, not found) read nothing yet
        if name == "negative number" and not endpoint.numeric and endpoint.declared is None:
            continue  # only where a number is asked for
        # Arrays with the short values: a query string of some hundred thousand characters is long enough.
        arrays = endpoint.declared is None and len(value) < 100
        yield f"{endpoint.path}?{_query(endpoint.params, value, arrays)}", name
        if served and endpoint.declared is not None and name != "NUL":
            # Wagtail's API answers 400 to the first bad parameter it meets: each one alone as well.
            for param in sorted(endpoint.params):
                yield f"{endpoint.path}?{_query({param}, value, arrays=False)}", f"{name} in {param}"
    for name, value in PATH_VALUES.items():
        if name == "NUL" or (served and endpoint.kwargs):
            yield _path_with(endpoint, value), f"{name} in the path"


def post_requests(form):
    """(data, what) of every malformed sending of one form: typed in by a person (files named with the
    value), and crafted (every field, hidden ones too)."""
    kinds = {kind for _, kind, *_ in form.fields}
    for name, value in VALUES.items():
        if name == "negative number" and "number" not in kinds:
            continue
        data = dict(person_fills(form, unquote(value)))
        for file_field in (field_name for field_name, kind, *_ in form.fields if kind == "file"):
            data[file_field] = [SimpleUploadedFile(f"{unquote(value)[:200]}.png", PNG, "image/png")]
        yield data, f"{name}, typed in"
        if name in ("NUL", "syntax"):
            yield "&".join(f"{quote(field_name)}={value}" for field_name, *_ in form.fields), f"{name}, crafted"


@pytest.fixture
def code_survey(demo_site):
    """An open survey for holders of an access code, so its code form is among the forms."""
    from participation.surveys.models import SurveyPage

    return one_question_survey("Umfrage mit Zugangscode", "umfrage-mit-code", SurveyPage.Audience.CODE)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_no_public_address_answers_malformed_input_with_a_server_error(code_survey, monkeypatch):
    from accounts.models import User

    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)  # forms get as far as they can
    resident = User.objects.create_user("rita.resident@example.org", "Ein-Langes-Passwort-1", display_name="Rita")
    anonymous, signed_in = Client(raise_request_exception=False), Client(raise_request_exception=False)

    def sign_in():
        if "_auth_user_id" not in signed_in.session:  # signed out by a form (sign out, delete account)
            signed_in.force_login(resident)

    sign_in()
    endpoints = discover(anonymous, signed_in, sign_in)
    asked, failures = 0, []

    def ask(client, address, data=None, what=""):
        nonlocal asked
        savepoint = transaction.savepoint()  # a database error in one request must not end the test's transaction
        if data is None:
            response = client.get(address, **HEADERS)
        elif isinstance(data, str):
            response = client.post(address, data, content_type="application/x-www-form-urlencoded")
        else:
            response = client.post(address, data)
        asked += 1
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {'GET' if data is None else 'POST'} {address[:160]} ({what})")
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
        if data is not None and client is signed_in:
            sign_in()

    for endpoint in endpoints.values():
        client = next((c for c in (anonymous, signed_in) if 200 <= endpoint.answers.get(c, 0) < 300), anonymous)
        for address, what in get_requests(endpoint, client):
            ask(client, address, what=what)
        for form in endpoint.forms.values():
            for data, what in post_requests(form):
                ask(form.client, form.action, data, what)
    # The crawl found the site: every app's addresses, the API, the forms of both visitors.
    assert len(endpoints) > 100 and sum(len(endpoint.forms) for endpoint in endpoints.values()) > 20
    assert failures == [], f"{len(failures)} of {asked} requests failed:\n" + "\n".join(failures)


# --- the cases the issue names, one by one ----------------------------------------------------------------------


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("address", [
    "/en/suche/?q=a%00b",
    "/de/ideen-digitale-beteiligung/?category=a%00b",
    "/de/engagement/?district=a%00b",
    "/en/engagement/kalender/a%00b.ics",
    "/en/digitalblog/schlagwort/a%00b/",
])
def test_a_nul_in_the_address_gets_the_400_page_in_the_visitors_language(client, demo_site, address):
    response = client.get(address)
    body = response.content.decode()
    language = address.split("/")[1]
    with translation.override(language):
        heading = gettext("The request could not be read")
    assert response.status_code == 400
    assert f'<html lang="{language}"' in body and body.count("<h1") == 1 and 'id="main"' in body
    assert heading in body and f'href="/{language}/"' in body
    assert "a\x00b" not in body and "a%00b" not in body  # nothing of what was sent is repeated


@pytest.mark.sqlite
@pytest.mark.django_db
def test_a_nul_in_an_access_code_or_an_idea_is_refused_and_nothing_is_saved(client, code_survey, monkeypatch):
    from participation.ideas.models import Idea
    from participation.surveys.models import SurveyResponse
    from tests.participation.conftest import PROCESS_URL, idea_data

    monkeypatch.setattr("core.antispam.MIN_FILL_SECONDS", 0)
    assert client.post(code_survey.url, {"code": "K7QM\x003XPA"}).status_code == 400
    idea = client.post(PROCESS_URL + "idee/neu/", idea_data(title="Trinkbrunnen\x00am Koberg"))
    assert idea.status_code == 400 and "Trinkbrunnen" not in idea.content.decode()
    assert not SurveyResponse.objects.filter(survey=code_survey).exists()
    assert not Idea.objects.filter(title__startswith="Trinkbrunnen").exists()


@pytest.mark.sqlite
@pytest.mark.django_db
def test_a_session_cookie_with_an_escaped_nul_gets_a_400(client, demo_site):
    # Python's cookie parser turns a quoted "\000" into a NUL; the session used to be looked up with it.
    response = client.get("/de/", HTTP_COOKIE='sessionid="abcdefgh\\000ijklmnopqrstuvwxyz"')
    assert response.status_code == 400


@pytest.mark.sqlite
@pytest.mark.django_db
def test_a_json_body_is_no_form_and_reaches_nothing(client, demo_site, monkeypatch):
    """Public views read forms only: a JSON body (here with a NUL and a lone surrogate, which JSON can carry
    and a form cannot) leaves the form empty, so the page comes back with its errors."""
    from participation.ideas.models import Idea
    from tests.participation.conftest import PROCESS_URL

    body = '{"title": "Trinkbrunnen\\u0000", "description": "\\ud800", "consent": "on"}'
    response = client.post(PROCESS_URL + "idee/neu/", body, content_type="application/json")
    assert response.status_code == 200 and 'class="kern-error"' in response.content.decode()
    assert not Idea.objects.filter(title__startswith="Trinkbrunnen").exists()


def test_a_lone_surrogate_is_refused_like_a_nul():
    """WSGI cannot deliver one (Django decodes broken UTF-8 to U+FFFD), but whatever decodes JSON or a future
    server's input could: the guard refuses it before a database sees it."""
    from django.http import QueryDict
    from django.test import RequestFactory

    from core.input_guard import refused_part

    request = RequestFactory().get("/de/suche/")
    request.GET = QueryDict(mutable=True)
    request.GET["q"] = "a\ud800b"
    assert refused_part(request) == "query"
    request.GET["q"] = "a\ufffdb"  # what Django makes of %ed%a0%80
    assert refused_part(request) is None


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("query", [
    "search=a%00b",
    "html_path=/de/a%00b/",
    "search=ROADS&search_operator=x",
    "first_published_at=gestern",
    "id=99999999999999999999",
])
def test_the_api_answers_malformed_values_with_a_400_in_json(client, demo_site, query):
    response = client.get(f"/api/v2/pages/{'find/' if 'html_path' in query else ''}?{query}")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_api_answers_an_offset_past_the_end_with_an_empty_page(client, demo_site):
    response = client.get("/api/v2/pages/?offset=99999999999999999999")
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["meta"]["total_count"] > 0
    assert client.get("/api/v2/pages/?search=ROADS&search_operator=AND").json()["meta"]["total_count"] > 0


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("words", ['"', '"ROADS"', "ROADS (", "* AND", "ROADS OR NOT", "x" * 10_000])
def test_search_syntax_is_searched_for_as_text(client, demo_site, words):
    page = client.get("/de/suche/", {"q": words})
    api = client.get("/api/v2/pages/", {"search": words})
    assert page.status_code == 200 and 'id="main"' in page.content.decode()
    assert api.status_code == 200
    if words in ('"ROADS"', "ROADS ("):  # syntax around a word does not stop it being found
        assert "baustellenmanagement-roads" in page.content.decode()
        assert api.json()["meta"]["total_count"] > 0
