from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site-wide Wagtail app: home and standard pages, shared blocks, navigation, base templates."""

    name = "core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from django.conf import settings
        from django.conf.locale import LANG_INFO
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.cache import invalidate
        from core.localize_drafts import hide_placeholder
        from core.registry import register_menu_link

        # Language tags Django does not know (Leichte Sprache) need an entry for get_language_info().
        LANG_INFO.update(getattr(settings, "EXTRA_LANG_INFO", {}))
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate, dispatch_uid=f"core.cache.{signal}")
        # Deleted pages and changed snippets (authors, categories, settings) change listings too.
        post_delete.connect(_invalidate_on_content_change, dispatch_uid="core.cache.delete")
        post_save.connect(_invalidate_on_content_change, dispatch_uid="core.cache.save")
        # BASE_URL, when set, is the default site's address (core.links): written into its Site at every migrate.
        post_migrate.connect(_follow_base_url, sender=self, dispatch_uid="core.links.sync")
        # Aliases in another language are placeholders for translations: never live (core/localize_drafts.py).
        post_save.connect(hide_placeholder, dispatch_uid="core.localize_drafts.hide_placeholder")
        # Every municipality's participation in one place (issue 26, core.region).
        register_menu_link(_("Region"), "region")


def _follow_base_url(sender, using="default", **kwargs):
    from django.conf import settings

    from core.links import sync_default_site

    if settings.BASE_URL:
        sync_default_site(using=using)


def _invalidate_on_content_change(sender, **kwargs):
    from core.cache import invalidate, renews_pages

    if renews_pages(sender):
        invalidate()
