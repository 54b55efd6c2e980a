from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

from core.cache import mark_cacheable

hooks.register("before_serve_page", mark_cacheable)


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
