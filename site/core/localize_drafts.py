"""A new translation stays a draft until a person publishes it (issue 21).

wagtail-localize publishes in three places without anyone having translated a word: "Translate this page"
(also with its subpages) publishes the copy whenever the original is live, "Sync translated pages" offers
"Publish immediately", which puts the German changes live in every language at once (and past the blog's
four-eyes workflow), and a page translated before its parent gets the parent as an alias of the German page
(Wagtail keeps aliases live and re-publishes them with the original). Here:

- `WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False` (settings): "Translate" saves drafts.
- `SyncTranslationsView`: "Sync translated pages" without "Publish immediately" (config/urls.py puts it at
  wagtail-localize's own address); the translations are published from the translation editor.
- `hide_placeholder` (post_save, core/apps.py): an alias of a page in another language is a placeholder for
  a translation, kept offline.
"""

from wagtail.admin.auth import require_admin_access
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView


class SyncTranslationsForm(UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["publish_translations"]

    def clean(self):
        cleaned = super().clean()
        cleaned["publish_translations"] = False  # wagtail-localize's view reads it
        return cleaned


class SyncTranslationsView(UpdateTranslationsView):
    def get_form(self):
        return SyncTranslationsForm(self.request.POST if self.request.method == "POST" else None)


sync_translations = require_admin_access(SyncTranslationsView.as_view())


def hide_placeholder(sender, instance, **kwargs):
    """post_save: a live alias of a page in another language goes offline (it shows untranslated text)."""
    if not isinstance(instance, Page) or not instance.alias_of_id or not instance.live:
        return
    if Page.objects.filter(pk=instance.alias_of_id).exclude(locale_id=instance.locale_id).exists():
        Page.objects.filter(pk=instance.pk).update(live=False, has_unpublished_changes=True)
        instance.live, instance.has_unpublished_changes = False, True
