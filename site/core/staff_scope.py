"""What a municipality's staff may see (issue 26): staff of one municipality (members of its groups, see
`core.models.MunicipalStaff`) see and change only its pages, ideas, surveys, paper, exports and dashboards; the
region's staff (superusers and the platform's own role groups) see every municipality. Every staff list, export,
dashboard and object view filters through here, with the role that opens it (`accounts.roles`).

- `pages(queryset, user, *roles, through="process")`: pages (or rows pointing at a page) of the user's municipalities.
- `sites(queryset, user, *roles, field="site")`: rows that name their site.
- `allows_page(user, page, *roles)` / `allows_site(...)`: one object, for detail views (404 otherwise: a staff member
  of Wismar learns nothing of Lübeck's ideas, not even that one exists).
- `ScopedViewSetMixin`: a snippet viewset's list and object views, through a page or a
  site field.
- `site_of_page(page)`: the municipality whose tree holds a page (translations included).

A page belongs to a municipality when it lies below that site's home page or one of the home page's translations
(each language's home is a tree of its own), as `core.municipalities.root_paths` says.
"""

from django.db.models import Q
from django.http import Http404

from accounts.roles import role_sites


def _paths(site_ids):
    from wagtail.models import Page, Site

    keys = Site.objects.filter(pk__in=site_ids).values_list("root_page__translation_key", flat=True)
    return list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def _below(paths, prefix):
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def pages(queryset, user, *roles, through=""):
    """`queryset` narrowed to the user's municipalities; `through` names the foreign key to a page ("process",
    "form_version__page"), empty for a page queryset."""
    site_ids = role_sites(user, *roles)
    if site_ids is None:
        return queryset
    return queryset.filter(_below(_paths(site_ids), f"{through}__" if through else ""))


def sites(queryset, user, *roles, field="site"):
    site_ids = role_sites(user, *roles)
    return queryset if site_ids is None else queryset.filter(**{f"{field}__in": site_ids})


def site_of_page(page):
    """The Site whose tree (in any language) holds `page`; None for a page outside every site's tree."""
    from wagtail.models import Site

    from core.municipalities import every_root_path

    sites = list(Site.objects.select_related("root_page"))
    paths = every_root_path(sites)
    return next((site for site in sites if any(page.path.startswith(path) for path in paths[site.pk])), None)


def municipality_name(page):
    """The name of the municipality whose tree holds `page` ("" for none)."""
    from core.models import Municipality

    site = site_of_page(page)
    return Municipality.for_site(site).display_name if site is not None else ""


def allows_page(user, page, *roles):
    site_ids = role_sites(user, *roles)
    if site_ids is None:
        return True
    return any(page.path.startswith(path) for path in _paths(site_ids))


def allows_site(user, site_id, *roles):
    site_ids = role_sites(user, *roles)
    return site_ids is None or site_id in site_ids


def require_page(user, page, *roles):
    """For detail views: a page outside the user's municipalities is not found."""
    if not allows_page(user, page, *roles):
        raise Http404


class _ObjectInScope:
    """Wagtail's object views (edit, inspect, delete, history, usage) of a scoped viewset: another municipality's
    object is not found."""

    scoped_viewset = None

    def get_object(self, *args, **kwargs):  # the history and usage views' get_object takes no queryset
        found = super().get_object(*args, **kwargs)
        if not self.scoped_viewset.get_queryset(self.request).filter(pk=found.pk).exists():
            raise Http404
        return found


class ScopedViewSetMixin:
    """For a Wagtail SnippetViewSet whose rows belong to a municipality through a page: its list shows the user's
    municipalities' rows only, and its object views refuse the others. Set `scope_roles` and `scope_through`
    (the foreign key to the page, e.g. "process" or "idea__process"), or `scope_site_field` for rows that name
    their site."""

    scope_roles = ()
    scope_through = ""
    scope_site_field = ""  # rows that name their site instead (a barrier report: the site it came in at)
    scoped_views = ("edit_view_class", "inspect_view_class", "delete_view_class", "history_view_class",
                    "usage_view_class")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.scoped_views:
            view = getattr(self, name)
            setattr(self, name, type(view.__name__, (_ObjectInScope, view), {"scoped_viewset": self}))

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        if self.scope_site_field:
            return sites(queryset, request.user, *self.scope_roles, field=self.scope_site_field)
        return pages(queryset, request.user, *self.scope_roles, through=self.scope_through)

