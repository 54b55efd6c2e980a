from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.userbar import ContentCheckerItem

from accounts.roles import is_analyst
from core import dashboards, export_views, file_views, retention_views
from core.cache import mark_cacheable
from core.exports import may_export
from core.panels import actions_for

hooks.register("before_serve_page", mark_cacheable)


@hooks.register("register_admin_urls")
def register_dashboards_url():
    return [path("dashboards/", dashboards.overview, name="dashboards"),
            path("retention/", retention_views.retention_rules, name="core_retention_rules")]


@hooks.register("register_settings_menu_item")
def register_retention_menu_item():
    return MenuItem(_("Retention rules"), reverse_lazy("core_retention_rules"), icon_name="time", order=902)


class DashboardsMenuItem(MenuItem):
    """Shown to analysts only (everybody else gets a 403 page there)."""

    def is_shown(self, request):
        return is_analyst(request.user)


@hooks.register("register_admin_menu_item")
def register_dashboards_menu_item():
    return DashboardsMenuItem(_("Dashboards"), reverse_lazy("dashboards"), icon_name="table", order=240)


class ExportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_export(request.user)


@hooks.register("register_admin_menu_item")
def register_exports_menu_item():
    return ExportsMenuItem(_("Exports"), reverse_lazy("core_exports"), icon_name="download", order=290)


class ExportLogMenuItem(MenuItem):
    def is_shown(self, request):
        return export_views.may_read_log(request.user)


@hooks.register("register_settings_menu_item")
def register_export_log_menu_item():
    return ExportLogMenuItem(_("Export log"), reverse_lazy("core_export_log"), icon_name="list-ul", order=900)


class DownloadLogMenuItem(MenuItem):
    def is_shown(self, request):
        return file_views.may_read_download_log(request.user)


@hooks.register("register_settings_menu_item")
def register_download_log_menu_item():
    return DownloadLogMenuItem(_("Download log"), reverse_lazy("core_download_log"), icon_name="list-ul", order=901)


@hooks.register("register_admin_urls")
def export_admin_urls():
    job = "exports/<uuid:job_uuid>/"
    return [
        path("exports/", export_views.export_form, name="core_exports"),
        path("exports/mine/", export_views.my_jobs, name="core_export_list"),
        path("exports/log/", export_views.export_log, name="core_export_log"),
        path(job, export_views.job_detail, name="core_export_job"),
        path(job + "status/", export_views.job_status, name="core_export_job_status"),
        path(job + "download/", export_views.job_download, name="core_export_download"),
    ]


@hooks.register("register_admin_urls")
def file_admin_urls():
    return [
        path("downloads/log/", file_views.download_log, name="core_download_log"),
        path("avatars/<int:user_id>/<str:name>", file_views.avatar, name="core_avatar"),
    ]


# Profile pictures are in the private storage (core.files): the admin shows them through a staff-only view.
hooks.register("get_avatar_url", file_views.avatar_url)


class SiteContentChecker(ContentCheckerItem):
    """Wagtail's content checker (in the editor and the preview) with the rules that matter here:
    Wagtail's own content rules plus missing image text and table structure, which editors control."""

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "table-duplicate-name",
        "th-has-data-cells",
        "td-has-header",
        "list",
        "listitem",
    ]


@hooks.register("construct_wagtail_userbar")
def use_site_content_checker(request, items, page):
    items[:] = [
        SiteContentChecker(in_editor=item.in_editor) if type(item) is ContentCheckerItem else item for item in items
    ]


@hooks.register("register_page_header_buttons")
def page_action_buttons(page, user, view_name, next_url=None):
    """The feature apps' page actions (core.panels) in the header's "…" menu too."""
    for action in actions_for(page, user):
        yield PageMenuItem(action.label, action.url, icon_name=action.icon, priority=action.priority, page=page)


@hooks.register("insert_global_admin_css")
def global_admin_css():
    """Our admin additions (core/static/core/admin/admin.css), served from this site like every asset."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("core/admin/admin.css"))
