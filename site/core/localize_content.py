"""Translating a page with wagtail-localize's own workflow from code: the same steps as an editor who
downloads the PO file of a translation, fills it and uploads it again (the demo content uses it, and
tests use it to make translated surveys exactly as editors would)."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


def translate_page(page, language, mapping, *, user=None, publish=True):
    """Create or update the translation of `page` into `language`. `mapping` maps each source string to
    its translation; strings it lacks stay in the source language (as wagtail-localize shows them until
    someone translates them). Returns (translated page, [source strings left untranslated])."""
    locale = Locale.objects.get(language_code=language)
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing = []
    for entry in po:
        if entry.msgid in mapping:
            entry.msgstr = mapping[entry.msgid]
        else:
            missing.append(entry.msgid)
    translation.import_po(po, user=user, tool_name="PO upload")
    # Saved as a draft, then published here and now: wagtail-localize's own publish waits for the
    # transaction to commit, and the caller may want the live page before that. Publishing from here is
    # deliberate and unreviewed (demo content, tests), so it passes a workflow on purpose (core.publishing).
    translation.save_target(user=user, publish=False)
    translated = page.get_translation(locale).specific
    if publish:
        translated.get_latest_revision().publish(user=user, skip_permission_checks=True)
        translated.refresh_from_db()
    return translated, missing
