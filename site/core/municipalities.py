"""The municipalities of one installation (issue 26): each is a Wagtail Site with its own tree and settings
(core.models.Municipality). This module sets one up in one step (`create`, the `create_municipality` command),
gives templates the current one (`current`, cached per host and content version) and serves its colours
(`theme_css`: the Content-Security-Policy forbids inline styles, so the accent is a small stylesheet per host).

Decisions:
- A municipality has a host name of its own (Wagtail's multi-site routing); several may share one PostgreSQL,
  Redis and Celery (docs/operations.md). The default site is Lübeck's.
- Creating one makes: its home page, its Site, its settings, its legal pages (Impressum, Datenschutz,
  Barrierefreiheit, each saying what still has to be written), the footer links to them, an image collection, and
  four groups named after it ("Wismar: Redaktion", …) whose page and collection permissions reach only its tree.
  No demo content.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.cache import chrome

LEGAL_PAGES = [  # (slug, title, footer setting)
    ("impressum", "Impressum", "imprint_page"),
    ("datenschutz", "Datenschutz", "privacy_page"),
    ("barrierefreiheit", "Erklärung zur Barrierefreiheit", "accessibility_page"),
]


@dataclass
class Current:
    """What every page shows of its municipality (picklable, kept in the frame cache)."""

    name: str
    accent: str
    logo_url: str
    languages: list
    default: bool


def _load(request):
    from wagtail.models import Site

    from core.models import Municipality

    site = Site.find_for_request(request)
    if site is None:
        return None
    town = Municipality.for_site(site)
    logo = town.logo.get_rendition("height-80").url if town.logo_id else ""
    return Current(town.display_name, town.accent_colour, logo, town.offered_languages(), site.is_default_site)


def current(request):
    """The municipality of the request's host (None without a site)."""
    return chrome(request, "municipality", lambda: _load(request))


def default_site_id():
    """The default Site's id (None before there is one): what rows that belong to a municipality fall back to when
    they were made without a request (demo content, tests, code)."""
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def districts_of(site_id):
    """A municipality's districts (Stadtteile, Ortsteile): those of its site; the default site's also those from
    before districts had a municipality (no site)."""
    from django.db.models import Q

    from core.models import District

    condition = Q(site_id=site_id)
    if site_id is None or site_id == default_site_id():
        condition |= Q(site__isnull=True)
    return District.objects.filter(condition)


