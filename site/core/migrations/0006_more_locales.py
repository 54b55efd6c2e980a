"""A Wagtail locale for every language in settings.LANGUAGES added in issue 11: Leichte Sprache, Turkish,
Arabic and Ukrainian (German and English came with 0002)."""

from django.db import migrations

CODES = ["de-x-ls", "tr", "ar", "uk"]


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for code in CODES:
        Locale.objects.get_or_create(language_code=code)


def remove_locales(apps, schema_editor):
    # Only locales nothing is written in yet; anything else keeps its locale.
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    for locale in Locale.objects.filter(language_code__in=CODES):
        if not Page.objects.filter(locale=locale).exists():
            locale.delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_exports")]

    operations = [migrations.RunPython(add_locales, remove_locales)]
