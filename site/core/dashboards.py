"""The analysts' dashboards overview in the Wagtail admin, and what every dashboard shares: only analysts see
them (`accounts.roles.is_analyst`; other staff get a 403 page) and each has the same header.

Feature apps add to the overview through two Wagtail hooks, so core imports none of them:
- ``register_dashboard_section``: ``(request) -> HTML or ""``, a table of the app's pages with their totals (idea
  calls, surveys), in hook order;
- ``register_dashboard_summary``: ``(request) -> {"title", "url", "figures": [(label, value)]}`` or None, a short
  summary linking to the app's own dashboard (volunteering).
"""

from functools import wraps

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts.roles import ANALYSTS, is_analyst

SECTION_HOOK = "register_dashboard_section"
SUMMARY_HOOK = "register_dashboard_summary"


def analysts_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_analyst(request.user):
            return TemplateResponse(request, "core/charts/forbidden.html",
                                    {"page_title": _("Dashboards"), "header_title": _("Dashboards")}, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def in_municipality(view):
    """A page's dashboard or report for staff of the page's municipality (and the region's): another
    municipality's page is not found (core.staff_scope)."""

    @wraps(view)
    def wrapped(request, page_id, *args, **kwargs):
        from wagtail.models import Page

        from core import staff_scope

        page = Page.objects.filter(pk=page_id).only("path").first()
        if page is not None and request.user.is_authenticated:
            staff_scope.require_page(request.user, page, ANALYSTS)
        return view(request, page_id, *args, **kwargs)

    return wrapped


def page_dashboard_urls(kind, dashboard, report, name):
    """The admin addresses of a page's dashboard and its printable report: dashboards/<kind>/<page id>/ and
    …/report/, named `<name>_dashboard` and `<name>_report` (idea calls and surveys); each only for staff of the
    page's municipality."""
    prefix = f"dashboards/{kind}/<int:page_id>/"
    return [path(prefix, in_municipality(dashboard), name=f"{name}_dashboard"),
            path(prefix + "report/", in_municipality(report), name=f"{name}_report")]


def dashboard_context(title, **extra):
    return {"page_title": title, "header_title": title, "header_icon": "table",
            "overview_url": reverse("dashboards"), **extra}


@analysts_only
def overview(request):
    # Sections are HTML the apps rendered from their own templates (autoescaped there).
    sections = [mark_safe(html) for hook in hooks.get_hooks(SECTION_HOOK) if (html := hook(request))]  # noqa: S308
    others = [summary for hook in hooks.get_hooks(SUMMARY_HOOK) if (summary := hook(request))]
    return TemplateResponse(request, "core/dashboards/overview.html", dashboard_context(
        _("Dashboards"), sections=sections, others=others, is_overview=True,
    ))