def districts_here(request):
    """The districts of the municipality whose site the request is for: what a page's district filter offers."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return districts_of(site.pk if site is not None else None)


def districts_of_page(page):
    """The districts of the municipality whose tree holds `page` (an idea call, a survey)."""
    from core.staff_scope import site_of_page

    site = site_of_page(page)
    return districts_of(site.pk if site is not None else None)


def root_paths(site):
    """The tree paths of a municipality's home page and that page's translations (each language's home is a tree of
    its own): what lies below one of them belongs to the municipality."""
    from wagtail.models import Page

    return list(Page.objects.filter(translation_key=site.root_page.translation_key).values_list("path", flat=True))


def every_root_path(sites):
    """{site id: root paths} for `sites` (with their root pages) in one query."""
    from wagtail.models import Page

    keys = {}
    for key, path in Page.objects.filter(
            translation_key__in={site.root_page.translation_key for site in sites}).values_list("translation_key",
                                                                                                 "path"):
        keys.setdefault(key, []).append(path)
    return {site.pk: keys.get(site.root_page.translation_key, []) for site in sites}


def within(queryset, paths):
    """Pages below one of `paths` (none when there are none)."""
    from django.db.models import Q

    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return queryset.filter(condition) if paths else queryset.none()


def _root_paths(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return root_paths(site) if site is not None else []


def in_site(queryset, request):
    """Pages of the request's municipality only: below its home page or one of that page's translations (each
    language's home is a tree of its own). Wagtail's `in_site` knows only the one root."""
    paths = chrome(request, "site_root_paths", lambda: _root_paths(request))
    return within(queryset, paths) if paths else queryset


def offered_languages(request):
    town = current(request)
    return town.languages if town is not None else [code for code, _name in settings.LANGUAGES]


def _darker(hex_colour, share=0.25):
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - share)):02x}" for c in (r, g, b))


def theme_css(request):
    """The host's accent colour as CSS custom properties (KERN's action colour and the site's own)."""
    from core.models.municipality import DEFAULT_ACCENT

    town = current(request)
    accent = town.accent if town is not None else DEFAULT_ACCENT
    rules = f":root{{--mg-blue:{accent};--mg-blue-dark:{_darker(accent)};}}"
    if accent.lower() != DEFAULT_ACCENT:
        rules += (f":root{{--kern-color-action-default:{accent};}}"
                  ".site-header{border-bottom:4px solid var(--mg-blue);}")
    response = HttpResponse(rules + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def _groups_for(name, site, home, collection):
    """The four staff roles of the municipality: the platform's role permissions, page and collection permissions
    only on its own tree and collection, and a MunicipalStaff row each, so that lists, exports and dashboards show
    its members only this municipality (core.staff_scope)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    from accounts.roles import ROLES, _permission
    from core.models import MunicipalStaff

    groups = []
    for role, spec in ROLES.items():
        group, _created = Group.objects.get_or_create(name=f"{name}: {role}")
        MunicipalStaff.objects.update_or_create(group=group, defaults={"site": site, "role": role})
        group.permissions.add(*filter(None, (_permission(*dotted.split(".", 1)) for dotted in spec["permissions"])))
        for codename in spec["page_permissions"]:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
        for dotted in spec.get("collection_permissions", []):
            permission = _permission(*dotted.split(".", 1))
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(group=group, collection=collection,
                                                                permission=permission)
        groups.append(group)
    return groups


@transaction.atomic
def create(name, hostname, *, port=80, slug=None, kind="city", languages=(), accent_colour=None,
           contact_email="", return_address=""):
    """Set up a municipality: home page, Site, settings, legal pages, footer, collection and groups. Returns the
    Municipality. A host name that has a site already is refused (ValueError). Its first words are in the
    platform's default language, whatever language the caller is in."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return _create(name, hostname, port=port, slug=slug, kind=kind, languages=languages,
                       accent_colour=accent_colour, contact_email=contact_email, return_address=return_address)


def _create(name, hostname, *, port, slug, kind, languages, accent_colour, contact_email, return_address):
    from django.utils.text import slugify
    from wagtail.models import Collection, Locale, Page, Site

    from core.models import FooterSettings, HomePage, Municipality, StandardPage
    from core.models.municipality import DEFAULT_ACCENT, validate_accent

    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise ValueError(_("A site for %(host)s:%(port)s exists already.") % {"host": hostname, "port": port})
    accent_colour = accent_colour or DEFAULT_ACCENT
    validate_accent(accent_colour)
    slug = slug or slugify(name)
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    home = HomePage(title=name, slug=slug, locale=locale,
                    intro=_("Take part in %(name)s: ideas, surveys, events and volunteering.") % {"name": name})
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name)
    footer = FooterSettings.for_site(site)
    for page_slug, title, setting in LEGAL_PAGES:
        page = StandardPage(title=title, slug=page_slug, locale=locale,
                            intro=_("This page still has to be written by %(name)s.") % {"name": name})
        home.add_child(instance=page)
        page.save_revision().publish()
        setattr(footer, f"{setting}_id", page.pk)
    footer.save()
    town = Municipality.for_site(site)
    town.name, town.kind, town.accent_colour = name, kind, accent_colour
    town.languages, town.contact_email, town.return_address = list(languages), contact_email, return_address
    town.full_clean(exclude=["site", "logo"])
    town.save()
    collection = Collection.get_first_root_node().add_child(name=name)
    _groups_for(name, site, home, collection)
    return town


class LanguageSetMiddleware:
    """A language the host's municipality does not offer (Wismar without Arabic, say): its addresses redirect to
    the same address in the platform's default language, so no page shows in a language the site does not keep."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseRedirect
        from django.utils import translation

        language = translation.get_language()
        prefix = f"/{language}/"
        if request.path.startswith(prefix) and language not in offered_languages(request):
            target = f"/{settings.LANGUAGE_CODE}/" + request.path[len(prefix):]
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(target + (f"?{query}" if query else ""))
        return self.get_response(request)
